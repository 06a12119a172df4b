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
	company = frappe.db.get_value("Company", {"company_name": TEST_COMPANY}) or frappe.db.get_value(
		"Company", {}
	)

	from koperasi_merah_putih.setup.cooperative import setup_cooperative

	settings = frappe.get_single("Cooperative Settings")
	if not settings.company:
		settings.company = company
		settings.cooperative_name = TEST_COMPANY
		settings.cooperative_code = TEST_ABBR
		settings.save()
	setup_cooperative(company)
	ensure_fiscal_year(now_datetime().year - 1)
	make_savings_products(company)
	frappe.db.commit()  # before_tests runs outside a request; the test runner expects a committed setup


def complete_erpnext_setup(company_name: str, abbr: str, language: str = "english") -> None:
	"""Run ERPNext's setup wizard non-interactively for an Indonesian cooperative.

	`language` is a Language's language_name, as the wizard's language slide sends it ("Indonesia" for
	the record "id"). The wizard's `update_system_settings` reads it as "language"; its
	`update_global_settings` reads the global default from "lang" (its JS sets that through
	`load_messages`), so both are passed.
	"""
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
			"lang": language,
			"company_tagline": "Koperasi Desa/Kelurahan Merah Putih",
			"email": "admin@koperasi.test",
			"password": "admin",
			"chart_of_accounts": "Standard",
		}
	)


def ensure_fiscal_year(year: int) -> None:
	"""Last year's fiscal year too, so tests can post into the previous month in January."""
	name = str(year)
	if not frappe.db.exists("Fiscal Year", {"year_start_date": f"{year}-01-01"}):
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": name,
				"year_start_date": f"{year}-01-01",
				"year_end_date": f"{year}-12-31",
			}
		).insert()


def make_savings_products(company: str) -> dict[str, str]:
	"""One product of each kind, as a cooperative sets them up (used by tests and the demo)."""
	products = {
		"Simpanan Pokok": {"savings_type": "Pokok", "amount": 100000, "auto_open": 1},
		"Simpanan Wajib": {"savings_type": "Wajib", "amount": 50000, "auto_open": 1},
		"Simpanan Sukarela": {
			"savings_type": "Sukarela",
			"interest_rate": 3,
			"interest_basis": "Daily Average Balance",
			"minimum_balance": 10000,
		},
		"Simpanan Berjangka 6 Bulan": {
			"savings_type": "Berjangka",
			"interest_rate": 6,
			"term_months": 6,
			"early_withdrawal_penalty": 1,
			"penalty_mode": "Percent of Principal",
		},
	}
	for name, values in products.items():
		if not frappe.db.exists("Savings Product", name):
			frappe.get_doc(
				{"doctype": "Savings Product", "product_name": name, "company": company, **values}
			).insert()
	return {name: name for name in products}
