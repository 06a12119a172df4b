# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What members bought, per business unit and period: the base of SHU jasa usaha, and the member /
non-member split of the shops' income (SAK EP, Permenkop UKM 2/2024).

* :func:`member_net_purchases`: each member's invoices minus returns per unit. Sales Invoices (docstatus 1;
  ERPNext returns are Sales Invoices with negative totals, so they subtract themselves) and the POS
  Invoices not yet consolidated into a Sales Invoice (consolidated ones are counted in their Sales
  Invoice). Net of taxes and discounts (``base_net_total``). One grouped query per invoice doctype over
  the posting_date index; the sums go through calculators.shop.member_net_purchases.
* :func:`member_sales_split`: turnover and gross profit per unit, member and non-member, from the GL rows
  of the Sales Invoices: income on the units' member or non-member income accounts, the cost of goods
  sold on the same invoices' expense rows, so the figures agree with the GL by construction.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import formatdate, getdate, today

from koperasi_merah_putih.calculators.shop import member_net_purchases as sum_net_purchases
from koperasi_merah_putih.calculators.shop import split_member_income_by_unit
from koperasi_merah_putih.exceptions import PeriodError
from koperasi_merah_putih.unit_usaha.setup import DIMENSION_DOCTYPE, dimension_fieldname


def member_net_purchases(
	company: str, from_date, to_date, unit: str | None = None
) -> dict[str, dict[str, int]]:
	"""``{member: {unit: net purchases}}`` (whole rupiah) of the members' Customers in the period."""
	field = dimension_fieldname()
	if not field:
		return {}
	rows = []
	customer = frappe.qb.DocType("Customer")
	for doctype in ("Sales Invoice", "POS Invoice"):
		inv = frappe.qb.DocType(doctype)
		query = (
			frappe.qb.from_(inv)
			.join(customer)
			.on(customer.name == inv.customer)
			.select(customer.kmp_member, inv[field], Sum(inv.base_net_total))
			.where(
				(inv.docstatus == 1)
				& (inv.company == company)
				& (inv.posting_date[from_date:to_date])
				& customer.kmp_member.isnotnull()
				& (customer.kmp_member != "")
				& inv[field].isnotnull()
			)
			.groupby(customer.kmp_member, inv[field])
		)
		if doctype == "POS Invoice":
			query = query.where(inv.consolidated_invoice.isnull() | (inv.consolidated_invoice == ""))
		if unit:
			query = query.where(inv[field] == unit)
		rows.extend(query.run())
	return sum_net_purchases(rows)


def unit_accounts(company: str, unit: str | None = None) -> dict[str, dict[str, str]]:
	"""``{unit: {"member": account, "non_member": account}}`` of the company's units."""
	filters = {"company": company}
	if unit:
		filters["name"] = unit
	return {
		row.name: {"member": row.member_income_account, "non_member": row.non_member_income_account}
		for row in frappe.get_all(
			DIMENSION_DOCTYPE,
			filters=filters,
			fields=["name", "member_income_account", "non_member_income_account"],
		)
	}


def member_sales_split(company: str, from_date, to_date, unit: str | None = None):
	"""``{unit: IncomeSplit}`` from the GL rows of the period's Sales Invoices (one grouped query).

	A voucher's rows on a unit's member income account are member turnover, on its non-member income
	account non-member turnover; its expense rows (cost of goods sold of an invoice that updates stock)
	count on the side of the voucher's income."""
	field = dimension_fieldname()
	accounts = unit_accounts(company, unit)
	if not field or not accounts:
		return {}
	member_accounts = {a["member"] for a in accounts.values() if a["member"]}
	non_member_accounts = {a["non_member"] for a in accounts.values() if a["non_member"]}
	gle = frappe.qb.DocType("GL Entry")
	acc = frappe.qb.DocType("Account")
	query = (
		frappe.qb.from_(gle)
		.join(acc)
		.on(acc.name == gle.account)
		.select(gle.voucher_no, gle[field], gle.account, acc.root_type, Sum(gle.credit - gle.debit))
		.where(
			(gle.company == company)
			& (gle.is_cancelled == 0)
			& (gle.voucher_type == "Sales Invoice")
			& (gle.posting_date[from_date:to_date])
			& gle[field].isin(list(accounts))
			& acc.root_type.isin(["Income", "Expense"])
		)
		.groupby(gle.voucher_no, gle[field], gle.account, acc.root_type)
	)
	vouchers: dict[tuple[str, str], dict] = {}
	for voucher_no, row_unit, account, root_type, amount in query.run():
		line = vouchers.setdefault(
			(voucher_no, row_unit),
			{"unit": row_unit, "customer_is_member": False, "net_amount": 0, "cost": 0, "income": False},
		)
		if root_type == "Income":
			if account in member_accounts:
				line["customer_is_member"] = True
			elif account not in non_member_accounts:
				continue  # other income on the invoice (e.g. a fixed asset's disposal): not shop turnover
			line["income"] = True
			line["net_amount"] += amount
		else:
			line["cost"] -= amount
	return split_member_income_by_unit(line for line in vouchers.values() if line["income"])


def report_filters(filters: dict | None) -> frappe._dict:
	"""Company, from_date and to_date (required, from <= to) and an optional unit of the two reports."""
	filters = frappe._dict(filters or {})
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	filters.from_date = getdate(filters.from_date or today())
	filters.to_date = getdate(filters.to_date or today())
	if filters.from_date > filters.to_date:
		frappe.throw(
			_("From Date {0} is after To Date {1}. Choose a From Date on or before the To Date.").format(
				formatdate(filters.from_date), formatdate(filters.to_date)
			),
			PeriodError,
			title=_("Period"),
		)
	return filters
