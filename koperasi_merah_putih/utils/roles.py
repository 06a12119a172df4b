"""The cooperative's roles and the checks whitelisted methods use."""

import frappe
from frappe import _

KETUA = "Ketua"
BENDAHARA = "Bendahara"
SEKRETARIS = "Sekretaris"
PENGAWAS = "Pengawas"
KASIR = "Kasir"
ANGGOTA = "Anggota"

OFFICER_ROLES = (KETUA, BENDAHARA, SEKRETARIS, PENGAWAS, KASIR)
ALL_ROLES = (*OFFICER_ROLES, ANGGOTA)
# Roles that see every member's records: officers, and the site's administrators.
UNRESTRICTED_ROLES = (*OFFICER_ROLES, "System Manager", "Administrator")


def is_member_only(user: str | None = None) -> bool:
	"""True for a member's portal account: role Anggota and no officer or admin role."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return ANGGOTA in roles and not roles.intersection(UNRESTRICTED_ROLES)


def require_roles(*roles: str) -> None:
	"""Refuse unless the session user has one of `roles` (System Manager always may)."""
	user_roles = set(frappe.get_roles())
	if user_roles.intersection({*roles, "System Manager", "Administrator"}):
		return
	frappe.throw(
		_("Only {0} may do this.").format(", ".join(_(r) for r in roles)),
		frappe.PermissionError,
		title=_("Not permitted"),
	)
