# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Savings Summary: per savings product, the accounts open on a date and the money they hold then
(from the savings subledger), with the members whose account is empty."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate, today

TYPE_ORDER = ("Pokok", "Wajib", "Sukarela", "Berjangka")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	filters.as_of_date = getdate(filters.as_of_date or today())
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Savings Product"),
			"fieldname": "product",
			"fieldtype": "Link",
			"options": "Savings Product",
			"width": 200,
		},
		{"label": _("Savings Type"), "fieldname": "savings_type", "fieldtype": "Data", "width": 120},
		{"label": _("Active Accounts"), "fieldname": "active_accounts", "fieldtype": "Int", "width": 130},
		{"label": _("Total Balance"), "fieldname": "balance", "fieldtype": "Currency", "width": 170},
		{
			"label": _("Members with Zero Balance"),
			"fieldname": "zero_balance_members",
			"fieldtype": "Int",
			"width": 190,
		},
	]


def get_data(filters) -> list[frappe._dict]:
	product = frappe.qb.DocType("Savings Product")
	products = (
		frappe.qb.from_(product)
		.select(product.name, product.savings_type)
		.where(product.company == filters.company)
	).run(as_dict=True)
	balances = get_product_balances(filters)
	accounts = get_account_counts(filters)
	rows = []
	for p in products:
		active, empty = accounts.get(p.name, (0, 0))
		rows.append(
			frappe._dict(
				product=p.name,
				savings_type=p.savings_type,
				active_accounts=active,
				balance=flt(balances.get(p.name)),
				zero_balance_members=empty,
			)
		)
	rows.sort(
		key=lambda r: (
			TYPE_ORDER.index(r.savings_type) if r.savings_type in TYPE_ORDER else len(TYPE_ORDER),
			r.product,
		)
	)
	return rows


def get_product_balances(filters) -> dict[str, float]:
	"""All the money on the product's ledger on the date, closed accounts included."""
	sle = frappe.qb.DocType("Savings Ledger Entry")
	return dict(
		(
			frappe.qb.from_(sle)
			.select(sle.product, Sum(sle.amount))
			.where(
				(sle.company == filters.company)
				& (sle.is_cancelled == 0)
				& (sle.posting_date <= filters.as_of_date)
			)
			.groupby(sle.product)
		).run()
	)


def get_account_counts(filters) -> dict[str, tuple[int, int]]:
	"""{product: (accounts open on the date, those of them with a zero balance on the date)}."""
	sa = frappe.qb.DocType("Savings Account")
	sle = frappe.qb.DocType("Savings Ledger Entry")
	balances = (
		frappe.qb.from_(sle)
		.select(sle.savings_account, Sum(sle.amount).as_("balance"))
		.where(
			(sle.company == filters.company)
			& (sle.is_cancelled == 0)
			& (sle.posting_date <= filters.as_of_date)
		)
		.groupby(sle.savings_account)
	)
	empty = Coalesce(balances.balance, 0) == 0
	rows = (
		frappe.qb.from_(sa)
		.left_join(balances)
		.on(balances.savings_account == sa.name)
		.select(sa.product, Count(sa.name), Sum(Case().when(empty, 1).else_(0)))
		.where(
			(sa.company == filters.company)
			# open on the date: opened by then, or already moving money then (opened_on is only a default)
			& (
				sa.opened_on.isnull()
				| (sa.opened_on <= filters.as_of_date)
				| balances.savings_account.notnull()
			)
			& ((sa.status == "Aktif") | (sa.closed_on > filters.as_of_date))
		)
		.groupby(sa.product)
	).run()
	return {product: (int(active or 0), int(zero or 0)) for product, active, zero in rows}


def get_chart(data) -> dict | None:
	rows = [r for r in data if r.balance > 0]
	if not rows:
		return None
	return {
		"data": {
			"labels": [r.product for r in rows],
			"datasets": [{"name": _("Total Balance"), "values": [r.balance for r in rows]}],
		},
		# no "fieldtype": Currency here: the pie legend would print the formatted HTML as text
		"type": "pie",
	}


def get_summary(data) -> list[dict]:
	by_type = {}
	for row in data:
		by_type[row.savings_type] = by_type.get(row.savings_type, 0) + row.balance
	summary = [
		{
			"value": sum(r.balance for r in data),
			"label": _("Total Savings"),
			"datatype": "Currency",
			"indicator": "Blue",
		}
	]
	for savings_type in TYPE_ORDER:
		if savings_type in by_type:
			summary.append(
				{
					"value": by_type[savings_type],
					"label": _("Simpanan {0}").format(savings_type),
					"datatype": "Currency",
					"indicator": "Green",
				}
			)
	return summary
