"""The savings side of a member's exit (registered in hooks `kmp_member_exit_checks`)."""

import frappe
from frappe import _
from frappe.utils import flt

from koperasi_merah_putih.utils.printing import rupiah


def savings_exit_check(member, exit_date) -> list[str]:
	"""A member with money in any savings account leaves through a Member Exit Settlement."""
	sa = frappe.qb.DocType("Savings Account")
	rows = (
		frappe.qb.from_(sa)
		.select(sa.name, sa.product, sa.balance, sa.held_amount)
		.where(
			(sa.member == member.name) & (sa.status == "Aktif") & ((sa.balance != 0) | (sa.held_amount != 0))
		)
	).run(as_dict=True)
	return [
		_("{0} ({1}) still holds {2}; refund it with a Member Exit Settlement.").format(
			r.product, r.name, rupiah(r.balance)
		)
		for r in rows
		if flt(r.balance) or flt(r.held_amount)
	]
