# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Livestock units on ERPNext stock: a goat sold by its ear tag, an absent ear tag refused, births,
deaths and the Herd Report."""

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import LivestockError, UnitQuantityError
from koperasi_merah_putih.tests.utils import cash_account, make_user
from koperasi_merah_putih.unit_usaha.livestock import record_birth, record_death
from koperasi_merah_putih.unit_usaha.report.herd_report.herd_report import execute
from koperasi_merah_putih.unit_usaha.testing import gl_rows, make_item, pos_sale, receive, set_up_unit

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


def tag() -> str:
	return f"ET-{frappe.generate_hash(length=8)}"


class TestLivestock(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = set_up_unit("Peternakan", "Ternak Uji")
		cls.goat = make_item("Kambing", has_serial_no=1)
		cls.cow = make_item("Sapi", has_serial_no=1)

	def test_goat_sold_by_ear_tag_books_income_and_its_cost(self):
		cheap, dear = tag(), tag()
		receive(self.unit, self.goat, 1, 2500000, serial_nos=[cheap])
		receive(self.unit, self.goat, 1, 3000000, serial_nos=[dear])
		invoice = pos_sale(
			self.unit,
			[
				{
					"item_code": self.goat,
					"qty": 1,
					"rate": 3500000,
					"serial_no": dear,
					"use_serial_batch_fields": 1,
				}
			],
		)
		rows = gl_rows("Sales Invoice", invoice.name)
		income = [r for r in rows if r.account == self.unit.non_member_income_account]
		self.assertEqual([(r.credit, r.unit) for r in income], [(3500000, self.unit.name)])
		cogs = [r for r in rows if r.account == self.unit.cogs_account]
		self.assertEqual([(r.debit, r.unit) for r in cogs], [(3000000, self.unit.name)])
		self.assertEqual(frappe.db.get_value("Serial No", dear, "status"), "Delivered")
		self.assertEqual(frappe.db.get_value("Serial No", cheap, "status"), "Active")

		with self.assertRaises(LivestockError):  # sold once, not in stock any more
			pos_sale(
				self.unit,
				[
					{
						"item_code": self.goat,
						"qty": 1,
						"rate": 3500000,
						"serial_no": dear,
						"use_serial_batch_fields": 1,
					}
				],
			)

	def test_selling_an_animal_not_in_stock_is_refused(self):
		before = frappe.db.count("Sales Invoice", {"docstatus": 1})
		with self.assertRaises(LivestockError):
			pos_sale(
				self.unit,
				[
					{
						"item_code": self.goat,
						"qty": 1,
						"rate": 3000000,
						"serial_no": tag(),
						"use_serial_batch_fields": 1,
					}
				],
			)
		self.assertEqual(frappe.db.count("Sales Invoice", {"docstatus": 1}), before)

	def test_birth_adds_animals_to_the_herd(self):
		kids = [tag(), tag()]
		entry = record_birth(self.unit.name, self.goat, ", ".join(kids))
		self.assertEqual(frappe.db.get_value("Stock Entry", entry, "purpose"), "Material Receipt")
		for kid in kids:
			self.assertEqual(
				frappe.db.get_value("Serial No", kid, ["status", "warehouse"]),
				("Active", self.unit.warehouse),
			)
		with self.assertRaises(LivestockError):  # an ear tag is used once
			record_birth(self.unit.name, self.goat, kids[0])
		with self.assertRaises(UnitQuantityError):
			record_birth(self.unit.name, self.goat, " , ")

	def test_death_writes_the_animal_off_to_the_units_expense_account(self):
		animal = tag()
		receive(self.unit, self.cow, 1, 12000000, serial_nos=[animal])
		entry = record_death(animal)
		rows = gl_rows("Stock Entry", entry)
		loss = [r for r in rows if r.account == self.unit.expense_account]
		self.assertEqual(
			[(r.debit, r.unit, r.cost_center) for r in loss],
			[(12000000, self.unit.name, self.unit.cost_center)],
		)
		self.assertEqual(sum(r.credit for r in rows), 12000000)
		self.assertNotEqual(frappe.db.get_value("Serial No", animal, "status"), "Active")
		with self.assertRaises(LivestockError):  # dead once
			record_death(animal)

	def test_herd_report_counts_values_and_averages_by_species(self):
		unit = set_up_unit("Peternakan", "Kandang Uji")
		goats, cow = [tag(), tag()], tag()
		receive(unit, self.goat, 1, 2000000, serial_nos=[goats[0]])
		receive(unit, self.goat, 1, 3000001, serial_nos=[goats[1]])
		receive(unit, self.cow, 1, 15000000, serial_nos=[cow])
		cost = frappe.get_doc(
			{
				"doctype": "Livestock Cost",
				"business_unit": unit.name,
				"cost_type": "Obat dan Dokter Hewan",
				"serial_no": goats[0],
				"amount": 150000,
				"paid_from": cash_account(),
			}
		).insert()
		cost.submit()
		frappe.get_doc({"doctype": "Livestock Weight", "serial_no": goats[0], "weight_kg": 31.5}).insert()
		sold = tag()
		receive(unit, self.goat, 1, 2500000, serial_nos=[sold])
		pos_sale(
			unit,
			[
				{
					"item_code": self.goat,
					"qty": 1,
					"rate": 3000000,
					"serial_no": sold,
					"use_serial_batch_fields": 1,
				}
			],
		)

		_columns, data = execute({"business_unit": unit.name})
		by_species = {r["species"]: r for r in data if not r.get("is_total")}
		self.assertEqual(by_species["Kambing"]["head_count"], 2)
		self.assertEqual(by_species["Kambing"]["total_value"], 5000001)
		self.assertEqual(by_species["Kambing"]["average_cost"], 2500001)  # half-up
		self.assertEqual(by_species["Kambing"]["attributed_costs"], 150000)
		self.assertEqual(by_species["Kambing"]["carrying_cost"], 5150001)
		self.assertEqual(by_species["Kambing"]["weighed"], 1)
		self.assertEqual(by_species["Kambing"]["total_weight"], 31.5)
		self.assertEqual(by_species["Sapi"]["head_count"], 1)
		self.assertEqual(by_species["Sapi"]["total_value"], 15000000)
		total = data[-1]
		self.assertTrue(total["is_total"])
		self.assertEqual((total["head_count"], total["total_value"]), (3, 20000001))

		_columns, data = execute({"business_unit": unit.name, "show_animals": 1})
		self.assertEqual({r.get("serial_no") for r in data if r.get("serial_no")}, {*goats, cow})

		record_death(cow)
		_columns, data = execute({"business_unit": unit.name})
		self.assertEqual((data[-1]["head_count"], data[-1]["total_value"]), (2, 5000001))

	def test_kasir_reads_the_herd_and_only_ketua_or_bendahara_record_births(self):
		kasir = make_user("uf-kasir@koperasi.test", "Kasir", "Accounts User", "Stock User")
		bendahara = make_user("uf-bendahara@koperasi.test", "Bendahara", "Accounts User", "Stock User")
		kid = tag()
		try:
			frappe.set_user(kasir)
			with self.assertRaises(frappe.PermissionError):
				record_birth(self.unit.name, self.goat, kid)
			_columns, data = execute({"business_unit": self.unit.name})
			self.assertTrue(data[-1]["is_total"])
			frappe.set_user(bendahara)
			record_birth(self.unit.name, self.goat, kid)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Serial No", kid, "status"), "Active")

	def test_death_to_a_chosen_loss_account(self):
		animal = tag()
		receive(self.unit, self.goat, 1, 1800000, serial_nos=[animal])
		parent = frappe.db.get_value("Account", self.unit.expense_account, "parent_account")
		loss = frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": f"Kerugian Ternak Mati {frappe.generate_hash(length=4)}",
				"company": self.unit.company,
				"parent_account": parent,
				"is_group": 0,
			}
		).insert()
		with self.assertRaises(LivestockError):  # an asset account is no loss account
			record_death(animal, loss_account=cash_account())
		entry = record_death(animal, loss_account=loss.name)
		rows = [r for r in gl_rows("Stock Entry", entry) if r.account == loss.name]
		self.assertEqual([(r.debit, r.unit) for r in rows], [(1800000, self.unit.name)])
