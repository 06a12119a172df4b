# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Loan Portfolio: every disbursed member loan as of a date, with what is still owed on it.

Outstanding principal is the loan amount less the principal of the repayments and of the write-off (hapus
buku) posted up to the date, so it is the loan's balance on the loan receivable account; a written-off loan
shows as Dihapusbukukan with nothing outstanding (what is recovered later is income, not receivable); interest and denda due are what the schedule
made due by the date less what repayments up to the date paid on those instalments. The summary checks
the portfolio against the general ledger: the outstanding principal of all loans on the receivable
accounts equals those accounts' GL balance (debit - credit), and a difference means a Journal Entry was
posted on a loan receivable account outside the loan vouchers (or a voucher's postings are broken).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate, today

PRECISION = 2
STATUSES = ("Aktif", "Lunas", "Dihapusbukukan")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	loans = get_loans(filters)
	rows = get_rows(loans, filters)
	data = [r for r in rows if not filters.status or r.status == filters.status]
	gl = get_gl_balance(filters, {loan.loan_receivable_account for loan in loans})
	outstanding = flt(sum(r.outstanding_principal for r in rows), PRECISION)
	summary = get_summary(data, outstanding, gl)
	message = get_message(outstanding, gl)
	return get_columns(), data, message, None, summary


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	if filters.status and filters.status not in STATUSES:
		frappe.throw(
			_(
				"Status {0} is not a loan status. Choose Aktif, Lunas or Dihapusbukukan, or leave it empty."
			).format(filters.status),
			frappe.ValidationError,
			title=_("Status"),
		)
	filters.as_of_date = getdate(filters.as_of_date or today())


def get_columns() -> list[dict]:
	return [
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
			"width": 140,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 170},
		{
			"label": _("Loan Product"),
			"fieldname": "loan_product",
			"fieldtype": "Link",
			"options": "Member Loan Product",
			"width": 150,
		},
		{"label": _("Disbursed On"), "fieldname": "posting_date", "fieldtype": "Date", "width": 105},
		{"label": _("Principal"), "fieldname": "loan_amount", "fieldtype": "Currency", "width": 130},
		{
			"label": _("Principal Outstanding"),
			"fieldname": "outstanding_principal",
			"fieldtype": "Currency",
			"width": 150,
		},
		{"label": _("Interest Due"), "fieldname": "interest_due", "fieldtype": "Currency", "width": 120},
		{"label": _("Denda Due"), "fieldname": "denda_due", "fieldtype": "Currency", "width": 110},
		{"label": _("Next Due Date"), "fieldname": "next_due_date", "fieldtype": "Date", "width": 110},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 90},
	]


def _loan_filter(loan, filters):
	condition = (
		(loan.company == filters.company) & (loan.docstatus == 1) & (loan.posting_date <= filters.as_of_date)
	)
	if filters.loan_product:
		condition &= loan.loan_product == filters.loan_product
	return condition


def get_loans(filters) -> list[frappe._dict]:
	loan = frappe.qb.DocType("Member Loan")
	return (
		frappe.qb.from_(loan)
		.select(
			loan.name,
			loan.member,
			loan.member_name,
			loan.loan_product,
			loan.posting_date,
			loan.loan_amount,
			loan.closed_on,
			loan.loan_receivable_account,
		)
		.where(_loan_filter(loan, filters))
		.orderby(loan.posting_date)
		.orderby(loan.name)
	).run(as_dict=True)


def get_principal_paid(filters) -> dict[str, float]:
	"""Principal of the repayments posted up to the date, per loan (what they credited the receivable)."""
	loan = frappe.qb.DocType("Member Loan")
	rep = frappe.qb.DocType("Member Loan Repayment")
	return dict(
		(
			frappe.qb.from_(rep)
			.join(loan)
			.on(loan.name == rep.member_loan)
			.select(rep.member_loan, Coalesce(Sum(rep.principal_amount), 0))
			.where(
				_loan_filter(loan, filters) & (rep.docstatus == 1) & (rep.posting_date <= filters.as_of_date)
			)
			.groupby(rep.member_loan)
		).run()
	)


def get_written_off(filters) -> dict[str, float]:
	"""Principal written off (Member Loan Write Off) up to the date, per loan."""
	loan = frappe.qb.DocType("Member Loan")
	wo = frappe.qb.DocType("Member Loan Write Off")
	return dict(
		(
			frappe.qb.from_(wo)
			.join(loan)
			.on(loan.name == wo.member_loan)
			.select(wo.member_loan, Coalesce(Sum(wo.outstanding_principal), 0))
			.where(
				_loan_filter(loan, filters) & (wo.docstatus == 1) & (wo.posting_date <= filters.as_of_date)
			)
			.groupby(wo.member_loan)
		).run()
	)


def get_paid_by_instalment(filters) -> dict[tuple[str, int], tuple[float, float, float]]:
	"""(loan, instalment) -> (principal, interest, denda) paid by repayments posted up to the date."""
	loan = frappe.qb.DocType("Member Loan")
	rep = frappe.qb.DocType("Member Loan Repayment")
	line = frappe.qb.DocType("Member Loan Repayment Allocation")
	rows = (
		frappe.qb.from_(line)
		.join(rep)
		.on((rep.name == line.parent) & (line.parenttype == "Member Loan Repayment"))
		.join(loan)
		.on(loan.name == rep.member_loan)
		.select(
			rep.member_loan,
			line.instalment,
			Coalesce(Sum(line.principal), 0),
			Coalesce(Sum(line.interest), 0),
			Coalesce(Sum(line.denda), 0),
		)
		.where(_loan_filter(loan, filters) & (rep.docstatus == 1) & (rep.posting_date <= filters.as_of_date))
		.groupby(rep.member_loan, line.instalment)
	).run()
	return {(name, int(number)): (flt(p), flt(i), flt(d)) for name, number, p, i, d in rows}


def get_schedules(filters) -> dict[str, list[frappe._dict]]:
	loan = frappe.qb.DocType("Member Loan")
	row = frappe.qb.DocType("Member Loan Schedule")
	schedules = defaultdict(list)
	for r in (
		frappe.qb.from_(row)
		.join(loan)
		.on((loan.name == row.parent) & (row.parenttype == "Member Loan") & (row.parentfield == "schedule"))
		.select(
			row.parent,
			row.instalment,
			row.due_date,
			row.principal,
			row.interest,
			row.denda,
			row.waived_interest,
		)
		.where(_loan_filter(loan, filters))
		.orderby(row.parent)
		.orderby(row.instalment)
	).run(as_dict=True):
		schedules[r.parent].append(r)
	return schedules


def get_rows(loans, filters) -> list[frappe._dict]:
	principal_paid = get_principal_paid(filters)
	written_off = get_written_off(filters)
	paid = get_paid_by_instalment(filters)
	schedules = get_schedules(filters)
	rows = []
	for loan in loans:
		interest_due = denda_due = 0.0
		next_due_date = None
		for r in schedules.get(loan.name, []):
			paid_p, paid_i, paid_d = paid.get((loan.name, int(r.instalment)), (0, 0, 0))
			interest_open = max(flt(r.interest) - paid_i - flt(r.waived_interest), 0)
			denda_open = max(flt(r.denda) - paid_d, 0)
			principal_open = max(flt(r.principal) - paid_p, 0)
			if next_due_date is None and (interest_open or denda_open or principal_open):
				next_due_date = r.due_date
			if getdate(r.due_date) <= filters.as_of_date:
				interest_due += interest_open
				denda_due += denda_open
		closed = loan.closed_on and getdate(loan.closed_on) <= filters.as_of_date
		if loan.name in written_off:
			# written off: off the books; interest and denda are no longer claimed as due
			interest_due = denda_due = 0.0
		rows.append(
			frappe._dict(
				loan=loan.name,
				member=loan.member,
				member_name=loan.member_name,
				loan_product=loan.loan_product,
				posting_date=loan.posting_date,
				loan_amount=flt(loan.loan_amount, PRECISION),
				outstanding_principal=flt(
					flt(loan.loan_amount)
					- flt(principal_paid.get(loan.name))
					- flt(written_off.get(loan.name)),
					PRECISION,
				),
				interest_due=flt(interest_due, PRECISION),
				denda_due=flt(denda_due, PRECISION),
				next_due_date=None if closed or loan.name in written_off else next_due_date,
				status="Dihapusbukukan" if loan.name in written_off else "Lunas" if closed else "Aktif",
			)
		)
	return rows


def get_gl_balance(filters, accounts: set[str]) -> float:
	"""debit - credit on the loans' receivable accounts up to the date, all parties."""
	accounts = [a for a in accounts if a]
	if not accounts:
		return 0.0
	gle = frappe.qb.DocType("GL Entry")
	(balance,) = (
		frappe.qb.from_(gle)
		.select(Coalesce(Sum(gle.debit - gle.credit), 0))
		.where(
			(gle.company == filters.company)
			& (gle.is_cancelled == 0)
			& (gle.posting_date <= filters.as_of_date)
			& gle.account.isin(accounts)
		)
	).run()[0]
	return flt(balance, PRECISION)


def get_summary(data, outstanding: float, gl: float) -> list[dict]:
	difference = flt(gl - outstanding, PRECISION)
	return [
		{"value": len(data), "label": _("Loans"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": flt(sum(r.outstanding_principal for r in data), PRECISION),
			"label": _("Principal Outstanding"),
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"value": flt(sum(r.interest_due for r in data), PRECISION),
			"label": _("Interest Due"),
			"datatype": "Currency",
			"indicator": "Orange",
		},
		{
			"value": flt(sum(r.denda_due for r in data), PRECISION),
			"label": _("Denda Due"),
			"datatype": "Currency",
			"indicator": "Orange",
		},
		{
			"value": gl,
			"label": _("Loan Receivable (GL)"),
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"value": difference,
			"label": _("Difference (GL - Principal Outstanding)"),
			"datatype": "Currency",
			"indicator": "Red" if difference else "Green",
		},
	]


def get_message(outstanding: float, gl: float) -> str | None:
	if not flt(gl - outstanding, PRECISION):
		return None
	return _(
		"The loan receivable GL balance differs from the principal outstanding of the loans. Open the loan receivable account in the General Ledger and look for Journal Entries posted on it outside the loan vouchers."
	)
