# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.savings import (
	early_withdrawal_penalty,
	time_deposit_interest,
	time_deposit_maturity,
)
from koperasi_merah_putih.exceptions import (
	AmountError,
	CannotCancelError,
	NotWithdrawableError,
	SavingsAccountError,
	TimeDepositError,
)
from koperasi_merah_putih.simpanan.billing import allocate_to_bills, reverse_bill_payments
from koperasi_merah_putih.simpanan.common import (
	BERJANGKA,
	LOCKED_WHILE_MEMBER,
	POKOK,
	WAJIB,
	SavingsVoucher,
	member_is_active,
	set_cash_account,
	validate_posting_date,
)
from koperasi_merah_putih.simpanan.ledger import check_available, lock_account
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_account

DEPOSIT = "Setoran"
WITHDRAWAL = "Penarikan"
TRANSFER = "Transfer"


class SavingsTransaction(SavingsVoucher):
	def validate(self):
		validate_posting_date(self)
		self.validate_amount_positive()
		source = frappe.get_doc("Savings Account", self.savings_account)  # fresh: balances move by SQL
		# Whose money and which product: from the account, never from the client.
		self.company = source.company
		self.member = source.member
		self.member_name = source.member_name
		self.product = source.product
		# A penalty exists only on an early time-deposit withdrawal, computed at submit (before_submit).
		self.penalty_amount = 0
		if source.status != "Aktif":
			frappe.throw(
				_("Savings Account {0} is closed. Choose an active account of the member.").format(
					self.savings_account
				),
				SavingsAccountError,
				title=_("Account closed"),
			)
		if self.transaction_type == TRANSFER:
			self.validate_transfer(source)
		else:
			set_cash_account(
				self,
				_("Choose the Cash/Bank Account (or a Mode of Payment that has one for {0}).").format(
					self.company
				),
			)
		if self.transaction_type == DEPOSIT:
			self.validate_deposit(source)

	def validate_transfer(self, source):
		if not self.to_savings_account or self.to_savings_account == self.savings_account:
			frappe.throw(
				_("To Savings Account must be another account of the same member."),
				SavingsAccountError,
				title=_("To Savings Account"),
			)
		target = frappe.get_doc("Savings Account", self.to_savings_account)
		if target.member != source.member:
			frappe.throw(
				_("Transfers are only between one member's own accounts; {0} belongs to {1}.").format(
					target.name, target.member
				),
				SavingsAccountError,
				title=_("To Savings Account"),
			)
		if target.status != "Aktif":
			frappe.throw(
				_("Savings Account {0} is closed. Choose an active account of the member.").format(
					target.name
				),
				SavingsAccountError,
				title=_("Account closed"),
			)
		self.validate_deposit(target)

	def validate_deposit(self, account):
		if account.savings_type == POKOK:
			product_amount = flt(frappe.get_cached_value("Savings Product", account.product, "amount"))
			if flt(account.balance) + flt(self.amount) > product_amount:
				frappe.throw(
					_(
						"Simpanan Pokok is {0}, paid once; account {1} already holds {2}. Enter at most {3}."
					).format(
						rupiah(product_amount),
						account.name,
						rupiah(account.balance),
						rupiah(max(product_amount - flt(account.balance), 0)),
					),
					AmountError,
					title=_("Amount"),
				)
		if account.savings_type == BERJANGKA and flt(account.balance) > 0:
			frappe.throw(
				_("Time deposit {0} already holds {1}; open a new time deposit for more money.").format(
					account.name, rupiah(account.balance)
				),
				TimeDepositError,
				title=_("Time deposit"),
			)

	def before_submit(self):
		"""Checks on the money itself, with the account row locked so no one else spends it meanwhile."""
		if self.transaction_type == DEPOSIT:
			return
		account = lock_account(self.savings_account)
		if account.savings_type in LOCKED_WHILE_MEMBER and member_is_active(account.member):
			frappe.throw(
				_(
					"Simpanan {0} cannot be withdrawn while {1} is a member (UU 25/1992, Pasal 41); it is refunded with a Member Exit Settlement when they leave."
				).format(account.savings_type, account.member),
				NotWithdrawableError,
				title=_("Not withdrawable"),
			)
		check_available(account, self.amount)
		if account.savings_type == BERJANGKA:
			self.apply_time_deposit_rules(account)

	def apply_time_deposit_rules(self, account):
		if flt(self.amount) != flt(account.balance):
			frappe.throw(
				_("A time deposit is withdrawn whole: enter {0}.").format(rupiah(account.balance)),
				TimeDepositError,
				title=_("Amount"),
			)
		self.penalty_amount = 0
		if (
			not account.matured
			and account.maturity_date
			and getdate(self.posting_date) < getdate(account.maturity_date)
		):
			product = frappe.get_cached_doc("Savings Product", account.product)
			accrued = time_deposit_interest(
				flt(account.balance),
				flt(account.interest_rate),
				getdate(account.deposit_date),
				getdate(self.posting_date),
			)
			mode = (
				"forfeit_interest" if product.penalty_mode == "Forfeit Interest" else "percent_of_principal"
			)
			self.penalty_amount = early_withdrawal_penalty(
				flt(account.balance), flt(product.early_withdrawal_penalty), accrued, mode=mode
			)

	def on_submit(self):
		self.post_savings()
		target = self.to_savings_account if self.transaction_type == TRANSFER else self.savings_account
		account = frappe.get_doc("Savings Account", target)
		if self.transaction_type in (DEPOSIT, TRANSFER) and account.savings_type == WAJIB:
			allocate_to_bills(
				self,
				[
					{
						"savings_account": account.name,
						"member": account.member,
						"member_name": account.member_name,
						"product": account.product,
						"amount": self.amount,
					}
				],
			)
		if self.transaction_type in (DEPOSIT, TRANSFER) and account.savings_type == BERJANGKA:
			term = frappe.get_cached_value("Savings Product", account.product, "term_months")
			frappe.db.set_value(
				"Savings Account",
				account.name,
				{
					"deposit_date": self.posting_date,
					"maturity_date": time_deposit_maturity(getdate(self.posting_date), int(term)),
					"matured": 0,
				},
			)

	def before_cancel(self):
		super().before_cancel()
		credited = self.to_savings_account if self.transaction_type == TRANSFER else self.savings_account
		if self.transaction_type in (DEPOSIT, TRANSFER):
			account = lock_account(credited)
			if flt(account.balance) - flt(self.amount) < flt(account.held_amount):
				frappe.throw(
					_(
						"Cannot cancel: {0} no longer holds the {1} deposited (balance {2}). Cancel the later withdrawals first."
					).format(credited, rupiah(self.amount), rupiah(account.balance)),
					CannotCancelError,
					title=_("Cannot cancel"),
				)

	def on_cancel(self):
		self.cancel_savings()
		reverse_bill_payments(self)

	# ------------------------------------------------------------------ postings
	def get_gl_entries(self):
		source = frappe.get_cached_doc("Savings Account", self.savings_account)
		amount = flt(self.amount)
		if self.transaction_type == DEPOSIT:
			return [
				self.plain_gl_row(self.cash_account, debit=amount, against=source.member),
				self.savings_gl_row(source, credit=amount, against=self.cash_account),
			]
		if self.transaction_type == WITHDRAWAL:
			penalty = flt(self.penalty_amount)
			rows = [
				self.savings_gl_row(source, debit=amount, against=self.cash_account),
				self.plain_gl_row(self.cash_account, credit=amount - penalty, against=source.member),
			]
			if penalty:
				rows.append(
					self.plain_gl_row(
						get_account("penalty_income_account"), credit=penalty, against=source.member
					)
				)
			return rows
		target = frappe.get_cached_doc("Savings Account", self.to_savings_account)
		return [
			self.savings_gl_row(source, debit=amount, against=target.account),
			self.savings_gl_row(target, credit=amount, against=source.account),
		]

	def get_ledger_rows(self):
		source = frappe.get_cached_doc("Savings Account", self.savings_account)
		row = {
			"savings_account": source.name,
			"member": source.member,
			"product": source.product,
			"account": source.account,
		}
		if self.transaction_type == DEPOSIT:
			return [{**row, "amount": flt(self.amount)}]
		if self.transaction_type == WITHDRAWAL:
			return [{**row, "amount": -flt(self.amount)}]
		target = frappe.get_cached_doc("Savings Account", self.to_savings_account)
		return [
			{**row, "amount": -flt(self.amount)},
			{
				"savings_account": target.name,
				"member": target.member,
				"product": target.product,
				"account": target.account,
				"amount": flt(self.amount),
			},
		]
