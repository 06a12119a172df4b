"""Sites set up before the business units: ship the default unit types (the Accounting Dimension "Unit
Usaha" is made by the first Set Up Unit, or by running the cooperative setup again)."""

import frappe

from koperasi_merah_putih.unit_usaha.setup import make_unit_types


def execute():
	if frappe.db.get_single_value("Cooperative Settings", "company"):
		make_unit_types()
