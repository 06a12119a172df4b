# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Savings Collection: many members' deposits from one collector's sheet, posted as one voucher.

Built for scale: one query for the accounts, one for the open bills, one multi-row insert each for the
ledger, the bill payments and the GL (see simpanan/gl.py), instead of one document per member.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from koperasi_merah_putih.exceptions import CannotCancelError, CollectionRowsError, SavingsProductError
from koperasi_merah_putih.simpanan.billing import allocate_to_bills, reverse_bill_payments
from koperasi_merah_putih.simpanan.common import (
	BERJANGKA,
	POKOK,
	WAJIB,
	BulkRowsMixin,
	SavingsVoucher,
	set_cash_account,
	validate_posting_date,
)
from koperasi_merah_putih.utils.printing import rupiah


class SavingsCollection(BulkRowsMixin, SavingsVoucher):
	def validate(self):
		validate_posting_date(self)
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type == BERJANGKA:
			frappe.throw(
				_("Time deposits are placed one by one with a Savings Transaction."),
				SavingsProductError,
				title=_("Savings Product"),
			)
		self.company = product.company
		set_cash_account(self, _("Choose the Cash/Bank Account the collected money went into."))
		if not self.items:
			frappe.throw(
				_("Add at least one member to collect from."), CollectionRowsError, title=_("Members")
			)
		self.set_accounts(product)
		self.total_amount = sum(flt(r.amount) for r in self.items)
		self.member_count = len(self.items)

	def set_accounts(self, product):
		sa = frappe.qb.DocType("Savings Account")
		members = list({r.member for r in self.items})
		accounts = {}
		for start in range(0, len(members), 5000):
			for row in (
				frappe.qb.from_(sa)
				.select(sa.name, sa.member, sa.member_name, sa.balance)
				.where(
					(sa.product == self.product)
					& (sa.status == "Aktif")
					& sa.member.isin(members[start : start + 5000])
				)
			).run(as_dict=True):
				accounts[row.member] = row
		seen = set()
		problems = []
		for row in self.items:
			if flt(row.amount) <= 0:
				problems.append(
					_("Row {0} ({1}): Amount must be more than zero.").format(row.idx, row.member)
				)
			if row.member in seen:
				problems.append(
					_("Row {0}: {1} appears twice; put the whole amount on one row.").format(
						row.idx, row.member
					)
				)
			seen.add(row.member)
			account = accounts.get(row.member)
			if not account:
				problems.append(
					_("Row {0}: {1} has no active {2} account. Open one (Savings Account) first.").format(
						row.idx, row.member, self.product
					)
				)
				continue
			row.savings_account = account.name
			row.member_name = account.member_name
			if product.savings_type == POKOK and flt(account.balance) + flt(row.amount) > flt(product.amount):
				problems.append(
					_("Row {0}: Simpanan Pokok is {1}; {2} already paid {3}.").format(
						row.idx, rupiah(product.amount), row.member, rupiah(account.balance)
					)
				)
			if len(problems) >= 20:
				break
		if problems:
			frappe.throw("<br>".join(problems), CollectionRowsError, title=_("Fix these rows"))

	def on_submit(self):
		self.post_savings()
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type == WAJIB:
			allocation = allocate_to_bills(
				self,
				[
					{
						"savings_account": r.savings_account,
						"member": r.member,
						"member_name": r.member_name,
						"product": self.product,
						"amount": r.amount,
					}
					for r in self.items
				],
			)
			self.record_allocation(allocation)

	def record_allocation(self, allocation):
		"""Show on each row which months the money paid (one UPDATE per distinct text)."""
		by_text = defaultdict(list)
		for row in self.items:
			text = ", ".join(period for period, _amount in allocation.get(row.savings_account, []))
			by_text[text].append(row.name)
		item = frappe.qb.DocType("Savings Collection Item")
		for text, names in by_text.items():
			for start in range(0, len(names), 5000):
				frappe.qb.update(item).set(item.allocation, text).where(
					item.name.isin(names[start : start + 5000])
				).run()

	def on_cancel(self):
		self.lock_and_check_cancellable()
		self.cancel_savings()
		reverse_bill_payments(self)

	def lock_and_check_cancellable(self):
		sa = frappe.qb.DocType("Savings Account")
		names = [r.savings_account for r in self.items]
		rows = (
			frappe.qb.from_(sa)
			.select(sa.name, sa.balance, sa.held_amount)
			.where(sa.name.isin(names))
			.for_update()
		).run(as_dict=True)
		by_name = {r.name: r for r in rows}
		for row in self.items:
			account = by_name[row.savings_account]
			if flt(account.balance) - flt(row.amount) < flt(account.held_amount):
				frappe.throw(
					_("Cannot cancel: {0} no longer holds the {1} collected (row {2}).").format(
						row.savings_account, rupiah(row.amount), row.idx
					),
					CannotCancelError,
					title=_("Cannot cancel"),
				)

	def get_gl_entries(self):
		product = frappe.get_cached_doc("Savings Product", self.product)
		first = self.savings_gl_row(
			frappe._dict(account=product.account, member=self.items[0].member), credit=0
		)
		rows = [self.plain_gl_row(self.cash_account, debit=flt(self.total_amount), against=product.account)]
		# The same GL row for every member but for party and amount: build it once, copy it.
		for item in self.items:
			row = frappe._dict(first)
			row.update(
				{
					"party": item.member,
					"credit": flt(item.amount),
					"credit_in_account_currency": flt(item.amount),
					"credit_in_transaction_currency": flt(item.amount),
					"against": self.cash_account,
				}
			)
			rows.append(row)
		return rows

	def get_ledger_rows(self):
		return self.ledger_rows_of_items("amount")


@frappe.whitelist()
def get_members_with_arrears(product: str, upto_period: str | None = None) -> list[dict]:
	"""Rows for a collector's sheet: every member with unpaid Simpanan Wajib, and how much."""
	frappe.has_permission("Savings Collection", "create", throw=True)
	bill = frappe.qb.DocType("Savings Bill")
	sa = frappe.qb.DocType("Savings Account")
	query = (
		frappe.qb.from_(bill)
		.join(sa)
		.on(sa.name == bill.savings_account)
		.select(
			bill.member, bill.member_name, bill.savings_account, Sum(bill.outstanding_amount).as_("amount")
		)
		.where((bill.product == product) & (bill.outstanding_amount > 0) & (sa.status == "Aktif"))
		.groupby(bill.member, bill.member_name, bill.savings_account)
		.orderby(bill.member)
	)
	if upto_period:
		query = query.where(bill.period <= upto_period)
	return query.run(as_dict=True)
