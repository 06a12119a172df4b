# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from koperasi_merah_putih.setup.cooperative import setup_cooperative
from koperasi_merah_putih.setup.site_defaults import apply_site_defaults
from koperasi_merah_putih.tests.test_server_owned import other_company
from koperasi_merah_putih.tests.utils import make_user
from koperasi_merah_putih.utils.printing import rupiah, terbilang


class TestSiteDefaults(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		apply_site_defaults()

	def test_desk_rounds_half_up_like_the_app_and_hides_tracebacks(self):
		for field, value in (("rounding_method", "Banker's Rounding (legacy)"), ("allow_error_traceback", 1)):
			frappe.db.set_single_value("System Settings", field, value)
		frappe.clear_cache()
		frappe.local.system_settings = None
		self.assertEqual(flt(2.5, 0), 2)  # Frappe's default: half to even
		self.assertEqual(set(apply_site_defaults()), {"rounding_method", "allow_error_traceback"})
		self.assertEqual(flt(2.5, 0), 3)
		self.assertEqual(rupiah(1500.5), "Rp1.501")  # the print formats agree with flt()
		self.assertEqual(terbilang(1500.5), terbilang(1501))
		self.assertFalse(frappe.get_system_settings("allow_error_traceback"))
		self.assertEqual(apply_site_defaults(), {})  # idempotent

	def test_ketua_sets_up_the_accounts_of_a_new_company(self):
		company = other_company()
		before = frappe.db.count("Account", {"company": company})
		frappe.set_user(make_user("ketua.setup@koperasi.test", "Ketua"))
		setup_cooperative(company)
		frappe.set_user("Administrator")
		self.assertGreater(frappe.db.count("Account", {"company": company}), before)
		self.assertTrue(
			frappe.db.exists("Account", {"company": company, "account_name": ["like", "%Simpanan Pokok%"]})
		)
