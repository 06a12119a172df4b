# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The monthly accrual of loan interest (akrual bunga pinjaman).

At the end of a month the interest of every instalment falling due in it and still unpaid is income of the
month, even before the member pays it: debit interest receivable, credit each loan's interest income
account (one voucher for the company, whole rupiah). Per loan the amount is
``calculators.loans.monthly_accrual`` over its schedule, each instalment's accruable interest being
``accruable_interest`` (unpaid, not waived, not accrued before); loans with ``non_accrual`` (Kurang Lancar or
worse) accrue nothing: their interest is income only when paid. Each accrued instalment records what was
accrued in its ``accrued_interest`` (so it is never accrued twice, repayments settle the receivable first,
and cancel takes it back). One submitted accrual per company and month (unique ``run_key`` as in
``simpanan/runs.py``). Bulk: one locking read of all loans' schedules, one UPDATE per distinct amount.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators.loans import accruable_interest, accrued_open, monthly_accrual
from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key, period_start
from koperasi_merah_putih.exceptions import (
	AlreadyPostedError,
	CannotCancelError,
	NothingToPostError,
	PostingDateError,
)
from koperasi_merah_putih.pinjaman.common import LoanVoucher
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	SCHEDULE,
	lock_loans,
	schedules_of,
	set_accrued_interest,
)
from koperasi_merah_putih.pinjaman.runs import CompanyMonthRun
from koperasi_merah_putih.simpanan.common import validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.simpanan.runs import validate_period
from koperasi_merah_putih.utils.settings import get_account, get_settings


class LoanInterestAccrual(CompanyMonthRun, LoanVoucher):
	def loan_name(self) -> str:  # no single loan: the rows are plain GL rows
		return None

	def validate(self):
		validate_period(self)
		self.company = get_settings().company
		self.posting_date = self.posting_date or period_end(self.period)
		validate_posting_date(self)
		if getdate(self.posting_date) < getdate(period_end(self.period)):
			frappe.throw(
				_("Post the interest accrual for {0} on or after the last day of that month.").format(
					self.period
				),
				PostingDateError,
				title=_("Posting Date"),
			)
		self.check_not_posted()
		self.receivable_account = get_settings().get("loan_interest_receivable_account")
		if self._action != "submit":  # before_submit calculates, with the loans locked
			self.calculate()

	def calculate(self, for_update: bool = False) -> dict[str, int]:
		"""Totals per income account and the counts; returns what each schedule row accrues."""
		start, end = period_start(self.period), period_end(self.period)
		ml = frappe.qb.DocType("Member Loan")
		loans = (
			frappe.qb.from_(ml)
			.select(ml.name, ml.non_accrual, ml.interest_income_account)
			.where(
				(ml.company == self.company)
				& (ml.docstatus == 1)
				& (ml.status == ACTIVE)
				& (ml.posting_date <= end)
			)
			.orderby(ml.name)
		).run(as_dict=True)
		names = [loan.name for loan in loans]
		if for_update:
			lock_loans(names)
		schedules = schedules_of(names, for_update, due_from=start, due_to=end)
		rows_accrued: dict[str, int] = {}
		by_account: dict[str, list[int]] = defaultdict(lambda: [0, 0])
		loan_count = skipped = 0
		for loan in loans:
			rows = [
				frappe._dict(
					name=r.name,
					due_date=getdate(r.due_date),
					interest=accruable_interest(
						flt(r.interest), flt(r.paid_interest), flt(r.waived_interest), flt(r.accrued_interest)
					),
				)
				for r in schedules[loan.name]
			]
			amount = monthly_accrual(rows, start.year, start.month, bool(loan.non_accrual))
			if loan.non_accrual:
				skipped += any(start <= r.due_date <= end and r.interest for r in rows)
				continue
			if not amount:
				continue
			loan_count += 1
			by_account[loan.interest_income_account][0] += 1
			by_account[loan.interest_income_account][1] += amount
			for r in rows:
				if start <= r.due_date <= end and r.interest:
					rows_accrued[r.name] = r.interest
		self.set(
			"items",
			[
				{"income_account": account, "loan_count": count, "amount": amount}
				for account, (count, amount) in sorted(by_account.items())
			],
		)
		self.loan_count = loan_count
		self.instalment_count = len(rows_accrued)
		self.non_accrual_count = skipped
		self.total_accrued = sum(amount for _count, amount in by_account.values())
		return rows_accrued

	def already_posted(self, other):
		frappe.throw(
			_(
				"Loan Interest Accrual {0} already accrued the interest of {1}; only one can be submitted per "
				"month. Open {0} to see it, and cancel it first if the month must be accrued again."
			).format(other, self.period),
			AlreadyPostedError,
			title=_("Already posted"),
		)

	def before_submit(self):
		self.receivable_account = get_account("loan_interest_receivable_account")
		self.flags.rows_accrued = self.calculate(for_update=True)
		if not self.flags.rows_accrued:
			frappe.throw(
				_(
					"No instalment falling due in {0} has interest left to accrue (paid, non-accrual or already accrued); there is nothing to post."
				).format(self.period),
				NothingToPostError,
				title=_("Nothing to post"),
			)

	def on_submit(self):
		self.claim_run_key()
		post_gl(self.get_gl_entries())
		set_accrued_interest(self.flags.rows_accrued)

	def accrued_rows(self) -> list[frappe._dict]:
		"""The schedule rows this accrual accrued: the company's loans' instalments due in the period."""
		s = frappe.qb.DocType(SCHEDULE)
		ml = frappe.qb.DocType("Member Loan")
		return (
			frappe.qb.from_(s)
			.join(ml)
			.on(ml.name == s.parent)
			.select(
				s.name,
				s.parent,
				s.instalment,
				s.interest,
				s.paid_interest,
				s.waived_interest,
				s.accrued_interest,
			)
			.where(
				(s.parenttype == "Member Loan")
				& (ml.company == self.company)
				& (ml.docstatus == 1)
				& (s.due_date >= period_start(self.period))
				& (s.due_date <= period_end(self.period))
				& (s.accrued_interest > 0)
			)
		).run(as_dict=True)

	def before_cancel(self):
		super().before_cancel()
		self.run_key = None
		rows = self.accrued_rows()
		lock_loans(sorted({r.parent for r in rows}))
		settled = sorted(
			{
				r.parent
				for r in rows
				if accrued_open(
					flt(r.accrued_interest), flt(r.interest) - flt(r.paid_interest) - flt(r.waived_interest)
				)
				< flt(r.accrued_interest)
			}
		)
		if settled:
			frappe.throw(
				_(
					"Cannot cancel: repayments of {0} already settled interest this accrual put into interest receivable. Cancel those repayments first."
				).format(", ".join(settled[:20]) + (" …" if len(settled) > 20 else "")),
				CannotCancelError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		set_accrued_interest({r.name: 0 for r in self.accrued_rows()})

	def get_gl_entries(self) -> list[dict]:
		rows = [
			self.plain_gl_row(
				self.receivable_account, debit=flt(self.total_accrued), against=_("Loan interest income")
			)
		]
		for item in self.items:
			rows.append(
				self.plain_gl_row(
					item.income_account, credit=flt(item.amount), against=self.receivable_account
				)
			)
		return rows


def run_monthly_accrual(on=None) -> str | None:
	"""Scheduled (daily, after the daily loan run has set non-accrual): accrue last month's interest once,
	when not yet accrued. A failure is logged in the Error Log; the next day's job tries again."""
	period = add_months(period_key(getdate(on or today())), -1)
	settings = get_settings()
	if not settings.company or not settings.get("loan_interest_receivable_account"):
		return None
	if frappe.db.exists(
		"Loan Interest Accrual", {"company": settings.company, "period": period, "docstatus": 1}
	):
		return None
	doc = frappe.get_doc({"doctype": "Loan Interest Accrual", "period": period})
	savepoint = f"kmp_accrual_{frappe.generate_hash(length=10)}"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert()  # scheduler job: runs as Administrator
		if not doc.total_accrued:
			frappe.db.rollback(save_point=savepoint)
			return None  # nothing fell due in the month
		doc.submit()
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(title=_("Loan Interest Accrual for {0} failed").format(period))
		return None
	frappe.db.release_savepoint(savepoint)
	return doc.name
