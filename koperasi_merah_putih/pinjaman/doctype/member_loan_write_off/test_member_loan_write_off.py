# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, today

from koperasi_merah_putih.exceptions import (
	LaterRepaymentsError,
	LoanClosedError,
	LoanRecoveryError,
	LoanWriteOffError,
)
from koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.test_loan_loss_provision import (
	provision_expense_account,
)
from koperasi_merah_putih.pinjaman.doctype.member_loan.test_daily_loan_run import past_loan
from koperasi_merah_putih.pinjaman.setup import make_interest_receivable_account
from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	approve,
	cash_account,
	company,
	draft_loan,
	gl_balance,
	gl_debit_balance,
	loan_application,
	loan_product,
	make_user,
	repay,
	savings_account,
	transact,
)

KETUA = "ketua.hapusbuku@koperasi.test"
KASIR = "kasir.hapusbuku@koperasi.test"


def write_off(loan: str, submit: bool = True):
	doc = frappe.get_doc(
		{"doctype": "Member Loan Write Off", "member_loan": loan, "reason": "Usaha bangkrut, anggota pindah"}
	).insert()
	if submit:
		doc.submit()
	return doc


def set_allowance(balance: int) -> None:
	"""A journal entry that brings the loan loss allowance to `balance` (as a submitted PPAP would)."""
	settings = frappe.get_single("Cooperative Settings")
	amount = balance - int(gl_balance(settings.loan_allowance_account))
	if not amount:
		return
	expense, allowance = (
		{"debit_in_account_currency": abs(amount)} if amount > 0 else {"credit_in_account_currency": -amount},
		{"credit_in_account_currency": abs(amount)} if amount > 0 else {"debit_in_account_currency": -amount},
	)
	frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": company(),
			"posting_date": today(),
			"accounts": [
				{"account": settings.loan_provision_expense_account, **expense},
				{"account": settings.loan_allowance_account, **allowance},
			],
		}
	).insert().submit()


def gl_rows(voucher: str) -> list[tuple]:
	return sorted(
		(r.account, r.debit, r.credit, r.party or None)
		for r in frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party"],
		)
	)


class TestMemberLoanWriteOff(FrappeTestCase):
	def setUp(self):
		make_user(KETUA, "Ketua", "Accounts User")
		make_user(KASIR, "Kasir", "Accounts User")
		self.expense = provision_expense_account()
		make_borrowing_accounts(company())
		settings = frappe.get_single("Cooperative Settings")
		self.allowance = settings.loan_allowance_account
		self.receivable = settings.loan_receivable_account
		self.recovery_income = settings.loan_recovery_income_account
		self.product = loan_product()
		self.loan = past_loan(self.product, 100)
		repay(self.loan.name, 112000)  # instalment 1: 1.100.000 principal left

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_written_off_against_the_allowance(self):
		set_allowance(1500000)
		available = 1500000
		frappe.set_user(KETUA)
		doc = write_off(self.loan.name)
		frappe.set_user("Administrator")
		self.assertEqual(
			(doc.outstanding_principal, doc.allowance_amount, doc.expense_amount), (1100000, 1100000, 0)
		)
		self.assertEqual(doc.allowance_balance, available)
		self.assertEqual(
			gl_rows(doc.name),
			sorted(
				[
					(self.allowance, 1100000, 0, None),
					(self.receivable, 0, 1100000, self.loan.member),
				]
			),
		)
		self.assertEqual(gl_debit_balance(self.receivable, party=self.loan.member), 0)
		self.assertEqual(gl_balance(self.allowance), available - 1100000)
		loan = frappe.get_doc("Member Loan", self.loan.name)
		self.assertEqual(
			(loan.status, loan.written_off_amount, str(loan.written_off_on)),
			("Dihapusbukukan", 1100000, today()),
		)
		# no repayment on a written-off loan: money received is a recovery
		with self.assertRaises(LoanClosedError):
			repay(self.loan.name, 10000)

		doc.cancel()
		loan.reload()
		self.assertEqual((loan.status, loan.written_off_amount), ("Aktif", 0))
		self.assertEqual(gl_debit_balance(self.receivable, party=self.loan.member), 1100000)
		self.assertEqual(gl_balance(self.allowance), available)

	def test_the_part_the_allowance_does_not_cover_is_provision_expense(self):
		set_allowance(800000)
		doc = write_off(self.loan.name)
		self.assertEqual(
			(doc.allowance_balance, doc.allowance_amount, doc.expense_amount), (800000, 800000, 300000)
		)
		self.assertEqual(
			gl_rows(doc.name),
			sorted(
				[
					(self.allowance, 800000, 0, None),
					(self.expense, 300000, 0, None),
					(self.receivable, 0, 1100000, self.loan.member),
				]
			),
		)
		self.assertEqual(gl_balance(self.allowance), 0)

	def test_accrued_interest_nobody_paid_is_taken_back_from_income(self):
		receivable = make_interest_receivable_account()
		income = frappe.db.get_value("Member Loan", self.loan.name, "interest_income_account")
		# instalments 2 and 3 fell due and were accrued (12.000 each); 5.000 of instalment 2 was paid since
		rows = {
			r.instalment: r.name
			for r in frappe.get_all(
				"Member Loan Schedule", filters={"parent": self.loan.name}, fields=["name", "instalment"]
			)
		}
		for number in (2, 3):
			frappe.db.set_value("Member Loan Schedule", rows[number], "accrued_interest", 12000)
		frappe.db.set_value("Member Loan Schedule", rows[2], "paid_interest", 5000)
		set_allowance(1100000)
		doc = write_off(self.loan.name)
		self.assertEqual(doc.accrued_interest, 19000)
		self.assertEqual(doc.interest_receivable_account, receivable)
		rows = gl_rows(doc.name)
		self.assertIn((income, 19000, 0, None), rows)
		self.assertIn((receivable, 0, 19000, None), rows)

	def test_the_savings_held_as_collateral_are_released(self):
		product = loan_product(requires_savings_hold=1, savings_hold_percent=10)
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 500000)
		application = loan_application(member.name, product, hold_savings_account=account)
		approve(application.name)
		loan = draft_loan(application.name)
		loan.submit()
		self.assertEqual(frappe.db.get_value("Savings Account", account, "held_amount"), 120000)
		doc = write_off(loan.name)
		self.assertEqual(frappe.db.get_value("Savings Account", account, "held_amount"), 0)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "savings_held"), 0)
		doc.cancel()  # the loan is open again: it holds the savings again
		self.assertEqual(frappe.db.get_value("Savings Account", account, "held_amount"), 120000)

	def test_recovery_income_and_refusals(self):
		doc = write_off(self.loan.name)
		recovery = frappe.get_doc(
			{
				"doctype": "Member Loan Recovery",
				"member_loan": self.loan.name,
				"amount": 400000,
				"cash_account": cash_account(),
			}
		).insert()
		recovery.submit()
		self.assertEqual(
			gl_rows(recovery.name),
			sorted([(cash_account(), 400000, 0, None), (self.recovery_income, 0, 400000, None)]),
		)
		self.assertEqual(flt(frappe.db.get_value("Member Loan", self.loan.name, "recovered_amount")), 400000)
		with self.assertRaises(LaterRepaymentsError):
			doc.cancel()
		with self.assertRaises(LoanRecoveryError):  # 700.000 is left written off
			frappe.get_doc(
				{
					"doctype": "Member Loan Recovery",
					"member_loan": self.loan.name,
					"amount": 700001,
					"cash_account": cash_account(),
				}
			).insert()
		recovery.cancel()
		self.assertEqual(flt(frappe.db.get_value("Member Loan", self.loan.name, "recovered_amount")), 0)
		self.assertFalse(frappe.get_all("GL Entry", filters={"voucher_no": recovery.name, "is_cancelled": 0}))

	def test_refusals(self):
		other = past_loan(self.product, 10)
		with self.assertRaises(LoanRecoveryError):  # not written off
			frappe.get_doc(
				{
					"doctype": "Member Loan Recovery",
					"member_loan": other.name,
					"amount": 1000,
					"cash_account": cash_account(),
				}
			).insert()
		repay(other.name, 1344000)
		with self.assertRaises(LoanWriteOffError):  # paid off
			write_off(other.name, submit=False)

	def test_only_the_ketua_or_the_bendahara_writes_off(self):
		frappe.set_user(KASIR)
		with self.assertRaises(frappe.PermissionError):
			write_off(self.loan.name, submit=False)
