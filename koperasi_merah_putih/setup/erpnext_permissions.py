# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The cooperative roles' rights on ERPNext's own doctypes, shipped as Custom DocPerm records (the same
records Role Permissions Manager writes), so officers can change them on the desk.

The Kasir works the business units' tills on ERPNext's POS: opening a shift (POS Opening Entry), selling
(POS Invoice), closing the shift (POS Closing Entry; it consolidates the shift's POS Invoices into Sales
Invoices as the closing user, so the Kasir creates and submits Sales Invoices too), reading what the till
shows (POS Profile, items, prices, customers, warehouses, batches, serial numbers, modes of payment) and
creating the Serial and Batch Bundles of batch and ear-tagged sales. ERPNext gives POS Opening and Closing
Entries only to Sales Manager.

Granted by install.after_install and the patch v0_4.kasir_pos_permissions (run again when a right is added),
never on every migrate: a right
an officer removed stays removed. A doctype's first Custom DocPerm copies its standard rules first
(frappe.permissions.setup_custom_perms), as Role Permissions Manager does.
"""

import frappe
from frappe.permissions import setup_custom_perms

from koperasi_merah_putih.utils.roles import KASIR

READ = ("read", "report", "print")
SELL = (*READ, "write", "create", "submit", "email")

# role -> {doctype: rights at permlevel 0}
ERPNEXT_PERMISSIONS = {
	KASIR: {
		"POS Opening Entry": SELL,
		"POS Invoice": SELL,
		"POS Closing Entry": SELL,
		# Closing a shift consolidates its POS Invoices into Sales Invoices as the closing user; the shop
		# also sells on Sales Invoice (unit_usaha.selling).
		"Sales Invoice": SELL,
		"Serial and Batch Bundle": ("read", "write", "create", "submit"),
		"POS Profile": READ,
		"Item": READ,
		"Item Group": READ,
		"Item Price": READ,
		"Price List": READ,
		"Customer": READ,
		"Customer Group": READ,
		"Warehouse": READ,
		"Batch": READ,
		"Serial No": READ,
		"Mode of Payment": READ,
		# The POS page reads them when it opens (negative stock allowed?, the payment screen's options).
		"Stock Settings": ("read",),
		"POS Settings": ("read",),
	},
}


def grant_erpnext_permissions() -> list[tuple[str, str]]:
	"""Give each role its shipped rights on each doctype where it has no rule at permlevel 0 yet (an
	officer's rule is kept as it is); returns the (role, doctype) pairs granted."""
	granted = []
	for role, doctypes in ERPNEXT_PERMISSIONS.items():
		if not frappe.db.exists("Role", role):
			continue
		for doctype, rights in doctypes.items():
			if not frappe.db.exists("DocType", doctype):
				continue
			setup_custom_perms(doctype)
			if frappe.db.exists(
				"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
			):
				continue
			frappe.get_doc(
				{
					"doctype": "Custom DocPerm",
					"parent": doctype,
					"parenttype": "DocType",
					"parentfield": "permissions",
					"role": role,
					"permlevel": 0,
					**{right: 1 for right in rights},
				}
			).insert(ignore_permissions=True)  # install and patch: the system ships the rule
			frappe.clear_cache(doctype=doctype)
			granted.append((role, doctype))
	return granted
