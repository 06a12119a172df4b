import frappe
from frappe import _

from koperasi_merah_putih.exceptions import AccountSetupError


def get_settings():
	"""The cooperative's settings (a Single), cached per request."""
	return frappe.get_cached_doc("Cooperative Settings")


def get_account(fieldname: str) -> str:
	"""A default account from Cooperative Settings, or an error that says where to set it."""
	settings = get_settings()
	account = settings.get(fieldname)
	if not account:
		label = _(settings.meta.get_label(fieldname))
		frappe.throw(
			_(
				"Set {0} in Cooperative Settings (Accounts tab), or run Set Up Chart of Accounts there."
			).format(frappe.bold(label)),
			AccountSetupError,
			title=_("Account missing"),
		)
	return account
