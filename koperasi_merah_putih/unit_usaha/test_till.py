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
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname
from koperasi_merah_putih.unit_usaha.test_selling import MEMBER_RATE, make_shop

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

	def test_kasir_opens_sells_to_a_member_and_closes(self):
		unit = self.shop.unit
		profile = frappe.get_doc("POS Profile", unit.pos_profile)
		mode = profile.payments[0].mode_of_payment

		frappe.set_user(self.kasir)
		opening = frappe.get_doc(
			{
				"doctype": "POS Opening Entry",
				"company": unit.company,
				"pos_profile": profile.name,
				"user": self.kasir,
				"period_start_date": now_datetime(),
				"posting_date": today(),
				"balance_details": [{"mode_of_payment": mode, "opening_amount": 0}],
			}
		).insert()
		opening.submit()

		customer = find_member_customer(self.member.member_number)["customer"]
		invoice = frappe.get_doc(
			{
				"doctype": "POS Invoice",
				"company": unit.company,
				"pos_profile": profile.name,
				"customer": customer,
				"posting_date": today(),
				"is_pos": 1,
				"update_stock": 1,
				"items": [{"item_code": self.shop.item, "qty": 2}],
				"payments": [{"mode_of_payment": mode, "amount": 0, "default": 1}],
			}
		)
		invoice.set_missing_values()  # as the till does
		invoice.insert()
		self.assertEqual(flt(invoice.grand_total), 2 * MEMBER_RATE)  # the member price list
		invoice.payments[0].amount = invoice.rounded_total or invoice.grand_total
		invoice.paid_amount = invoice.payments[0].amount  # the till sends what was paid
		invoice.save()
		invoice.submit()

		closing = make_closing_entry_from_opening(opening)
		closing.insert()
		closing.submit()
		self.assertEqual(len(closing.pos_transactions), 1)
		frappe.set_user("Administrator")

		invoice.reload()
		opening.reload()
		self.assertEqual(opening.status, "Closed")
		self.assertTrue(invoice.consolidated_invoice)
		field = dimension_fieldname()
		gle = frappe.qb.DocType("GL Entry")
		rows = (
			frappe.qb.from_(gle)
			.select(gle.account, gle.credit, gle.debit, gle[field])
			.where((gle.voucher_no == invoice.consolidated_invoice) & (gle.is_cancelled == 0))
		).run(as_dict=True)
		income = [r for r in rows if r.account == unit.member_income_account]
		self.assertEqual(len(income), 1, rows)
		self.assertEqual(flt(income[0].credit), 2 * MEMBER_RATE)
		self.assertEqual(income[0][field], unit.name)
		self.assertFalse([r for r in rows if r.account == unit.non_member_income_account])

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
		):
			self.assertTrue(frappe.has_permission(doctype, "read", user=self.kasir), doctype)
		self.assertFalse(frappe.has_permission("POS Profile", "write", user=self.kasir))
		self.assertFalse(frappe.has_permission("Item Price", "write", user=self.kasir))
		self.assertFalse(frappe.has_permission("POS Invoice", "cancel", user=self.kasir))
		self.assertEqual(grant_erpnext_permissions(), [])  # idempotent: an officer's later edit is kept
