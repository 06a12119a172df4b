# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Business Unit Comparison: every business unit of the company for a period -- income, cost of goods
sold, expenses, result and margins -- and the consolidated total.

Straight from the GL: one query sums GL Entry debit and credit by the "Unit Usaha" accounting dimension and
the account's root and account type (cancelled entries and Period Closing Vouchers left out), and
calculators.units.unit_pnl_from_gl turns the sums into the figures (income = credit - debit of Income
accounts; cost of goods = debit - credit of Expense accounts of type Cost of Goods Sold; expenses = the
other Expense accounts). Entries without a unit (costs of the cooperative as a whole) are their own row,
so the total is the cooperative's whole result. The full consolidated statement, account by account, is
ERPNext's Profit and Loss Statement; filtered by the Unit Usaha dimension it gives one unit's.
"""

from urllib.parse import urlencode

from pypika.terms import ValueWrapper

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import get_url_to_report_with_filters, getdate

from koperasi_merah_putih.calculators.units import UnitResult, unit_pnl_from_gl
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname

RESULT_FIELDS = ("income", "cogs", "gross_profit", "expenses", "result", "gross_margin", "margin")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	fieldname = dimension_fieldname()
	if fieldname and not frappe.db.has_column("GL Entry", fieldname):
		fieldname = None  # ERPNext adds the dimension's columns in a background job: not done yet
	pnl = unit_pnl_from_gl(gl_sums(filters, fieldname))
	data = get_data(filters, pnl)
	return get_columns(), data, get_message(filters), get_chart(data)


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	if not filters.from_date or not filters.to_date:
		frappe.throw(_("Choose From Date and To Date."), frappe.MandatoryError, title=_("Period"))
	filters.from_date, filters.to_date = getdate(filters.from_date), getdate(filters.to_date)
	if filters.from_date > filters.to_date:
		frappe.throw(_("From Date must be on or before To Date."), frappe.ValidationError, title=_("Period"))


def gl_sums(filters, fieldname: str | None) -> list[dict]:
	"""Debit and credit of the period's Income and Expense GL entries per unit, root type and account type."""
	gle = frappe.qb.DocType("GL Entry")
	account = frappe.qb.DocType("Account")
	unit = gle[fieldname] if fieldname else ValueWrapper(None)
	return (
		frappe.qb.from_(gle)
		.join(account)
		.on(account.name == gle.account)
		.select(
			unit.as_("unit"),
			account.root_type,
			account.account_type,
			Sum(gle.debit).as_("debit"),
			Sum(gle.credit).as_("credit"),
		)
		.where(gle.company == filters.company)
		.where(gle.is_cancelled == 0)
		.where(gle.posting_date[filters.from_date : filters.to_date])
		.where(account.root_type.isin(["Income", "Expense"]))
		.where(gle.voucher_type != "Period Closing Voucher")
		.groupby(unit, account.root_type, account.account_type)
	).run(as_dict=True)


def get_data(filters, pnl) -> list[dict]:
	units = frappe.get_all(
		"Business Unit",
		filters={"company": filters.company},
		fields=["name", "unit_name", "unit_type"],
		order_by="unit_name",
	)
	results = pnl.units
	empty = UnitResult.of(0, 0, 0)
	data = [row(unit.name, unit.unit_type, results.get(unit.name, empty)) for unit in units]
	known = {unit.name for unit in units}
	for name, result in results.items():  # a unit of another company's records, or none
		if name not in known:
			data.append(row(name, None, result, label=None if name else _("(no business unit)")))
	total = pnl.total
	data.append({**row(None, None, total, label=_("Total (consolidated)")), "is_total": 1})
	return data


def row(unit: str | None, unit_type: str | None, result: UnitResult, label: str | None = None) -> dict:
	figures = result.as_dict()
	return {
		"business_unit": unit,
		"label": label or unit,
		"unit_type": unit_type,
		**{field: figures[field] for field in RESULT_FIELDS},
	}


def get_columns() -> list[dict]:
	currency = {"fieldtype": "Currency", "width": 140}
	percent = {"fieldtype": "Percent", "width": 110}
	return [
		{
			"label": _("Business Unit"),
			"fieldname": "business_unit",
			"fieldtype": "Link",
			"options": "Business Unit",
			"width": 180,
		},
		{"label": _("Unit"), "fieldname": "label", "fieldtype": "Data", "width": 180, "hidden": 1},
		{
			"label": _("Unit Type"),
			"fieldname": "unit_type",
			"fieldtype": "Link",
			"options": "Business Unit Type",
			"width": 130,
		},
		{"label": _("Income"), "fieldname": "income", **currency},
		{"label": _("Cost of Goods Sold"), "fieldname": "cogs", **currency},
		{"label": _("Gross Profit"), "fieldname": "gross_profit", **currency},
		{"label": _("Expenses"), "fieldname": "expenses", **currency},
		{"label": _("Result"), "fieldname": "result", **currency},
		{"label": _("Gross Margin %"), "fieldname": "gross_margin", **percent},
		{"label": _("Margin %"), "fieldname": "margin", **percent},
	]


def get_message(filters) -> str:
	query = urlencode(
		{
			"company": filters.company,
			"filter_based_on": "Date Range",
			"period_start_date": str(filters.from_date),
			"period_end_date": str(filters.to_date),
			"periodicity": "Yearly",
		}
	)
	url = get_url_to_report_with_filters("Profit and Loss Statement", query)
	return _(
		"Straight from the GL, by the Unit Usaha accounting dimension. For the consolidated statement account "
		"by account, open {0} (filter it by Unit Usaha for one unit's statement)."
	).format(f'<a href="{url}">{_("Profit and Loss Statement")}</a>')


def get_chart(data: list[dict]) -> dict | None:
	units = [r for r in data if not r.get("is_total") and r["business_unit"]]
	if not units:
		return None
	return {
		"data": {
			"labels": [r["business_unit"] for r in units],
			"datasets": [
				{"name": _("Income"), "values": [r["income"] for r in units]},
				{"name": _("Result"), "values": [r["result"] for r in units]},
			],
		},
		"type": "bar",
	}
