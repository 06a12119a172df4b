# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.pinjaman.report.loan_portfolio.loan_portfolio import execute
from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	company,
	draft_loan,
	gl_debit_balance,
	loan_application,
	loan_product,
	repay,
)


def receivable_account() -> str:
	"""A loan receivable account of the test's own, beside the one in Cooperative Settings."""
	template = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": f"Uji Piutang Pinjaman {frappe.generate_hash(length=6)}",
				"parent_account": frappe.db.get_value("Account", template, "parent_account"),
				"company": company(),
				"account_type": frappe.db.get_value("Account", template, "account_type"),
				"is_group": 0,
			}
		)
		.insert()
		.name
	)


def loan_disbursed_on(member: str, product: str, posting_date):
	application = loan_application(member, product, application_date=posting_date)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=posting_date)
	loan.submit()
	return loan


class TestLoanPortfolio(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.account = receivable_account()
		cls.product = loan_product(loan_receivable_account=cls.account)
		cls.start = add_days(today(), -40)
		cls.member = active_member()
		cls.other = active_member()
		cls.loan = loan_disbursed_on(cls.member.name, cls.product, cls.start)
		cls.other_loan = loan_disbursed_on(cls.other.name, cls.product, add_days(today(), -2))

	def run_report(self, **filters):
		return execute({"company": company(), "as_of_date": today(), "loan_product": self.product, **filters})

	def test_outstanding_principal_equals_the_gl_receivable_after_repayment(self):
		# what the daily denda run (another step) books on the overdue first instalment
		frappe.db.set_value(
			"Member Loan Schedule", {"parent": self.loan.name, "instalment": 1}, "denda", 5000
		)
		_c, data, message, _chart, summary = self.run_report()
		row = {r.loan: r for r in data}[self.loan.name]
		first_due = getdate(self.loan.schedule[0].due_date)
		self.assertEqual(
			(row.member, row.loan_amount, row.outstanding_principal, row.interest_due, row.denda_due),
			(self.member.name, 1200000, 1200000, 12000, 5000),
		)
		self.assertEqual((getdate(row.next_due_date), row.status), (first_due, "Aktif"))

		repayment = repay(self.loan.name, 60000)  # denda 5000, interest 12000, principal 43000
		self.assertEqual(repayment.principal_amount, 43000)
		_c, data, message, _chart, summary = self.run_report()
		rows = {r.loan: r for r in data}
		row = rows[self.loan.name]
		self.assertEqual((row.outstanding_principal, row.interest_due, row.denda_due), (1157000, 0, 0))
		self.assertEqual(getdate(row.next_due_date), first_due)  # 57,000 of its principal still open
		for loan, member in ((self.loan, self.member), (self.other_loan, self.other)):
			self.assertEqual(
				rows[loan.name].outstanding_principal, gl_debit_balance(self.account, party=member.name)
			)
		totals = {s["label"]: s["value"] for s in summary}
		self.assertEqual(totals["Principal Outstanding"], 1157000 + 1200000)
		self.assertEqual(totals["Loan Receivable (GL)"], gl_debit_balance(self.account))
		self.assertEqual(totals["Loan Receivable (GL)"], 1157000 + 1200000)
		self.assertEqual(totals["Difference (GL - Principal Outstanding)"], 0)
		self.assertIsNone(message)

		# As of yesterday the repayment had not been made; before the second disbursement that loan is absent.
		_c, data, _m, _ch, summary = self.run_report(as_of_date=add_days(today(), -3))
		self.assertEqual([(r.loan, r.outstanding_principal) for r in data], [(self.loan.name, 1200000)])
		self.assertEqual(
			{s["label"]: s["value"] for s in summary}["Difference (GL - Principal Outstanding)"], 0
		)

	def test_written_off_loan_leaves_the_portfolio_and_the_gl_alike(self):
		from koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.test_loan_loss_provision import (
			provision_expense_account,
		)
		from koperasi_merah_putih.pinjaman.doctype.member_loan_write_off.test_member_loan_write_off import (
			KETUA,
			set_allowance,
			write_off,
		)
		from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts
		from koperasi_merah_putih.tests.utils import make_user

		make_user(KETUA, "Ketua", "Accounts User")
		provision_expense_account()
		make_borrowing_accounts(company())
		set_allowance(5000000)
		member = active_member()
		loan = loan_disbursed_on(member.name, self.product, self.start)
		frappe.set_user(KETUA)
		try:
			write_off(loan.name)
		finally:
			frappe.set_user("Administrator")

		_c, data, message, _chart, summary = self.run_report()
		row = {r.loan: r for r in data}[loan.name]
		self.assertEqual(
			(row.status, row.outstanding_principal, row.interest_due, row.next_due_date),
			("Dihapusbukukan", 0, 0, None),
		)
		self.assertEqual(gl_debit_balance(self.account, party=member.name), 0)
		totals = {s["label"]: s["value"] for s in summary}
		self.assertEqual(totals["Loan Receivable (GL)"], gl_debit_balance(self.account))
		self.assertEqual(totals["Difference (GL - Principal Outstanding)"], 0)
		self.assertIsNone(message)
		# the status filter finds it; before the write-off it was an active loan of 1.200.000
		_c, data, *_rest = self.run_report(status="Dihapusbukukan")
		self.assertIn(loan.name, [r.loan for r in data])
		_c, data, *_rest = self.run_report(as_of_date=add_days(today(), -1))
		self.assertEqual(
			({r.loan: (r.status, r.outstanding_principal) for r in data})[loan.name], ("Aktif", 1200000)
		)

	def test_journal_entry_on_the_receivable_shows_as_difference(self):
		account = receivable_account()
		product = loan_product(loan_receivable_account=account)
		member = active_member().name
		loan_disbursed_on(member, product, add_days(today(), -1))
		# A posting on the receivable account outside the loan vouchers (what a manual entry would leave).
		entry = frappe.get_doc(
			{
				"doctype": "GL Entry",
				"company": company(),
				"posting_date": today(),
				"account": account,
				"party_type": "Cooperative Member",
				"party": member,
				"credit": 10000,
				"credit_in_account_currency": 10000,
				"voucher_type": "Journal Entry",
				"voucher_no": f"UJI-{frappe.generate_hash(length=6)}",
				"cost_center": frappe.get_cached_value("Company", company(), "cost_center"),
			}
		)
		entry.flags.ignore_links = True
		entry.insert(ignore_permissions=True)
		_c, _data, message, _chart, summary = self.run_report(loan_product=product)
		totals = {s["label"]: s for s in summary}
		self.assertEqual(totals["Difference (GL - Principal Outstanding)"]["value"], -10000)
		self.assertEqual(totals["Difference (GL - Principal Outstanding)"]["indicator"], "Red")
		self.assertTrue(message)

	def test_paid_off_loan_and_status_filter(self):
		product = loan_product(loan_receivable_account=self.account)
		loan = loan_disbursed_on(active_member().name, product, add_days(today(), -1))
		repay(loan.name, 1344000)
		_c, data, *_r = self.run_report(loan_product=product)
		self.assertEqual(
			[(r.loan, r.status, r.outstanding_principal, r.next_due_date) for r in data],
			[(loan.name, "Lunas", 0, None)],
		)
		_c, data, *_r = self.run_report(loan_product=product, status="Aktif")
		self.assertEqual(data, [])

	def test_company_is_required(self):
		with self.assertRaises(frappe.MandatoryError):
			execute({"as_of_date": today()})
