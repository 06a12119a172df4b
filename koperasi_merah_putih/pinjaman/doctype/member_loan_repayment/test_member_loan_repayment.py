# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, flt, getdate, today

from koperasi_merah_putih.calculators.periods import period_key
from koperasi_merah_putih.exceptions import (
	AdvancePaymentError,
	AmountError,
	InsufficientBalanceError,
	LoanClosedError,
	PaymentTooLargeError,
	PayoffAmountError,
	PostingDateError,
	SavingsAccountError,
	WholeRupiahError,
)
from koperasi_merah_putih.pinjaman.doctype.member_loan_repayment.member_loan_repayment import (
	get_payoff_amount,
)
from koperasi_merah_putih.pinjaman.setup import make_interest_receivable_account
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	WAJIB,
	active_member,
	approve,
	cash_account,
	company,
	disbursed_loan,
	draft_loan,
	gl_debit_balance,
	loan_application,
	loan_product,
	make_user,
	repay,
	savings_account,
	transact,
)

KASIR = "kasir.angsuran@koperasi.test"


class TestMemberLoanRepayment(FrappeTestCase):
	def setUp(self):
		make_user(KASIR, "Kasir", "Accounts User")
		self.settings = frappe.get_single("Cooperative Settings")
		# flat 12% a year, 1.200.000 over 12 months: 100.000 principal + 12.000 interest each month
		self.product = loan_product()

	def tearDown(self):
		frappe.set_user("Administrator")

	def loan(self, **fields):
		return disbursed_loan(product=self.product, **fields)

	def assert_receivable_equals_outstanding(self, loan: str):
		"""The loan receivable in the GL is the principal the schedule still has open, at every step."""
		member, outstanding = frappe.db.get_value("Member Loan", loan, ["member", "outstanding_principal"])
		rows = frappe.get_all(
			"Member Loan Schedule", filters={"parent": loan}, fields=["principal", "paid_principal"]
		)
		self.assertEqual(outstanding, sum(flt(r.principal) - flt(r.paid_principal) for r in rows))
		self.assertEqual(gl_debit_balance(self.settings.loan_receivable_account, party=member), outstanding)

	def gl(self, voucher: str) -> list[tuple]:
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party"],
		)
		return sorted((r.account, r.debit, r.credit, r.party) for r in rows)

	def test_partial_payment_pays_interest_then_principal(self):
		loan = self.loan()
		frappe.set_user(KASIR)
		repayment = repay(loan.name, 50000)
		frappe.set_user("Administrator")
		self.assertEqual(
			[
				(a.instalment, a.denda, a.interest, a.principal, a.advance, a.closes)
				for a in repayment.allocation
			],
			[(1, 0, 12000, 38000, 1, 0)],  # paid before the first due date: in advance
		)
		self.assertEqual(
			self.gl(repayment.name),
			sorted(
				[
					(cash_account(), 50000, 0, None),
					(self.settings.loan_receivable_account, 0, 38000, loan.member),
					(self.settings.loan_interest_income_account, 0, 12000, None),
				]
			),
		)
		row = frappe.get_all(
			"Member Loan Schedule",
			filters={"parent": loan.name, "instalment": 1},
			fields=["paid_principal", "paid_interest"],
		)[0]
		self.assertEqual((row.paid_principal, row.paid_interest), (38000, 12000))
		self.assert_receivable_equals_outstanding(loan.name)
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["outstanding_principal", "outstanding_interest"]),
			(1162000, 132000),
		)

	def test_advance_over_several_instalments_and_cancel_reopens_them(self):
		loan = self.loan()
		first = repay(loan.name, 112000)
		self.assert_receivable_equals_outstanding(loan.name)
		second = repay(loan.name, 250000, pay_in_advance=1)
		self.assertEqual(
			[(a.instalment, a.interest, a.principal, a.closes) for a in second.allocation],
			[(2, 12000, 100000, 1), (3, 12000, 100000, 1), (4, 12000, 14000, 0)],
		)
		self.assert_receivable_equals_outstanding(loan.name)
		second.cancel()
		self.assert_receivable_equals_outstanding(loan.name)
		paid = frappe.get_all(
			"Member Loan Schedule",
			filters={"parent": loan.name},
			fields=["instalment", "paid_principal", "paid_interest"],
			order_by="instalment",
		)
		self.assertEqual(
			[(p.paid_principal, p.paid_interest) for p in paid[:4]], [(100000, 12000), (0, 0), (0, 0), (0, 0)]
		)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "outstanding_principal"), 1100000)
		self.assertEqual(self.gl(second.name), [])
		self.assertTrue(first.docstatus == 1)

	def test_paying_off_closes_the_loan_and_nothing_more_is_taken(self):
		loan = self.loan()
		with self.assertRaises(PaymentTooLargeError):
			repay(loan.name, 1344001)
		payoff = repay(loan.name, 1344000)
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["status", "outstanding_principal", "closed_on"]),
			("Lunas", 0, frappe.utils.getdate(today())),
		)
		self.assert_receivable_equals_outstanding(loan.name)
		self.assertEqual(
			(payoff.principal_amount, payoff.interest_amount, payoff.denda_amount), (1200000, 144000, 0)
		)
		with self.assertRaises(LoanClosedError):
			repay(loan.name, 1000)
		payoff.cancel()
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["status", "outstanding_principal", "closed_on"]),
			("Aktif", 1200000, None),
		)
		self.assert_receivable_equals_outstanding(loan.name)

	def test_denda_first_then_interest_then_principal_on_the_overdue_instalment(self):
		start = add_days(today(), -40)
		application = loan_application(active_member().name, self.product, application_date=start)
		approve(application.name)
		loan = draft_loan(application.name, posting_date=start)
		loan.submit()
		# what the daily denda run (a later step) books on the overdue first instalment
		frappe.db.set_value(
			"Member Loan Schedule",
			{"parent": loan.name, "instalment": 1},
			"denda",
			5000,
			update_modified=False,
		)
		repayment = repay(loan.name, 60000)
		self.assertEqual(
			[(a.instalment, a.denda, a.interest, a.principal, a.advance) for a in repayment.allocation],
			[(1, 5000, 12000, 43000, 0)],
		)
		self.assertIn((self.settings.loan_penalty_income_account, 0, 5000, None), self.gl(repayment.name))
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "paid_denda"), 5000)
		self.assert_receivable_equals_outstanding(loan.name)

	def test_allocation_order_of_the_product(self):
		product = loan_product(allocation_order="Principal, Interest, Denda")
		loan = disbursed_loan(product=product)
		repayment = repay(loan.name, 105000)
		self.assertEqual(
			[(a.instalment, a.interest, a.principal) for a in repayment.allocation], [(1, 5000, 100000)]
		)
		self.assert_receivable_equals_outstanding(loan.name)

	def test_bad_input_refused_and_nothing_written(self):
		loan = self.loan()
		for amount in (0, -50000):
			with self.subTest(amount=amount), self.assertRaises(AmountError):
				repay(loan.name, amount)
		with self.assertRaises(WholeRupiahError):
			repay(loan.name, 50000.5)
		with self.assertRaises(PostingDateError):
			repay(loan.name, 50000, posting_date=add_days(today(), 1))
		with self.assertRaises(PostingDateError):
			repay(loan.name, 50000, posting_date=add_days(today(), -1))  # before the disbursement
		self.assertFalse(frappe.db.exists("Member Loan Repayment", {"member_loan": loan.name}))
		self.assert_receivable_equals_outstanding(loan.name)

	def test_no_repayment_of_a_draft_or_cancelled_loan(self):
		application = loan_application(active_member().name, self.product)
		approve(application.name)
		draft = draft_loan(application.name)
		with self.assertRaises(LoanClosedError):
			repay(draft.name, 10000)
		draft.submit()
		waiting = repay(draft.name, 10000, submit=False)
		draft.cancel()
		# Frappe itself refuses a link to a cancelled document, before any controller runs
		with self.assertRaises(frappe.CancelledLinkError):
			repay(draft.name, 10000)
		with self.assertRaises((LoanClosedError, frappe.CancelledLinkError)):
			waiting.submit()

	def test_closed_accounting_period_refused(self):
		start = add_days(today(), -10)
		application = loan_application(active_member().name, self.product, application_date=start)
		approve(application.name)
		loan = draft_loan(application.name, posting_date=start)
		loan.submit()
		period = frappe.get_doc(
			{
				"doctype": "Accounting Period",
				"period_name": f"Tutup Buku Angsuran {frappe.generate_hash(length=4)}",
				"company": company(),
				"start_date": add_days(today(), -5),
				"end_date": add_days(today(), -1),
				"closed_documents": [{"document_type": "Member Loan Repayment", "closed": 1}],
			}
		).insert()
		with self.assertRaises(frappe.ValidationError):  # ERPNext's ClosedAccountingPeriod
			repay(loan.name, 50000, posting_date=add_days(today(), -2))
		repay(loan.name, 50000)
		period.delete()
		self.assert_receivable_equals_outstanding(loan.name)


class TestRepaymentAdvancePayoffAndSavings(FrappeTestCase):
	"""Advance payments need a tick, an early payoff follows the product's rule, and a repayment can be
	debited from the member's simpanan sukarela."""

	def setUp(self):
		make_user(KASIR, "Kasir", "Accounts User")
		self.settings = frappe.get_single("Cooperative Settings")
		self.receivable = make_interest_receivable_account()

	def tearDown(self):
		frappe.set_user("Administrator")

	def gl(self, voucher: str) -> list[tuple]:
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party"],
		)
		return sorted((r.account, r.debit, r.credit, r.party) for r in rows)

	def test_more_than_is_due_needs_pay_in_advance(self):
		loan = disbursed_loan(product=loan_product())
		frappe.set_user(KASIR)
		with self.assertRaises(AdvancePaymentError):  # the current instalment is 112.000
			repay(loan.name, 112001)
		self.assertFalse(frappe.db.exists("Member Loan Repayment", {"member_loan": loan.name}))
		repayment = repay(loan.name, 250000, pay_in_advance=1)
		self.assertEqual([(a.instalment, a.advance) for a in repayment.allocation], [(1, 1), (2, 1), (3, 1)])
		with self.assertRaises(PaymentTooLargeError):  # never more than the payoff amount
			repay(loan.name, 1344000 - 250000 + 1, pay_in_advance=1)

	def test_early_payoff_charges_the_current_period_and_waives_the_rest(self):
		loan = disbursed_loan(product=loan_product(payoff_rule="Current Period Interest"))
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["payoff_rule", "payoff_interest_periods"]),
			("Current Period Interest", 0),
		)
		frappe.set_user(KASIR)
		quote = get_payoff_amount(loan.name)
		self.assertEqual(
			(quote["payoff_amount"], quote["principal"], quote["interest"], quote["interest_waived"]),
			(1212000, 1200000, 12000, 132000),
		)
		with self.assertRaises(PayoffAmountError):
			repay(loan.name, 1200000, is_payoff=1)
		with self.assertRaises(PaymentTooLargeError):  # more than the payoff amount, payoff or not
			repay(loan.name, 1212001, pay_in_advance=1)
		payoff = repay(loan.name, 1212000, is_payoff=1)
		frappe.set_user("Administrator")
		self.assertEqual((payoff.interest_waived, payoff.payoff_amount), (132000, 1212000))
		self.assertEqual(
			frappe.db.get_value(
				"Member Loan", loan.name, ["status", "outstanding_principal", "outstanding_interest"]
			),
			("Lunas", 0, 0),
		)
		self.assertEqual(
			self.gl(payoff.name),
			sorted(
				[
					(cash_account(), 1212000, 0, None),
					(self.settings.loan_receivable_account, 0, 1200000, loan.member),
					(self.settings.loan_interest_income_account, 0, 12000, None),
				]
			),
		)
		waived = frappe.get_all(
			"Member Loan Schedule", filters={"parent": loan.name}, pluck="waived_interest"
		)
		self.assertEqual(sum(waived), 132000)
		payoff.cancel()
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["status", "outstanding_interest"]),
			("Aktif", 144000),
		)
		self.assertEqual(
			sum(
				frappe.get_all("Member Loan Schedule", filters={"parent": loan.name}, pluck="waived_interest")
			),
			0,
		)

	def test_payoff_that_waives_accrued_interest_takes_the_accrual_back(self):
		start = add_days(add_months(frappe.utils.get_first_day(today()), -3), 9)
		application = loan_application(
			active_member().name, loan_product(payoff_rule="Interest to Date"), application_date=start
		)
		approve(application.name)
		loan = draft_loan(application.name, posting_date=start)
		loan.submit()
		first = frappe.get_all(
			"Member Loan Schedule", filters={"parent": loan.name, "instalment": 1}, fields=["due_date"]
		)[0]
		period = period_key(getdate(first.due_date))
		accrual = frappe.get_doc({"doctype": "Loan Interest Accrual", "period": period}).insert()
		accrual.submit()
		# paid off the day before the first instalment falls due (entered late): most of its interest
		payoff_date = add_days(first.due_date, -1)
		quote = get_payoff_amount(loan.name, str(payoff_date))
		payoff = repay(loan.name, quote["payoff_amount"], posting_date=payoff_date, is_payoff=1)
		line = payoff.allocation[0]
		self.assertEqual(line.interest + line.interest_waived, 12000)
		self.assertEqual(
			(line.interest_receivable, line.interest_reversed), (line.interest, line.interest_waived)
		)
		gl = {(r[0], r[1], r[2]) for r in self.gl(payoff.name)}
		self.assertIn((self.receivable, 0, 12000), gl)  # the whole accrual leaves the receivable
		self.assertIn((self.settings.loan_interest_income_account, line.interest_waived, 0), gl)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "status"), "Lunas")
		payoff.cancel()
		accrual.cancel()

	def test_repayment_from_sukarela_savings(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 500000)
		loan = disbursed_loan(member=member.name, product=loan_product())
		liability = frappe.db.get_value("Savings Account", account, "account")
		frappe.set_user(KASIR)
		repayment = repay(
			loan.name, 112000, payment_source="Simpanan Sukarela", savings_account=account, cash_account=None
		)
		frappe.set_user("Administrator")
		self.assertIsNone(repayment.cash_account)
		self.assertEqual(
			self.gl(repayment.name),
			sorted(
				[
					(liability, 112000, 0, member.name),
					(self.settings.loan_receivable_account, 0, 100000, loan.member),
					(self.settings.loan_interest_income_account, 0, 12000, None),
				]
			),
		)
		self.assertEqual(frappe.db.get_value("Savings Account", account, "balance"), 388000)
		self.assertEqual(
			frappe.get_all(
				"Savings Ledger Entry",
				filters={"voucher_no": repayment.name, "is_cancelled": 0},
				pluck="amount",
			),
			[-112000],
		)
		# the held part of the savings is not spendable
		frappe.db.set_value("Savings Account", account, "held_amount", 300000)
		with self.assertRaises(InsufficientBalanceError):
			repay(
				loan.name,
				100000,
				payment_source="Simpanan Sukarela",
				savings_account=account,
				pay_in_advance=1,
			)
		frappe.db.set_value("Savings Account", account, "held_amount", 0)
		repayment.cancel()
		self.assertEqual(frappe.db.get_value("Savings Account", account, "balance"), 500000)
		self.assertEqual(self.gl(repayment.name), [])

	def test_savings_of_another_member_or_type_refused(self):
		loan = disbursed_loan(product=loan_product())
		other = savings_account(active_member().name, SUKARELA)
		wajib = savings_account(loan.member, WAJIB)
		for account in (None, other, wajib):
			with self.subTest(account=account), self.assertRaises(SavingsAccountError):
				repay(loan.name, 112000, payment_source="Simpanan Sukarela", savings_account=account)
