# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import AmountError, CashAccountError, LivestockError
from koperasi_merah_putih.tests.utils import cash_account
from koperasi_merah_putih.unit_usaha.testing import gl_rows, livestock_fixture, set_up_unit

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse", "Journal Entry", "Serial No"]


def livestock_cost(unit, **fields):
	return frappe.get_doc(
		{
			"doctype": "Livestock Cost",
			"business_unit": unit,
			"cost_type": "Pakan",
			"amount": 250000,
			"paid_from": cash_account(),
			**fields,
		}
	)


class TestLivestockCost(FrappeTestCase):
	def test_cost_is_charged_to_the_unit_and_attributed_to_the_animal(self):
		fixture = livestock_fixture()
		unit = fixture.unit
		doc = livestock_cost(unit.name, serial_no=fixture.animal).insert()
		self.assertEqual(
			(doc.item_code, doc.expense_account, doc.cost_center),
			(fixture.item, unit.expense_account, unit.cost_center),
		)
		doc.submit()
		rows = {r.account: r for r in gl_rows("Journal Entry", doc.journal_entry)}
		self.assertEqual(rows[unit.expense_account].debit, 250000)
		self.assertEqual(rows[unit.expense_account].unit, unit.name)
		self.assertEqual(rows[unit.expense_account].cost_center, unit.cost_center)
		self.assertEqual(rows[cash_account()].credit, 250000)

		doc.cancel()
		self.assertEqual(frappe.db.get_value("Journal Entry", doc.journal_entry, "docstatus"), 2)
		self.assertFalse(gl_rows("Journal Entry", doc.journal_entry))

	def test_herd_cost_without_an_animal(self):
		doc = livestock_cost(livestock_fixture().unit.name, cost_type="Lainnya").insert()
		doc.submit()
		self.assertIsNone(doc.item_code)
		self.assertEqual(frappe.db.get_value("Journal Entry", doc.journal_entry, "docstatus"), 1)

	def test_refusals(self):
		fixture = livestock_fixture()
		for amount in (0, -5000):
			with self.assertRaises(AmountError):
				livestock_cost(fixture.unit.name, amount=amount).insert()
		other = set_up_unit("Peternakan", "Ternak Lain Uji")
		with self.assertRaises(LivestockError):  # the animal is in another unit's herd
			livestock_cost(other.name, serial_no=fixture.animal).insert()
		with self.assertRaises(CashAccountError):
			livestock_cost(fixture.unit.name, paid_from=fixture.unit.expense_account).insert()
