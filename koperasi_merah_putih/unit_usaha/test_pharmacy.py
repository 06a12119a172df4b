# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Pharmacy and service units on ERPNext stock: first-expiry-first-out picking, expired batches refused,
the Near-Expiry Medicines report, and a service sold under its unit."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from koperasi_merah_putih.exceptions import ExpiredBatchError
from koperasi_merah_putih.unit_usaha.report.near_expiry_medicines.near_expiry_medicines import execute
from koperasi_merah_putih.unit_usaha.testing import (
	gl_rows,
	make_batch,
	make_item,
	pos_sale,
	receive,
	set_up_unit,
)

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


class TestPharmacy(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = set_up_unit("Apotek", "Apotek Uji")
		cls.medicine = make_item("Paracetamol", "Strip", has_batch_no=1, has_expiry_date=1)
		today = getdate(nowdate())
		# received first, expires last: FIFO would pick it, FEFO must not
		cls.late = make_batch(cls.medicine, add_days(today, 200))
		receive(cls.unit, cls.medicine, 10, 3000, batch_no=cls.late, posting_date=add_days(today, -90))
		cls.early = make_batch(cls.medicine, add_days(today, 30))
		receive(cls.unit, cls.medicine, 5, 3000, batch_no=cls.early, posting_date=add_days(today, -60))
		cls.expired = make_batch(cls.medicine, add_days(today, -5))
		receive(cls.unit, cls.medicine, 4, 3000, batch_no=cls.expired, posting_date=add_days(today, -60))

	def test_unit_setup_turns_on_expiry_picking(self):
		self.assertEqual(
			frappe.db.get_single_value("Stock Settings", "pick_serial_and_batch_based_on"), "Expiry"
		)
		self.assertEqual(
			frappe.db.get_single_value("Stock Settings", "auto_create_serial_and_batch_bundle_for_outward"), 1
		)

	def picked_batches(self, invoice) -> dict:
		bundle = frappe.db.get_value("Sales Invoice Item", invoice.items[0].name, "serial_and_batch_bundle")
		rows = frappe.get_all(
			"Serial and Batch Entry", filters={"parent": bundle}, fields=["batch_no", "qty"]
		)
		return {r.batch_no: -r.qty for r in rows}

	def test_sale_without_batch_takes_the_earliest_expiring_batch_not_the_expired_one(self):
		invoice = pos_sale(self.unit, [{"item_code": self.medicine, "qty": 2, "rate": 5000}])
		self.assertEqual(self.picked_batches(invoice), {self.early: 2})
		invoice.cancel()

	def test_sale_over_the_first_batch_continues_with_the_next_expiring(self):
		invoice = pos_sale(self.unit, [{"item_code": self.medicine, "qty": 7, "rate": 5000}])
		self.assertEqual(self.picked_batches(invoice), {self.early: 5, self.late: 2})
		invoice.cancel()

	def test_expired_batch_is_refused(self):
		before = frappe.db.count("Sales Invoice")
		with self.assertRaises(ExpiredBatchError):
			pos_sale(
				self.unit,
				[{"item_code": self.medicine, "qty": 1, "rate": 5000, "batch_no": self.expired}],
			)
		self.assertEqual(frappe.db.count("Sales Invoice"), before)

	def test_named_batch_that_has_not_expired_sells(self):
		invoice = pos_sale(
			self.unit, [{"item_code": self.medicine, "qty": 1, "rate": 5000, "batch_no": self.late}]
		)
		self.assertEqual(self.picked_batches(invoice), {self.late: 1})
		invoice.cancel()

	def test_near_expiry_report_lists_batches_within_the_days_and_the_expired(self):
		_columns, data = execute({"business_unit": self.unit.name, "days": 60})
		rows = {r["batch"]: r for r in data}
		self.assertEqual(set(rows), {self.early, self.expired})
		self.assertEqual(rows[self.early]["qty"], 5)
		self.assertEqual(rows[self.early]["days_left"], 30)
		self.assertFalse(rows[self.early]["expired"])
		self.assertEqual(rows[self.expired]["qty"], 4)
		self.assertEqual(rows[self.expired]["days_left"], -5)
		self.assertTrue(rows[self.expired]["expired"])
		self.assertEqual([r["batch"] for r in data], [self.expired, self.early])  # soonest first

		_columns, data = execute({"business_unit": self.unit.name, "days": 60, "include_expired": 0})
		self.assertEqual([r["batch"] for r in data], [self.early])
		_columns, data = execute({"business_unit": self.unit.name, "days": 365, "include_expired": 0})
		self.assertEqual({r["batch"] for r in data}, {self.early, self.late})

	def test_near_expiry_report_counts_what_was_sold(self):
		invoice = pos_sale(self.unit, [{"item_code": self.medicine, "qty": 3, "rate": 5000}])
		_columns, data = execute({"business_unit": self.unit.name, "days": 60, "include_expired": 0})
		self.assertEqual(data[0]["qty"], 2)
		invoice.cancel()
		_columns, data = execute({"business_unit": self.unit.name, "days": 60, "include_expired": 0})
		self.assertEqual(data[0]["qty"], 5)


class TestServiceUnit(FrappeTestCase):
	def test_service_income_lands_on_the_units_account_with_its_dimension(self):
		unit = set_up_unit("Klinik", "Klinik Uji")
		service = make_item("Periksa Umum", is_stock_item=0)
		invoice = pos_sale(unit, [{"item_code": service, "qty": 1, "rate": 75000}])
		rows = gl_rows("Sales Invoice", invoice.name)
		income = [r for r in rows if frappe.get_cached_value("Account", r.account, "root_type") == "Income"]
		self.assertEqual(len(income), 1)
		self.assertEqual(income[0].account, unit.non_member_income_account)
		self.assertEqual(income[0].credit, 75000)
		self.assertEqual(income[0].unit, unit.name)
		self.assertEqual(income[0].cost_center, unit.cost_center)
		# a service moves no stock
		self.assertFalse(frappe.db.exists("Stock Ledger Entry", {"voucher_no": invoice.name}))
