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
