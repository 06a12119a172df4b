"""Members' Customers made before the shop's member price list: give them that list as their default, so
ERPNext's POS prices a member's sale from it (unit_usaha.selling)."""

import frappe

from koperasi_merah_putih.unit_usaha.setup import member_customers_price_list


def execute():
	if frappe.db.has_column("Customer", "kmp_member"):
		member_customers_price_list()
