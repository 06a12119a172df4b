# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import LivestockError, UnitQuantityError
from koperasi_merah_putih.unit_usaha.testing import livestock_fixture

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse", "Serial No"]


def weighing(serial_no, kg):
	return frappe.get_doc({"doctype": "Livestock Weight", "serial_no": serial_no, "weight_kg": kg})


class TestLivestockWeight(FrappeTestCase):
	def test_weight_takes_species_and_unit_from_the_animal(self):
		fixture = livestock_fixture()
		doc = weighing(fixture.animal, 28.4).insert()
		self.assertEqual(doc.item_code, fixture.item)
		self.assertEqual(doc.business_unit, fixture.unit.name)
		self.assertEqual(doc.weight_kg, 28.4)

	def test_zero_or_negative_weight_is_refused(self):
		fixture = livestock_fixture()
		for kg in (0, -3):
			with self.assertRaises(UnitQuantityError):
				weighing(fixture.animal, kg).insert()

	def test_animal_not_in_stock_is_refused(self):
		serial = frappe.get_doc(
			{
				"doctype": "Serial No",
				"serial_no": f"ET-{frappe.generate_hash(length=8)}",
				"item_code": livestock_fixture().item,
			}
		).insert()
		with self.assertRaises(LivestockError):
			weighing(serial.name, 20).insert()
