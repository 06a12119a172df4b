# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What the loan module sets up with the cooperative (setup.cooperative.setup_cooperative): the shipped
loan purposes. Officers extend, rename or deactivate them in Loan Purpose; a second run adds only what is
missing and never changes what officers did."""

import frappe

PRODUKTIF = "Produktif"
KONSUMTIF = "Konsumtif"

# (purpose, category, business or use)
DEFAULT_PURPOSES = (
	("Modal Usaha Perdagangan", PRODUKTIF, "Perdagangan, warung, toko sembako"),
	("Modal Usaha Pertanian", PRODUKTIF, "Pertanian: benih, pupuk, sewa lahan, panen"),
	("Modal Usaha Peternakan", PRODUKTIF, "Peternakan: kambing, sapi, unggas"),
	("Modal Usaha Perikanan", PRODUKTIF, "Perikanan: lele, nila, tambak"),
	("Modal Usaha Industri Rumah Tangga", PRODUKTIF, "Kerajinan, makanan olahan, jasa"),
	("Pendidikan", KONSUMTIF, "Biaya sekolah dan kuliah"),
	("Kesehatan", KONSUMTIF, "Biaya berobat"),
	("Renovasi Rumah", KONSUMTIF, "Perbaikan dan pembangunan rumah"),
	("Kebutuhan Rumah Tangga", KONSUMTIF, "Kebutuhan sehari-hari dan barang rumah tangga"),
)


def make_loan_purposes() -> int:
	"""Create the shipped loan purposes that do not exist yet; returns how many were created."""
	created = 0
	for name, category, business in DEFAULT_PURPOSES:
		if frappe.db.exists("Loan Purpose", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Loan Purpose",
				"purpose_name": name,
				"category": category,
				"business_sector": business,
			}
		).insert(ignore_permissions=True)  # setup_cooperative checked the caller's right first
		created += 1
	return created


INTEREST_RECEIVABLE = "Piutang Bunga Pinjaman"
MEMBER_RECEIVABLES_GROUP = "Piutang Anggota"


def make_interest_receivable_account(company: str | None = None) -> str | None:
	"""The "Piutang Bunga Pinjaman" asset account (interest accrued and not yet paid) under the member
	receivables group, set as the Loan Interest Receivable Account in Cooperative Settings when empty.

	Set Up Chart of Accounts creates it with the rest of the layout (setup/chart_of_accounts.py); this is
	for sites set up before it existed (the patch) and for tests. Returns the account, or None when the
	cooperative's accounts were never set up."""
	settings = frappe.get_single("Cooperative Settings")
	company = company or settings.company
	if not company:
		return None
	if settings.get("loan_interest_receivable_account"):
		return settings.loan_interest_receivable_account
	name = frappe.db.get_value("Account", {"company": company, "account_name": INTEREST_RECEIVABLE}, "name")
	if not name:
		parent = frappe.db.get_value(
			"Account", {"company": company, "account_name": MEMBER_RECEIVABLES_GROUP, "is_group": 1}, "name"
		)
		if not parent:
			return None
		account = frappe.get_doc(
			{
				"doctype": "Account",
				"company": company,
				"account_name": INTEREST_RECEIVABLE,
				"parent_account": parent,
				"is_group": 0,
				"root_type": "Asset",
				"account_currency": frappe.get_cached_value("Company", company, "default_currency"),
			}
		)
		account.flags.ignore_permissions = True  # a patch or the set-up, never a request
		account.insert()
		name = account.name
	frappe.db.set_single_value("Cooperative Settings", "loan_interest_receivable_account", name)
	return name
