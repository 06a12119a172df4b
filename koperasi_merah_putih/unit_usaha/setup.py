# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What the business-unit module sets up with the cooperative (setup.cooperative.setup_cooperative): the
shipped unit types and the app's one Accounting Dimension "Unit Usaha".

Officers extend the types in Business Unit Type; a second run adds only what is missing and never changes
what officers did.
"""

import frappe

DIMENSION_LABEL = "Unit Usaha"
DIMENSION_DOCTYPE = "Business Unit"

# (unit type, sells to customers, what it does)
DEFAULT_UNIT_TYPES = (
	("Gerai Sembako", 1, "Toko kebutuhan pokok: beras, minyak, gula, LPG"),
	("Apotek", 1, "Obat dan alat kesehatan, dengan batch dan tanggal kedaluwarsa"),
	("Klinik", 1, "Layanan kesehatan (jasa)"),
	("Cold Storage", 1, "Sewa ruang pendingin (jasa)"),
	("Logistik", 1, "Angkutan dan pergudangan (jasa)"),
	("Peternakan", 1, "Kambing dan sapi: pembelian, pemeliharaan, kelahiran, penjualan"),
	("Perikanan", 1, "Budidaya lele: siklus kolam, panen, penjualan"),
	("Simpan Pinjam", 0, "Simpanan dan pinjaman anggota"),
)

# How each shipped type runs on ERPNext stock (Business Unit Type.operation); officers choose it for theirs.
DEFAULT_OPERATIONS = {
	"Gerai Sembako": "Retail",
	"Apotek": "Pharmacy",
	"Klinik": "Services",
	"Cold Storage": "Services",
	"Logistik": "Services",
	"Peternakan": "Livestock",
	"Perikanan": "Aquaculture",
	"Simpan Pinjam": "Finance",
}


def setup_business_units() -> None:
	"""Called by setup_cooperative after it checked the caller's right."""
	make_unit_types()
	ensure_dimension()


def make_unit_types() -> int:
	"""Create the shipped unit types that do not exist yet; returns how many were created."""
	created = 0
	for name, is_selling, description in DEFAULT_UNIT_TYPES:
		if frappe.db.exists("Business Unit Type", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Business Unit Type",
				"type_name": name,
				"is_selling": is_selling,
				"operation": DEFAULT_OPERATIONS.get(name),
				"description": description,
			}
		).insert(ignore_permissions=True)  # the caller's right to set up was checked first
		created += 1
	return created


def ensure_dimension(document_type: str = DIMENSION_DOCTYPE, label: str = DIMENSION_LABEL) -> str:
	"""The Accounting Dimension "Unit Usaha" (document type Business Unit), created once for the whole app,
	with its field on every ERPNext voucher that carries dimensions.

	ERPNext makes those custom fields (the ``unit_usaha`` column on GL Entry, Sales Invoice, POS Invoice,
	Stock Entry, POS Profile, ...) in a background job outside tests; a site without a worker (the demo,
	CI) never runs it. So they are made here, at once, and made again for a dimension whose fields are
	missing (:func:`ensure_dimension_fields`). Altering tables commits: never call this inside a savepoint.
	The other parameters are for tests of a fresh dimension."""
	name = frappe.db.get_value("Accounting Dimension", {"document_type": document_type}, "name")
	if name:
		dimension = frappe.get_doc("Accounting Dimension", name)
	else:
		dimension = frappe.get_doc(
			{"doctype": "Accounting Dimension", "document_type": document_type, "label": label}
		)
		dimension.insert(ignore_permissions=True)  # the caller's right to set up was checked first
	ensure_dimension_fields(dimension)
	return dimension.name


def ensure_dimension_fields(dimension) -> list[str]:
	"""Make the dimension's custom field on each of ERPNext's dimension doctypes that lacks it, synchronously
	(ERPNext's make_dimension_in_accounting_doctypes, which skips a doctype that has the field); returns
	those doctypes. One query when nothing is missing; a job ERPNext queued for the same dimension finds
	the fields made and changes nothing."""
	from erpnext.accounts.doctype.accounting_dimension.accounting_dimension import (
		get_doctypes_with_dimensions,
		make_dimension_in_accounting_doctypes,
	)

	doctypes = list(get_doctypes_with_dimensions())
	have = set(
		frappe.get_all(
			"Custom Field",
			filters={"fieldname": dimension.fieldname, "dt": ["in", doctypes]},
			pluck="dt",
		)
	)
	missing = [d for d in doctypes if d not in have]
	if missing:
		make_dimension_in_accounting_doctypes(doc=dimension, doclist=missing)  # clears each doctype's cache
	return missing


def dimension_fieldname() -> str | None:
	return frappe.db.get_value("Accounting Dimension", {"document_type": DIMENSION_DOCTYPE}, "fieldname")


def unit_operation(unit_type: str | None) -> str | None:
	"""The type's operation (Pharmacy, Services, Livestock, ...); a shipped type made before the field
	existed falls back to DEFAULT_OPERATIONS."""
	if not unit_type:
		return None
	return frappe.db.get_value("Business Unit Type", unit_type, "operation") or DEFAULT_OPERATIONS.get(
		unit_type
	)


def set_up_operation(unit) -> list[str]:
	"""The set-up a unit's operation needs beyond its own records; returns the doctypes it changed.

	Pharmacy: ERPNext picks the batches of an outward line that names none by Stock Settings
	``pick_serial_and_batch_based_on``; "Expiry" is first-expiry-first-out, and ERPNext never offers an
	expired batch (erpnext/stock/doctype/serial_and_batch_bundle: get_auto_batch_nos, get_available_batches).
	Services, livestock and aquaculture need nothing more: services sell non-stock items (no warehouse
	flow), animals are Serial Nos and pond cycles Stock Entries in the unit's warehouse."""
	if unit_operation(unit.unit_type) != "Pharmacy":
		return []
	wanted = {
		"auto_create_serial_and_batch_bundle_for_outward": 1,
		"pick_serial_and_batch_based_on": "Expiry",
	}
	current = frappe.db.get_value("Stock Settings", "Stock Settings", list(wanted), as_dict=True)
	changed = {k: v for k, v in wanted.items() if current.get(k) != v}
	if not changed:
		return []
	# A company-wide stock setting, set by the system on the officer's checked right to set the unit up.
	frappe.db.set_single_value("Stock Settings", changed)
	return ["Stock Settings"]


# The shops' two selling price lists (harga anggota, harga umum); Cooperative Settings names them.
SHOP_PRICE_LISTS = (("member_price_list", "Harga Anggota"), ("public_price_list", "Harga Umum"))


def shop_price_lists(company: str) -> dict[str, str]:
	"""The member and public selling Price Lists named in Cooperative Settings, or made when the settings
	name none: {settings field: price list}. Members' Customers get the member list as their default price
	list, so ERPNext's POS and Sales Invoice price a member's sale from it (unit_usaha.selling); the public
	list becomes the Selling Settings default when that is ERPNext's own "Standard Selling" (a list without
	prices)."""
	settings = frappe.get_cached_doc("Cooperative Settings")
	lists = {}
	for field, name in SHOP_PRICE_LISTS:
		lists[field] = settings.get(field) or name
		if not frappe.db.exists("Price List", lists[field]):
			frappe.get_doc(
				{
					"doctype": "Price List",
					"price_list_name": lists[field],
					"currency": frappe.get_cached_value("Company", company, "default_currency"),
					"selling": 1,
					"buying": 0,
					"enabled": 1,
				}
			).insert(ignore_permissions=True)  # the caller's right to set up was checked first
	# Sales Invoices and POS Profiles default to the public list (walk-in customers), not ERPNext's empty one.
	default_list = frappe.db.get_single_value("Selling Settings", "selling_price_list")
	if not default_list or (
		default_list not in lists.values()
		and not frappe.db.exists("Item Price", {"price_list": default_list})
	):
		default_list = lists["public_price_list"]
		frappe.db.set_single_value("Selling Settings", "selling_price_list", default_list)
	if frappe.db.get_default("selling_price_list") != default_list:
		frappe.db.set_default("selling_price_list", default_list)  # as Selling Settings.on_update does
	member_customers_price_list(lists["member_price_list"])
	return lists


def member_customers_price_list(price_list: str | None = None) -> None:
	"""Members' Customers without a default price list get the member list (Cooperative Settings'
	member_price_list unless given), so ERPNext's POS and Sales Invoice price a member's sale from it: one
	update, for Customers made before the list existed (new ones get it in selling.customer_price_list)."""
	price_list = price_list or frappe.db.get_single_value("Cooperative Settings", "member_price_list")
	if not price_list or not frappe.db.exists("Price List", price_list):
		return
	customer = frappe.qb.DocType("Customer")
	(
		frappe.qb.update(customer)
		.set(customer.default_price_list, price_list)
		.where(
			customer.kmp_member.isnotnull()
			& (customer.kmp_member != "")
			& (customer.default_price_list.isnull() | (customer.default_price_list == ""))
		)
	).run()
