# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import AccountSetupError, SettingsError, SetupNotPermittedError
from koperasi_merah_putih.setup.chart_of_accounts import LAYOUT
from koperasi_merah_putih.setup.cooperative import setup_cooperative
from koperasi_merah_putih.tests.utils import make_user

EXPECTED_ROOT_TYPE = {
	"Simpanan Pokok": "Equity",
	"Simpanan Wajib": "Equity",
	"Cadangan": "Equity",
	"SHU Tahun Berjalan": "Equity",
	"Simpanan Sukarela": "Liability",
	"Simpanan Berjangka": "Liability",
	"Piutang Pinjaman Anggota": "Asset",
	"Penyisihan Piutang Pinjaman Anggota": "Asset",
	"Pendapatan dari Anggota": "Income",
	"Pendapatan dari Non-Anggota": "Income",
}


class TestCooperativeSettings(FrappeTestCase):
	def setUp(self):
		self.company = frappe.db.get_single_value("Cooperative Settings", "company")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_setup_creates_cooperative_chart(self):
		setup_cooperative(self.company)
		for account_name, root_type in EXPECTED_ROOT_TYPE.items():
			with self.subTest(account=account_name):
				row = frappe.db.get_value(
					"Account",
					{"company": self.company, "account_name": account_name},
					["root_type", "is_group"],
					as_dict=True,
				)
				self.assertIsNotNone(row, account_name)
				self.assertEqual(row.root_type, root_type)
				self.assertEqual(row.is_group, 0)
		settings = frappe.get_single("Cooperative Settings")
		self.assertEqual(
			frappe.db.get_value("Account", settings.simpanan_pokok_account, "account_name"), "Simpanan Pokok"
		)
		self.assertEqual(
			frappe.db.get_value("Account", settings.simpanan_sukarela_account, "root_type"), "Liability"
		)
		self.assertEqual(
			frappe.db.get_value("Account", settings.loan_receivable_account, "account_type"), "Receivable"
		)

	def test_setup_is_idempotent(self):
		setup_cooperative(self.company)
		accounts = frappe.get_all(
			"Account",
			filters={"company": self.company},
			fields=["name", "parent_account", "modified"],
			order_by="name",
		)
		settings_before = frappe.get_single("Cooperative Settings").as_dict()
		result = setup_cooperative(self.company)
		self.assertEqual(result["accounts_created"], 0)
		self.assertFalse(result["settings_updated"])
		self.assertEqual(
			frappe.get_all(
				"Account",
				filters={"company": self.company},
				fields=["name", "parent_account", "modified"],
				order_by="name",
			),
			accounts,
		)
		self.assertEqual(frappe.get_single("Cooperative Settings").modified, settings_before.modified)
		layout_names = {row[1] for row in LAYOUT}
		self.assertEqual(
			frappe.db.count("Account", {"company": self.company, "account_name": ["in", list(layout_names)]}),
			len(layout_names),
		)

	def test_setup_requires_the_right_to_write_the_settings(self):
		frappe.set_user(make_user("kasir.test@koperasi.test", "Kasir"))
		with self.assertRaises(SetupNotPermittedError):
			setup_cooperative(self.company)
		self.assertTrue(issubclass(SetupNotPermittedError, frappe.PermissionError))  # HTTP 403

	def test_setup_for_a_company_that_does_not_exist_is_refused(self):
		with self.assertRaises(SettingsError):
			setup_cooperative("Koperasi Yang Tidak Ada")

	def test_ketua_and_bendahara_who_save_the_settings_can_run_the_setup(self):
		for email, role in (
			("ketua.setup@koperasi.test", "Ketua"),
			("bendahara.setup@koperasi.test", "Bendahara"),
		):
			with self.subTest(role=role):
				frappe.set_user("Administrator")
				frappe.set_user(make_user(email, role))
				self.assertTrue(frappe.has_permission("Cooperative Settings", "write"))
				result = setup_cooperative(self.company)
				self.assertEqual(result["company"], self.company)
				self.assertEqual(result["accounts_created"], 0)

	def test_accounts_manager_who_may_run_the_setup_can_save_the_settings(self):
		frappe.set_user(make_user("akuntan.setup@koperasi.test", "Accounts Manager"))
		self.assertEqual(setup_cooperative(self.company)["company"], self.company)
		settings = frappe.get_single("Cooperative Settings")
		settings.address = "Jl. Koperasi No. 45"
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Cooperative Settings", "address"), "Jl. Koperasi No. 45")

	def test_setup_button_flag_comes_from_the_server(self):
		cases = (
			("ketua.setup@koperasi.test", "Ketua", True),
			("bendahara.setup@koperasi.test", "Bendahara", True),
			("akuntan.setup@koperasi.test", "Accounts Manager", True),
			("sekretaris.setup@koperasi.test", "Sekretaris", False),
			("pengawas.setup@koperasi.test", "Pengawas", False),
		)
		for email, role, allowed in cases:
			with self.subTest(role=role):
				frappe.set_user("Administrator")
				frappe.set_user(make_user(email, role))
				settings = frappe.get_doc("Cooperative Settings")
				settings.run_method("onload")
				self.assertIs(settings.get_onload().can_setup_accounts, allowed)

	def test_bad_member_number_template_is_explained(self):
		settings = frappe.get_single("Cooperative Settings")
		settings.member_number_template = "{KODE}-{TAHUN}"
		with self.assertRaises(SettingsError) as ctx:
			settings.save()
		self.assertIn("{#####}", str(ctx.exception))  # the placeholder to add, in any language

	def test_negative_minimum_member_age_refused(self):
		settings = frappe.get_single("Cooperative Settings")
		settings.minimum_member_age = -1
		with self.assertRaises(SettingsError):
			settings.save()

	def test_account_of_other_company_refused(self):
		other = frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": "Toko Lain",
				"abbr": "TL",
				"default_currency": "IDR",
				"country": "Indonesia",
				"create_chart_of_accounts_based_on": "Standard Template",
				"chart_of_accounts": "Standard",
			}
		).insert()
		foreign = frappe.db.get_value("Account", {"company": other.name, "is_group": 0}, "name")
		settings = frappe.get_single("Cooperative Settings")
		settings.cadangan_account = foreign
		with self.assertRaises(AccountSetupError):
			settings.save()
