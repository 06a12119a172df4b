# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Loan Recovery: money received on a loan already written off (Dihapusbukukan).

The loan is off the books, so the money is income: debit cash/bank, credit the recovery income account of
Cooperative Settings. The loan's recovered total is the server's (updated under the loan's lock); more
than what is still written off (written off less recovered) is refused. Cancel reverses both.
"""

import frappe
from frappe import _
from frappe.utils import flt

from koperasi_merah_putih.exceptions import AmountError, LoanRecoveryError
from koperasi_merah_putih.pinjaman.common import LoanVoucher
from koperasi_merah_putih.pinjaman.loan_actions import refuse_posting_before, refuse_unless
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_account

WRITTEN_OFF = "Dihapusbukukan"
LOAN_FIELDS = [
	"name",
	"docstatus",
	"status",
	"member",
	"member_name",
	"company",
	"written_off_on",
	"written_off_amount",
	"recovered_amount",
]


class MemberLoanRecovery(LoanVoucher):
	def loan_name(self) -> str:
		return self.member_loan

	def validate(self):
		validate_posting_date(self)
		if flt(self.amount) <= 0:
			frappe.throw(
				_("Amount must be more than zero. Enter the money received."), AmountError, title=_("Amount")
			)
		loan = frappe.db.get_value("Member Loan", self.member_loan, LOAN_FIELDS, as_dict=True)
		if loan:
			self.member = loan.member
			self.member_name = loan.member_name
			self.company = loan.company
		self.check_loan(loan)
		self.recovery_income_account = get_account("loan_recovery_income_account")
		set_cash_account(
			self,
			_(
				"Choose the Cash/Bank Account the money is paid into (or a Mode of Payment that has one for {0})."
			).format(self.company),
		)

	def check_loan(self, loan) -> None:
		refuse_unless(
			loan,
			WRITTEN_OFF,
			self.member_loan,
			_(
				"Member Loan {0} is not written off ({1}). Money on an active loan is a Member Loan Repayment."
			),
			LoanRecoveryError,
			_("Not written off"),
		)
		refuse_posting_before(self, loan.written_off_on, _("the loan was written off"))
		self.written_off_amount = flt(loan.written_off_amount)
		self.recovered_before = flt(loan.recovered_amount)
		left = self.written_off_amount - self.recovered_before
		if flt(self.amount) > left:
			frappe.throw(
				_("{0} is more than what is still written off on {1} ({2}). Enter at most {2}.").format(
					rupiah(self.amount), self.member_loan, rupiah(left)
				),
				LoanRecoveryError,
				title=_("More than written off"),
			)

	def lock(self):
		return frappe.db.get_value(
			"Member Loan", self.member_loan, LOAN_FIELDS, as_dict=True, for_update=True
		)

	def _submit(self):
		self.lock()  # before Frappe locks this record's rows, as a repayment does
		return super()._submit()

	def before_submit(self):
		self.check_loan(self.lock())

	def on_submit(self):
		post_gl(self.get_gl_entries())
		self.add_recovered(flt(self.amount))

	def _cancel(self):
		self.lock()
		return super()._cancel()

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		self.add_recovered(-flt(self.amount))

	def add_recovered(self, amount) -> None:
		loan = frappe.qb.DocType("Member Loan")
		(
			frappe.qb.update(loan)
			.set(loan.recovered_amount, loan.recovered_amount + amount)
			.where(loan.name == self.member_loan)
		).run()

	def get_gl_entries(self) -> list[dict]:
		return [
			self.plain_gl_row(
				self.cash_account, debit=flt(self.amount), against=self.recovery_income_account
			),
			self.plain_gl_row(self.recovery_income_account, credit=flt(self.amount), against=self.member),
		]
