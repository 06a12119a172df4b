"""Set up a cooperative on a Company whose ERPNext setup is done: accounts, customer group, settings.

Run from Cooperative Settings (button "Set Up Cooperative") or:
	bench --site SITE execute koperasi_merah_putih.setup.cooperative.setup_cooperative --kwargs '{"company": "X"}'
Idempotent: a second run changes nothing.
"""

import frappe
from frappe import _

from koperasi_merah_putih.setup.chart_of_accounts import create_cooperative_accounts, settings_accounts

MEMBER_CUSTOMER_GROUP = "Anggota Koperasi"
SETUP_ROLES = ("System Manager", "Accounts Manager")


@frappe.whitelist()
def setup_cooperative(company: str | None = None) -> dict:
	if not set(frappe.get_roles()).intersection(SETUP_ROLES):
		frappe.throw(
			_("Only a System Manager or Accounts Manager can set up the cooperative's accounts."),
			frappe.PermissionError,
		)
	settings = frappe.get_single("Cooperative Settings")
	company = company or settings.company
	if not company:
		frappe.throw(
			_("Choose the Company in Cooperative Settings, then run the setup again."), title=_("Company")
		)
	if not frappe.db.exists("Company", company):
		frappe.throw(
			_("Company {0} does not exist. Create it with the ERPNext setup wizard first.").format(company)
		)

	accounts_before = frappe.db.count("Account", {"company": company})
	created = create_cooperative_accounts(company)
	customer_group = ensure_customer_group()

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
	set_if_empty("savings_interest_cap", 9)  # Permenkop UKM 8/2023
	set_if_empty("withholding_threshold", 240000)  # PP 15/2009: monthly interest above Rp240.000
	set_if_empty("withholding_rate", 10)
	set_if_empty(
		"default_mode_of_payment", frappe.db.get_value("Mode of Payment", {"type": "Cash", "enabled": 1})
	)
	if changed:
		settings.save()
	use_whole_rupiah(company)

	return {
		"company": company,
		"accounts_created": frappe.db.count("Account", {"company": company}) - accounts_before,
		"settings_updated": changed,
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
		).insert()
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
