# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The sembako shop's selling rules on ERPNext's own documents (hooks.py doc_events).

* A sale carries its business unit (the Accounting Dimension "Unit Usaha"): taken from the POS Profile or
  the warehouse of the unit when the document has none, refused (:class:`SaleUnitError`) when a company
  that has units sells without one. Buying and stock documents get the unit from their warehouse.
* Every item row of a Sales Invoice / POS Invoice is booked to the unit's member or non-member income
  account according to whether the customer is an active member's Customer; the server decides, whatever
  the client sent (SAK EP, Permenkop UKM 2/2024).
* Price lists: a member's sale is priced from the member list, anyone else's from the public list (a sale
  priced from another list is priced again); the member list on a non-member's sale is refused
  (calculators.shop.check_price_kind).
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


def validate_invoice(doc, method=None) -> None:
	"""Sales Invoice, POS Invoice (after ERPNext's validate): member or non-member income per row."""
	set_income_accounts(doc, is_member_customer(doc.customer))


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


def set_price_list(doc, is_member: bool) -> None:
	"""The shop's price lists: the member list for a non-member is refused; a sale priced from another
	list than the customer's (none, ERPNext's standard one, the public list for a member) is priced again
	from the member or the public list."""
	if doc.doctype not in PRICED_DOCTYPES:
		return
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
		return
	doc.selling_price_list = target
	doc.price_list_currency = None
	for row in doc.get("items") or ():
		# ERPNext fetches the price again (set_missing_item_details) and derives the rate from it
		row.price_list_rate = None
		row.rate = 0
		row.discount_percentage = 0
		row.discount_amount = 0


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
