# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A repayment (angsuran) of a member loan: allocated over the open instalments, oldest first, in the
loan's order (default denda, then interest, then principal), partial and in advance; posted as cash in,
loan receivable (principal, the member as party), interest income and denda income. Cancel takes the
payment back off the schedule and re-opens the loan."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import LoanInputError, allocate_repayment
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import (
	AmountError,
	LoanClosedError,
	PaymentTooLargeError,
	PostingDateError,
)
from koperasi_merah_putih.pinjaman.common import DEFAULT_ALLOCATION_ORDER, LoanVoucher
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	apply_payments,
	lock_loan,
	open_dues,
	refresh_loan_balance,
)
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.utils.printing import rupiah


class MemberLoanRepayment(LoanVoucher):
	def loan_name(self) -> str:
		return self.member_loan

	def validate(self):
		validate_posting_date(self)
		if flt(self.amount) <= 0:
			frappe.throw(
				_("Amount must be more than zero. Enter the money the member pays."),
				AmountError,
				title=_("Amount"),
			)
		loan = frappe.get_doc("Member Loan", self.member_loan)
		self.member = loan.member
		self.member_name = loan.member_name
		self.company = loan.company
		self.check_loan(loan)
		set_cash_account(
			self,
			_(
				"Choose the Cash/Bank Account the repayment is paid into (or a Mode of Payment that has one for {0})."
			).format(self.company),
		)
		self.allocate(open_dues(self.member_loan), loan.allocation_order)

	def check_loan(self, loan) -> None:
		if loan.docstatus != 1 or loan.status != ACTIVE:
			state = _("not disbursed") if loan.docstatus == 0 else _(loan.status)
			frappe.throw(
				_("Member Loan {0} is {1}: there is nothing to repay. Choose an active loan.").format(
					loan.name, state
				),
				LoanClosedError,
				title=_("Loan not active"),
			)
		if getdate(self.posting_date) < getdate(loan.posting_date):
			frappe.throw(
				_("Posting Date cannot be before the loan was disbursed ({0}).").format(
					frappe.format(getdate(loan.posting_date), {"fieldtype": "Date"})
				),
				PostingDateError,
				title=_("Posting Date"),
			)

	def allocate(self, dues, order_text) -> None:
		"""Split the amount over the open instalments (calculators.loans.allocate_repayment)."""
		order = [part.strip().lower() for part in (order_text or DEFAULT_ALLOCATION_ORDER).split(",")]
		try:
			result = allocate_repayment(
				whole_rupiah(flt(self.amount)), dues, order, as_of=getdate(self.posting_date)
			)
		except LoanInputError as e:
			if e.code != "exceeds_payoff":
				raise
			frappe.throw(
				_("Amount {0} is more than everything still owed on {1} ({2}). Enter at most {2}.").format(
					rupiah(self.amount), self.member_loan, rupiah(e.params["payoff"])
				),
				PaymentTooLargeError,
				title=_("More than the loan"),
			)
		self.set(
			"allocation",
			[
				{
					"instalment": line.number,
					"due_date": line.due_date,
					"denda": line.denda,
					"interest": line.interest,
					"principal": line.principal,
					"total": line.total,
					"advance": int(line.advance),
					"closes": int(line.closes),
				}
				for line in result.lines
			],
		)
		self.denda_amount = result.denda
		self.interest_amount = result.interest
		self.principal_amount = result.principal

	def _submit(self):
		# Lock the loan first, before Frappe locks this repayment's own rows (check_if_latest): a second
		# repayment of the same loan then waits here, holding nothing the first one needs.
		lock_loan(self.member_loan)
		return super()._submit()

	def _cancel(self):
		lock_loan(self.member_loan)
		return super()._cancel()

	def before_submit(self):
		"""Allocate again with the loan's row locked and its schedule read by a locking read: a repayment
		submitted meanwhile by someone else is taken into account, never paid twice."""
		loan = lock_loan(self.member_loan)
		self.check_loan(frappe._dict(loan, name=self.member_loan))
		self.allocate(open_dues(self.member_loan, for_update=True), loan.allocation_order)

	def on_submit(self):
		post_gl(self.get_gl_entries())
		apply_payments(self.member_loan, self.allocation, 1)
		refresh_loan_balance(self.member_loan, self.posting_date)

	def before_cancel(self):
		super().before_cancel()
		lock_loan(self.member_loan)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		apply_payments(self.member_loan, self.allocation, -1)
		refresh_loan_balance(self.member_loan, self.posting_date)

	def get_gl_entries(self) -> list[dict]:
		accounts = frappe.db.get_value(
			"Member Loan",
			self.member_loan,
			["loan_receivable_account", "interest_income_account", "denda_income_account"],
			as_dict=True,
		)
		rows = [self.plain_gl_row(self.cash_account, debit=flt(self.amount), against=self.member)]
		if flt(self.principal_amount):
			rows.append(
				self.member_gl_row(
					accounts.loan_receivable_account,
					credit=flt(self.principal_amount),
					against=self.cash_account,
				)
			)
		if flt(self.interest_amount):
			rows.append(
				self.plain_gl_row(
					accounts.interest_income_account, credit=flt(self.interest_amount), against=self.member
				)
			)
		if flt(self.denda_amount):
			rows.append(
				self.plain_gl_row(
					accounts.denda_income_account, credit=flt(self.denda_amount), against=self.member
				)
			)
		return rows
