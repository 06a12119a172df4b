# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A member loan: the disbursement of one approved application. It fixes the repayment schedule and posts
the loan receivable (the member as party) against cash/bank, the fees to income and the insurance to a
payable. Submitting twice for one application is impossible: the application's row is locked and names
the loan that disbursed it. Balances and status are the server's, changed by repayments."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.exceptions import (
	AlreadyDisbursedError,
	CannotCancelError,
	LoanApplicationStateError,
	MemberNotActiveError,
	PostingDateError,
)
from koperasi_merah_putih.pinjaman.collateral import (
	check_free_for_hold,
	check_hold_account,
	hold_amount,
	release_savings_hold,
)
from koperasi_merah_putih.pinjaman.common import (
	ACTIVE_MEMBER,
	DEFAULT_ALLOCATION_ORDER,
	FEE_FIELDS,
	PRODUCT_ACCOUNTS,
	TERM_FIELDS,
	LoanVoucher,
	make_schedule,
	schedule_rows,
	summarise,
	validate_rate,
)
from koperasi_merah_putih.pinjaman.loan_balance import refresh_loan_balance
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl

DRAFT = "Draft"
ACTIVE = "Aktif"
PAID_OFF = "Lunas"
CANCELLED = "Dibatalkan"
APPROVED = "Disetujui"


def cash_account_message(company: str) -> str:
	return _(
		"Choose the Cash/Bank Account the loan is paid out from (or a Mode of Payment that has one for {0})."
	).format(company)


def check_application(application: str, state: str, member_loan: str | None, loan: str | None = None) -> None:
	"""An application is disbursed when approved, and once (by `loan`, when it is already linked to it)."""
	if state != APPROVED:
		frappe.throw(
			_("Loan application {0} is {1}; only an approved application is disbursed.").format(
				application, _(state or "-")
			),
			LoanApplicationStateError,
			title=_("Not approved"),
		)
	if member_loan and member_loan != loan:
		frappe.throw(
			_("Loan application {0} was already disbursed with {1}; a loan is disbursed once.").format(
				application, member_loan
			),
			AlreadyDisbursedError,
			title=_("Already disbursed"),
		)


def check_member_status(member: str, status: str | None) -> None:
	if status != ACTIVE_MEMBER:
		frappe.throw(
			_("{0} is not an active member (status {1}); only active members receive a loan.").format(
				member, _(status or "-")
			),
			MemberNotActiveError,
			title=_("Member not active"),
		)


class MemberLoan(LoanVoucher):
	def loan_name(self) -> str:
		return self.name

	def validate(self):
		validate_posting_date(self)
		self.take_application(frappe.get_doc("Member Loan Application", self.loan_application))
		self.check_member()
		self.take_product(frappe.get_doc("Member Loan Product", self.loan_product))
		set_cash_account(self, cash_account_message(self.company))
		self.set_schedule()
		self.status = DRAFT

	def take_application(self, application) -> None:
		"""Check the application may be disbursed on this loan's date and copy its terms (a Loan
		Disbursement Batch calls this with the application's row, read for all loans at once)."""
		self.check_application(application.workflow_state, application.member_loan)
		if getdate(self.posting_date) < getdate(application.application_date):
			frappe.throw(
				_("Disbursement Date cannot be before the application date ({0}).").format(
					frappe.format(getdate(application.application_date), {"fieldtype": "Date"})
				),
				PostingDateError,
				title=_("Disbursement Date"),
			)
		self.copy_terms(application)

	def take_product(self, product) -> None:
		"""The product's accounts, allocation and payoff rules, and the savings it holds as collateral."""
		for fieldname in PRODUCT_ACCOUNTS:
			self.set(fieldname, product.get(fieldname))
		self.allocation_order = product.allocation_order or DEFAULT_ALLOCATION_ORDER
		self.payoff_rule = product.payoff_rule or "All Remaining Interest"
		self.payoff_interest_periods = product.payoff_interest_periods or 0
		self.savings_hold_amount = hold_amount(product, self.loan_amount)
		# the free balance is checked on submit, with the savings row locked (collateral.place_savings_hold)
		check_hold_account(self.member, self.hold_savings_account, self.savings_hold_amount, check_free=False)

	def set_schedule(self) -> None:
		self.set("schedule", self.schedule_and_totals())

	def schedule_and_totals(self) -> list[dict]:
		"""The repayment schedule's rows (as Member Loan Schedule holds them); sets the loan's totals. A
		Loan Disbursement Batch keeps the rows as dicts, thousands of child documents being slow to make."""
		rows = make_schedule(self.loan_amount, self, self.tenor, self.posting_date)
		totals = summarise(rows)
		self.total_interest = totals["total_interest"]
		self.total_repayment = totals["total_repayment"]
		return schedule_rows(rows)

	def copy_terms(self, application):
		"""Whose loan, of which product, on which terms: the approved application's, never the client's."""
		self.member = application.member
		self.member_name = application.member_name
		self.company = application.company
		self.loan_product = application.loan_product
		self.loan_purpose = application.loan_purpose
		self.loan_amount = application.amount
		self.tenor = application.tenor
		for fieldname in (*TERM_FIELDS, *FEE_FIELDS, "net_disbursement", "hold_savings_account"):
			self.set(fieldname, application.get(fieldname))
		validate_rate(self.interest_rate, _("loan application {0}").format(application.name))

	def check_application(self, state, member_loan) -> None:
		check_application(self.loan_application, state, member_loan, self.name)

	def check_member(self, status: str | None = None) -> None:
		"""The borrower is an active member (`status` when the caller read it with others' already)."""
		check_member_status(
			self.member, status or frappe.db.get_value("Cooperative Member", self.member, "status")
		)

	def _submit(self):
		# Lock the application first, before Frappe locks this loan's own rows (check_if_latest): a second
		# disbursement of the same application then waits here, holding nothing another one needs.
		self.lock_application()
		return super()._submit()

	def lock_application(self) -> None:
		"""Lock the application's row and check, with a locking read (which sees what another process
		committed while this one waited), that it is approved and not yet disbursed."""
		app = frappe.qb.DocType("Member Loan Application")
		row = (
			frappe.qb.from_(app)
			.select(app.workflow_state, app.member_loan)
			.where(app.name == self.loan_application)
			.for_update()
		).run(as_dict=True)
		if row:
			self.check_application(row[0].workflow_state, row[0].member_loan)

	def before_submit(self):
		self.lock_application()  # already held since _submit; checked again after validate
		self.check_member()
		check_free_for_hold(self.hold_savings_account, self.savings_hold_amount)

	def on_submit(self):
		post_gl(self.get_gl_entries())
		app = frappe.qb.DocType("Member Loan Application")
		frappe.qb.update(app).set(app.member_loan, self.name).where(app.name == self.loan_application).run()
		self.update(refresh_loan_balance(self.name))

	def before_cancel(self):
		super().before_cancel()
		frappe.db.get_value("Member Loan", self.name, "name", for_update=True)
		repayments = frappe.get_all(
			"Member Loan Repayment", filters={"member_loan": self.name, "docstatus": 1}, pluck="name"
		)
		if repayments:
			frappe.throw(
				_("Cannot cancel: {0} has repayments ({1}). Cancel the repayments first.").format(
					self.name, ", ".join(repayments)
				),
				CannotCancelError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		app = frappe.qb.DocType("Member Loan Application")
		frappe.qb.update(app).set(app.member_loan, None).where(
			(app.name == self.loan_application) & (app.member_loan == self.name)
		).run()
		loan = frappe.qb.DocType("Member Loan")
		frappe.qb.update(loan).set(loan.status, CANCELLED).set(loan.outstanding_principal, 0).set(
			loan.outstanding_interest, 0
		).where(loan.name == self.name).run()
		self.status = CANCELLED
		release_savings_hold(self.name)

	def get_gl_entries(self) -> list[dict]:
		amount = flt(self.loan_amount)
		rows = [
			self.member_gl_row(self.loan_receivable_account, debit=amount, against=self.cash_account),
			self.plain_gl_row(self.cash_account, credit=flt(self.net_disbursement), against=self.member),
		]
		for fee, account in (
			("admin_fee", "admin_fee_income_account"),
			("provisi_fee", "provisi_income_account"),
			("insurance_fee", "insurance_payable_account"),
		):
			if flt(self.get(fee)):
				rows.append(
					self.plain_gl_row(self.get(account), credit=flt(self.get(fee)), against=self.member)
				)
		return rows
