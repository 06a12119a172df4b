# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Savings Reconciliation: the savings subledger (Savings Ledger Entry) against the general ledger.

Every savings voucher writes both, so for every GL account used by savings products the sum of the
ledger entries equals the account's GL balance. A difference means money was posted on a savings
account outside the savings vouchers (a Journal Entry, say), or a voucher's postings are broken.
Products that share a GL account are reconciled together, one row per account. With Show Members,
the rows are per account and member: the member's ledger entries against the GL rows with the member as
party (GL rows without a member party show on a row of their own).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.simpanan.common import PARTY_TYPE

TYPE_ORDER = ("Pokok", "Wajib", "Sukarela", "Berjangka")
PRECISION = 2


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	if filters.show_members:
		columns = get_member_columns()
		rows = get_member_rows(filters)
		data = rows if filters.show_all else [r for r in rows if r.mismatch]
	else:
		columns = get_account_columns()
		rows = data = get_account_rows(filters)
	summary = get_summary(rows, filters)
	message = get_message(rows, filters)
	return columns, data, message, None, summary


def validate_filters(filters) -> None:
	if not filters.company:
		frappe.throw(_("Choose the Company."), frappe.MandatoryError, title=_("Company"))
	filters.as_of_date = getdate(filters.as_of_date or today())


# ---------------------------------------------------------------------- per GL account
def get_account_columns() -> list[dict]:
	return [
		{"label": _("Savings Products"), "fieldname": "products", "fieldtype": "Data", "width": 220},
		{"label": _("Savings Type"), "fieldname": "savings_type", "fieldtype": "Data", "width": 120},
		{
			"label": _("GL Account"),
			"fieldname": "account",
			"fieldtype": "Link",
			"options": "Account",
			"width": 200,
		},
		{"label": _("Savings Accounts"), "fieldname": "account_count", "fieldtype": "Int", "width": 90},
		*_balance_columns(),
	]


def _balance_columns() -> list[dict]:
	return [
		{
			"label": _("Subledger Balance"),
			"fieldname": "subledger_balance",
			"fieldtype": "Currency",
			"width": 150,
		},
		{"label": _("GL Balance"), "fieldname": "gl_balance", "fieldtype": "Currency", "width": 150},
		{
			"label": _("Difference (GL - Subledger)"),
			"fieldname": "difference",
			"fieldtype": "Currency",
			"width": 150,
		},
		{"label": _("Check"), "fieldname": "flag", "fieldtype": "Data", "width": 110},
	]


def get_account_rows(filters) -> list[frappe._dict]:
	products = get_products(filters.company)
	products_by_account = defaultdict(list)
	for product in products:
		if product.account:
			products_by_account[product.account].append(product)

	subledger = dict(_subledger_query(filters, "account").run())
	accounts = set(products_by_account) | set(subledger)
	gl = dict(_gl_query(filters, accounts, "account").run()) if accounts else {}
	counts = get_account_counts(filters)

	rows = []
	for account in accounts:
		linked = products_by_account.get(account, [])
		types = [t for t in TYPE_ORDER if any(p.savings_type == t for p in linked)]
		rows.append(
			_balance_row(
				frappe._dict(
					account=account,
					products=", ".join(p.name for p in linked),
					savings_type=", ".join(types),
					account_count=counts.get(account, 0),
					sort_key=(min((TYPE_ORDER.index(t) for t in types), default=len(TYPE_ORDER)), account),
				),
				subledger.get(account),
				gl.get(account),
			)
		)
	rows.sort(key=lambda r: r.pop("sort_key"))
	return rows


def get_products(company: str) -> list[frappe._dict]:
	product = frappe.qb.DocType("Savings Product")
	return (
		frappe.qb.from_(product)
		.select(product.name, product.savings_type, product.account)
		.where(product.company == company)
		.orderby(product.name)
	).run(as_dict=True)


def get_account_counts(filters) -> dict[str, int]:
	"""Savings accounts opened by the date, per GL account."""
	sa = frappe.qb.DocType("Savings Account")
	return dict(
		(
			frappe.qb.from_(sa)
			.select(sa.account, Count(sa.name))
			.where(
				(sa.company == filters.company)
				& (sa.opened_on.isnull() | (sa.opened_on <= filters.as_of_date))
			)
			.groupby(sa.account)
		).run()
	)


# ---------------------------------------------------------------------- per GL account and member
def get_member_columns() -> list[dict]:
	return [
		{
			"label": _("GL Account"),
			"fieldname": "account",
			"fieldtype": "Link",
			"options": "Account",
			"width": 200,
		},
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 150,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 180},
		*_balance_columns(),
	]


def get_member_rows(filters) -> list[frappe._dict]:
	subledger = {
		(account, member): amount
		for account, member, amount in _subledger_query(filters, "account", "member").run()
	}
	accounts = {p.account for p in get_products(filters.company) if p.account} | {k[0] for k in subledger}
	gl = defaultdict(float)
	if accounts:
		for account, party_type, party, amount in _gl_query(
			filters, accounts, "account", "party_type", "party"
		).run():
			gl[(account, party if party_type == PARTY_TYPE and party else None)] += flt(amount)

	keys = set(subledger) | set(gl)
	names = get_member_names({member for _account, member in keys if member})
	rows = [
		_balance_row(
			frappe._dict(
				account=account,
				member=member,
				member_name=names.get(member) if member else _("(no member as party)"),
			),
			subledger.get((account, member)),
			gl.get((account, member)),
		)
		for account, member in keys
	]
	rows.sort(key=lambda r: (r.account, r.member or ""))
	return rows


def get_member_names(members: set[str]) -> dict[str, str]:
	if not members:
		return {}
	member = frappe.qb.DocType("Cooperative Member")
	members = list(members)
	names = {}
	for start in range(0, len(members), 5000):
		names.update(
			(
				frappe.qb.from_(member)
				.select(member.name, member.full_name)
				.where(member.name.isin(members[start : start + 5000]))
			).run()
		)
	return names


# ---------------------------------------------------------------------- queries and totals
def _subledger_query(filters, *group_by: str):
	"""(*group_by, SUM(amount)) of the company's ledger entries up to the date."""
	sle = frappe.qb.DocType("Savings Ledger Entry")
	group = [sle[f] for f in group_by]
	return (
		frappe.qb.from_(sle)
		.select(*group, Coalesce(Sum(sle.amount), 0))
		.where(
			(sle.company == filters.company)
			& (sle.is_cancelled == 0)
			& (sle.posting_date <= filters.as_of_date)
		)
		.groupby(*group)
	)


def _gl_query(filters, accounts, *group_by: str):
	"""(*group_by, SUM(credit - debit)) on the savings GL accounts up to the date, all parties or none."""
	gle = frappe.qb.DocType("GL Entry")
	group = [gle[f] for f in group_by]
	return (
		frappe.qb.from_(gle)
		.select(*group, Coalesce(Sum(gle.credit - gle.debit), 0))
		.where(
			(gle.company == filters.company)
			& (gle.is_cancelled == 0)
			& (gle.posting_date <= filters.as_of_date)
			& gle.account.isin(list(accounts))
		)
		.groupby(*group)
	)


def _balance_row(row, subledger, gl) -> frappe._dict:
	row.subledger_balance = flt(subledger, PRECISION)
	row.gl_balance = flt(gl, PRECISION)
	row.difference = flt(row.gl_balance - row.subledger_balance, PRECISION)
	row.mismatch = 1 if row.difference else 0
	row.flag = _("Difference") if row.mismatch else _("Matched")
	return row


def get_summary(rows, filters) -> list[dict]:
	subledger = flt(sum(r.subledger_balance for r in rows), PRECISION)
	gl = flt(sum(r.gl_balance for r in rows), PRECISION)
	difference = flt(gl - subledger, PRECISION)
	summary = [
		{"value": subledger, "label": _("Total Subledger"), "datatype": "Currency", "indicator": "Blue"},
		{"value": gl, "label": _("Total GL"), "datatype": "Currency", "indicator": "Blue"},
		{
			"value": difference,
			"label": _("Total Difference"),
			"datatype": "Currency",
			"indicator": "Red" if difference else "Green",
		},
	]
	if filters.show_members:
		mismatched = sum(1 for r in rows if r.mismatch)
		summary.append(
			{
				"value": mismatched,
				"label": _("Members with a difference"),
				"datatype": "Int",
				"indicator": "Red" if mismatched else "Green",
			}
		)
	return summary


def get_message(rows, filters) -> str | None:
	if not any(r.mismatch for r in rows):
		return None
	if filters.show_members:
		return _(
			"Some members' savings differ from the GL. Open the GL Account in the General Ledger with the member as party to find the entries not made by a savings voucher."
		)
	return _(
		"The GL differs from the savings subledger. Tick Show Members to see which members, and look for Journal Entries posted directly on the savings GL accounts."
	)
