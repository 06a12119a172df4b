# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The accounts of the cooperative's own borrowings and of recoveries on written-off loans, made with the
cooperative (setup.cooperative.setup_cooperative) and filled into Cooperative Settings where empty.

A second run adds only what is missing and never changes an account an officer chose in the settings."""

import frappe

from koperasi_merah_putih.setup.chart_of_accounts import root_accounts

SETTINGS = "Cooperative Settings"
# (account name, parent group made by setup.chart_of_accounts or this root type, account type, settings field)
ACCOUNTS = (
	("Utang Pinjaman Bank dan LPDB", None, "Liability", "Payable", "borrowing_payable_account"),
	(
		"Beban Bunga Pinjaman Bank",
		"Beban Koperasi",
		"Expense",
		"Expense Account",
		"borrowing_interest_expense_account",
	),
	(
		"Pendapatan Pemulihan Piutang Dihapusbukukan",
		"Pendapatan Koperasi",
		"Income",
		"Income Account",
		"loan_recovery_income_account",
	),
)


def make_borrowing_accounts(company: str) -> dict[str, str]:
	"""Create the accounts that do not exist yet and fill the empty settings fields; returns
	{settings field: account}."""
	roots = root_accounts(company)
	currency = frappe.get_cached_value("Company", company, "default_currency")
	made = {}
	for account_name, group, root_type, account_type, field in ACCOUNTS:
		name = frappe.db.get_value("Account", {"company": company, "account_name": account_name}, "name")
		if not name:
			parent = (
				frappe.db.get_value("Account", {"company": company, "account_name": group, "is_group": 1})
				if group
				else None
			)
			account = frappe.get_doc(
				{
					"doctype": "Account",
					"company": company,
					"account_name": account_name,
					"parent_account": parent or roots[root_type],
					"is_group": 0,
					"account_type": account_type,
					"account_currency": currency,
				}
			)
			# setup_cooperative checked the caller's right to set up the cooperative first
			account.flags.ignore_permissions = True
			account.insert()
			name = account.name
		made[field] = name
		if not frappe.db.get_single_value(SETTINGS, field):
			frappe.db.set_single_value(SETTINGS, field, name)
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	return made
