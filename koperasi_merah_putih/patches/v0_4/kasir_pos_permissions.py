"""Sites installed before the Kasir had ERPNext's POS: give the role its till rights (Custom DocPerm)."""

from koperasi_merah_putih.setup.erpnext_permissions import grant_erpnext_permissions


def execute():
	grant_erpnext_permissions()
