# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A repayment (angsuran) of a member loan: allocated over the open instalments, oldest first, in the
loan's order (default denda, then interest, then principal), partial, or in advance when Pay in Advance is
ticked; or an early payoff (pelunasan dipercepat) that pays the payoff amount by the loan's payoff rule,
waives the rest of the interest and closes the loan. Paid in cash/bank or debited from the member's
simpanan sukarela (through the savings ledger, the account's row locked).

Posted as cash (or the sukarela liability) in, loan receivable (principal, the member as party) out,
interest that the monthly accrual recognised out of interest receivable and the rest to interest income
(calculators.loans.interest_settlement), denda to denda income. Cancel takes the payment back off the
schedule, reverses the GL (and the savings ledger) and re-opens the loan."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import (
	LoanInputError,
	allocate_repayment,
	due_by,
	interest_settlement,
	payoff_amount,
)
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import (
	AdvancePaymentError,
	AmountError,
	CannotCancelError,
	LoanClosedError,
	PaymentTooLargeError,
	PayoffAmountError,
	PostingDateError,
	SavingsAccountError,
)
from koperasi_merah_putih.pinjaman.common import (
	DEFAULT_ALLOCATION_ORDER,
	FREQUENCIES,
	PAYOFF_RULES,
	LoanVoucher,
)
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	apply_payments,
	dues_of_rows,
	lock_loan,
	refresh_loan_balance,
	schedule_of,
)
from koperasi_merah_putih.simpanan.common import PARTY_TYPE, SUKARELA, set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.simpanan.ledger import (
	cancel_ledger_entries,
	check_available,
	lock_account,
	make_ledger_entries,
)
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_account

CASH = "Tunai/Bank"
FROM_SAVINGS = "Simpanan Sukarela"
LOAN_FIELDS = (
	"name",
	"docstatus",
	"status",
	"member",
	"member_name",
	"company",
	"posting_date",
	"allocation_order",
	"payoff_rule",
	"payoff_interest_periods",
	"repayment_frequency",
)


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
		loan = frappe.db.get_value("Member Loan", self.member_loan, LOAN_FIELDS, as_dict=True)
		if not loan:
			frappe.throw(
				_("Member Loan {0} does not exist.").format(self.member_loan), frappe.DoesNotExistError
			)
		self.member = loan.member
		self.member_name = loan.member_name
		self.company = loan.company
		self.check_loan(loan)
		self.payment_source = self.payment_source or CASH
		if self.payment_source == FROM_SAVINGS:
			self.cash_account = self.mode_of_payment = None
			self.check_savings_account()
		else:
			self.savings_account = None
			set_cash_account(
				self,
				_(
					"Choose the Cash/Bank Account the repayment is paid into (or a Mode of Payment that has one for {0})."
				).format(self.company),
			)
		self.allocate(schedule_of(self.member_loan), loan)

	def check_savings_account(self) -> None:
		"""Debited from savings: an active simpanan sukarela account of the borrower."""
		account = (
			frappe.db.get_value(
				"Savings Account", self.savings_account, ["member", "savings_type", "status"], as_dict=True
			)
			if self.savings_account
			else None
		)
		if not account or account.member != self.member or account.savings_type != SUKARELA:
			frappe.throw(
				_(
					"Paid From Simpanan Sukarela needs a Savings Account: an active simpanan sukarela account of {0}. Choose one, or pay in cash."
				).format(self.member),
				SavingsAccountError,
				title=_("Savings Account"),
			)
		if account.status != "Aktif":
			frappe.throw(
				_("Savings Account {0} is closed. Choose an active account, or pay in cash.").format(
					self.savings_account
				),
				SavingsAccountError,
				title=_("Savings Account"),
			)

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

	def payoff(self, dues, loan):
		"""What closes the loan on the posting date by its payoff rule (calculators.loans.payoff_amount)."""
		return payoff_amount(
			dues,
			getdate(self.posting_date),
			PAYOFF_RULES.get(loan.payoff_rule) or "all_interest",
			int(loan.payoff_interest_periods or 0),
			frequency=FREQUENCIES.get(loan.repayment_frequency, "monthly"),
		)

	def allocate(self, rows, loan) -> None:
		"""Split the amount over the open instalments (calculators.loans.allocate_repayment, or the payoff's
		lines), then each line's interest between interest receivable and income."""
		dues = dues_of_rows(rows)
		as_of = getdate(self.posting_date)
		amount = whole_rupiah(flt(self.amount))
		payoff = self.payoff(dues, loan)
		self.payoff_amount = payoff.total
		if self.is_payoff:
			if amount != payoff.total:
				frappe.throw(
					_(
						"An early payoff of {0} on {1} is {2} ({3}): principal {4}, interest {5}, denda {6}; {7} of interest is waived. Enter {2} as Amount."
					).format(
						self.member_loan,
						frappe.format(as_of, {"fieldtype": "Date"}),
						rupiah(payoff.total),
						_(loan.payoff_rule or "All Remaining Interest"),
						rupiah(payoff.principal),
						rupiah(payoff.interest),
						rupiah(payoff.denda),
						rupiah(payoff.interest_waived),
					),
					PayoffAmountError,
					title=_("Payoff amount"),
				)
			lines = [
				frappe._dict(
					number=line.number,
					due_date=line.due_date,
					denda=line.denda,
					interest=line.interest,
					principal=line.principal,
					interest_waived=line.interest_waived,
					advance=line.due_date > as_of,
					closes=True,
				)
				for line in payoff.lines
			]
		else:
			lines = self.allocate_payment(amount, dues, payoff, loan)
		self.set_lines(lines, dues, {int(r.instalment): flt(r.accrued_interest) for r in rows})

	def allocate_payment(self, amount: int, dues, payoff, loan) -> list:
		if amount > payoff.total:
			frappe.throw(
				_(
					"Amount {0} is more than the payoff amount of {1} ({2}). Enter at most {2}, and tick Early Payoff to close the loan."
				).format(rupiah(self.amount), self.member_loan, rupiah(payoff.total)),
				PaymentTooLargeError,
				title=_("More than the loan"),
			)
		due = due_by(dues, getdate(self.posting_date))
		everything = sum(d.outstanding for d in dues)
		if amount > due and amount != everything and not self.pay_in_advance:
			frappe.throw(
				_(
					"Amount {0} is more than what {1} has due on {2} ({3}: the overdue instalments and the current one). Tick Pay in Advance to pay the next instalments early, or enter at most {3}."
				).format(
					rupiah(self.amount),
					self.member_loan,
					frappe.format(getdate(self.posting_date), {"fieldtype": "Date"}),
					rupiah(due),
				),
				AdvancePaymentError,
				title=_("Advance payment"),
			)
		order = [
			part.strip().lower() for part in (loan.allocation_order or DEFAULT_ALLOCATION_ORDER).split(",")
		]
		try:
			result = allocate_repayment(amount, dues, order, as_of=getdate(self.posting_date))
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
		return [
			frappe._dict(
				number=line.number,
				due_date=line.due_date,
				denda=line.denda,
				interest=line.interest,
				principal=line.principal,
				interest_waived=0,
				advance=line.advance,
				closes=line.closes,
			)
			for line in result.lines
		]

	def set_lines(self, lines, dues, accrued: dict[int, float]) -> None:
		unpaid = {d.number: d.interest for d in dues}
		rows = []
		for line in lines:
			receivable, _income, reversed_ = interest_settlement(
				line.interest, line.interest_waived, unpaid.get(line.number, 0), accrued.get(line.number, 0)
			)
			rows.append(
				{
					"instalment": line.number,
					"due_date": line.due_date,
					"denda": line.denda,
					"interest": line.interest,
					"principal": line.principal,
					"interest_waived": line.interest_waived,
					"interest_receivable": receivable,
					"interest_reversed": reversed_,
					"total": line.denda + line.interest + line.principal,
					"advance": int(line.advance),
					"closes": int(line.closes),
				}
			)
		self.set("allocation", rows)
		self.denda_amount = sum(r["denda"] for r in rows)
		self.interest_amount = sum(r["interest"] for r in rows)
		self.principal_amount = sum(r["principal"] for r in rows)
		self.interest_waived = sum(r["interest_waived"] for r in rows)
		self.interest_receivable_amount = sum(r["interest_receivable"] for r in rows)
		self.interest_income_amount = self.interest_amount - self.interest_receivable_amount
		self.interest_reversed = sum(r["interest_reversed"] for r in rows)

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
		submitted meanwhile by someone else is taken into account, never paid twice. Money from savings is
		checked against the savings account's available balance with its row locked."""
		lock_loan(self.member_loan)
		loan = frappe.db.get_value("Member Loan", self.member_loan, LOAN_FIELDS, as_dict=True)
		self.check_loan(loan)
		self.allocate(schedule_of(self.member_loan, for_update=True), loan)
		if self.payment_source == FROM_SAVINGS:
			check_available(lock_account(self.savings_account), self.amount)

	def on_submit(self):
		post_gl(self.get_gl_entries())
		if self.payment_source == FROM_SAVINGS:
			make_ledger_entries(self, self.ledger_rows())
		apply_payments(self.member_loan, self.allocation, 1)
		refresh_loan_balance(self.member_loan, self.posting_date)

	def before_cancel(self):
		super().before_cancel()
		lock_loan(self.member_loan)
		self.check_not_accrued_since()

	def check_not_accrued_since(self) -> None:
		"""Interest this repayment took to income (never accrued) on an instalment that a monthly accrual
		accrued since: cancelling would re-open interest the accrual did not count. Cancel the accrual
		first."""
		numbers = [a.instalment for a in self.allocation if flt(a.interest) > flt(a.interest_receivable)]
		if not numbers:
			return
		accrued = [
			row.instalment
			for row in schedule_of(self.member_loan)
			if row.instalment in numbers and flt(row.accrued_interest)
		]
		if accrued:
			frappe.throw(
				_(
					"Cannot cancel: a Loan Interest Accrual accrued instalment {0} of {1} after this repayment was posted. Cancel that accrual first, then this repayment."
				).format(", ".join(str(n) for n in accrued), self.member_loan),
				CannotCancelError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry", "Savings Ledger Entry")
		cancel_gl(self.doctype, self.name)
		if self.payment_source == FROM_SAVINGS:
			cancel_ledger_entries(self)
		apply_payments(self.member_loan, self.allocation, -1)
		refresh_loan_balance(self.member_loan, self.posting_date)

	def ledger_rows(self) -> list[dict]:
		account = frappe.db.get_value(
			"Savings Account", self.savings_account, ["product", "account"], as_dict=True
		)
		return [
			{
				"savings_account": self.savings_account,
				"member": self.member,
				"product": account.product,
				"account": account.account,
				"amount": -flt(self.amount),
			}
		]

	def source_gl_row(self) -> dict:
		"""Cash in, or the member's simpanan sukarela going down (a liability debited, the member as party)."""
		if self.payment_source == FROM_SAVINGS:
			account = frappe.db.get_value("Savings Account", self.savings_account, "account")
			return self.plain_gl_row(
				account,
				debit=flt(self.amount),
				party_type=PARTY_TYPE,
				party=self.member,
				against=self.member_loan,
			)
		return self.plain_gl_row(self.cash_account, debit=flt(self.amount), against=self.member)

	def get_gl_entries(self) -> list[dict]:
		accounts = frappe.db.get_value(
			"Member Loan",
			self.member_loan,
			["loan_receivable_account", "interest_income_account", "denda_income_account"],
			as_dict=True,
		)
		rows = [self.source_gl_row()]
		if flt(self.principal_amount):
			rows.append(
				self.member_gl_row(
					accounts.loan_receivable_account,
					credit=flt(self.principal_amount),
					against=self.cash_account or self.savings_account,
				)
			)
		receivable = flt(self.interest_receivable_amount)
		reversed_ = flt(self.interest_reversed)
		if receivable or reversed_:
			interest_receivable = get_account("loan_interest_receivable_account")
			rows.append(
				self.plain_gl_row(interest_receivable, credit=receivable + reversed_, against=self.member)
			)
		if reversed_:
			rows.append(
				self.plain_gl_row(accounts.interest_income_account, debit=reversed_, against=self.member)
			)
		if flt(self.interest_income_amount):
			rows.append(
				self.plain_gl_row(
					accounts.interest_income_account,
					credit=flt(self.interest_income_amount),
					against=self.member,
				)
			)
		if flt(self.denda_amount):
			rows.append(
				self.plain_gl_row(
					accounts.denda_income_account, credit=flt(self.denda_amount), against=self.member
				)
			)
		return rows


@frappe.whitelist()
def get_payoff_amount(member_loan: str, posting_date: str | None = None) -> dict:
	"""What an early payoff of the loan costs on `posting_date` (today when empty), by its payoff rule."""
	frappe.has_permission("Member Loan", "read", doc=member_loan, throw=True)
	loan = frappe.db.get_value("Member Loan", member_loan, LOAN_FIELDS, as_dict=True)
	doc = frappe.get_doc({"doctype": "Member Loan Repayment", "member_loan": member_loan})
	doc.posting_date = getdate(posting_date) if posting_date else getdate()
	payoff = doc.payoff(dues_of_rows(schedule_of(member_loan)), loan)
	return {
		"payoff_amount": payoff.total,
		"principal": payoff.principal,
		"interest": payoff.interest,
		"denda": payoff.denda,
		"interest_waived": payoff.interest_waived,
		"payoff_rule": loan.payoff_rule,
	}
