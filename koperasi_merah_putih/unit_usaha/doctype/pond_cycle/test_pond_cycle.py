# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from erpnext.stock.utils import get_stock_balance

from koperasi_merah_putih.exceptions import AmountError, UnitQuantityError
from koperasi_merah_putih.tests.utils import make_user
from koperasi_merah_putih.unit_usaha.testing import (
	gl_rows,
	make_item,
	pond_fixture,
	pos_sale,
	receive,
	set_up_unit,
)

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse", "Stock Entry"]


class TestPondCycle(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = set_up_unit("Perikanan", "Kolam Uji")
		cls.fingerling = make_item("Benih Lele")
		cls.feed = make_item("Pakan Lele", "Kg")
		cls.harvest = make_item("Lele Konsumsi", "Kg")

	def cycle(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Pond Cycle",
				"business_unit": self.unit.name,
				"pond": "Kolam A",
				"fingerling_item": self.fingerling,
				"fingerling_qty": 10000,
				"harvest_item": self.harvest,
				"feed": [{"item_code": self.feed, "qty": 800}, {"item_code": self.feed, "qty": 500}],
				"other_costs": [
					{
						"description": "Listrik dan tenaga",
						"expense_account": self.unit.expense_account,
						"amount": 1000000,
					}
				],
				**fields,
			}
		)

	def stock(self, item):
		return get_stock_balance(item, self.unit.warehouse, with_valuation_rate=True)

	def test_finishing_a_cycle_repacks_fingerlings_and_feed_into_the_harvest(self):
		receive(self.unit, self.fingerling, 10000, 150)
		receive(self.unit, self.feed, 1300, 10000)
		doc = self.cycle().insert()
		self.assertEqual((doc.status, doc.feed_kg, doc.warehouse), ("Berjalan", 1300, self.unit.warehouse))
		doc.harvest_kg = 1000
		doc.save()
		doc.submit()
		doc.reload()
		self.assertEqual(doc.status, "Selesai")
		entry = frappe.get_doc("Stock Entry", doc.stock_entry)
		self.assertEqual((entry.purpose, entry.docstatus), ("Repack", 1))
		self.assertEqual(
			entry.get(
				frappe.db.get_value("Accounting Dimension", {"document_type": "Business Unit"}, "fieldname")
			),
			self.unit.name,
		)
		self.assertEqual(
			(doc.fingerling_cost, doc.feed_cost, doc.other_costs_total, doc.total_cost),
			(1500000, 13000000, 1000000, 15500000),
		)
		self.assertEqual(doc.cost_per_kg, 15500)
		self.assertEqual(doc.fcr, 1.3)
		qty, rate = self.stock(self.harvest)
		self.assertEqual((qty, rate * qty), (1000, 15500000))
		self.assertEqual(self.stock(self.fingerling)[0], 0)
		self.assertEqual(self.stock(self.feed)[0], 0)
		# the other costs leave their expense account and enter the harvest's stock value
		rows = gl_rows("Stock Entry", entry.name)
		self.assertEqual(sum(r.credit for r in rows if r.account == self.unit.expense_account), 1000000)

		# the harvest sells like any item, at its cost per kg
		invoice = pos_sale(self.unit, [{"item_code": self.harvest, "qty": 10, "rate": 22000}])
		cogs = [r for r in gl_rows("Sales Invoice", invoice.name) if r.account == self.unit.cogs_account]
		self.assertEqual(sum(r.debit for r in cogs), 155000)
		invoice.cancel()

		doc.cancel()
		doc.reload()
		self.assertEqual(doc.status, "Dibatalkan")
		self.assertEqual(frappe.db.get_value("Stock Entry", entry.name, "docstatus"), 2)
		self.assertEqual(self.stock(self.harvest)[0], 0)
		self.assertEqual(self.stock(self.feed)[0], 1300)

	def test_a_cycle_without_harvest_cannot_finish(self):
		doc = self.cycle().insert()
		with self.assertRaises(UnitQuantityError):
			doc.submit()
		self.assertFalse(frappe.db.get_value("Pond Cycle", doc.name, "stock_entry"))

	def test_zero_or_negative_quantities_are_refused(self):
		for fields in (
			{"fingerling_qty": 0},
			{"fingerling_qty": -10},
			{"harvest_kg": -1},
			{"feed": [{"item_code": self.feed, "qty": 0}]},
		):
			with self.subTest(**{k: str(v) for k, v in fields.items()}):
				with self.assertRaises(UnitQuantityError):
					self.cycle(**fields).insert()
		with self.assertRaises(AmountError):
			self.cycle(
				other_costs=[{"description": "x", "expense_account": self.unit.expense_account, "amount": -5}]
			).insert()

	def test_fixture_for_the_generic_test_is_valid(self):
		fixture = pond_fixture()
		self.assertTrue(frappe.db.get_value("Business Unit", fixture.unit.name, "warehouse"))

	def test_bendahara_finishes_a_cycle_and_kasir_may_not_start_one(self):
		kasir = make_user("uf-kasir@koperasi.test", "Kasir", "Accounts User", "Stock User")
		bendahara = make_user("uf-bendahara@koperasi.test", "Bendahara", "Accounts User", "Stock User")
		unit = set_up_unit("Perikanan", "Kolam Lain Uji")  # its own stock, apart from the other tests'
		receive(unit, self.fingerling, 100, 150)
		receive(unit, self.feed, 15, 10000)
		try:
			frappe.set_user(kasir)
			with self.assertRaises(frappe.PermissionError):
				self.cycle(business_unit=unit.name, fingerling_qty=100).insert()
			frappe.set_user(bendahara)
			doc = self.cycle(
				business_unit=unit.name,
				fingerling_qty=100,
				harvest_kg=10,
				feed=[{"item_code": self.feed, "qty": 15}],
				other_costs=[],
			).insert()
			doc.submit()
		finally:
			frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual(
			(doc.status, doc.total_cost, doc.cost_per_kg, doc.fcr), ("Selesai", 165000, 16500, 1.5)
		)
