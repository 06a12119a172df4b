# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A savings account statement (rekening koran): opening balance, dated movements with a running balance,
closing balance. Read from the savings subledger (Savings Ledger Entry); used by the print format
"Rekening Simpanan" and the member portal."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate

from koperasi_merah_putih.exceptions import PeriodError

LEDGER = "Savings Ledger Entry"


@frappe.whitelist()
def get_statement(savings_account: str, from_date: str | None = None, to_date: str | None = None) -> dict:
	"""The statement of `savings_account` between `from_date` and `to_date` (both inclusive, both optional).

	Only the account's readers may see it: a member's portal user is limited to their own accounts by the
	User Permission on Cooperative Member made at activation.
	"""
	account = frappe.get_doc("Savings Account", savings_account)
	account.check_permission("read")
	if from_date and to_date and getdate(from_date) > getdate(to_date):
		frappe.throw(_("From Date cannot be after To Date."), PeriodError, title=_("Statement period"))

	opening = opening_balance(savings_account, from_date)
	entries = get_entries(savings_account, from_date, to_date)
	descriptions = get_descriptions(entries, savings_account)

	balance = opening
	rows = []
	for entry in entries:
		amount = flt(entry.amount)
		balance += amount
		rows.append(
			frappe._dict(
				posting_date=entry.posting_date,
				voucher_type=entry.voucher_type,
				voucher_no=entry.voucher_no,
				description=descriptions.get((entry.voucher_type, entry.voucher_no)) or _(entry.voucher_type),
				debit=-amount if amount < 0 else 0.0,
				credit=amount if amount > 0 else 0.0,
				balance=balance,
			)
		)
	return frappe._dict(
		account=frappe._dict(
			name=account.name,
			member=account.member,
			member_name=account.member_name,
			product=account.product,
			savings_type=account.savings_type,
			status=account.status,
		),
		from_date=from_date,
		to_date=to_date,
		opening_balance=opening,
		rows=rows,
		closing_balance=balance,
	)


def opening_balance(savings_account: str, from_date) -> float:
	if not from_date:
		return 0.0
	sle = frappe.qb.DocType(LEDGER)
	return flt(
		(
			frappe.qb.from_(sle)
			.select(Coalesce(Sum(sle.amount), 0))
			.where(
				(sle.savings_account == savings_account)
				& (sle.is_cancelled == 0)
				& (sle.posting_date < getdate(from_date))
			)
		).run()[0][0]
	)


def get_entries(savings_account: str, from_date, to_date) -> list[frappe._dict]:
	sle = frappe.qb.DocType(LEDGER)
	query = (
		frappe.qb.from_(sle)
		.select(sle.posting_date, sle.amount, sle.voucher_type, sle.voucher_no)
		.where((sle.savings_account == savings_account) & (sle.is_cancelled == 0))
		.orderby(sle.posting_date)
		.orderby(sle.creation)
		.orderby(sle.name)
	)
	if from_date:
		query = query.where(sle.posting_date >= getdate(from_date))
	if to_date:
		query = query.where(sle.posting_date <= getdate(to_date))
	return query.run(as_dict=True)


# ---------------------------------------------------------------------- descriptions
def _transaction(row, savings_account: str) -> str:
	if row.transaction_type == "Transfer":
		if row.savings_account == savings_account:
			text = _("Transfer to {0}").format(row.to_savings_account)
		else:
			text = _("Transfer from {0}").format(row.savings_account)
	else:
		text = _(row.transaction_type)
	if row.remarks:
		text = f"{text}: {row.remarks.strip()}"
	return text


def _collection(row, savings_account: str) -> str:
	if row.collector:
		return _("Collection by {0}").format(row.collector)
	return _("Savings Collection")


def _interest(row, savings_account: str) -> str:
	return _("Interest {0}").format(row.period or "").strip()


def _exit(row, savings_account: str) -> str:
	return _("Refund on leaving the cooperative ({0})").format(_(row.exit_status or "Keluar"))


# voucher type -> (fields to read, how to describe one voucher)
DESCRIBERS = {
	"Savings Transaction": (
		("transaction_type", "savings_account", "to_savings_account", "remarks"),
		_transaction,
	),
	"Savings Collection": (("collector",), _collection),
	"Savings Interest Run": (("period",), _interest),
	"Member Exit Settlement": (("exit_status",), _exit),
}


def get_descriptions(entries, savings_account: str) -> dict[tuple[str, str], str]:
	"""{(voucher_type, voucher_no): description}, reading each voucher type once for all its vouchers."""
	by_type = defaultdict(set)
	for entry in entries:
		if entry.voucher_type in DESCRIBERS:
			by_type[entry.voucher_type].add(entry.voucher_no)
	descriptions = {}
	for voucher_type, names in by_type.items():
		fields, describe = DESCRIBERS[voucher_type]
		table = frappe.qb.DocType(voucher_type)
		names = list(names)
		for start in range(0, len(names), 1000):
			for row in (
				frappe.qb.from_(table)
				.select(table.name, *(table[f] for f in fields))
				.where(table.name.isin(names[start : start + 1000]))
			).run(as_dict=True):
				descriptions[(voucher_type, row.name)] = describe(row, savings_account)
	return descriptions
