"""`before_tests` hook: a site where the app's tests can run (ERPNext set up, one cooperative)."""

import frappe
from frappe.utils import now_datetime

TEST_COMPANY = "Koperasi Uji Merah Putih"
TEST_ABBR = "KUMP"


def before_tests():
	frappe.clear_cache()
	if not frappe.db.a_row_exists("Company"):
		complete_erpnext_setup(TEST_COMPANY, TEST_ABBR, language="english")
	# ERPNext's own test preparation (all roles for Administrator, stock defaults), now that a company exists.
	from erpnext.setup.utils import before_tests as erpnext_before_tests

	erpnext_before_tests()
	company = frappe.db.get_value("Company", {"company_name": TEST_COMPANY}) or frappe.db.get_value("Company", {})

	from koperasi_merah_putih.setup.cooperative import setup_cooperative

	settings = frappe.get_single("Cooperative Settings")
	if not settings.company:
		settings.company = company
		settings.cooperative_name = TEST_COMPANY
		settings.cooperative_code = TEST_ABBR
		settings.save()
	setup_cooperative(company)
	frappe.db.commit()  # before_tests runs outside a request; the test runner expects a committed setup


def complete_erpnext_setup(company_name: str, abbr: str, language: str = "english") -> None:
	"""Run ERPNext's setup wizard non-interactively for an Indonesian cooperative."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = now_datetime().year
	setup_complete(
		{
			"currency": "IDR",
			"full_name": "Administrator Koperasi",
			"company_name": company_name,
			"company_abbr": abbr,
			"timezone": "Asia/Jakarta",
			"industry": "Cooperative",
			"country": "Indonesia",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": language,
			"company_tagline": "Koperasi Desa/Kelurahan Merah Putih",
			"email": "admin@koperasi.test",
			"password": "admin",
			"chart_of_accounts": "Standard",
		}
	)
