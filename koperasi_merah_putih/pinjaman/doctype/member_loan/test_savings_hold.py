# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import InsufficientBalanceError, LoanProductError, SavingsHoldError
from koperasi_merah_putih.pinjaman.collateral import release_savings_hold
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	approve,
	draft_loan,
	loan_application,
	loan_product,
	repay,
	savings_account,
	transact,
)


class TestSavingsHold(FrappeTestCase):
	"""A product that holds 10% of the loan amount on the member's savings until the loan is closed."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.product = loan_product(requires_savings_hold=1, savings_hold_percent=10)

	def member_with_savings(self, amount: int):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		if amount:
			transact(account, amount)
		return member, account

	def held(self, account: str) -> float:
		return frappe.db.get_value("Savings Account", account, "held_amount")

	def loan(self, member: str, account: str | None, submit: bool = True):
		application = loan_application(member, self.product, hold_savings_account=account)
		approve(application.name)
		loan = draft_loan(application.name)
		if submit:
			loan.submit()
		return loan

	def test_disbursement_holds_the_savings_until_the_loan_is_paid_off(self):
		member, account = self.member_with_savings(500000)
		loan = self.loan(member.name, account)
		self.assertEqual(
			frappe.db.get_value(
				"Member Loan", loan.name, ["hold_savings_account", "savings_hold_amount", "savings_held"]
			),
			(account, 120000, 120000),
		)
		self.assertEqual(self.held(account), 120000)
		# a withdrawal cannot touch the held part
		with self.assertRaises(InsufficientBalanceError):
			transact(account, 400000, "Penarikan")
		transact(account, 100000, "Penarikan").cancel()

		payoff = repay(loan.name, 1344000)  # everything owed: the loan is Lunas
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "status"), "Lunas")
		self.assertEqual(self.held(account), 0)
		self.assertEqual(release_savings_hold(loan.name), 0)  # nothing held twice released
		payoff.cancel()  # re-opened: held again
		self.assertEqual(self.held(account), 120000)
		loan.reload()
		loan.cancel()
		self.assertEqual(self.held(account), 0)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "savings_held"), 0)

	def test_hold_refused_without_account_or_free_balance(self):
		member, account = self.member_with_savings(100000)
		with self.assertRaises(SavingsHoldError):
			loan_application(member.name, self.product)
		_other, other_account = self.member_with_savings(500000)
		with self.assertRaises(SavingsHoldError):
			loan_application(member.name, self.product, hold_savings_account=other_account)
		loan = self.loan(member.name, account, submit=False)  # applied before saving enough
		frappe.db.set_value("Savings Account", account, "held_amount", 0)
		with self.assertRaises(InsufficientBalanceError):
			loan.submit()
		self.assertEqual(self.held(account), 0)
		transact(account, 20000)
		loan.reload()
		loan.submit()
		self.assertEqual(self.held(account), 120000)

	def test_product_needs_a_percent(self):
		for percent in (0, 101):
			with self.subTest(percent=percent), self.assertRaises(LoanProductError):
				loan_product(requires_savings_hold=1, savings_hold_percent=percent)
