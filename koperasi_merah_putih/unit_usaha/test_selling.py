# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The sembako shop on ERPNext's Sales Invoice (unit_usaha/selling.py) and the members' net purchases
(unit_usaha/purchases.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import flt, today

from koperasi_merah_putih.exceptions import (
	MemberCreditError,
	MemberNotActiveError,
	MemberNotFoundError,
	MemberPriceError,
	SalePriceError,
	SaleQuantityError,
	SaleUnitError,
)
from koperasi_merah_putih.tests.utils import active_member, company, make_member, make_user
from koperasi_merah_putih.unit_usaha.doctype.business_unit.business_unit import WALK_IN_CUSTOMER
from koperasi_merah_putih.unit_usaha.purchases import member_net_purchases, member_sales_split
from koperasi_merah_putih.unit_usaha.report.member_and_non_member_sales.member_and_non_member_sales import (
	execute as sales_report,
)
from koperasi_merah_putih.unit_usaha.report.member_net_purchases.member_net_purchases import (
	execute as net_purchases_report,
)
from koperasi_merah_putih.unit_usaha.selling import find_member_customer
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, ensure_dimension, shop_price_lists

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]

PUBLIC_RATE = 15000
MEMBER_RATE = 14000
COST = 12000


def make_shop() -> frappe._dict:
	"""A set-up selling unit with one stocked item priced in both lists."""
	comp = company()
	lists = shop_price_lists(comp)
	for field, price_list in lists.items():
		if not frappe.db.get_single_value("Cooperative Settings", field):
			frappe.db.set_single_value("Cooperative Settings", field, price_list)
	frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
	lists = {field: frappe.db.get_single_value("Cooperative Settings", field) for field in lists}
	unit = frappe.get_doc(
		{
			"doctype": "Business Unit",
			"unit_name": f"Gerai Jual {frappe.generate_hash(length=6)}",
			"unit_type": "Gerai Sembako",
			"company": comp,
			"is_selling": 1,
		}
	).insert()
	unit.set_up_unit()
	unit.reload()
	item, receipt = stocked_item(
		unit,
		"Beras Uji",
		{lists["public_price_list"]: PUBLIC_RATE, lists["member_price_list"]: MEMBER_RATE},
		qty=100,
	)
	return frappe._dict(unit=unit, item=item, lists=lists, receipt=receipt)


def stocked_item(unit, prefix: str, prices: dict[str, float], qty: float):
	"""An item priced in the given lists and received into the unit's warehouse: (item code, receipt)."""
	item = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": f"{prefix} {frappe.generate_hash(length=6)}",
			"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name"),
			"stock_uom": "Nos",
			"is_stock_item": 1,
		}
	).insert()
	for price_list, rate in prices.items():
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": item.name,
				"price_list": price_list,
				"price_list_rate": rate,
			}
		).insert()
	receipt = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": unit.company,
			"items": [
				{"item_code": item.name, "qty": qty, "t_warehouse": unit.warehouse, "basic_rate": COST}
			],
		}
	)
	receipt.insert()
	receipt.submit()
	return item.name, receipt


def sale(shop, customer: str, qty: float = 2, paid: bool = True, submit: bool = True, **fields):
	"""A Sales Invoice that takes the goods out of the unit's warehouse (update_stock), paid in cash."""
	unit = shop.unit
	doc = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": unit.company,
			"customer": customer,
			"posting_date": today(),
			"update_stock": 1,
			"is_pos": 1 if paid else 0,
			"pos_profile": unit.pos_profile if paid else None,
			"set_warehouse": unit.warehouse,
			"items": [{"item_code": shop.item, "qty": qty, "warehouse": unit.warehouse}],
		}
	)
	if not paid:
		# what the form picks: the customer's own price list, else the default one
		doc.selling_price_list = frappe.db.get_value(
			"Customer", customer, "default_price_list"
		) or frappe.db.get_default("selling_price_list")
	doc.set_missing_values()  # as the form does: price list of the customer or of the POS Profile
	doc.update(fields)  # what the client chose instead
	doc.insert()
	if paid:
		doc.payments[0].amount = doc.rounded_total or doc.grand_total
		doc.save()
	if submit:
		doc.submit()
	return doc


def account_kind(account: str) -> str:
	"""Income for an income account, else the account type (Stock, Cost of Goods Sold, Cash, ...)."""
	root_type, account_type = frappe.get_cached_value("Account", account, ["root_type", "account_type"])
	return "Income" if root_type == "Income" else account_type


def gl_by_account(voucher_no: str) -> dict[str, float]:
	gle = frappe.qb.DocType("GL Entry")
	rows = (
		frappe.qb.from_(gle)
		.select(gle.account, frappe.query_builder.functions.Sum(gle.credit - gle.debit))
		.where((gle.voucher_no == voucher_no) & (gle.is_cancelled == 0))
		.groupby(gle.account)
	).run()
	return {account: flt(amount) for account, amount in rows}


class TestSelling(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_dimension()
		cls.kasir = make_user("ud-kasir@koperasi.test", "Kasir", "Accounts User")
		cls.anggota = make_user("ud-anggota@koperasi.test", "Anggota", user_type="Website User")
		cls.shop = make_shop()
		cls.member = active_member()
		cls.customer = frappe.db.get_value("Customer", {"kmp_member": cls.member.name})
		cls.walk_in = frappe.db.get_value("Customer", {"customer_name": WALK_IN_CUSTOMER})
		cls.field = dimension_fieldname()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_member_sale_by_member_number_books_member_income(self):
		frappe.set_user(self.kasir)
		found = find_member_customer(f"  {self.member.member_number}\n")
		self.assertEqual(found["customer"], self.customer)
		scanned = find_member_customer(f"https://x.id/m/{self.member.member_number}")
		self.assertEqual(scanned["member"], self.member.name)
		frappe.set_user("Administrator")

		# The client sends the non-member account: the server books the member account.
		invoice = sale(self.shop, found["customer"])
		unit = self.shop.unit
		self.assertEqual(invoice.get(self.field), unit.name)
		self.assertEqual(invoice.items[0].get(self.field), unit.name)
		self.assertEqual(invoice.selling_price_list, self.shop.lists["member_price_list"])
		self.assertEqual(flt(invoice.items[0].rate), MEMBER_RATE)
		gl = gl_by_account(invoice.name)
		self.assertEqual(gl.get(unit.member_income_account), 2 * MEMBER_RATE)
		self.assertNotIn(unit.non_member_income_account, gl)
		gle = frappe.qb.DocType("GL Entry")
		dimensions = (
			frappe.qb.from_(gle)
			.select(gle[self.field])
			.where((gle.voucher_no == invoice.name) & (gle.account == unit.member_income_account))
		).run(pluck=True)
		self.assertEqual(set(dimensions), {unit.name})

	def test_sale_and_receipt_gl_rows_carry_the_unit_cost_center(self):
		unit = self.shop.unit
		main = frappe.get_cached_value("Company", unit.company, "cost_center")
		self.assertNotEqual(main, unit.cost_center)
		# the client sends the company's main cost center: the server books the unit's
		invoice = sale(self.shop, self.customer, cost_center=main)
		self.assertEqual(invoice.cost_center, unit.cost_center)
		self.assertEqual(invoice.items[0].cost_center, unit.cost_center)
		gle = frappe.qb.DocType("GL Entry")
		for voucher, kinds in (
			(invoice.name, {"Income", "Stock", "Cost of Goods Sold"}),
			(self.shop.receipt.name, {"Stock"}),  # a receipt into the unit's warehouse, no cost center sent
		):
			rows = (
				frappe.qb.from_(gle)
				.select(gle.account, gle.cost_center)
				.where((gle.voucher_no == voucher) & (gle.is_cancelled == 0))
			).run(as_dict=True)
			booked = [r for r in rows if account_kind(r.account) in kinds]
			self.assertEqual({account_kind(r.account) for r in booked}, kinds, rows)
			self.assertEqual({r.cost_center for r in booked}, {unit.cost_center}, rows)

	def test_stock_rows_of_a_unit_take_its_cost_center_unless_the_officer_chose_another(self):
		unit = self.shop.unit
		main = frappe.get_cached_value("Company", unit.company, "cost_center")
		other = (
			frappe.get_doc(
				{
					"doctype": "Cost Center",
					"cost_center_name": f"Pilihan Petugas {frappe.generate_hash(length=6)}",
					"company": unit.company,
					"parent_cost_center": frappe.db.get_value(
						"Cost Center",
						{"company": unit.company, "is_group": 1, "parent_cost_center": ("is", "not set")},
					),
				}
			)
			.insert()
			.name
		)
		rows = [{"item_code": self.shop.item, "qty": 1, "t_warehouse": unit.warehouse, "basic_rate": COST}]
		receipt = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"company": unit.company,
				"items": [{**rows[0], "cost_center": main}, {**rows[0], "cost_center": other}],
			}
		).insert()
		self.assertEqual(receipt.items[0].cost_center, unit.cost_center)  # the company default: the unit's
		self.assertEqual(receipt.items[1].cost_center, other)  # the officer's choice is kept

	def test_walk_in_sale_books_non_member_income(self):
		invoice = sale(self.shop, self.walk_in)
		unit = self.shop.unit
		self.assertEqual(invoice.selling_price_list, self.shop.lists["public_price_list"])
		gl = gl_by_account(invoice.name)
		self.assertEqual(gl.get(unit.non_member_income_account), 2 * PUBLIC_RATE)
		self.assertNotIn(unit.member_income_account, gl)

	def test_sale_priced_from_another_list_is_priced_again(self):
		other = frappe.db.get_value(
			"Price List", {"selling": 1, "name": ["not in", list(self.shop.lists.values())]}
		)
		invoice = sale(self.shop, self.walk_in, selling_price_list=other, submit=False)
		self.assertEqual(invoice.selling_price_list, self.shop.lists["public_price_list"])
		self.assertEqual(flt(invoice.items[0].rate), PUBLIC_RATE)
		for price_list in (other, self.shop.lists["public_price_list"]):
			invoice = sale(self.shop, self.customer, selling_price_list=price_list, submit=False)
			self.assertEqual(invoice.selling_price_list, self.shop.lists["member_price_list"])
			self.assertEqual(flt(invoice.items[0].rate), MEMBER_RATE)

	def test_sale_priced_again_without_a_price_in_the_list_is_refused(self):
		# an item priced only in the public list: a member's sale, priced again from the member list, would
		# otherwise go out at Rp 0
		item, _receipt = stocked_item(
			self.shop.unit, "Gula Uji", {self.shop.lists["public_price_list"]: PUBLIC_RATE}, qty=10
		)
		shop = frappe._dict(self.shop, item=item)
		with self.assertRaises(SalePriceError):
			sale(shop, self.customer, selling_price_list=self.shop.lists["public_price_list"], submit=False)
		# the walk-in buys it at the public price
		invoice = sale(shop, self.walk_in, submit=False)
		self.assertEqual(flt(invoice.items[0].rate), PUBLIC_RATE)

	def test_client_cannot_book_walk_in_as_member_income(self):
		invoice = sale(self.shop, self.walk_in, submit=False)
		invoice.items[0].income_account = self.shop.unit.member_income_account
		invoice.save()
		self.assertEqual(invoice.items[0].income_account, self.shop.unit.non_member_income_account)

	def test_sale_without_unit_is_refused(self):
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": company(),
				"customer": self.walk_in,
				"items": [{"item_code": self.shop.item, "qty": 1, "rate": PUBLIC_RATE}],
			}
		)
		before = frappe.db.count("Sales Invoice")
		self.assertRaises(SaleUnitError, invoice.insert)
		self.assertEqual(frappe.db.count("Sales Invoice"), before)

	def test_member_price_for_non_member_is_refused(self):
		with self.assertRaises(MemberPriceError):
			sale(self.shop, self.walk_in, selling_price_list=self.shop.lists["member_price_list"])

	def test_zero_and_negative_quantities_are_refused(self):
		for qty in (0, -1):
			with self.subTest(qty=qty), self.assertRaises(SaleQuantityError):
				sale(self.shop, self.walk_in, qty=qty)

	@change_settings("Stock Settings", {"allow_negative_stock": 0})
	def test_selling_without_stock_stays_refused(self):
		from erpnext.stock.stock_ledger import NegativeStockError

		before = frappe.db.count("Sales Invoice", {"docstatus": 1})
		frappe.db.savepoint("no_stock")
		with self.assertRaises(NegativeStockError):
			sale(self.shop, self.walk_in, qty=1000)
		frappe.db.rollback(save_point="no_stock")  # as the request that raised would
		self.assertEqual(frappe.db.count("Sales Invoice", {"docstatus": 1}), before)

	def test_member_credit_up_to_the_limit(self):
		member = active_member()
		customer = frappe.db.get_value("Customer", {"kmp_member": member.name})
		frappe.db.set_single_value("Cooperative Settings", "member_credit_limit", 3 * MEMBER_RATE)
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		try:
			first = sale(self.shop, customer, qty=2, paid=False)
			self.assertEqual(flt(first.outstanding_amount), 2 * MEMBER_RATE)
			receivable = frappe.db.get_single_value(
				"Cooperative Settings", "member_credit_receivable_account"
			)
			if receivable:
				self.assertEqual(first.debit_to, receivable)
			second = sale(self.shop, customer, qty=2, paid=False, submit=False)
			with self.assertRaises(MemberCreditError) as refused:
				second.submit()
			self.assertIn(frappe.format(MEMBER_RATE, {"fieldtype": "Currency"}), str(refused.exception))
			self.assertEqual(frappe.db.get_value("Sales Invoice", second.name, "docstatus"), 0)
			third = sale(self.shop, customer, qty=1, paid=False)  # exactly up to the limit
			self.assertEqual(third.docstatus, 1)
		finally:
			frappe.db.set_single_value("Cooperative Settings", "member_credit_limit", 0)
			frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")

	def test_non_member_cannot_buy_on_credit(self):
		frappe.db.set_single_value("Cooperative Settings", "member_credit_limit", 10 * PUBLIC_RATE)
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		try:
			invoice = sale(self.shop, self.walk_in, paid=False, submit=False)
			self.assertEqual(invoice.outstanding_amount, 2 * PUBLIC_RATE)
			with self.assertRaises(MemberCreditError):
				invoice.submit()
		finally:
			frappe.db.set_single_value("Cooperative Settings", "member_credit_limit", 0)
			frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")

	def test_find_member_customer_refusals(self):
		candidate = make_member()
		frappe.set_user(self.kasir)
		self.assertRaises(MemberNotFoundError, find_member_customer, "NO-SUCH-MEMBER")
		self.assertRaises(MemberNotActiveError, find_member_customer, candidate.member_number)
		for user in (self.anggota, "Guest"):
			frappe.set_user(user)
			self.assertRaises(frappe.PermissionError, find_member_customer, self.member.member_number)

	def test_net_purchases_subtract_returns_and_split_agrees_with_gl(self):
		member = active_member()
		customer = frappe.db.get_value("Customer", {"kmp_member": member.name})
		unit = self.shop.unit
		invoice = sale(self.shop, customer, qty=3)
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

		credit_note = make_sales_return(invoice.name)
		credit_note.items[0].qty = -1
		credit_note.payments[0].amount = -MEMBER_RATE
		credit_note.insert()
		credit_note.submit()
		sale(self.shop, self.walk_in, qty=1)

		purchases = member_net_purchases(unit.company, today(), today())
		self.assertEqual(purchases[member.name], {unit.name: 2 * MEMBER_RATE})
		self.assertEqual(
			member_net_purchases(unit.company, today(), today(), unit=unit.name)[member.name],
			{unit.name: 2 * MEMBER_RATE},
		)

		split = member_sales_split(unit.company, today(), today(), unit=unit.name)[unit.name]
		gle = frappe.qb.DocType("GL Entry")

		def balance(account):
			return flt(
				(
					frappe.qb.from_(gle)
					.select(frappe.query_builder.functions.Sum(gle.credit - gle.debit))
					.where(
						(gle.account == account)
						& (gle.is_cancelled == 0)
						& (gle.posting_date == today())
						& (gle[self.field] == unit.name)
					)
				).run()[0][0]
			)

		self.assertEqual(split.member.turnover, balance(unit.member_income_account))
		self.assertEqual(split.non_member.turnover, balance(unit.non_member_income_account))
		self.assertGreater(split.member.cogs, 0)
		self.assertEqual(split.member.gross_profit, split.member.turnover - split.member.cogs)

		filters = {"company": unit.company, "from_date": today(), "to_date": today(), "unit": unit.name}
		_columns, rows = net_purchases_report(filters)
		expected = {"member": member.name, "member_name": member.full_name, "unit": unit.name}
		self.assertIn({**expected, "net_purchases": 2 * MEMBER_RATE}, rows)
		_columns, rows = sales_report(filters)
		self.assertEqual(rows[0]["member_turnover"], split.member.turnover)
		self.assertEqual(rows[0]["non_member_gross_profit"], split.non_member.gross_profit)
