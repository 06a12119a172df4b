# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.calculators.loans import add_months_clamped, schedule_totals
from koperasi_merah_putih.exceptions import (
	AlreadyDisbursedError,
	CannotCancelError,
	LoanApplicationStateError,
	MemberNotActiveError,
	PostingDateError,
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

BENDAHARA = "bendahara.disburse@koperasi.test"


def receivable_of(member: str) -> float:
	account = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
	return gl_debit_balance(account, party=member)


class TestMemberLoan(FrappeTestCase):
	def setUp(self):
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		self.product = loan_product(admin_fee_percent=1, insurance_amount=5000)

	def tearDown(self):
		frappe.set_user("Administrator")

	def approved_application(self, member=None, **fields):
		app = loan_application(member or active_member().name, self.product, **fields)
		approve(app.name)
		return app

	def test_disbursement_fixes_the_schedule_and_posts_with_the_member_as_party(self):
		app = self.approved_application()
		frappe.set_user(BENDAHARA)
		loan = draft_loan(app.name, loan_amount=9999999, status="Lunas", interest_rate=1)  # tampering ignored
		loan.submit()
		frappe.set_user("Administrator")
		loan.reload()
		self.assertEqual((loan.loan_amount, loan.interest_rate, loan.status), (1200000, 12, "Aktif"))
		self.assertEqual((loan.outstanding_principal, loan.outstanding_interest), (1200000, 144000))
		totals = schedule_totals(loan.schedule)
		self.assertEqual(
			(totals["instalments"], totals["principal"], totals["interest"], totals["total"]),
			(12, 1200000, 144000, 1344000),
		)
		self.assertEqual(
			getdate(loan.schedule[0].due_date),
			add_months_clamped(getdate(loan.posting_date), 1),
		)
		self.assertEqual(loan.schedule[-1].outstanding, 0)
		settings = frappe.get_single("Cooperative Settings")
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": loan.name, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party_type", "party"],
		)
		self.assertEqual(
			sorted((r.account, r.debit, r.credit, r.party_type, r.party) for r in rows),
			sorted(
				[
					(settings.loan_receivable_account, 1200000, 0, "Cooperative Member", app.member),
					(cash_account(), 0, 1183000, None, None),
					(settings.loan_admin_fee_income_account, 0, 12000, None, None),
					(settings.loan_insurance_payable_account, 0, 5000, None, None),
				]
			),
		)
		self.assertEqual(receivable_of(app.member), loan.outstanding_principal)
		self.assertEqual(frappe.db.get_value("Member Loan Application", app.name, "member_loan"), loan.name)

	def test_an_application_is_disbursed_once(self):
		app = self.approved_application()
		first, second = draft_loan(app.name), draft_loan(app.name)
		first.submit()
		with self.assertRaises(AlreadyDisbursedError):
			second.submit()
		with self.assertRaises(AlreadyDisbursedError):
			draft_loan(app.name)
		with self.assertRaises(AlreadyDisbursedError):
			frappe.get_doc("Member Loan Application", app.name).make_loan()
		self.assertEqual(receivable_of(app.member), 1200000)

	def test_only_an_approved_application_of_an_active_member(self):
		app = loan_application(active_member().name, self.product)
		with self.assertRaises(LoanApplicationStateError):
			draft_loan(app.name)
		approve(app.name)
		loan = draft_loan(app.name)
		frappe.db.set_value("Cooperative Member", app.member, "status", "Keluar")
		with self.assertRaises(MemberNotActiveError):
			loan.submit()

	def test_dates(self):
		app = self.approved_application()
		with self.assertRaises(PostingDateError):
			draft_loan(app.name, posting_date=add_days(today(), 1))
		with self.assertRaises(PostingDateError):
			draft_loan(app.name, posting_date=add_days(today(), -1))  # before the application
		early = self.approved_application(application_date=add_days(today(), -5))
		period = frappe.get_doc(
			{
				"doctype": "Accounting Period",
				"period_name": f"Tutup Buku Pinjaman {frappe.generate_hash(length=4)}",
				"company": company(),
				"start_date": add_days(today(), -5),
				"end_date": add_days(today(), -1),
				"closed_documents": [
					{"document_type": row["document_type"], "closed": 1}
					for row in frappe.get_doc({"doctype": "Accounting Period"}).get_doctypes_for_closing()
				],
			}
		).insert()
		self.assertIn("Member Loan", [d.document_type for d in period.closed_documents])
		self.assertIn("Member Loan Repayment", [d.document_type for d in period.closed_documents])
		with self.assertRaises(frappe.ValidationError):  # ERPNext's ClosedAccountingPeriod
			draft_loan(early.name, posting_date=add_days(today(), -2))
		period.delete()

	def test_cancel_reverses_and_the_application_can_be_disbursed_again(self):
		loan = disbursed_loan(product=self.product)
		member, application = loan.member, loan.loan_application
		self.assertEqual(receivable_of(member), 1200000)
		loan.cancel()
		self.assertEqual(receivable_of(member), 0)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "status"), "Dibatalkan")
		self.assertFalse(frappe.db.get_value("Member Loan Application", application, "member_loan"))
		again = draft_loan(application)
		again.submit()
		self.assertEqual(receivable_of(member), 1200000)

	def test_cancel_refused_while_repayments_stand(self):
		loan = disbursed_loan(product=self.product)
		repayment = repay(loan.name, 112000)
		with self.assertRaises(CannotCancelError):
			frappe.get_doc("Member Loan", loan.name).cancel()
		repayment.cancel()
		frappe.get_doc("Member Loan", loan.name).cancel()
		self.assertEqual(receivable_of(loan.member), 0)

	def test_a_member_reads_only_their_own_loans_and_applications(self):
		borrower = active_member(email=f"peminjam.{frappe.generate_hash(length=8)}@koperasi.test")
		user = frappe.db.get_value("Cooperative Member", borrower.name, "user")
		self.assertTrue(user)
		guarantor = active_member()
		own = disbursed_loan(borrower.name, self.product)
		guaranteed = self.approved_application(borrower.name, guarantor=guarantor.name)
		other = disbursed_loan(product=self.product)
		self.assertTrue(frappe.has_permission("Member Loan", "read", own.name, user=user))
		self.assertFalse(frappe.has_permission("Member Loan", "read", other.name, user=user))
		self.assertFalse(frappe.has_permission("Member Loan", "write", own.name, user=user))
		# the guarantor (another member) does not hide the borrower's own application from them
		self.assertTrue(frappe.has_permission("Member Loan Application", "read", guaranteed.name, user=user))
		self.assertFalse(
			frappe.has_permission("Member Loan Application", "read", other.loan_application, user=user)
		)
		frappe.set_user(user)
		self.assertEqual(frappe.get_list("Member Loan", pluck="name"), [own.name])
