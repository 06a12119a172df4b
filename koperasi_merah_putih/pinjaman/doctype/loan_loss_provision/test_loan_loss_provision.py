# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, flt, getdate, today

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.calculators.periods import period_key
from koperasi_merah_putih.exceptions import AlreadyPostedError, PeriodError, PostingDateError
from koperasi_merah_putih.pinjaman import loan_quality
from koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.loan_loss_provision import (
	post_monthly_provision,
)
from koperasi_merah_putih.pinjaman.doctype.member_loan.test_daily_loan_run import past_loan
from koperasi_merah_putih.tests.utils import company, gl_balance, loan_product

EXPENSE_ACCOUNT_NAME = "Beban Penyisihan Piutang Uji"


def provision_expense_account() -> str:
	"""An expense account for the provision, set in Cooperative Settings."""
	abbr = frappe.get_cached_value("Company", company(), "abbr")
	name = f"{EXPENSE_ACCOUNT_NAME} - {abbr}"
	if not frappe.db.exists("Account", name):
		parent = frappe.db.get_value(
			"Account", {"company": company(), "root_type": "Expense", "is_group": 1}, "name", order_by="lft"
		)
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": EXPENSE_ACCOUNT_NAME,
				"parent_account": parent,
				"company": company(),
				"root_type": "Expense",
				"report_type": "Profit and Loss",
			}
		).insert()
	frappe.db.set_single_value("Cooperative Settings", "loan_provision_expense_account", name)
	frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
	return name


def last_month() -> str:
	return period_key(getdate(add_months(today(), -1)))


def gl_rows(voucher: str) -> list[tuple]:
	return sorted(
		(r.account, r.debit, r.credit)
		for r in frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit"],
		)
	)


class TestLoanLossProvision(FrappeTestCase):
	def setUp(self):
		self.expense = provision_expense_account()
		self.allowance = frappe.db.get_single_value("Cooperative Settings", "loan_allowance_account")
		for name in frappe.get_all(
			"Loan Loss Provision", filters={"period": last_month(), "docstatus": 1}, pluck="name"
		):
			frappe.get_doc("Loan Loss Provision", name).cancel()
		product = loan_product(denda_mode="Percent per Day", denda_rate=0.1)
		self.loan = past_loan(product, 150)  # its first instalment is 100+ days overdue today
		loan_quality.run_daily(today())

	def provision(self, **fields):
		return frappe.get_doc({"doctype": "Loan Loss Provision", "period": last_month(), **fields}).insert()

	def test_posts_the_required_allowance_against_what_is_already_provided(self):
		self.assertEqual(
			frappe.db.get_value("Member Loan", self.loan.name, "kolektibilitas"), "Kurang Lancar"
		)
		doc = self.provision(
			posting_date=today(), required_allowance=1, provision_amount=1
		)  # tampering ignored
		by_class = {row.kolektibilitas: row for row in doc.items}
		self.assertEqual(list(by_class), [r.name for r in kol.DEFAULT_RANGES])
		row = by_class["Kurang Lancar"]
		self.assertGreaterEqual(row.loan_count, 1)
		self.assertGreaterEqual(row.outstanding_principal, flt(self.loan.loan_amount) - 100000 * 4)
		_ranges, percents = loan_quality.check_settings()
		outstanding = {r.kolektibilitas: flt(r.outstanding_principal) for r in doc.items}
		needed = kol.allowance(outstanding, percents)
		for r in doc.items:
			self.assertEqual(r.allowance, needed[r.kolektibilitas])
		self.assertEqual(doc.required_allowance, sum(needed.values()))
		self.assertEqual(doc.previous_allowance, gl_balance(self.allowance))
		self.assertEqual(doc.provision_amount, doc.required_allowance - doc.previous_allowance)
		self.assertAlmostEqual(flt(doc.npl_ratio), flt(kol.npl_ratio(outstanding) * 100, 2))
		self.assertGreater(doc.npl_ratio, 0)

		doc.submit()
		amount = doc.provision_amount
		if amount > 0:
			expected = [(self.allowance, 0, amount), (self.expense, amount, 0)]
		else:
			expected = [(self.allowance, -amount, 0), (self.expense, 0, -amount)]
		self.assertEqual(gl_rows(doc.name), sorted(expected))
		self.assertEqual(gl_balance(self.allowance), doc.required_allowance)

		# One per month: a second one is refused, and the daily job does not post again.
		with self.assertRaises(AlreadyPostedError):
			self.provision(posting_date=today())
		self.assertIsNone(post_monthly_provision(today()))

		# Cancelling gives the month back; the new one posts the same difference again.
		doc.cancel()
		self.assertEqual(gl_rows(doc.name), [])
		again = self.provision(posting_date=today())
		again.submit()
		self.assertEqual(again.provision_amount, amount)
		self.assertEqual(gl_balance(self.allowance), again.required_allowance)

	def test_the_daily_job_posts_last_month_once(self):
		name = post_monthly_provision(today())
		self.assertTrue(name)
		doc = frappe.get_doc("Loan Loss Provision", name)
		self.assertEqual((doc.docstatus, doc.period), (1, last_month()))
		self.assertEqual(gl_balance(self.allowance), doc.required_allowance)
		self.assertIsNone(post_monthly_provision(today()))

	def test_bad_period_and_dates_are_refused(self):
		with self.assertRaises(PeriodError):
			self.provision(period="2026/03")
		with self.assertRaises(PostingDateError):
			self.provision(period=period_key(getdate(add_months(today(), 1))))  # not ended yet
