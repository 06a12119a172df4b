import frappe
from frappe.query_builder.functions import Concat


def execute():
	"""Savings Account got a title (member · product) so a member's accounts tell apart in links."""
	sa = frappe.qb.DocType("Savings Account")
	frappe.qb.update(sa).set(sa.title, Concat(sa.member_name, " · ", sa.product)).where(
		sa.title.isnull() | (sa.title == "")
	).run()
