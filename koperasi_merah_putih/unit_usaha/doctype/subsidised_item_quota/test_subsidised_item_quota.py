# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import random
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

from koperasi_merah_putih.exceptions import OverQuotaError, QuotaHolderError, QuotaSetupError
from koperasi_merah_putih.tests.utils import active_member, company
from koperasi_merah_putih.unit_usaha.quotas import KK_FIELD, USAGE_DOCTYPE, used_from_invoices
from koperasi_merah_putih.unit_usaha.report.subsidised_goods_distribution import (
	subsidised_goods_distribution as distribution,
)
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, ensure_dimension

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


def make_no_kk() -> str:
	return f"320410{random.randint(0, 9999999999):010d}"


def ensure_uom(name: str, whole: int = 0) -> str:
	if not frappe.db.exists("UOM", name):
		frappe.get_doc({"doctype": "UOM", "uom_name": name, "must_be_whole_number": whole}).insert()
	return name


def subsidised_item(quota_qty, basis: str = "Per KK", stock_uom: str = "Nos", uoms=(), **quota) -> str:
	"""A new item with a Subsidised Item Quota (monthly unless given)."""
	code = f"SUBSIDI-{frappe.generate_hash(length=8)}"
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": code,
			"item_name": f"LPG 3 kg {code[-4:]}",
			"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name"),
			"stock_uom": ensure_uom(stock_uom),
			"is_stock_item": 0,
			"uoms": [{"uom": ensure_uom(uom), "conversion_factor": factor} for uom, factor in uoms],
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "Subsidised Item Quota",
			"item": code,
			"quota_basis": basis,
			"quota_qty": quota_qty,
			"period_type": "Month",
			**quota,
		}
	).insert()
	return code


def walk_in_customer() -> str:
	name = "Pelanggan Umum Uji Kuota"
	if not frappe.db.exists("Customer", name):
		frappe.get_doc({"doctype": "Customer", "customer_name": name, "customer_type": "Individual"}).insert()
	return name


def selling_unit() -> str:
	"""A set-up business unit, for sites whose sales require one."""
	name = "Gerai Uji Kuota"
	if not frappe.db.exists("Business Unit", name):
		unit = frappe.get_doc(
			{
				"doctype": "Business Unit",
				"unit_name": name,
				"unit_type": "Gerai Sembako",
				"company": company(),
				"is_selling": 1,
			}
		).insert()
		unit.set_up_unit()
	return name


def sale(customer: str, item: str, qty, uom: str | None = None, submit: bool = True, **fields):
	"""A Sales Invoice of one line, paid in cash at the test unit's till (no stock update)."""
	unit = selling_unit()
	pos_profile = frappe.db.get_value("Business Unit", unit, "pos_profile")
	rate = 20000
	doc = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company(),
			"customer": customer,
			"posting_date": fields.pop("posting_date", today()),
			"set_posting_time": 1,
			"is_pos": 1,
			"pos_profile": pos_profile,
			"update_stock": 0,
			"cost_center": frappe.db.get_value("Business Unit", unit, "cost_center"),
			dimension_fieldname(): unit,
			"items": [{"item_code": item, "qty": qty, "rate": rate, **({"uom": uom} if uom else {})}],
			**fields,
		}
	)
	doc.set_missing_values()
	doc.calculate_taxes_and_totals()
	mode = frappe.db.get_value("POS Payment Method", {"parent": pos_profile}, "mode_of_payment")
	doc.set("payments", [{"mode_of_payment": mode, "amount": doc.rounded_total or doc.grand_total}])
	doc.insert()
	if submit:
		doc.submit()
	return doc


def return_of(invoice, qty):
	"""A credit note returning ``qty`` (positive) of the invoice's first line."""
	credit_note = make_sales_return(invoice.name)
	credit_note.is_pos = 0
	credit_note.set("payments", [])
	credit_note.items[0].qty = -qty
	credit_note.insert()
	credit_note.submit()
	return credit_note


class QuotaTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_dimension()  # the cooperative's setup makes it; it alters tables, so never inside a test

	def usage(self, doc) -> float:
		"""The usage row's quantity for the first line of ``doc`` (there is one row per holder and period)."""
		from koperasi_merah_putih.unit_usaha.quotas import quota_entries

		(entry,) = quota_entries(doc)
		return frappe.db.get_value(USAGE_DOCTYPE, entry.key, "used_qty"), used_from_invoices(entry)


class TestSubsidisedItemQuota(QuotaTestCase):
	def test_over_quota_lpg_refused_naming_what_remains(self):
		lpg = subsidised_item(3)
		member = active_member(no_kk=make_no_kk())
		first = sale(member.customer, lpg, 2)
		self.assertEqual(first.get(KK_FIELD), member.no_kk)  # the member's household, from the member

		with self.assertRaises(OverQuotaError) as ctx:
			sale(member.customer, lpg, 2)  # refused already as a draft
		self.assertIn("1 Nos", str(ctx.exception))  # what remains
		self.assertIn("2 Nos already bought", str(ctx.exception))

		last = sale(member.customer, lpg, 1)
		self.assertEqual(self.usage(last), (3, 3))
		with self.assertRaises(OverQuotaError):
			sale(member.customer, lpg, 1)

	def test_submit_checks_again_under_the_lock(self):
		lpg = subsidised_item(3)
		member = active_member(no_kk=make_no_kk())
		draft = sale(member.customer, lpg, 2, submit=False)  # fits while a draft
		sale(member.customer, lpg, 2)
		with self.assertRaises(OverQuotaError):
			draft.submit()
		self.assertEqual(frappe.db.get_value("Sales Invoice", draft.name, "docstatus"), 0)

	def test_return_restores_quota_and_cancel_gives_back(self):
		lpg = subsidised_item(3)
		member = active_member(no_kk=make_no_kk())
		original = sale(member.customer, lpg, 3)
		with self.assertRaises(OverQuotaError):
			sale(member.customer, lpg, 1)

		credit_note = return_of(original, 1)
		self.assertEqual(self.usage(credit_note), (2, 2))
		again = sale(member.customer, lpg, 1)  # the returned tabung may be bought again
		with self.assertRaises(OverQuotaError):
			sale(member.customer, lpg, 1)

		again.cancel()
		self.assertEqual(self.usage(original), (2, 2))
		sale(member.customer, lpg, 1)

	def test_quantity_counts_in_the_stock_uom(self):
		beras = subsidised_item(10, stock_uom="Kg", uoms=[("Karung 5 Kg", 5)])
		member = active_member(no_kk=make_no_kk())
		first = sale(member.customer, beras, 1, uom="Karung 5 Kg")  # 5 kg
		self.assertEqual(first.items[0].stock_qty, 5)
		sale(member.customer, beras, 4, uom="Kg")
		with self.assertRaises(OverQuotaError) as ctx:
			sale(member.customer, beras, 1, uom="Karung 5 Kg")  # 5 kg asked, 1 kg left
		self.assertIn("5 Kg asked", str(ctx.exception))
		self.assertIn("only 1 Kg", str(ctx.exception))
		last = sale(member.customer, beras, 1, uom="Kg")
		self.assertEqual(self.usage(last), (10, 10))

	def test_walk_in_names_a_household_and_shares_its_quota(self):
		lpg = subsidised_item(3)
		no_kk = make_no_kk()
		with self.assertRaises(QuotaHolderError):
			sale(walk_in_customer(), lpg, 1)
		with self.assertRaises(QuotaHolderError):
			sale(walk_in_customer(), lpg, 1, **{KK_FIELD: "12345"})
		walk_in = sale(walk_in_customer(), lpg, 1, **{KK_FIELD: f"{no_kk[:6]} {no_kk[6:]}"})
		self.assertEqual(walk_in.get(KK_FIELD), no_kk)  # normalised

		member = active_member(no_kk=no_kk)  # of the same household
		sale(member.customer, lpg, 2)
		with self.assertRaises(OverQuotaError):
			sale(walk_in_customer(), lpg, 1, **{KK_FIELD: no_kk})

	def test_member_quota_refuses_walk_ins_and_counts_per_member(self):
		pupuk = subsidised_item(50, basis="Per Anggota", stock_uom="Kg")
		no_kk = make_no_kk()
		with self.assertRaises(QuotaHolderError):
			sale(walk_in_customer(), pupuk, 10, **{KK_FIELD: no_kk})
		husband = active_member(no_kk=no_kk)
		wife = active_member(no_kk=no_kk, gender="Perempuan", full_name="Siti Aminah")
		sale(husband.customer, pupuk, 50)
		sale(wife.customer, pupuk, 50)  # her own quota, though the same household
		with self.assertRaises(OverQuotaError):
			sale(husband.customer, pupuk, 1)

	def test_member_without_kk_is_told_to_fill_it(self):
		lpg = subsidised_item(3)
		member = active_member()
		self.assertFalse(member.no_kk)
		with self.assertRaises(QuotaHolderError) as ctx:
			sale(member.customer, lpg, 1)
		self.assertIn(member.name, str(ctx.exception))

	def test_cancel_and_return_are_never_blocked_for_want_of_a_holder(self):
		lpg = subsidised_item(3)
		member = active_member(no_kk=make_no_kk())
		first, second = sale(member.customer, lpg, 1), sale(member.customer, lpg, 1)
		frappe.db.set_value("Cooperative Member", member.name, "no_kk", None)  # e.g. corrected later
		return_of(first, 1)
		second.cancel()
		self.assertEqual(frappe.db.get_value("Sales Invoice", second.name, "docstatus"), 2)
		with self.assertRaises(QuotaHolderError):  # a new sale still needs the household
			sale(member.customer, lpg, 1)

	def test_next_period_has_a_fresh_quota(self):
		lpg = subsidised_item(3, period_type="Days", period_days=10, period_anchor=add_days(today(), -15))
		member = active_member(no_kk=make_no_kk())
		sale(member.customer, lpg, 3, posting_date=add_days(today(), -10))  # the previous 10 days
		sale(member.customer, lpg, 3)

	def test_other_items_are_not_counted(self):
		plain = f"PLAIN-{frappe.generate_hash(length=8)}"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": plain,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name"),
				"stock_uom": ensure_uom("Nos"),
				"is_stock_item": 0,
			}
		).insert()
		invoice = sale(walk_in_customer(), plain, 100)
		self.assertFalse(invoice.get(KK_FIELD))
		self.assertFalse(frappe.db.exists(USAGE_DOCTYPE, {"item": plain}))

	def test_quota_setup_is_checked(self):
		with self.assertRaises(QuotaSetupError):
			subsidised_item(3, period_type="Days", period_days=10)  # no first day
		with self.assertRaises(frappe.ValidationError):
			subsidised_item(-1)

	def test_distribution_report_by_household(self):
		lpg = subsidised_item(3)
		no_kk = make_no_kk()
		member = active_member(no_kk=no_kk)
		sold = sale(member.customer, lpg, 2)
		sale(walk_in_customer(), lpg, 1, **{KK_FIELD: no_kk})
		return_of(sold, 1)

		_columns, data = distribution.execute({"item": lpg, "company": company()})
		self.assertEqual(len(data), 1, data)
		row = data[0]
		self.assertEqual(row["no_kk"], no_kk)
		self.assertEqual(row["member"], member.name)
		self.assertEqual((row["sold"], row["returned"], row["net"]), (3, 1, 2))
		self.assertEqual((row["quota"], row["remaining"]), (3, 1))
		self.assertEqual(row["period_start"], date.today().replace(day=1))


def open_till() -> str:
	"""The test unit's POS Profile with a submitted, open POS Opening Entry (POS Invoices need one)."""
	pos_profile = frappe.db.get_value("Business Unit", selling_unit(), "pos_profile")
	if not frappe.db.exists(
		"POS Opening Entry", {"pos_profile": pos_profile, "status": "Open", "docstatus": 1}
	):
		mode = frappe.db.get_value("POS Payment Method", {"parent": pos_profile}, "mode_of_payment")
		frappe.get_doc(
			{
				"doctype": "POS Opening Entry",
				"company": company(),
				"pos_profile": pos_profile,
				"user": frappe.session.user,
				"period_start_date": frappe.utils.now_datetime(),
				"posting_date": today(),
				"balance_details": [{"mode_of_payment": mode, "opening_amount": 0}],
			}
		).submit()
	return pos_profile


def pos_sale(customer: str, item: str, qty, **fields):
	"""A POS Invoice of one line, paid in cash."""
	pos_profile = open_till()
	unit = selling_unit()
	doc = frappe.get_doc(
		{
			"doctype": "POS Invoice",
			"company": company(),
			"customer": customer,
			"pos_profile": pos_profile,
			"is_pos": 1,
			"update_stock": 0,
			"cost_center": frappe.db.get_value("Business Unit", unit, "cost_center"),
			dimension_fieldname(): unit,
			"items": [{"item_code": item, "qty": qty, "rate": 20000}],
			**fields,
		}
	)
	doc.set_missing_values()
	doc.calculate_taxes_and_totals()
	mode = frappe.db.get_value("POS Payment Method", {"parent": pos_profile}, "mode_of_payment")
	doc.set("payments", [{"mode_of_payment": mode, "amount": doc.rounded_total or doc.grand_total}])
	doc.insert()
	doc.submit()
	return doc


class TestQuotaAtThePOS(QuotaTestCase):
	def test_pos_and_invoice_sales_share_the_quota(self):
		lpg = subsidised_item(3)
		member = active_member(no_kk=make_no_kk())
		at_till = pos_sale(member.customer, lpg, 2)
		self.assertEqual(at_till.get(KK_FIELD), member.no_kk)
		with self.assertRaises(OverQuotaError):
			pos_sale(member.customer, lpg, 2)
		with self.assertRaises(OverQuotaError):
			sale(member.customer, lpg, 2)  # the Sales Invoice counts the POS Invoice
		last = sale(member.customer, lpg, 1)
		self.assertEqual(self.usage(last), (3, 3))

	def test_walk_in_at_the_till_names_the_household(self):
		lpg = subsidised_item(3)
		with self.assertRaises(QuotaHolderError):
			pos_sale(walk_in_customer(), lpg, 1)
		no_kk = make_no_kk()
		pos_sale(walk_in_customer(), lpg, 3, **{KK_FIELD: no_kk})
		with self.assertRaises(OverQuotaError):
			pos_sale(walk_in_customer(), lpg, 1, **{KK_FIELD: no_kk})
