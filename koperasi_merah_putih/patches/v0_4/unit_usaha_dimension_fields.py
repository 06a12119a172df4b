"""Sites where the Accounting Dimension "Unit Usaha" was made without a background worker: ERPNext's queued
job that adds its field to the vouchers (GL Entry, Sales Invoice, POS Invoice, Stock Entry, POS Profile, ...)
never ran. Make the missing fields, then give each unit's POS Profile its unit."""

import frappe

from koperasi_merah_putih.unit_usaha.setup import DIMENSION_DOCTYPE, ensure_dimension_fields


def execute():
	name = frappe.db.get_value("Accounting Dimension", {"document_type": DIMENSION_DOCTYPE}, "name")
	if not name:
		return  # made with its fields by the first Set Up Unit
	dimension = frappe.get_doc("Accounting Dimension", name)
	ensure_dimension_fields(dimension)
	field = dimension.fieldname
	if not frappe.db.has_column("POS Profile", field):
		return
	units = frappe.get_all(
		DIMENSION_DOCTYPE, filters={"pos_profile": ["is", "set"]}, fields=["name", "pos_profile"]
	)
	if not units:
		return
	without_unit = set(
		frappe.get_all(
			"POS Profile",
			filters={"name": ["in", [u.pos_profile for u in units]], field: ["is", "not set"]},
			pluck="name",
		)
	)
	for unit in units:
		if unit.pos_profile in without_unit:
			frappe.db.set_value("POS Profile", unit.pos_profile, field, unit.name)
