# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Savings held as a loan's collateral.

A product with `requires_savings_hold` holds `savings_hold_percent` of the loan amount on a savings account
of the borrower (chosen on the application, copied to the loan). The hold is the account's `held_amount`,
which only this module changes: raised when the loan becomes active (disbursement, or a cancelled
repayment re-opening a closed loan), lowered when the loan is closed or cancelled. The loan's `savings_held`
says what it holds now, so placing and releasing are never done twice. Withdrawals, collections and member
exits already refuse to go below `held_amount`.
"""

import frappe
from frappe import _
from frappe.utils import flt

from koperasi_merah_putih.calculators.loans import fee_amount
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import InsufficientBalanceError, SavingsHoldError
from koperasi_merah_putih.simpanan.ledger import lock_account
from koperasi_merah_putih.utils.printing import rupiah

ACTIVE_ACCOUNT = "Aktif"


def hold_amount(product, amount) -> int:
	"""What a loan of `amount` on `product` holds of the member's savings (0 when the product holds none)."""
	if not product.get("requires_savings_hold") or flt(amount) <= 0:
		return 0
	return fee_amount(whole_rupiah(flt(amount)), flt(product.get("savings_hold_percent")))


def check_hold_account(member: str, account: str | None, amount, check_free: bool = True) -> None:
	"""Refuse a hold without an account, on someone else's or a closed account, or (`check_free`) larger
	than what the account has free now (the disbursement checks again with the account's row locked)."""
	if not flt(amount):
		return
	if not account:
		frappe.throw(
			_(
				"This loan product holds {0} of the member's savings as collateral: choose the savings account in Savings to Hold as Collateral."
			).format(rupiah(amount)),
			SavingsHoldError,
			title=_("Savings hold"),
		)
	row = frappe.db.get_value(
		"Savings Account", account, ["member", "status", "balance", "held_amount"], as_dict=True
	)
	if not row or row.member != member or row.status != ACTIVE_ACCOUNT:
		frappe.throw(
			_(
				"Savings Account {0} is not an active account of {1}. Choose one of the member's own accounts."
			).format(account, member),
			SavingsHoldError,
			title=_("Savings hold"),
		)
	if check_free and flt(row.balance) - flt(row.held_amount) < flt(amount):
		refuse_hold(account, amount, row.balance, row.held_amount)


def refuse_hold(account, amount, balance, held) -> None:
	frappe.throw(
		_(
			"Savings Account {0} has {1} free (balance {2}, already held {3}); the loan must hold {4}. Deposit more or choose another account."
		).format(account, rupiah(flt(balance) - flt(held)), rupiah(balance), rupiah(held), rupiah(amount)),
		InsufficientBalanceError,
		title=_("Savings hold"),
	)


def check_free_for_hold(account_name: str | None, amount) -> None:
	"""`before_submit` of a loan: lock the savings account and refuse, before anything is written, when it
	has less free than the hold (`place_savings_hold` on submit then holds it; the lock keeps it free)."""
	if not flt(amount) or not account_name:
		return
	account = lock_account(account_name)
	if flt(account.balance) - flt(account.held_amount) < flt(amount):
		refuse_hold(account.name, amount, account.balance, account.held_amount)


def _hold_of(loan: str) -> frappe._dict:
	return frappe.db.get_value(
		"Member Loan", loan, ["hold_savings_account", "savings_hold_amount", "savings_held"], as_dict=True
	)


def _set_held(loan: str, account: str, delta: float, held_now: float) -> None:
	sa = frappe.qb.DocType("Savings Account")
	frappe.qb.update(sa).set(sa.held_amount, sa.held_amount + delta).where(sa.name == account).run()
	ml = frappe.qb.DocType("Member Loan")
	frappe.qb.update(ml).set(ml.savings_held, held_now).where(ml.name == loan).run()


def place_savings_hold(loan_name: str) -> int:
	"""Hold the loan's savings hold amount on its account (if not held already); the caller holds the
	loan's lock. Refuses with InsufficientBalanceError when balance less what is held is too small."""
	hold = _hold_of(loan_name)
	amount = flt(hold.savings_hold_amount) if hold else 0
	if not amount or flt(hold.savings_held) or not hold.hold_savings_account:
		return 0
	account = lock_account(hold.hold_savings_account)
	if flt(account.balance) - flt(account.held_amount) < amount:
		refuse_hold(account.name, amount, account.balance, account.held_amount)
	_set_held(loan_name, account.name, amount, amount)
	return amount


def release_savings_hold(loan_name: str) -> int:
	"""Give back what the loan holds on the member's savings (loan closed: paid off, written off, or
	cancelled); returns the amount released, 0 when nothing was held."""
	hold = _hold_of(loan_name)
	held = flt(hold.savings_held) if hold else 0
	if not held or not hold.hold_savings_account:
		return 0
	account = lock_account(hold.hold_savings_account)
	_set_held(loan_name, account.name, -min(held, flt(account.held_amount)), 0)
	return held
