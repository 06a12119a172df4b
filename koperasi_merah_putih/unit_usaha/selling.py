# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The sembako shop's selling rules on ERPNext's own documents (hooks.py doc_events).

* A sale carries its business unit (the Accounting Dimension "Unit Usaha"): taken from the POS Profile or
  the warehouse of the unit when the document has none, refused (:class:`SaleUnitError`) when a company
  that has units sells without one. Buying and stock documents get the unit from their warehouse.
* Every item row of a Sales Invoice / POS Invoice is booked to the unit's member or non-member income
  account according to whether the customer is an active member's Customer; the server decides, whatever
  the client sent (SAK EP, Permenkop UKM 2/2024).
* Cost centers: an item row of a sale that has a unit (and the sale itself) is booked to the unit's Cost
  Center, whatever the client sent, so income, stock and cost-of-goods GL rows carry it. On buying and
  stock documents a row with a unit gets the unit's Cost Center when it has none or the company's default
  one (an officer's other choice is kept).
* Price lists: a member's sale is priced from the member list, anyone else's from the public list (a sale
  priced from another list is priced again); the member list on a non-member's sale is refused
  (calculators.shop.check_price_kind). ERPNext's POS validation sets the list of the Customer, its group
  or the POS Profile again after `before_validate`; the `validate` hook (which runs after it) prices such
  a sale again. Members' Customers get the member list as their default (customer_price_list, and
  setup.member_customers_price_list for existing ones), so ERPNext picks it itself.
* Credit: an unpaid or partly paid invoice is allowed to a member only up to Cooperative Settings'
  member_credit_limit minus what the member's Customer already owes (the Customer row is locked first);
  non-members pay in full (calculators.shop.check_credit_limit).
* Zero or negative quantities on a sale (not a return) are refused. Selling without stock stays
  ERPNext's own refusal.
* :func:`find_member_customer`: a member number or the member card's QR code (which holds the member
  number) gives the member's Customer, for the till.

The hooks are cheap: the unit, the customer's member link and the settings come from the document cache.
"""

import frappe
from frappe import _
from frappe.utils import flt

from koperasi_merah_putih.calculators.money import round_rupiah
from koperasi_merah_putih.calculators.shop import check_credit_limit, check_price_kind
from koperasi_merah_putih.exceptions import (
	MemberCreditError,
	MemberNotActiveError,
	MemberNotFoundError,
	MemberPriceError,
	SalePriceError,
	SaleQuantityError,
	SaleUnitError,
)
from koperasi_merah_putih.unit_usaha.setup import DIMENSION_DOCTYPE
from koperasi_merah_putih.utils.roles import is_officer

ACTIVE = "Aktif"
INVOICE_DOCTYPES = ("Sales Invoice", "POS Invoice")
PRICED_DOCTYPES = ("Sales Invoice", "POS Invoice", "Sales Order", "Delivery Note")
UNIT_FIELD_KEY = "kmp_unit_dimension_field"


# ---------------------------------------------------------------------------------------------------------
# Cached look-ups


def unit_field() -> str | None:
	"""The fieldname of the Accounting Dimension "Unit Usaha" (usually ``unit_usaha``), or None. Kept in the
	site cache once the dimension exists (its fieldname never changes); looked up again while it does not."""
	field = frappe.cache.get_value(UNIT_FIELD_KEY, _unit_field_from_db)
	if not field:
		frappe.cache.delete_value(UNIT_FIELD_KEY)  # not made yet: ask again next time
	return field


def _unit_field_from_db() -> str | None:
	return frappe.db.get_value(
		"Accounting Dimension", {"document_type": DIMENSION_DOCTYPE, "disabled": 0}, "fieldname"
	)


def is_member_customer(customer: str | None) -> bool:
	"""True for the Customer of an active member (Cooperative Member status Aktif)."""
	if not customer:
		return False
	member = frappe.get_cached_value("Customer", customer, "kmp_member")
	return bool(member) and frappe.get_cached_value("Cooperative Member", member, "status") == ACTIVE


def settings():
	return frappe.get_cached_doc("Cooperative Settings")


def unit_of_warehouse(warehouse: str | None) -> str | None:
	if not warehouse:
		return None
	return frappe.db.get_value(DIMENSION_DOCTYPE, {"warehouse": warehouse}, "name")


# ---------------------------------------------------------------------------------------------------------
# Hooks


def before_validate_sale(doc, method=None) -> None:
	"""Sales Invoice, POS Invoice, Sales Order, Delivery Note: unit, quantities, price list, receivable."""
	set_unit(doc, required=True)
	set_cost_centers(doc, server_decides=True)
	check_quantities(doc)
	is_member = is_member_customer(doc.customer)
	set_price_list(doc, is_member)
	if doc.doctype == "Sales Invoice" and is_member and not doc.is_pos and not doc.is_return:
		account = settings().member_credit_receivable_account
		if account and frappe.get_cached_value("Account", account, "company") == doc.company:
			doc.debit_to = account


def before_validate_stock(doc, method=None) -> None:
	"""Purchase Invoice, Purchase Receipt, Stock Entry: the unit of their warehouse when they have none."""
	set_unit(doc, required=False)
	set_cost_centers(doc, server_decides=False)


def validate_invoice(doc, method=None) -> None:
	"""Sales Invoice, POS Invoice (after ERPNext's validate): the price list ERPNext set again, member or
	non-member income and the unit's cost center per row."""
	is_member = is_member_customer(doc.customer)
	keep_price_list(doc, is_member)
	check_repriced(doc)
	set_income_accounts(doc, is_member)
	set_cost_centers(doc, server_decides=True)


def check_repriced(doc) -> None:
	"""A sale the server priced again from the member or public list must find a price there for every row:
	never a line sold for nothing because the list has no price valid on the posting date."""
	if not doc.flags.kmp_repriced:
		return
	for row in doc.get("items") or ():
		if not flt(row.price_list_rate) and not flt(row.rate):
			frappe.throw(
				_(
					"Item {0} in row {1} has no price in Price List {2} valid on {3}. Add an Item Price for it "
					"in {2} (valid from that date or earlier), then save the sale again."
				).format(
					row.item_code,
					row.idx,
					doc.selling_price_list,
					frappe.format(
						doc.get("posting_date") or doc.get("transaction_date"), {"fieldtype": "Date"}
					),
				),
				SalePriceError,
				title=_("No price"),
			)


def before_submit_invoice(doc, method=None) -> None:
	"""Sales Invoice, POS Invoice: the credit rules, on the row-locked Customer."""
	check_credit(doc)


def customer_price_list(doc, method=None) -> None:
	"""Customer `validate`: a member's Customer buys from the member price list (ERPNext's POS and Sales
	Invoice then price a member's sale from it as soon as the member is picked)."""
	member_list = settings().member_price_list
	if doc.get("kmp_member") and member_list and not doc.default_price_list:
		doc.default_price_list = member_list


# ---------------------------------------------------------------------------------------------------------
# Rules


def set_unit(doc, required: bool) -> None:
	field = unit_field()
	if not field or not doc.meta.has_field(field):
		return
	unit = doc.get(field)
	if not unit:
		profile = doc.get("pos_profile")
		unit = profile and frappe.get_cached_value("POS Profile", profile, field)
	if not unit:
		warehouse = doc.get("set_warehouse") or doc.get("to_warehouse") or doc.get("from_warehouse")
		if not warehouse:
			for row in doc.get("items") or ():
				warehouse = row.get("warehouse") or row.get("t_warehouse") or row.get("s_warehouse")
				if warehouse:
					break
		unit = unit_of_warehouse(warehouse)
	if unit:
		doc.set(field, unit)
		for row in doc.get("items") or ():
			if not row.get(field):
				row.set(field, unit)
		return
	if required and frappe.db.exists(DIMENSION_DOCTYPE, {"company": doc.company}):
		frappe.throw(
			_(
				"Choose the Unit Usaha (business unit) of this {0}: company {1} books every sale to a unit. "
				"Pick the unit, or sell from the unit's POS Profile or warehouse."
			).format(_(doc.doctype), doc.company),
			SaleUnitError,
			title=_("Unit Usaha missing"),
		)


def unit_cost_center(unit: str) -> str | None:
	return frappe.get_cached_value(DIMENSION_DOCTYPE, unit, "cost_center")


def set_cost_centers(doc, server_decides: bool) -> None:
	"""The unit's Cost Center on each item row that has a unit, and on the document when it has the field.
	A sale (``server_decides``) always takes it; a buying or stock row only instead of none or the
	company's default Cost Center. One cached look-up per unit."""
	field = unit_field()
	if not field:
		return
	default = None if server_decides else frappe.get_cached_value("Company", doc.company, "cost_center")
	centers: dict[str, str | None] = {}

	def center_of(unit):
		if unit not in centers:
			centers[unit] = unit_cost_center(unit)
		return centers[unit]

	for row in doc.get("items") or ():
		unit = row.get(field)
		if unit and (server_decides or not row.get("cost_center") or row.cost_center == default):
			center = center_of(unit)
			if center:
				row.cost_center = center
	unit = doc.get(field)
	if unit and doc.meta.has_field("cost_center"):
		if server_decides or not doc.get("cost_center") or doc.cost_center == default:
			center = center_of(unit)
			if center:
				doc.cost_center = center


def check_quantities(doc) -> None:
	if doc.get("is_return"):
		return
	for row in doc.get("items") or ():
		if flt(row.qty) <= 0:
			frappe.throw(
				_(
					"Row {0}: the quantity of {1} is {2}. A sale needs a quantity above zero; take goods back "
					"with a return (credit note) instead."
				).format(row.idx, row.item_code, row.qty),
				SaleQuantityError,
				title=_("Quantity"),
			)


def set_price_list(doc, is_member: bool) -> bool:
	"""The shop's price lists: the member list for a non-member is refused; a sale priced from another
	list than the customer's (none, ERPNext's standard one, the public list for a member) is priced again
	from the member or the public list. True when the rows were cleared to be priced again."""
	if doc.doctype not in PRICED_DOCTYPES:
		return False
	s = settings()
	if s.member_price_list and doc.selling_price_list == s.member_price_list:
		if check_price_kind(is_member, "member"):
			frappe.throw(
				_(
					"Price List {0} is for members only and customer {1} is not an active member. Use the "
					"public price list {2}, or pick the member's own Customer."
				).format(s.member_price_list, doc.customer, s.public_price_list or ""),
				MemberPriceError,
				title=_("Member price for a non-member"),
			)
	target = s.member_price_list if is_member else s.public_price_list
	if not target or doc.selling_price_list == target or doc.get("is_return") or doc.get("is_consolidated"):
		return False
	doc.selling_price_list = target
	doc.price_list_currency = None
	doc.flags.kmp_repriced = True
	for row in doc.get("items") or ():
		# ERPNext fetches the price again (set_missing_item_details) and derives the rate from it
		row.price_list_rate = None
		row.rate = 0
		row.discount_percentage = 0
		row.discount_amount = 0
	return True


def keep_price_list(doc, is_member: bool) -> None:
	"""After ERPNext's validate: a POS sale (POS Invoice, Sales Invoice with is_pos) got the price list of
	the Customer, of its group or of the POS Profile again, e.g. the public list for a member whose Customer
	has no default list. Price it again from the right list, total it again and repeat ERPNext's payment
	checks on the new total."""
	currency = doc.price_list_currency
	if not set_price_list(doc, is_member):
		return
	doc.price_list_currency = currency  # both shop lists are in the company currency
	doc.set_missing_item_details(for_validate=True)
	doc.calculate_taxes_and_totals()
	for check in ("validate_payment_amount", "validate_full_payment", "validate_change_amount"):
		if hasattr(doc, check):
			getattr(doc, check)()


def set_income_accounts(doc, is_member: bool) -> None:
	field = unit_field()
	if not field:
		return
	kind = "member_income_account" if is_member else "non_member_income_account"
	changed = False
	for row in doc.get("items") or ():
		unit = row.get(field) or doc.get(field)
		if not unit or row.get("is_fixed_asset"):
			continue
		account = frappe.get_cached_value(DIMENSION_DOCTYPE, unit, kind)
		if account and row.income_account != account:
			row.income_account = account
			changed = True
	if changed and hasattr(doc, "set_against_income_account"):
		doc.set_against_income_account()


def check_credit(doc) -> None:
	if doc.get("is_return"):
		return
	credit = round_rupiah(flt(doc.outstanding_amount))
	if credit <= 0:
		return
	if not is_member_customer(doc.customer):
		frappe.throw(
			_(
				"Customer {0} is not an active member and cannot buy on credit: {1} is still unpaid. Take "
				"the full payment."
			).format(doc.customer, frappe.format(credit, {"fieldtype": "Currency"})),
			MemberCreditError,
			title=_("No credit for non-members"),
		)
	# Serialise one member's credit sales: a second till waits here until this sale is committed.
	frappe.db.get_value("Customer", doc.customer, "name", for_update=True)
	limit = round_rupiah(flt(settings().member_credit_limit))
	owed = round_rupiah(owed_by_customer(doc.customer, doc.company, exclude=(doc.doctype, doc.name)))
	problem = check_credit_limit(owed, credit, limit)
	if problem:
		p = problem.params
		frappe.throw(
			_(
				"Member credit limit: customer {0} already owes {1} and this sale leaves {2} unpaid, over the "
				"limit of {3}. At most {4} may remain unpaid; take the rest in cash."
			).format(
				doc.customer,
				*(frappe.format(p[k], {"fieldtype": "Currency"}) for k in ("outstanding", "amount", "limit")),
				frappe.format(p["available"], {"fieldtype": "Currency"}),
			),
			MemberCreditError,
			title=_("Credit limit"),
		)


def owed_by_customer(customer: str, company: str, exclude: tuple[str, str] | None = None) -> float:
	"""What the Customer owes on submitted Sales Invoices and unconsolidated POS Invoices."""
	total = 0.0
	for doctype in INVOICE_DOCTYPES:
		inv = frappe.qb.DocType(doctype)
		query = (
			frappe.qb.from_(inv)
			.select(frappe.query_builder.functions.Sum(inv.outstanding_amount))
			.where(
				(inv.customer == customer)
				& (inv.company == company)
				& (inv.docstatus == 1)
				& (inv.outstanding_amount != 0)
			)
		)
		if doctype == "POS Invoice":
			query = query.where(inv.consolidated_invoice.isnull() | (inv.consolidated_invoice == ""))
		if exclude and exclude[0] == doctype:
			query = query.where(inv.name != exclude[1])
		total += flt(query.run()[0][0])
	return total


# ---------------------------------------------------------------------------------------------------------
# The till: member by number or card


def parse_member_code(code: str) -> str:
	"""The member number in what was typed or scanned: the card's QR holds the member number; a scanner
	may add spaces, or a link ending in it."""
	code = (code or "").strip()
	if "/" in code:
		code = code.rstrip("/").rsplit("/", 1)[-1]
	return code.strip()


@frappe.whitelist()
def find_member_customer(code: str) -> dict:
	"""The Customer of the active member with this member number (typed, or scanned from the card)."""
	if not is_officer() or not frappe.has_permission("Customer", "read"):
		frappe.throw(
			_("Only the cooperative's officers at the till may look members up."), frappe.PermissionError
		)
	number = parse_member_code(code)
	member = number and (
		frappe.db.get_value(
			"Cooperative Member", {"member_number": number}, ["name", "status", "full_name"], as_dict=True
		)
	)
	if not member:
		frappe.throw(
			_("No member has the number {0}. Check the number on the member card.").format(number),
			MemberNotFoundError,
			title=_("Member not found"),
		)
	if member.status != ACTIVE:
		frappe.throw(
			_("Member {0} ({1}) is {2}, not an active member: sell to them as a walk-in customer.").format(
				member.name, member.full_name, _(member.status)
			),
			MemberNotActiveError,
			title=_("Not an active member"),
		)
	customer = frappe.db.get_value("Customer", {"kmp_member": member.name}, ["name", "customer_name"])
	if not customer:
		frappe.throw(
			_("Member {0} has no Customer yet. Ask the Ketua to activate the member again.").format(
				member.name
			),
			MemberNotFoundError,
			title=_("Member not found"),
		)
	return {
		"customer": customer[0],
		"customer_name": customer[1],
		"member": member.name,
		"member_name": member.full_name,
	}
