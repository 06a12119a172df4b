# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Loan Write Off (hapus buku): an active loan that cannot be collected leaves the books.

Posted: debit the loan loss allowance (PPAP) and credit the loan receivable (the member as party) with the
outstanding principal. When the allowance holds less than that, the shortfall is debited to loan loss
provision expense instead (the part no PPAP provided for is an expense now); the record shows both parts.
The allowance account's row is locked while its balance is read, so two write-offs never spend the same
allowance. Unpaid scheduled interest was never income (it is recognised when due), so nothing of it is
reversed. Interest the monthly accrual put into interest receivable and nobody paid
(calculators.loans.accrued_open per instalment) is taken back: debit interest income, credit interest
receivable. Denda is income only when paid.

The loan becomes Dihapusbukukan: no repayment, run or provision counts it any more, and the savings it
held as collateral are released. The member still owes it: money received later is a Member Loan Recovery.
Only the Ketua and the Bendahara submit a write-off. Cancel (refused once a recovery exists) reverses the
GL and re-opens the loan.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import accrued_open
from koperasi_merah_putih.calculators.money import round_rupiah, whole_rupiah
from koperasi_merah_putih.exceptions import LaterRepaymentsError, LoanWriteOffError
from koperasi_merah_putih.pinjaman.collateral import release_savings_hold
from koperasi_merah_putih.pinjaman.common import LoanVoucher
from koperasi_merah_putih.pinjaman.loan_actions import refuse_posting_before, refuse_unless
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	dues_of_rows,
	lock_loan,
	refresh_loan_balance,
	schedule_of,
)
from koperasi_merah_putih.simpanan.common import validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.utils.settings import get_account

WRITTEN_OFF = "Dihapusbukukan"


class MemberLoanWriteOff(LoanVoucher):
	def loan_name(self) -> str:
		return self.member_loan

	def validate(self):
		validate_posting_date(self)
		loan = frappe.db.get_value(
			"Member Loan",
			self.member_loan,
			["docstatus", "status", "member", "member_name", "company", "posting_date"],
			as_dict=True,
		)
		self.check_loan(loan)
		self.member = loan.member
		self.member_name = loan.member_name
		self.company = loan.company
		self.loan_receivable_account, self.interest_income_account = frappe.db.get_value(
			"Member Loan", self.member_loan, ["loan_receivable_account", "interest_income_account"]
		)
		self.allowance_account = get_account("loan_allowance_account")
		self.expense_account = get_account("loan_provision_expense_account")
		self.calculate()

	def check_loan(self, loan) -> None:
		refuse_unless(
			loan,
			ACTIVE,
			self.member_loan,
			_("Member Loan {0} is {1}; only an active loan is written off."),
			LoanWriteOffError,
			_("Loan not active"),
		)
		refuse_posting_before(self, loan.posting_date, _("the loan was disbursed"))

	def calculate(self, for_update: bool = False) -> None:
		rows = schedule_of(self.member_loan, for_update)
		dues = dues_of_rows(rows)
		self.accrued_interest = sum(
			accrued_open(
				whole_rupiah(flt(r.accrued_interest)),
				max(whole_rupiah(flt(r.interest) - flt(r.paid_interest) - flt(r.waived_interest)), 0),
			)
			for r in rows
		)
		self.interest_receivable_account = (
			get_account("loan_interest_receivable_account") if self.accrued_interest else None
		)
		self.outstanding_principal = sum(due.principal for due in dues)
		self.outstanding_interest = sum(due.interest for due in dues)
		self.open_denda = sum(due.denda for due in dues)
		if self.outstanding_principal <= 0:
			frappe.throw(
				_("Member Loan {0} has no principal left to write off.").format(self.member_loan),
				LoanWriteOffError,
				title=_("Nothing to write off"),
			)
		self.allowance_balance = self.allowance_available()
		self.allowance_amount = min(self.outstanding_principal, max(self.allowance_balance, 0))
		self.expense_amount = self.outstanding_principal - self.allowance_amount

	def allowance_available(self) -> int:
		"""Credit balance of the allowance account up to the posting date, this voucher's rows left out."""
		gle = frappe.qb.DocType("GL Entry")
		balance = (
			frappe.qb.from_(gle)
			.select(Coalesce(Sum(gle.credit - gle.debit), 0))
			.where(
				(gle.account == self.allowance_account)
				& (gle.company == self.company)
				& (gle.is_cancelled == 0)
				& (gle.posting_date <= getdate(self.posting_date))
				& ((gle.voucher_type != self.doctype) | (gle.voucher_no != (self.name or "")))
			)
		).run()[0][0]
		return round_rupiah(flt(balance))

	def _submit(self):
		lock_loan(self.member_loan)  # before Frappe locks this record's rows, as a repayment does
		return super()._submit()

	def before_submit(self):
		"""Again under the loan's lock and the allowance account's: the balance read is the one spent."""
		self.check_loan(frappe._dict(lock_loan(self.member_loan)))  # a locking read: the state now
		frappe.db.get_value("Account", self.allowance_account, "name", for_update=True)
		self.calculate(for_update=True)

	def on_submit(self):
		post_gl(self.get_gl_entries())
		loan = frappe.qb.DocType("Member Loan")
		(
			frappe.qb.update(loan)
			.set(loan.status, WRITTEN_OFF)
			.set(loan.written_off_on, getdate(self.posting_date))
			.set(loan.written_off_amount, self.outstanding_principal)
			.where(loan.name == self.member_loan)
		).run()
		release_savings_hold(self.member_loan)

	def _cancel(self):
		lock_loan(self.member_loan)
		return super()._cancel()

	def before_cancel(self):
		super().before_cancel()
		lock_loan(self.member_loan)
		recoveries = frappe.get_all(
			"Member Loan Recovery", filters={"member_loan": self.member_loan, "docstatus": 1}, pluck="name"
		)
		if recoveries:
			frappe.throw(
				_(
					"Cannot cancel: money was recovered on {0} after the write-off ({1}). Cancel those first."
				).format(self.member_loan, ", ".join(recoveries)),
				LaterRepaymentsError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		loan = frappe.qb.DocType("Member Loan")
		(
			frappe.qb.update(loan)
			.set(loan.status, ACTIVE)
			.set(loan.written_off_on, None)
			.set(loan.written_off_amount, 0)
			.where(loan.name == self.member_loan)
		).run()
		refresh_loan_balance(self.member_loan)

	def get_gl_entries(self) -> list[dict]:
		rows = [
			self.member_gl_row(
				self.loan_receivable_account,
				credit=flt(self.outstanding_principal),
				against=self.allowance_account,
			)
		]
		if flt(self.allowance_amount):
			rows.append(
				self.plain_gl_row(
					self.allowance_account, debit=flt(self.allowance_amount), against=self.member
				)
			)
		if flt(self.expense_amount):
			rows.append(
				self.plain_gl_row(self.expense_account, debit=flt(self.expense_amount), against=self.member)
			)
		if flt(self.accrued_interest):
			rows += [
				self.plain_gl_row(
					self.interest_income_account, debit=flt(self.accrued_interest), against=self.member
				),
				self.plain_gl_row(
					self.interest_receivable_account, credit=flt(self.accrued_interest), against=self.member
				),
			]
		return rows
