# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import AccountSetupError, InterestRateCapError, LoanProductError
from koperasi_merah_putih.tests.utils import cash_account, loan_product


class TestMemberLoanProduct(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_accounts_default_from_settings(self):
		product = frappe.get_doc("Member Loan Product", loan_product(admin_fee_percent=1))
		settings = frappe.get_single("Cooperative Settings")
		self.assertEqual(product.loan_receivable_account, settings.loan_receivable_account)
		self.assertEqual(product.interest_income_account, settings.loan_interest_income_account)
		self.assertEqual(product.admin_fee_income_account, settings.loan_admin_fee_income_account)
		self.assertEqual(product.company, settings.company)
		self.assertEqual(
			frappe.db.get_value("Account", product.loan_receivable_account, "account_type"), "Receivable"
		)

	def test_rate_over_the_cap_in_settings_refused(self):
		with self.assertRaises(InterestRateCapError):
			loan_product(interest_rate=24.5)
		loan_product(interest_rate=24)  # the statutory cap itself is allowed
		frappe.db.set_single_value("Cooperative Settings", "loan_rate_cap", 18)
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		with self.assertRaises(InterestRateCapError):
			loan_product(interest_rate=20)

	def test_inconsistent_terms_refused(self):
		for fields in (
			{"interest_rate": -1},
			{"min_tenor": 0},
			{"min_tenor": 6, "max_tenor": 3},
			{"min_tenor": 3, "grace_periods": 3},
			{"admin_fee_percent": 1, "admin_fee_amount": 10000},
			{"provisi_percent": -1},
			{"min_amount": 2000000, "max_amount": 1000000},
			{"denda_mode": "Percent per Day"},
			{"denda_mode": "Fixed Amount"},
			{"payoff_rule": "Interest of N Periods"},
		):
			with self.subTest(fields=fields), self.assertRaises(LoanProductError):
				loan_product(**fields)

	def test_accounts_of_the_wrong_kind_refused(self):
		with self.assertRaises(AccountSetupError):
			loan_product(loan_receivable_account=cash_account())
		with self.assertRaises(AccountSetupError):
			loan_product(interest_income_account=cash_account())
