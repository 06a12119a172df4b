# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Cooperative Borrowing Payment: an instalment paid to the lender of a Cooperative Borrowing.

The amount is allocated over the borrowing's open instalments, oldest first, interest before principal
(calculators.loans.allocate_repayment, as a member's repayment is). Posted: debit the borrowings payable
account (the lender as party) with the principal and the interest expense account with the interest,
credit cash/bank. The schedule rows record what was paid; the borrowing is Lunas once nothing is left.
The borrowing's row is locked before its schedule is read, so two payments never pay one instalment.
Cancel takes the payment back off the schedule and reverses the GL.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import Due, LoanInputError, allocate_repayment
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import (
	AmountError,
	BorrowingError,
	PaymentTooLargeError,
)
from koperasi_merah_putih.pinjaman.common import LoanVoucher
from koperasi_merah_putih.pinjaman.doctype.cooperative_borrowing.cooperative_borrowing import (
	ACTIVE,
	LENDER_PARTY,
	PAID_OFF,
	SCHEDULE,
)
from koperasi_merah_putih.pinjaman.loan_actions import refuse_posting_before, refuse_unless
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.utils.printing import rupiah

BORROWING = "Cooperative Borrowing"
ORDER = ("interest", "principal", "denda")
BORROWING_FIELDS = [
	"name",
	"docstatus",
	"status",
	"company",
	"lender",
	"posting_date",
	"payable_account",
	"interest_expense_account",
]


class CooperativeBorrowingPayment(LoanVoucher):
	def loan_name(self) -> str | None:
		return None

	def validate(self):
		validate_posting_date(self)
		if flt(self.amount) <= 0:
			frappe.throw(
				_("Amount must be more than zero. Enter the money paid to the lender."),
				AmountError,
				title=_("Amount"),
			)
		borrowing = frappe.db.get_value(BORROWING, self.cooperative_borrowing, BORROWING_FIELDS, as_dict=True)
		self.check_borrowing(borrowing)
		self.company = borrowing.company
		set_cash_account(
			self,
			_(
				"Choose the Cash/Bank Account the payment is made from (or a Mode of Payment that has one for {0})."
			).format(self.company),
		)
		self.allocate(schedule(self.cooperative_borrowing))

	def check_borrowing(self, borrowing) -> None:
		refuse_unless(
			borrowing,
			ACTIVE,
			self.cooperative_borrowing,
			_("Cooperative Borrowing {0} is {1}: there is nothing to pay. Choose an active borrowing."),
			BorrowingError,
			_("Borrowing not active"),
		)
		refuse_posting_before(self, borrowing.posting_date, _("the drawdown"))

	def allocate(self, rows) -> None:
		dues = [
			Due(
				number=int(r.instalment),
				due_date=getdate(r.due_date),
				principal=whole_rupiah(flt(r.principal)) - whole_rupiah(flt(r.paid_principal)),
				interest=whole_rupiah(flt(r.interest)) - whole_rupiah(flt(r.paid_interest)),
			)
			for r in rows
		]
		try:
			result = allocate_repayment(
				whole_rupiah(flt(self.amount)), [d for d in dues if d.outstanding], ORDER
			)
		except LoanInputError as e:
			if e.code != "exceeds_payoff":
				raise
			frappe.throw(
				_("Amount {0} is more than everything still owed on {1} ({2}). Enter at most {2}.").format(
					rupiah(self.amount), self.cooperative_borrowing, rupiah(e.params["payoff"])
				),
				PaymentTooLargeError,
				title=_("More than the borrowing"),
			)
		self.set(
			"allocation",
			[
				{
					"instalment": line.number,
					"due_date": line.due_date,
					"interest": line.interest,
					"principal": line.principal,
					"total": line.interest + line.principal,
				}
				for line in result.lines
			],
		)
		self.interest_amount = result.interest
		self.principal_amount = result.principal

	def lock(self):
		return frappe.db.get_value(
			BORROWING, self.cooperative_borrowing, BORROWING_FIELDS, as_dict=True, for_update=True
		)

	def _submit(self):
		self.lock()  # before Frappe locks this record's rows
		return super()._submit()

	def before_submit(self):
		self.check_borrowing(self.lock())
		self.allocate(schedule(self.cooperative_borrowing, for_update=True))

	def on_submit(self):
		post_gl(self.get_gl_entries())
		self.apply(1)

	def _cancel(self):
		self.lock()
		return super()._cancel()

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		self.apply(-1)

	def apply(self, sign: int) -> None:
		"""Add (or take back) the allocation on the schedule rows, then the borrowing's balance and status."""
		s = frappe.qb.DocType(SCHEDULE)
		for line in self.allocation:
			(
				frappe.qb.update(s)
				.set(s.paid_principal, s.paid_principal + sign * flt(line.principal))
				.set(s.paid_interest, s.paid_interest + sign * flt(line.interest))
				.where(
					(s.parent == self.cooperative_borrowing)
					& (s.parenttype == BORROWING)
					& (s.instalment == line.instalment)
				)
			).run()
		rows = schedule(self.cooperative_borrowing)
		outstanding = sum(flt(r.principal) - flt(r.paid_principal) for r in rows)
		open_interest = sum(flt(r.interest) - flt(r.paid_interest) for r in rows)
		settled = outstanding + open_interest == 0
		b = frappe.qb.DocType(BORROWING)
		(
			frappe.qb.update(b)
			.set(b.outstanding_principal, outstanding)
			.set(b.paid_principal, sum(flt(r.paid_principal) for r in rows))
			.set(b.paid_interest, sum(flt(r.paid_interest) for r in rows))
			.set(b.status, PAID_OFF if settled else ACTIVE)
			.set(b.closed_on, getdate(self.posting_date) if settled else None)
			.where(b.name == self.cooperative_borrowing)
		).run()

	def get_gl_entries(self) -> list[dict]:
		borrowing = frappe.db.get_value(BORROWING, self.cooperative_borrowing, BORROWING_FIELDS, as_dict=True)
		rows = [self.plain_gl_row(self.cash_account, credit=flt(self.amount), against=borrowing.lender)]
		if flt(self.principal_amount):
			rows.append(
				self.plain_gl_row(
					borrowing.payable_account,
					debit=flt(self.principal_amount),
					party_type=LENDER_PARTY,
					party=borrowing.lender,
					against_voucher_type=BORROWING,
					against_voucher=self.cooperative_borrowing,
					against=self.cash_account,
				)
			)
		if flt(self.interest_amount):
			rows.append(
				self.plain_gl_row(
					borrowing.interest_expense_account,
					debit=flt(self.interest_amount),
					against=self.cash_account,
				)
			)
		return rows


def schedule(borrowing: str, for_update: bool = False) -> list[frappe._dict]:
	"""The borrowing's schedule rows in instalment order (a locking read with `for_update`)."""
	s = frappe.qb.DocType(SCHEDULE)
	query = (
		frappe.qb.from_(s)
		.select(s.instalment, s.due_date, s.principal, s.interest, s.paid_principal, s.paid_interest)
		.where((s.parent == borrowing) & (s.parenttype == BORROWING) & (s.parentfield == "schedule"))
		.orderby(s.instalment)
	)
	if for_update:
		query = query.for_update()
	return query.run(as_dict=True)
