"""Set up a cooperative on a Company whose ERPNext setup is done: accounts, customer group, settings.

Run from Cooperative Settings (button "Set Up Chart of Accounts") or:
	bench --site SITE execute koperasi_merah_putih.setup.cooperative.setup_cooperative --kwargs '{"company": "X"}'
Idempotent: a second run changes nothing. Whoever may change Cooperative Settings may run it.
"""

import frappe
from frappe import _

from koperasi_merah_putih.exceptions import SettingsError, SetupNotPermittedError
from koperasi_merah_putih.pinjaman.setup import make_loan_purposes
from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts
from koperasi_merah_putih.setup.chart_of_accounts import create_cooperative_accounts, settings_accounts
from koperasi_merah_putih.setup.site_defaults import apply_site_defaults
from koperasi_merah_putih.unit_usaha.setup import setup_business_units, shop_price_lists

MEMBER_CUSTOMER_GROUP = "Anggota Koperasi"
INDONESIAN = "id"  # the name of Frappe's Language record (its language_name is "Indonesia")


def can_set_up() -> bool:
	"""The setup fills Cooperative Settings, so the right to write them is the right to run it."""
	return bool(frappe.has_permission("Cooperative Settings", "write"))


@frappe.whitelist()
def setup_cooperative(company: str | None = None) -> dict:
	if not can_set_up():
		frappe.throw(
			_(
				"You may not set up the cooperative's accounts: it needs the right to change Cooperative "
				"Settings. Ask the Ketua, the Bendahara or an Accounts Manager to run it."
			),
			SetupNotPermittedError,
			title=_("Not permitted"),
		)
	settings = frappe.get_single("Cooperative Settings")
	company = company or settings.company
	if not company:
		frappe.throw(
			_("Choose the Company in Cooperative Settings, then run the setup again."),
			SettingsError,
			title=_("Company"),
		)
	if not frappe.db.exists("Company", company):
		frappe.throw(
			_("Company {0} does not exist. Create it with the ERPNext setup wizard first.").format(company),
			SettingsError,
			title=_("Company"),
		)

	accounts_before = frappe.db.count("Account", {"company": company})
	created = create_cooperative_accounts(company)
	customer_group = ensure_customer_group()
	make_loan_purposes()
	setup_business_units()

	changed = False

	def set_if_empty(field, value):
		nonlocal changed
		if value and not settings.get(field):
			settings.set(field, value)
			changed = True

	set_if_empty("company", company)
	set_if_empty("cooperative_name", frappe.get_cached_value("Company", company, "company_name"))
	set_if_empty("cooperative_code", frappe.get_cached_value("Company", company, "abbr"))
	if settings.customer_group and frappe.db.get_value("Customer Group", settings.customer_group, "is_group"):
		# A system-wide default (e.g. "All Customer Groups") is not a place for members' Customers.
		settings.customer_group = None
	set_if_empty("customer_group", customer_group)
	set_if_empty("territory", default_territory())
	for field, account in settings_accounts(created).items():
		set_if_empty(field, account)
	for field, price_list in shop_price_lists(company).items():
		set_if_empty(field, price_list)
	set_if_empty("savings_interest_cap", 9)  # Permenkop UKM 8/2023
	set_if_empty("withholding_threshold", 240000)  # PP 15/2009: monthly interest above Rp240.000
	set_if_empty("withholding_rate", 10)
	set_if_empty("loan_rate_cap", 24)  # Permenkop UKM 8/2023
	set_if_empty(
		"default_mode_of_payment", frappe.db.get_value("Mode of Payment", {"type": "Cash", "enabled": 1})
	)
	if changed:
		settings.save()
	make_borrowing_accounts(company)  # after the save above, which would write its fields back empty
	use_whole_rupiah(company)
	apply_site_defaults()
	language_set = use_indonesian() if is_indonesian(company) else False

	return {
		"company": company,
		"accounts_created": frappe.db.count("Account", {"company": company}) - accounts_before,
		"settings_updated": changed,
		"language_set": language_set,
	}


def ensure_customer_group() -> str:
	if not frappe.db.exists("Customer Group", MEMBER_CUSTOMER_GROUP):
		root = frappe.db.get_value(
			"Customer Group", {"is_group": 1, "parent_customer_group": ["is", "not set"]}
		)
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": MEMBER_CUSTOMER_GROUP,
				"parent_customer_group": root,
				"is_group": 0,
			}
		).insert(ignore_permissions=True)  # setup_cooperative checked the caller's right first
	return MEMBER_CUSTOMER_GROUP


def default_territory() -> str | None:
	for name in ("Indonesia", frappe.db.get_single_value("Selling Settings", "territory")):
		if name and frappe.db.exists("Territory", name):
			return name
	return frappe.db.get_value("Territory", {"is_group": 1, "parent_territory": ["is", "not set"]})


def use_whole_rupiah(company: str) -> None:
	"""Cooperatives keep their books in whole rupiah: show IDR as 1.234.567, without ",00"."""
	if frappe.get_cached_value("Company", company, "default_currency") != "IDR":
		return
	if frappe.db.get_value("Currency", "IDR", "number_format") != "#.###":
		frappe.db.set_value(
			"Currency", "IDR", {"number_format": "#.###", "smallest_currency_fraction_value": 1}
		)


def is_indonesian(company: str) -> bool:
	country, currency = frappe.get_cached_value("Company", company, ["country", "default_currency"])
	return country == "Indonesia" or currency == "IDR"


def use_indonesian() -> bool:
	"""Indonesian for everyone who has not chosen a language: guests without an Accept-Language header,
	portal users created later (their User.language stays empty), emails and prints.

	The same two settings Frappe's setup wizard makes (frappe/desk/page/setup_wizard/setup_wizard.py):
	System Settings.language (`update_system_settings`) and the global default "lang"
	(`set_default_language`, which `frappe.translate.get_language` and `get_user_lang` fall back to);
	plus the "language" default that saving System Settings records for a changed field. Unlike the wizard
	this leaves `frappe.local.lang` alone, so the current request keeps its own language.

	A site whose administrator chose a language other than Frappe's default English keeps it. Returns
	whether anything changed; a second call changes nothing.
	"""
	current = frappe.db.get_single_value("System Settings", "language")
	if current not in (None, "", "en", INDONESIAN) or not frappe.db.exists("Language", INDONESIAN):
		return False
	changed = False
	if current != INDONESIAN:
		frappe.db.set_single_value("System Settings", "language", INDONESIAN)
		frappe.db.set_default("language", INDONESIAN)
		changed = True
	if frappe.db.get_default("lang") != INDONESIAN:
		frappe.db.set_default("lang", INDONESIAN)
		changed = True
	if changed:
		frappe.cache.delete_value("system_settings")
		frappe.clear_cache(doctype="System Settings")
	return changed
