# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.model.document import Document


class SavingsLedgerEntry(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Savings Ledger Entry", ["savings_account", "is_cancelled"])
	frappe.db.add_index("Savings Ledger Entry", ["product", "posting_date"])
	frappe.db.add_index("Savings Ledger Entry", ["voucher_type", "voucher_no"])
