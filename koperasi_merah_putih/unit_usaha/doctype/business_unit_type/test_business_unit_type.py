# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.unit_usaha.setup import DEFAULT_UNIT_TYPES, make_unit_types


class TestBusinessUnitType(FrappeTestCase):
	def test_setup_ships_the_default_types_once(self):
		make_unit_types()
		for name, is_selling, _description in DEFAULT_UNIT_TYPES:
			self.assertEqual(frappe.db.get_value("Business Unit Type", name, "is_selling"), is_selling)
		frappe.db.set_value("Business Unit Type", "Apotek", "description", "Apotek desa")
		self.assertEqual(make_unit_types(), 0)
		self.assertEqual(frappe.db.get_value("Business Unit Type", "Apotek", "description"), "Apotek desa")

	def test_officers_add_their_own_types(self):
		frappe.get_doc(
			{"doctype": "Business Unit Type", "type_name": "  Wisata Desa  ", "is_selling": 1}
		).insert()
		self.assertTrue(frappe.db.exists("Business Unit Type", "Wisata Desa"))
