# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.model.document import Document


class SavingsBillPayment(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Savings Bill Payment", ["voucher_type", "voucher_no"])
