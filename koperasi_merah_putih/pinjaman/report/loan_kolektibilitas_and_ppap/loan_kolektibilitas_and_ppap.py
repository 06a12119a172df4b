# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Loan Kolektibilitas and PPAP: the active member loans by kolektibilitas class (aging), with the loss
allowance each class needs and the NPL ratio.

Days past due and class are what the daily loan run (:mod:`koperasi_merah_putih.pinjaman.loan_quality`)
last stored on each loan; "Classified On" says which day that was. The PPAP percents are those of
Cooperative Settings (``loan_quality.check_settings``) and the allowance is ``kolektibilitas.allowance``:
per loan on the loan's outstanding principal, and per class on the class's total, the figure the monthly
Loan Loss Provision posts (the per-loan figures, each rounded to the rupiah, may differ from it by a few
rupiah). NPL is ``kolektibilitas.npl_ratio``: Kurang Lancar, Diragukan and Macet over the whole portfolio.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.pinjaman.loan_balance import ACTIVE
from koperasi_merah_putih.pinjaman.loan_quality import CLASSES, check_settings

# The summary shows the NPL ratio red above this percent: the 5% OJK holds banks to, the yardstick
# cooperatives' supervisors commonly use too; orange for any NPL at all.
NPL_WARNING_PERCENT = 5


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	_ranges, percents = check_settings()
	loans = get_loans(filters)
	for loan in loans:
		loan.ppap_percent = flt(percents[loan.kolektibilitas])
		loan.allowance = kol.allowance({loan.kolektibilitas: loan.outstanding_principal}, percents)[
			loan.kolektibilitas
		]
	totals = class_totals(loans, percents)
	data = with_class_totals(loans, totals)
	return get_columns(), data, get_message(loans), get_chart(totals), get_summary(totals)


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	if filters.kolektibilitas and filters.kolektibilitas not in CLASSES:
		frappe.throw(
			_("{0} is not a kolektibilitas class. Choose one of {1}, or leave it empty.").format(
				filters.kolektibilitas, ", ".join(_(name) for name in CLASSES)
			),
			frappe.ValidationError,
			title=_("Kolektibilitas"),
		)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Kolektibilitas"),
			"fieldname": "kolektibilitas",
			"fieldtype": "Data",
			"width": 170,
		},
		{
			"label": _("Member Loan"),
			"fieldname": "loan",
			"fieldtype": "Link",
			"options": "Member Loan",
			"width": 150,
		},
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 130,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 170},
		{
			"label": _("Loan Product"),
			"fieldname": "loan_product",
			"fieldtype": "Link",
			"options": "Member Loan Product",
			"width": 140,
		},
		{"label": _("Loans"), "fieldname": "loan_count", "fieldtype": "Int", "width": 70},
		{
			"label": _("Principal Outstanding"),
			"fieldname": "outstanding_principal",
			"fieldtype": "Currency",
			"width": 150,
		},
		{"label": _("Days Past Due"), "fieldname": "days_past_due", "fieldtype": "Int", "width": 100},
		{"label": _("PPAP %"), "fieldname": "ppap_percent", "fieldtype": "Percent", "width": 80},
		{"label": _("Required Allowance"), "fieldname": "allowance", "fieldtype": "Currency", "width": 140},
		{"label": _("Non-Accrual"), "fieldname": "non_accrual", "fieldtype": "Check", "width": 90},
		{"label": _("Classified On"), "fieldname": "classified_on", "fieldtype": "Date", "width": 105},
	]


def get_loans(filters) -> list[frappe._dict]:
	"""The active loans with their stored class, worst class first, then most days past due."""
	loan = frappe.qb.DocType("Member Loan")
	condition = (loan.company == filters.company) & (loan.docstatus == 1) & (loan.status == ACTIVE)
	if filters.loan_product:
		condition &= loan.loan_product == filters.loan_product
	rows = (
		frappe.qb.from_(loan)
		.select(
			loan.name.as_("loan"),
			loan.member,
			loan.member_name,
			loan.loan_product,
			loan.outstanding_principal,
			loan.days_past_due,
			loan.kolektibilitas,
			loan.non_accrual,
			loan.denda_accrued_to.as_("classified_on"),
		)
		.where(condition)
		.orderby(loan.days_past_due, order=frappe.qb.desc)
		.orderby(loan.name)
	).run(as_dict=True)
	for row in rows:
		row.kolektibilitas = row.kolektibilitas or kol.LANCAR
		row.outstanding_principal = whole_rupiah(flt(row.outstanding_principal))
	if filters.kolektibilitas:
		rows = [row for row in rows if row.kolektibilitas == filters.kolektibilitas]
	order = {name: index for index, name in enumerate(CLASSES)}
	rows.sort(key=lambda row: -order[row.kolektibilitas])  # stable: keeps days past due order inside
	return rows


def class_totals(loans, percents) -> dict[str, frappe._dict]:
	"""Every class: loans, outstanding principal, PPAP percent and the allowance of the class total."""
	totals = {
		name: frappe._dict(loan_count=0, outstanding_principal=0, ppap_percent=flt(percents[name]))
		for name in CLASSES
	}
	for loan in loans:
		entry = totals[loan.kolektibilitas]
		entry.loan_count += 1
		entry.outstanding_principal += loan.outstanding_principal
	needed = kol.allowance({name: entry.outstanding_principal for name, entry in totals.items()}, percents)
	for name, entry in totals.items():
		entry.allowance = needed[name]
	return totals


def with_class_totals(loans, totals) -> list[frappe._dict]:
	"""The loans of each class (worst first), each class closed by its total row."""
	data = []
	for name in reversed(CLASSES):
		group = [loan for loan in loans if loan.kolektibilitas == name]
		if not group:
			continue
		for loan in group:
			loan.loan_count = 1
		data.extend(group)
		data.append(
			frappe._dict(
				kolektibilitas=name,
				member_name=_("Total {0}").format(_(name)),
				is_class_total=1,
				**totals[name],
			)
		)
	return data


def npl(totals) -> tuple[int, float]:
	"""Outstanding of the non-performing classes and the NPL ratio in percent."""
	outstanding = {name: entry.outstanding_principal for name, entry in totals.items()}
	return (
		sum(outstanding[name] for name in kol.NPL_CLASSES),
		flt(kol.npl_ratio(outstanding) * 100, 2),
	)


def get_summary(totals) -> list[dict]:
	npl_outstanding, ratio = npl(totals)
	return [
		{
			"value": sum(e.loan_count for e in totals.values()),
			"label": _("Loans"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": sum(e.outstanding_principal for e in totals.values()),
			"label": _("Principal Outstanding"),
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"value": sum(e.allowance for e in totals.values()),
			"label": _("Required Allowance (PPAP)"),
			"datatype": "Currency",
			"indicator": "Orange",
		},
		{
			"value": npl_outstanding,
			"label": _("Non-Performing Loans"),
			"datatype": "Currency",
			"indicator": "Red" if npl_outstanding else "Green",
		},
		{
			"value": ratio,
			"label": _("NPL Ratio"),
			"datatype": "Percent",
			"indicator": "Red" if ratio > NPL_WARNING_PERCENT else ("Orange" if ratio else "Green"),
		},
	]


def get_chart(totals) -> dict:
	return {
		"data": {
			"labels": [_(name) for name in CLASSES],
			"datasets": [
				{
					"name": _("Principal Outstanding"),
					"values": [totals[name].outstanding_principal for name in CLASSES],
				},
				{"name": _("Required Allowance"), "values": [totals[name].allowance for name in CLASSES]},
			],
		},
		"type": "bar",
		"fieldtype": "Currency",
		"colors": ["#2e7d32", "#b71c1c"],
	}


def get_message(loans) -> str | None:
	"""A note when the daily loan run has not classified every loan today (the scheduler is off, or it
	failed for a loan: see the Error Log)."""
	day = getdate(today())
	stale = [loan for loan in loans if not loan.classified_on or getdate(loan.classified_on) < day]
	if not stale:
		return None
	return _(
		"{0} of these loans were last classified before today. Their class and days past due are those of "
		"the last daily loan run; check that the scheduler is enabled and look in the Error Log."
	).format(len(stale))
