# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Net Purchases: each member's purchases (invoices minus returns, net of taxes) per business unit
for a period, the base of SHU jasa usaha (unit_usaha.purchases.member_net_purchases)."""

import frappe
from frappe import _

from koperasi_merah_putih.unit_usaha.purchases import member_net_purchases, report_filters


def execute(filters: dict | None = None):
	filters = report_filters(filters)
	purchases = member_net_purchases(filters.company, filters.from_date, filters.to_date, filters.unit)
	names = {}
	if purchases:
		names = dict(
			frappe.get_all(
				"Cooperative Member",
				filters={"name": ["in", list(purchases)]},
				fields=["name", "full_name"],
				as_list=True,
			)
		)
	data = [
		{"member": member, "member_name": names.get(member), "unit": unit, "net_purchases": amount}
		for member in sorted(purchases)
		for unit, amount in purchases[member].items()
	]
	return get_columns(), data


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 150,
		},
		{"label": _("Member Name"), "fieldname": "member_name", "fieldtype": "Data", "width": 200},
		{
			"label": _("Business Unit"),
			"fieldname": "unit",
			"fieldtype": "Link",
			"options": "Business Unit",
			"width": 180,
		},
		{"label": _("Net Purchases"), "fieldname": "net_purchases", "fieldtype": "Currency", "width": 150},
	]
