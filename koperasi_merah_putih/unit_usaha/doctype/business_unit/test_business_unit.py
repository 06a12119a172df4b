# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from erpnext.accounts.doctype.accounting_dimension.accounting_dimension import AccountingDimension

from koperasi_merah_putih.tests.utils import company, make_user
from koperasi_merah_putih.unit_usaha.doctype.business_unit.business_unit import WALK_IN_CUSTOMER, UnitSetup
from koperasi_merah_putih.unit_usaha.setup import (
	DIMENSION_LABEL,
	dimension_fieldname,
	ensure_dimension,
	ensure_dimension_fields,
)

# The unit's records are made by set_up_unit; ERPNext's test records of POS Profile (items, projects...)
# are not needed here.
test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]
# A dimension of its own for the test of a site without a background worker (fixed: no new columns per run).
TEST_DIMENSION = ("Business Unit Type", "KMP Uji Dimensi", "kmp_uji_dimensi")
VOUCHERS = ("GL Entry", "Sales Invoice", "Sales Invoice Item", "POS Invoice", "Stock Entry", "POS Profile")
COUNTED = ("Cost Center", "Warehouse", "POS Profile", "Account", "Customer", "Accounting Dimension")


def make_unit(is_selling: int = 1, unit_type: str = "Gerai Sembako", **fields):
	return frappe.get_doc(
		{
			"doctype": "Business Unit",
			"unit_name": f"Gerai Uji {frappe.generate_hash(length=6)}",
			"unit_type": unit_type,
			"company": company(),
			"is_selling": is_selling,
			**fields,
		}
	).insert()


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in COUNTED}


class TestBusinessUnit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_dimension()  # the setup of the cooperative makes it; it alters tables, so never in a test
		cls.ketua = make_user("bu-ketua@koperasi.test", "Ketua")
		cls.bendahara = make_user("bu-bendahara@koperasi.test", "Bendahara")
		cls.pengawas = make_user("bu-pengawas@koperasi.test", "Pengawas")
		cls.kasir = make_user("bu-kasir@koperasi.test", "Kasir")

	def tearDown(self):
		frappe.set_user("Administrator")

	def set_up_as(self, user: str, unit) -> dict:
		frappe.set_user(user)
		try:
			return frappe.get_doc("Business Unit", unit.name).set_up_unit()
		finally:
			frappe.set_user("Administrator")

	def test_selling_unit_gets_each_record_once(self):
		unit = make_unit()
		before = counts()
		result = self.set_up_as(self.ketua, unit)
		after = counts()
		self.assertEqual(
			sorted(result["created"]), sorted(["Cost Center", "Warehouse", "POS Profile", *["Account"] * 4])
		)
		self.assertEqual(after["Cost Center"] - before["Cost Center"], 1)
		self.assertEqual(after["Warehouse"] - before["Warehouse"], 1)
		self.assertEqual(after["POS Profile"] - before["POS Profile"], 1)
		self.assertEqual(after["Account"] - before["Account"], 4)
		self.assertEqual(after["Accounting Dimension"], before["Accounting Dimension"])

		unit.reload()
		comp = company()
		root_cc = frappe.db.get_value(
			"Cost Center", {"company": comp, "is_group": 1, "parent_cost_center": ["is", "not set"]}
		)
		self.assertEqual(frappe.db.get_value("Cost Center", unit.cost_center, "parent_cost_center"), root_cc)
		self.assertEqual(frappe.db.get_value("Warehouse", unit.warehouse, "company"), comp)
		self.assertEqual(
			frappe.db.get_value("Accounting Dimension", unit.accounting_dimension, "document_type"),
			"Business Unit",
		)
		member, non_member, expense = (
			frappe.get_doc("Account", unit.member_income_account),
			frappe.get_doc("Account", unit.non_member_income_account),
			frappe.get_doc("Account", unit.expense_account),
		)
		self.assertNotEqual(member.name, non_member.name)
		for account, root_type in ((member, "Income"), (non_member, "Income"), (expense, "Expense")):
			self.assertEqual(account.company, comp)
			self.assertEqual(account.root_type, root_type)
			self.assertFalse(account.is_group)

		profile = frappe.get_doc("POS Profile", unit.pos_profile)
		self.assertEqual(profile.company, comp)
		self.assertEqual(profile.warehouse, unit.warehouse)
		self.assertEqual(profile.cost_center, unit.cost_center)
		self.assertEqual(profile.income_account, unit.non_member_income_account)
		# What the till sells is costed to the unit's HPP, an account of type Cost of Goods Sold.
		self.assertEqual(profile.expense_account, unit.cogs_account)
		self.assertEqual(
			frappe.db.get_value("Account", unit.cogs_account, ["root_type", "account_type"]),
			("Expense", "Cost of Goods Sold"),
		)
		self.assertEqual(frappe.db.get_value("Customer", profile.customer, "customer_name"), WALK_IN_CUSTOMER)
		self.assertEqual(profile.get(dimension_fieldname()), unit.name)
		self.assertEqual(len(profile.payments), 1)
		self.assertEqual(
			frappe.db.get_value("Mode of Payment", profile.payments[0].mode_of_payment, "type"), "Cash"
		)

		# Twice: nothing more is created, the links stay.
		links = {f: unit.get(f) for f in ("cost_center", "warehouse", "pos_profile", "member_income_account")}
		second = self.set_up_as(self.bendahara, unit)
		self.assertEqual(second["created"], [])
		self.assertEqual(counts(), after)
		unit.reload()
		self.assertEqual({f: unit.get(f) for f in links}, links)

	def test_non_selling_unit_has_no_pos_profile(self):
		unit = make_unit(is_selling=0, unit_type="Simpan Pinjam")
		before = counts()
		self.set_up_as(self.ketua, unit)
		unit.reload()
		self.assertIsNone(unit.pos_profile)
		self.assertEqual(counts()["POS Profile"], before["POS Profile"])
		self.assertTrue(unit.cost_center and unit.warehouse and unit.expense_account)

	def test_dimension_is_on_sales_invoice_and_journal_entry(self):
		fieldname = dimension_fieldname()
		self.assertEqual(
			frappe.db.get_value("Accounting Dimension", {"document_type": "Business Unit"}, "label"),
			DIMENSION_LABEL,
		)
		self.assertEqual(ensure_dimension(), ensure_dimension())  # one for the whole app
		self.assertEqual(frappe.db.count("Accounting Dimension", {"document_type": "Business Unit"}), 1)
		for doctype in ("Sales Invoice", "Sales Invoice Item", "Journal Entry Account", "POS Profile"):
			df = frappe.get_meta(doctype).get_field(fieldname)
			self.assertIsNotNone(df, doctype)
			self.assertEqual(df.options, "Business Unit", doctype)

	def test_dimension_fields_are_made_without_a_background_worker(self):
		"""ERPNext adds a new dimension's fields in a queued job outside tests; with no worker (the demo, CI)
		it never runs. after_insert does nothing here, as on such a site: ensure_dimension makes them."""
		doctype, label, fieldname = TEST_DIMENSION
		self.addCleanup(self.drop_test_dimension)
		self.drop_test_dimension()
		with patch.object(AccountingDimension, "after_insert", lambda doc: None):
			name = ensure_dimension(doctype, label)
		self.assertEqual(frappe.db.get_value("Accounting Dimension", name, "fieldname"), fieldname)
		for voucher in VOUCHERS:
			self.assertTrue(frappe.db.has_column(voucher, fieldname), voucher)
			self.assertEqual(frappe.get_meta(voucher).get_field(fieldname).options, doctype, voucher)

		# A site where the dimension exists but a field is missing gets it back; then nothing is missing.
		frappe.db.delete("Custom Field", {"dt": "GL Entry", "fieldname": fieldname})
		dimension = frappe.get_doc("Accounting Dimension", name)
		self.assertEqual(ensure_dimension_fields(dimension), ["GL Entry"])
		self.assertTrue(frappe.db.exists("Custom Field", {"dt": "GL Entry", "fieldname": fieldname}))
		self.assertEqual(ensure_dimension_fields(dimension), [])
		self.assertEqual(ensure_dimension(doctype, label), name)

	def drop_test_dimension(self):
		doctype, _label, fieldname = TEST_DIMENSION
		name = frappe.db.get_value("Accounting Dimension", {"document_type": doctype})
		if name:
			frappe.delete_doc("Accounting Dimension", name, force=True)  # in tests: its fields at once
		frappe.db.delete("Custom Field", {"fieldname": fieldname})
		frappe.clear_cache()
		frappe.db.commit()  # the fields altered tables (an implicit commit): leave no dimension behind

	def test_set_up_gives_the_pos_profile_its_unit(self):
		"""After set_up_unit the unit's field is on Sales Invoice and GL Entry and the POS Profile carries
		the unit; a profile left without it (made while the fields were missing) gets it on the next run."""
		fieldname = dimension_fieldname()
		unit = make_unit()
		self.set_up_as(self.ketua, unit)
		unit.reload()
		for voucher in ("Sales Invoice", "GL Entry", "POS Invoice", "POS Profile"):
			self.assertTrue(frappe.db.has_column(voucher, fieldname), voucher)
		self.assertEqual(frappe.db.get_value("POS Profile", unit.pos_profile, fieldname), unit.name)
		frappe.db.set_value("POS Profile", unit.pos_profile, fieldname, None)
		self.assertEqual(self.set_up_as(self.ketua, unit)["created"], ["POS Profile"])
		self.assertEqual(frappe.db.get_value("POS Profile", unit.pos_profile, fieldname), unit.name)

	def test_readers_may_not_set_up_a_unit(self):
		unit = make_unit()
		before = counts()
		for user in (self.pengawas, self.kasir):
			with self.subTest(user=user):
				frappe.set_user(user)
				self.assertTrue(frappe.has_permission("Business Unit", "read", unit.name))
				frappe.set_user("Administrator")
				with self.assertRaises(frappe.PermissionError):
					self.set_up_as(user, unit)
		self.assertEqual(counts(), before)
		self.assertIsNone(frappe.db.get_value("Business Unit", unit.name, "cost_center"))

	def test_set_up_is_all_or_nothing(self):
		unit = make_unit()
		before = counts()
		with patch.object(UnitSetup, "pos_profile", side_effect=frappe.ValidationError("POS refused")):
			with self.assertRaises(frappe.ValidationError):
				self.set_up_as(self.ketua, unit)
		self.assertEqual(counts(), before)
		self.assertIsNone(frappe.db.get_value("Business Unit", unit.name, "cost_center"))
		self.set_up_as(self.ketua, unit)  # after the cause is gone, the action goes through
		self.assertEqual(counts()["POS Profile"], before["POS Profile"] + 1)

	def test_client_cannot_set_the_records(self):
		other = make_unit()
		self.set_up_as(self.ketua, other)
		other.reload()
		frappe.set_user(self.ketua)
		unit = frappe.get_doc(
			{
				"doctype": "Business Unit",
				"unit_name": f"Gerai Uji {frappe.generate_hash(length=6)}",
				"unit_type": "Gerai Sembako",
				"company": company(),
				"cost_center": other.cost_center,
				"pos_profile": other.pos_profile,
				"member_income_account": other.member_income_account,
			}
		).insert()
		for field in ("cost_center", "pos_profile", "member_income_account"):
			self.assertIsNone(frappe.db.get_value("Business Unit", unit.name, field), field)
		unit = frappe.get_doc("Business Unit", unit.name)
		unit.warehouse = other.warehouse
		unit.expense_account = other.expense_account
		unit.save()
		frappe.set_user("Administrator")
		self.assertIsNone(frappe.db.get_value("Business Unit", unit.name, "warehouse"))
		self.assertIsNone(frappe.db.get_value("Business Unit", unit.name, "expense_account"))
