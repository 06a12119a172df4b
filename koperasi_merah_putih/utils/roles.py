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


def is_officer(user: str | None = None) -> bool:
	"""True for an officer or a site administrator: someone who may see the member register.

	Guests and members (role Anggota only) are not: they must never learn whose NIK or member number is
	whose (UU 27/2022)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if user == "Guest":
		return False
	return bool(set(frappe.get_roles(user)).intersection(UNRESTRICTED_ROLES))


def has_any_role(*roles: str, user: str | None = None) -> bool:
	"""True if the user has one of `roles`; System Manager and Administrator always have."""
	return bool(set(frappe.get_roles(user)).intersection({*roles, "System Manager", "Administrator"}))


def require_roles(*roles: str) -> None:
	"""Refuse unless the session user has one of `roles` (System Manager always may)."""
	if has_any_role(*roles):
		return
	frappe.throw(
		_("Only {0} may do this.").format(", ".join(_(r) for r in roles)),
		frappe.PermissionError,
		title=_("Not permitted"),
	)
