# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.pinjaman.setup import DEFAULT_PURPOSES, make_loan_purposes
from koperasi_merah_putih.tests.utils import make_user


class TestLoanPurpose(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_shipped_purposes_exist_and_setup_is_idempotent(self):
		for name, category, _business in DEFAULT_PURPOSES:
			self.assertEqual(frappe.db.get_value("Loan Purpose", name, "category"), category)
		frappe.db.set_value("Loan Purpose", "Pendidikan", "is_active", 0)  # an officer's choice stays
		self.assertEqual(make_loan_purposes(), 0)
		self.assertEqual(frappe.db.get_value("Loan Purpose", "Pendidikan", "is_active"), 0)

	def test_officers_add_purposes_without_code_pengawas_cannot(self):
		kasir = make_user("kasir.purpose@koperasi.test", "Kasir")
		pengawas = make_user("pengawas.purpose@koperasi.test", "Pengawas")
		frappe.set_user(kasir)
		doc = frappe.get_doc(
			{
				"doctype": "Loan Purpose",
				"purpose_name": "Modal Usaha Kambing Etawa",
				"category": "Produktif",
				"business_sector": "Peternakan kambing",
			}
		).insert()
		self.assertEqual(doc.name, "Modal Usaha Kambing Etawa")
		frappe.set_user(pengawas)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "Loan Purpose", "purpose_name": "Lain", "category": "Konsumtif"}
			).insert()
