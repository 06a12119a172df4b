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
	context.loans = get_loans(member)
	context.title = _("My Membership")
	context.show_sidebar = True
	return context


def get_loans(member: str) -> list:
	"""The member's disbursed loans, each with its schedule and repayments, read with the member's own
	permissions (the User Permission on Cooperative Member limits them to their own loans)."""
	loans = frappe.get_list(
		"Member Loan",
		filters={"member": member, "docstatus": 1},
		fields=["name"],
		order_by="posting_date desc, name desc",
	)
	if not loans:
		return []
	names = [loan.name for loan in loans]
	repayments = {}
	for row in frappe.get_list(
		"Member Loan Repayment",
		filters={"member_loan": ["in", names], "docstatus": 1},
		fields=["name", "member_loan", "posting_date", "amount", "principal_amount", "interest_amount"],
		order_by="posting_date asc, creation asc",
	):
		repayments.setdefault(row.member_loan, []).append(row)
	result = []
	for name in names:
		loan = frappe.get_doc("Member Loan", name)
		loan.check_permission("read")
		for row in loan.schedule:
			row.open_amount = (
				(row.principal or 0)
				+ (row.interest or 0)
				+ (row.denda or 0)
				- (row.paid_principal or 0)
				- (row.paid_interest or 0)
				- (row.paid_denda or 0)
				- (row.waived_interest or 0)
			)
		loan.repayments = repayments.get(name, [])
		result.append(loan)
	return result
