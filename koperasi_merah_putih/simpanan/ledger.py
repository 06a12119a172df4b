"""The savings subledger: Savings Ledger Entry rows and the cached balance on Savings Account.

A savings account's balance is the sum of its non-cancelled ledger entries; every voucher that moves
savings money writes ledger entries and GL rows in the same transaction, so the sum over a product's
accounts equals the product's GL account (the Savings Reconciliation report shows both).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, now

from koperasi_merah_putih.calculators.savings import available_balance
from koperasi_merah_putih.exceptions import InsufficientBalanceError
from koperasi_merah_putih.utils.db import insert_docs
from koperasi_merah_putih.utils.printing import rupiah

LEDGER = "Savings Ledger Entry"


def lock_account(name: str) -> frappe._dict:
	"""Lock the savings account row (SELECT ... FOR UPDATE) and return what spending needs to know."""
	sa = frappe.qb.DocType("Savings Account")
	row = (
		frappe.qb.from_(sa)
		.select(
			sa.name,
			sa.member,
			sa.product,
			sa.savings_type,
			sa.company,
			sa.account,
			sa.status,
			sa.balance,
			sa.held_amount,
			sa.maturity_date,
			sa.matured,
			sa.interest_rate,
			sa.deposit_date,
		)
		.where(sa.name == name)
		.for_update()
	).run(as_dict=True)
	if not row:
		frappe.throw(_("Savings Account {0} does not exist.").format(name), frappe.DoesNotExistError)
	return row[0]


def check_available(account: frappe._dict, amount) -> None:
	"""Refuse spending `amount` from a locked account (:func:`lock_account`) beyond its available balance:
	the balance less the product's minimum balance and what loans hold as collateral."""
	minimum = flt(frappe.get_cached_value("Savings Product", account.product, "minimum_balance"))
	available = available_balance(flt(account.balance), minimum, flt(account.held_amount))
	if flt(amount) > available:
		frappe.throw(
			_(
				"Amount {0} is more than the available balance of {1} {2} (balance {3}, minimum balance {4}, held as loan collateral {5}). Enter at most {2}."
			).format(
				rupiah(amount),
				account.name,
				rupiah(available),
				rupiah(account.balance),
				rupiah(minimum),
				rupiah(account.held_amount),
			),
			InsufficientBalanceError,
			title=_("Insufficient balance"),
		)


def ledger_balance(savings_account: str, as_of=None) -> float:
	sle = frappe.qb.DocType(LEDGER)
	query = (
		frappe.qb.from_(sle)
		.select(Coalesce(Sum(sle.amount), 0))
		.where((sle.savings_account == savings_account) & (sle.is_cancelled == 0))
	)
	if as_of:
		query = query.where(sle.posting_date <= as_of)
	return flt(query.run()[0][0])


def make_ledger_entries(voucher, rows: list[dict]) -> None:
	"""Write ledger rows for a submitted voucher and move the accounts' balances.

	rows: dicts with savings_account, member, product, account, amount (signed), posting_date optional.
	"""
	if not rows:
		return
	delta = defaultdict(float)
	docs = []
	for row in rows:
		amount = flt(row["amount"])
		delta[row["savings_account"]] += amount
		docs.append(
			{
				"savings_account": row["savings_account"],
				"member": row["member"],
				"product": row["product"],
				"company": voucher.company,
				"account": row["account"],
				"posting_date": row.get("posting_date") or voucher.posting_date,
				"amount": amount,
				"voucher_type": voucher.doctype,
				"voucher_no": voucher.name,
				"is_cancelled": 0,
			}
		)
	insert_docs(LEDGER, docs)
	_add_to_balances(delta)


def cancel_ledger_entries(voucher) -> None:
	sle = frappe.qb.DocType(LEDGER)
	rows = (
		frappe.qb.from_(sle)
		.select(sle.savings_account, Sum(sle.amount).as_("amount"))
		.where(
			(sle.voucher_type == voucher.doctype) & (sle.voucher_no == voucher.name) & (sle.is_cancelled == 0)
		)
		.groupby(sle.savings_account)
	).run(as_dict=True)
	(
		frappe.qb.update(sle)
		.set(sle.is_cancelled, 1)
		.set(sle.modified, now())
		.where((sle.voucher_type == voucher.doctype) & (sle.voucher_no == voucher.name))
	).run()
	_add_to_balances({r.savings_account: -flt(r.amount) for r in rows})


def _add_to_balances(delta: dict[str, float]) -> None:
	"""balance += delta per account, in as few statements as there are distinct amounts."""
	by_amount = defaultdict(list)
	for account, amount in delta.items():
		if amount:
			by_amount[round(amount, 2)].append(account)
	sa = frappe.qb.DocType("Savings Account")
	for amount, accounts in by_amount.items():
		for start in range(0, len(accounts), 5000):
			(
				frappe.qb.update(sa)
				.set(sa.balance, sa.balance + amount)
				.where(sa.name.isin(accounts[start : start + 5000]))
			).run()
