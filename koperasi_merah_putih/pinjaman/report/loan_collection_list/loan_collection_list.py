# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Loan Collection List: the instalments due and overdue up to a date, per collector area (the member's
RW), for the Kasir's rounds.

One row per open instalment of an active loan that fell due by the date, with what is still owed on it
(principal, interest, denda) and the days it is overdue; each RW ends with a subtotal row.
"""

from itertools import groupby

import frappe
from frappe import _
from frappe.utils import date_diff, flt, getdate, today

PRECISION = 2
AMOUNTS = ("principal_due", "interest_due", "denda_due", "total_due")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	rows = get_rows(filters)
	data = with_subtotals(rows)
	return get_columns(), data, None, None, get_summary(rows, filters)


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	filters.as_of_date = getdate(filters.as_of_date or today())


def get_columns() -> list[dict]:
	return [
		{"label": _("RW"), "fieldname": "rw", "fieldtype": "Data", "width": 70},
		{"label": _("RT"), "fieldname": "rt", "fieldtype": "Data", "width": 60},
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 130,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 160},
		{"label": _("Address"), "fieldname": "address", "fieldtype": "Data", "width": 180},
		{"label": _("Phone"), "fieldname": "phone", "fieldtype": "Data", "width": 110},
		{
			"label": _("Member Loan"),
			"fieldname": "loan",
			"fieldtype": "Link",
			"options": "Member Loan",
			"width": 140,
		},
		{"label": _("Instalment No."), "fieldname": "instalment", "fieldtype": "Int", "width": 80},
		{"label": _("Due Date"), "fieldname": "due_date", "fieldtype": "Date", "width": 100},
		{"label": _("Days Overdue"), "fieldname": "days_overdue", "fieldtype": "Int", "width": 90},
		{"label": _("Principal Due"), "fieldname": "principal_due", "fieldtype": "Currency", "width": 120},
		{"label": _("Interest Due"), "fieldname": "interest_due", "fieldtype": "Currency", "width": 110},
		{"label": _("Denda Due"), "fieldname": "denda_due", "fieldtype": "Currency", "width": 100},
		{"label": _("Total Due"), "fieldname": "total_due", "fieldtype": "Currency", "width": 120},
	]


def get_rows(filters) -> list[frappe._dict]:
	loan = frappe.qb.DocType("Member Loan")
	row = frappe.qb.DocType("Member Loan Schedule")
	member = frappe.qb.DocType("Cooperative Member")
	condition = (
		(loan.company == filters.company)
		& (loan.docstatus == 1)
		& (loan.status == "Aktif")
		& (row.due_date <= filters.as_of_date)
	)
	if filters.loan_product:
		condition &= loan.loan_product == filters.loan_product
	if filters.rw:
		condition &= member.rw == filters.rw
	query = (
		frappe.qb.from_(row)
		.join(loan)
		.on((loan.name == row.parent) & (row.parenttype == "Member Loan") & (row.parentfield == "schedule"))
		.join(member)
		.on(member.name == loan.member)
		.select(
			member.rw,
			member.rt,
			loan.member,
			member.full_name.as_("member_name"),
			member.address,
			member.phone,
			loan.name.as_("loan"),
			row.instalment,
			row.due_date,
			row.principal,
			row.interest,
			row.denda,
			row.paid_principal,
			row.paid_interest,
			row.paid_denda,
			row.waived_interest,
		)
		.where(condition)
		.orderby(member.rw)
		.orderby(member.rt)
		.orderby(member.full_name)
		.orderby(loan.name)
		.orderby(row.instalment)
	)
	rows = []
	for r in query.run(as_dict=True):
		r.principal_due = flt(flt(r.principal) - flt(r.paid_principal), PRECISION)
		r.interest_due = flt(flt(r.interest) - flt(r.paid_interest) - flt(r.waived_interest), PRECISION)
		r.denda_due = flt(flt(r.denda) - flt(r.paid_denda), PRECISION)
		r.total_due = flt(r.principal_due + r.interest_due + r.denda_due, PRECISION)
		if r.total_due <= 0:
			continue
		r.days_overdue = max(date_diff(filters.as_of_date, r.due_date), 0)
		r.rw = r.rw or ""
		for field in ("principal", "interest", "denda", "paid_principal", "paid_interest", "paid_denda"):
			r.pop(field)
		r.pop("waived_interest")
		rows.append(r)
	return rows


def with_subtotals(rows) -> list[frappe._dict]:
	data = []
	for rw, group in groupby(rows, key=lambda r: r.rw):
		group = list(group)
		data.extend(group)
		subtotal = frappe._dict(
			rw=rw,
			member_name=_("Total RW {0}").format(rw) if rw else _("Total without RW"),
			is_subtotal=1,
		)
		for field in AMOUNTS:
			subtotal[field] = flt(sum(r[field] for r in group), PRECISION)
		data.append(subtotal)
	return data


def get_summary(rows, filters) -> list[dict]:
	overdue = [r for r in rows if r.days_overdue]
	return [
		{"value": len(rows), "label": _("Instalments Due"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": len({r.member for r in rows}),
			"label": _("Members to Visit"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": flt(sum(r.total_due for r in rows), PRECISION),
			"label": _("Total Due"),
			"datatype": "Currency",
			"indicator": "Blue",
		},
		{
			"value": flt(sum(r.total_due for r in overdue), PRECISION),
			"label": _("Overdue"),
			"datatype": "Currency",
			"indicator": "Red" if overdue else "Green",
		},
	]
