# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, today

from koperasi_merah_putih.exceptions import (
	AmountError,
	LoanClosedError,
	PaymentTooLargeError,
	PostingDateError,
	WholeRupiahError,
)
from koperasi_merah_putih.tests.utils import (
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
		second = repay(loan.name, 250000)
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
