"""Member portal page: the signed-in member's own record (/anggota)."""

import frappe
from frappe import _

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to see your membership."), frappe.PermissionError)
	member = frappe.db.get_value("Cooperative Member", {"user": frappe.session.user}, "name")
	if not member:
		frappe.throw(_("Your account is not linked to a cooperative member."), frappe.DoesNotExistError)
	context.member = frappe.get_doc("Cooperative Member", member)
	context.member.check_permission("read")
	context.savings = frappe.get_list(
		"Savings Account",
		filters={"member": member},
		fields=["name", "product", "savings_type", "status", "balance"],
		order_by="product",
	)
	context.title = _("My Membership")
	context.show_sidebar = True
	return context
