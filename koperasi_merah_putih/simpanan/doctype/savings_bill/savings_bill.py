# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.model.document import Document


class SavingsBill(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Savings Bill", ["product", "period"])
	frappe.db.add_index("Savings Bill", ["savings_account", "outstanding_amount"])
