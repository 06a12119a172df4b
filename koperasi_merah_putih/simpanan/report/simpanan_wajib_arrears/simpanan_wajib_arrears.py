# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Simpanan Wajib Arrears: unpaid monthly Simpanan Wajib bills, per member (who owes, since when, how much)
or per period (how each month's billing was paid), with the unpaid total of every month as a chart."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Min, Sum

from koperasi_merah_putih.calculators.periods import is_period_key
from koperasi_merah_putih.exceptions import PeriodError

BY_MEMBER = "Member"
BY_PERIOD = "Period"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	by_period = get_period_rows(filters)
	if filters.group_by == BY_PERIOD:
		columns, data = get_period_columns(), by_period
	else:
		columns, data = get_member_columns(), get_member_rows(filters)
	return columns, data, None, get_chart(by_period), get_summary(filters)


def validate_filters(filters) -> None:
	filters.group_by = filters.group_by or BY_MEMBER
	for fieldname, label in (("from_period", _("From Period")), ("to_period", _("To Period"))):
		value = (filters.get(fieldname) or "").strip()
		if value and not is_period_key(value):
			frappe.throw(
				_("{0} must be a month written YYYY-MM, for example 2026-01; {1} is not.").format(
					label, value
				),
				PeriodError,
				title=_("Period"),
			)
		filters[fieldname] = value or None
	if filters.from_period and filters.to_period and filters.from_period > filters.to_period:
		frappe.throw(_("From Period cannot be after To Period."), PeriodError, title=_("Period"))


def base_query(filters):
	bill = frappe.qb.DocType("Savings Bill")
	query = frappe.qb.from_(bill)
	if filters.company:
		query = query.where(bill.company == filters.company)
	if filters.product:
		query = query.where(bill.product == filters.product)
	if filters.member:
		query = query.where(bill.member == filters.member)
	if filters.from_period:
		query = query.where(bill.period >= filters.from_period)
	if filters.to_period:
		query = query.where(bill.period <= filters.to_period)
	return query, bill


# ---------------------------------------------------------------------- per member
def get_member_columns() -> list[dict]:
	return [
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 150,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 200},
		{"label": _("Months Unpaid"), "fieldname": "months_unpaid", "fieldtype": "Int", "width": 110},
		{
			"label": _("Oldest Unpaid Period"),
			"fieldname": "oldest_unpaid_period",
			"fieldtype": "Data",
			"width": 140,
		},
		*_amount_columns(),
	]


def get_member_rows(filters) -> list[dict]:
	query, bill = base_query(filters)
	unpaid = bill.outstanding_amount > 0
	return (
		query.select(
			bill.member,
			Max(bill.member_name).as_("member_name"),
			Count(Case().when(unpaid, bill.name)).as_("months_unpaid"),
			Min(Case().when(unpaid, bill.period)).as_("oldest_unpaid_period"),
			Sum(bill.amount).as_("billed_amount"),
			Sum(bill.paid_amount).as_("paid_amount"),
			Sum(bill.outstanding_amount).as_("outstanding_amount"),
		)
		.groupby(bill.member)
		.having(Sum(bill.outstanding_amount) > 0)
		.orderby(Min(Case().when(unpaid, bill.period)))
		.orderby(bill.member)
	).run(as_dict=True)


# ---------------------------------------------------------------------- per period
def get_period_columns() -> list[dict]:
	return [
		{"label": _("Period"), "fieldname": "period", "fieldtype": "Data", "width": 110},
		{"label": _("Bills"), "fieldname": "bills", "fieldtype": "Int", "width": 90},
		*_amount_columns(),
		{"label": _("Members Unpaid"), "fieldname": "members_unpaid", "fieldtype": "Int", "width": 130},
	]


def get_period_rows(filters) -> list[dict]:
	query, bill = base_query(filters)
	return (
		query.select(
			bill.period,
			Count(bill.name).as_("bills"),
			Sum(bill.amount).as_("billed_amount"),
			Sum(bill.paid_amount).as_("paid_amount"),
			Sum(bill.outstanding_amount).as_("outstanding_amount"),
			Count(Case().when(bill.outstanding_amount > 0, bill.member)).distinct().as_("members_unpaid"),
		)
		.groupby(bill.period)
		.orderby(bill.period)
	).run(as_dict=True)


def _amount_columns() -> list[dict]:
	return [
		{"label": _("Total Billed"), "fieldname": "billed_amount", "fieldtype": "Currency", "width": 140},
		{"label": _("Total Paid"), "fieldname": "paid_amount", "fieldtype": "Currency", "width": 140},
		{
			"label": _("Total Outstanding"),
			"fieldname": "outstanding_amount",
			"fieldtype": "Currency",
			"width": 150,
		},
	]


# ---------------------------------------------------------------------- chart and totals
def get_chart(period_rows) -> dict | None:
	rows = [r for r in period_rows if r.outstanding_amount]
	if not rows:
		return None
	return {
		"data": {
			"labels": [r.period for r in rows],
			"datasets": [{"name": _("Unpaid"), "values": [r.outstanding_amount for r in rows]}],
		},
		"type": "bar",
		"fieldtype": "Currency",
		"colors": ["#b71c1c"],
	}


def get_summary(filters) -> list[dict]:
	query, bill = base_query(filters)
	members, outstanding = (
		query.select(
			Count(Case().when(bill.outstanding_amount > 0, bill.member)).distinct(),
			Sum(bill.outstanding_amount),
		)
	).run()[0]
	return [
		{
			"value": members or 0,
			"label": _("Members in arrears"),
			"datatype": "Int",
			"indicator": "Red" if members else "Green",
		},
		{
			"value": outstanding or 0,
			"label": _("Total Outstanding"),
			"datatype": "Currency",
			"indicator": "Red" if outstanding else "Green",
		},
	]
