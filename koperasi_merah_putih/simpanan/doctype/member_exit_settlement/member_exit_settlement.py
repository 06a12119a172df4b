# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Exit Settlement: refund pokok + wajib + sukarela (+ time deposits) minus what the member still
owes, post it to the GL, close the accounts and record the exit, in one document."""

import frappe
from frappe import _
from frappe.utils import flt

from koperasi_merah_putih.calculators.savings import exit_settlement
from koperasi_merah_putih.exceptions import (
	BalanceChangedError,
	CannotCancelError,
	CollateralHeldError,
	ExitBlockedError,
	ExitDetailsError,
	MemberStatusError,
)
from koperasi_merah_putih.simpanan.billing import close_open_bills
from koperasi_merah_putih.simpanan.common import SavingsVoucher, set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.ledger import lock_account
from koperasi_merah_putih.utils.printing import rupiah


class MemberExitSettlement(SavingsVoucher):
	def validate(self):
		validate_posting_date(self)
		member = frappe.get_doc("Cooperative Member", self.member)
		if member.status not in ("Aktif", "Calon"):
			frappe.throw(
				_("{0} already left the cooperative (status {1}).").format(self.member, _(member.status)),
				MemberStatusError,
				title=_("Already exited"),
			)
		self.company = member.company
		self.member_name = member.full_name
		set_cash_account(self, _("Choose the Cash/Bank Account the refund is paid from."))
		if not (self.exit_reason or "").strip():
			frappe.throw(
				_("Exit Reason is required: write why the member leaves."),
				ExitDetailsError,
				title=_("Exit Reason"),
			)
		self.fill_balances()

	def fill_balances(self):
		sa = frappe.qb.DocType("Savings Account")
		accounts = (
			frappe.qb.from_(sa)
			.select(sa.name, sa.product, sa.savings_type, sa.account, sa.balance, sa.held_amount)
			.where((sa.member == self.member) & (sa.status == "Aktif"))
			.orderby(sa.name)
		).run(as_dict=True)
		self.items = []
		for a in accounts:
			self.append(
				"items",
				{
					"savings_account": a.name,
					"product": a.product,
					"savings_type": a.savings_type,
					"account": a.account,
					"balance": flt(a.balance),
				},
			)
		obligations = get_obligations(self.member, self.posting_date)
		result = exit_settlement(
			{r.savings_account: flt(r.balance) for r in self.items},
			sum(flt(o["amount"]) for o in obligations),
		)
		self.total_savings = result["gross"]
		self.obligations = result["offset"]
		self.net_refund = result["net_refund"]
		if result["remaining_obligation"] > 0:
			frappe.throw(
				_("{0} owes {1} more than their savings ({2}). Collect the rest before the exit.").format(
					self.member, rupiah(result["remaining_obligation"]), rupiah(result["gross"])
				),
				ExitBlockedError,
				title=_("Obligations exceed savings"),
			)

	def before_submit(self):
		for row in self.items:
			account = lock_account(row.savings_account)
			if flt(account.balance) != flt(row.balance):
				frappe.throw(
					_(
						"The balance of {0} changed to {1} since this settlement was made; save it again."
					).format(row.savings_account, rupiah(account.balance)),
					BalanceChangedError,
					title=_("Balance changed"),
				)
			if flt(account.held_amount):
				frappe.throw(
					_("{0} still holds {1} as loan collateral; settle the loan first.").format(
						row.savings_account, rupiah(account.held_amount)
					),
					CollateralHeldError,
					title=_("Collateral held"),
				)

	def on_submit(self):
		self.post_savings()
		names = [r.savings_account for r in self.items]
		if names:
			sa = frappe.qb.DocType("Savings Account")
			frappe.qb.update(sa).set(sa.status, "Ditutup").set(sa.closed_on, self.posting_date).where(
				sa.name.isin(names)
			).run()
			close_open_bills(names)
		member = frappe.get_doc("Cooperative Member", self.member)
		member.flags.exit_settlement = self.name
		# Submitting the settlement (Bendahara/Ketua, checked by its own permissions) is the exit decision.
		member.flags.ignore_permissions = True
		member.record_exit(self.exit_status, self.posting_date, self.exit_reason)

	def on_cancel(self):
		frappe.throw(
			_(
				"An exit settlement cannot be cancelled once the member has left; record a new membership instead."
			),
			CannotCancelError,
			title=_("Cannot cancel"),
		)

	def get_gl_entries(self):
		rows = []
		for item in self.items:
			if flt(item.balance):
				rows.append(
					self.savings_gl_row(
						frappe._dict(account=item.account, member=self.member),
						debit=flt(item.balance),
						against=self.cash_account,
					)
				)
		for obligation in get_obligations(self.member, self.posting_date):
			rows.append(
				self.plain_gl_row(
					obligation["account"],
					credit=flt(obligation["amount"]),
					party_type=obligation.get("party_type"),
					party=obligation.get("party"),
					against=self.member,
				)
			)
		if flt(self.net_refund):
			rows.append(
				self.plain_gl_row(self.cash_account, credit=flt(self.net_refund), against=self.member)
			)
		return rows

	def get_ledger_rows(self):
		return [
			{
				"savings_account": r.savings_account,
				"member": self.member,
				"product": r.product,
				"account": r.account,
				"amount": -flt(r.balance),
			}
			for r in self.items
			if flt(r.balance)
		]


def get_obligations(member: str, posting_date) -> list[dict]:
	"""What other features say the member owes: hook `kmp_member_obligations` returning dicts with
	description, amount, account, party_type, party (loans will register here)."""
	obligations = []
	for method in frappe.get_hooks("kmp_member_obligations"):
		obligations.extend(frappe.get_attr(method)(member, posting_date) or [])
	return obligations
