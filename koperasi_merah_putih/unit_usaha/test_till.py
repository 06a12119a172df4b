# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The Kasir at ERPNext's POS with the Kasir role alone (setup/erpnext_permissions.py): opening a shift,
selling to a member found by member number, closing the shift; the consolidated Sales Invoice books the
member income of the unit, with the unit, in the GL."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, now_datetime, today

from erpnext.accounts.doctype.pos_closing_entry.pos_closing_entry import make_closing_entry_from_opening

from koperasi_merah_putih.setup.erpnext_permissions import grant_erpnext_permissions
from koperasi_merah_putih.tests.utils import active_member, make_user
from koperasi_merah_putih.unit_usaha.selling import find_member_customer
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, member_customers_price_list
from koperasi_merah_putih.unit_usaha.test_selling import MEMBER_RATE, account_kind, make_shop

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


class TestKasirTill(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		grant_erpnext_permissions()  # as after_install does; a second run adds nothing
		cls.kasir = make_user("till-kasir@koperasi.test", "Kasir")  # the Kasir role only
		cls.shop = make_shop()
		cls.member = active_member()

	def tearDown(self):
		frappe.set_user("Administrator")

	def open_till(self):
		profile = frappe.get_doc("POS Profile", self.shop.unit.pos_profile)
		opening = frappe.get_doc(
			{
				"doctype": "POS Opening Entry",
				"company": self.shop.unit.company,
				"pos_profile": profile.name,
				"user": frappe.session.user,
				"period_start_date": now_datetime(),
				"posting_date": today(),
				"balance_details": [
					{"mode_of_payment": profile.payments[0].mode_of_payment, "opening_amount": 0}
				],
			}
		).insert()
		opening.submit()
		return opening

	def pos_sale(self, customer: str, qty: float = 2):
		profile = frappe.get_doc("POS Profile", self.shop.unit.pos_profile)
		invoice = frappe.get_doc(
			{
				"doctype": "POS Invoice",
				"company": profile.company,
				"pos_profile": profile.name,
				"customer": customer,
				"posting_date": today(),
				"is_pos": 1,
				"update_stock": 1,
				"items": [{"item_code": self.shop.item, "qty": qty}],
				"payments": [
					{"mode_of_payment": profile.payments[0].mode_of_payment, "amount": 0, "default": 1}
				],
			}
		)
		invoice.set_missing_values()  # as the till does
		invoice.insert()
		return invoice

	def pay_and_submit(self, invoice):
		invoice.payments[0].amount = invoice.rounded_total or invoice.grand_total
		invoice.paid_amount = invoice.payments[0].amount  # the till sends what was paid
		invoice.save()
		invoice.submit()

	def close_till(self, opening):
		closing = make_closing_entry_from_opening(opening)
		closing.insert()
		closing.submit()
		return closing

	def test_kasir_opens_sells_to_a_member_and_closes(self):
		unit = self.shop.unit
		frappe.set_user(self.kasir)
		opening = self.open_till()
		customer = find_member_customer(self.member.member_number)["customer"]
		invoice = self.pos_sale(customer)
		self.assertEqual(flt(invoice.grand_total), 2 * MEMBER_RATE)  # the member price list
		self.pay_and_submit(invoice)
		closing = self.close_till(opening)
		self.assertEqual(len(closing.pos_transactions), 1)
		frappe.set_user("Administrator")

		invoice.reload()
		opening.reload()
		self.assertEqual(opening.status, "Closed")
		self.assertTrue(invoice.consolidated_invoice)
		self.assertEqual(invoice.items[0].cost_center, unit.cost_center)
		field = dimension_fieldname()
		gle = frappe.qb.DocType("GL Entry")
		rows = (
			frappe.qb.from_(gle)
			.select(gle.account, gle.credit, gle.debit, gle.cost_center, gle[field])
			.where((gle.voucher_no == invoice.consolidated_invoice) & (gle.is_cancelled == 0))
		).run(as_dict=True)
		income = [r for r in rows if r.account == unit.member_income_account]
		self.assertEqual(len(income), 1, rows)
		self.assertEqual(flt(income[0].credit), 2 * MEMBER_RATE)
		self.assertEqual(income[0][field], unit.name)
		self.assertFalse([r for r in rows if r.account == unit.non_member_income_account])
		# income, stock and cost of goods of the shift are the unit's cost center's, not the company's
		booked = [r for r in rows if account_kind(r.account) in ("Income", "Stock", "Cost of Goods Sold")]
		self.assertEqual({account_kind(r.account) for r in booked}, {"Income", "Stock", "Cost of Goods Sold"})
		self.assertEqual({r.cost_center for r in booked}, {unit.cost_center}, rows)

	def test_member_without_default_price_list_buys_at_the_member_price(self):
		member = active_member()
		customer = frappe.db.get_value("Customer", {"kmp_member": member.name})
		# a member activated before the shop's price lists existed
		frappe.db.set_value("Customer", customer, "default_price_list", None)
		opening = self.open_till()
		invoice = self.pos_sale(customer)
		self.assertEqual(invoice.selling_price_list, self.shop.lists["member_price_list"])
		self.assertEqual(flt(invoice.items[0].rate), MEMBER_RATE)
		self.assertEqual(flt(invoice.grand_total), 2 * MEMBER_RATE)
		self.pay_and_submit(invoice)
		self.assertEqual(flt(invoice.paid_amount), 2 * MEMBER_RATE)
		self.close_till(opening)

		# the patch for such Customers gives them the member list
		member_customers_price_list()
		self.assertEqual(
			frappe.db.get_value("Customer", customer, "default_price_list"),
			self.shop.lists["member_price_list"],
		)

	def test_kasir_has_the_till_rights_and_no_more(self):
		for doctype in ("POS Opening Entry", "POS Invoice", "POS Closing Entry"):
			for ptype in ("read", "create", "submit"):
				self.assertTrue(frappe.has_permission(doctype, ptype, user=self.kasir), (doctype, ptype))
		for doctype in (
			"POS Profile",
			"Item",
			"Item Price",
			"Customer",
			"Warehouse",
			"Batch",
			"Mode of Payment",
			"Stock Settings",
			"POS Settings",
		):
			self.assertTrue(frappe.has_permission(doctype, "read", user=self.kasir), doctype)
		self.assertFalse(frappe.has_permission("Stock Settings", "write", user=self.kasir))
		self.assertFalse(frappe.has_permission("POS Profile", "write", user=self.kasir))
		self.assertFalse(frappe.has_permission("Item Price", "write", user=self.kasir))
		self.assertFalse(frappe.has_permission("POS Invoice", "cancel", user=self.kasir))
		self.assertEqual(grant_erpnext_permissions(), [])  # idempotent: an officer's later edit is kept
