# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Sites set up before the cooperative's borrowings and loan recoveries get their accounts."""

import frappe

from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts


def execute():
	company = frappe.db.get_single_value("Cooperative Settings", "company")
	if company and frappe.db.exists("Account", {"company": company, "parent_account": ["is", "not set"]}):
		make_borrowing_accounts(company)
