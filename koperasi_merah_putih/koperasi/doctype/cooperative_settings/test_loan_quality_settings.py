# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import SettingsError


class TestLoanQualitySettings(FrappeTestCase):
	def test_settings_refuse_overlapping_classes_and_bad_percents(self):
		for values in (
			{"dpk_from_days": 120, "kurang_lancar_from_days": 91},  # DPK would start after Kurang Lancar
			{"ppap_macet_percent": 120},
			{"ppap_dpk_percent": -5},
		):
			with self.subTest(values=values):
				settings = frappe.get_single("Cooperative Settings")
				before = {f: settings.get(f) for f in values}
				settings.update(values)
				with self.assertRaises(SettingsError):
					settings.save()
				for field, value in before.items():
					self.assertEqual(frappe.db.get_single_value("Cooperative Settings", field), value)

	def test_setup_fills_the_provision_expense_account(self):
		from koperasi_merah_putih.setup.cooperative import setup_cooperative

		company = frappe.db.get_single_value("Cooperative Settings", "company")
		frappe.db.set_single_value("Cooperative Settings", "loan_provision_expense_account", None)
		setup_cooperative(company)
		account = frappe.db.get_single_value("Cooperative Settings", "loan_provision_expense_account")
		self.assertEqual(frappe.db.get_value("Account", account, "account_name"), "Beban Penyisihan Piutang")
