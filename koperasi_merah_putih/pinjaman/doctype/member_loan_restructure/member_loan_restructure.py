# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Loan Restructure: new terms (rate, tenor, method, grace) for the outstanding principal of an
active loan, as a new schedule (calculators.loans.restructure).

What stays on the loan: every instalment keeps what was paid on it, the interest already due by the
restructure date (arrears) and its denda, which stay due and are paid first (oldest first) by the next
repayments. The principal not yet paid and the interest not yet due move to the new instalments, numbered
after the old ones; old instalments left with nothing on them are removed from the loan. The loan's
schedule as it was is copied into this record (Schedule Before), so the history is kept and a cancel
restores it. Nothing is posted to the GL: the loan receivable is the same principal, owed on new dates.

The loan is flagged restructured and counted; its kolektibilitas becomes no better than before the
restructure (the floor the daily loan run keeps). Cancel is refused once repayments were made after the
restructure, or a later restructure or a write-off followed.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, now_datetime

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.calculators.loans import LoanInputError, restructure
from koperasi_merah_putih.exceptions import LaterRepaymentsError, LoanRestructureError
from koperasi_merah_putih.pinjaman.common import (
	FREQUENCIES,
	GRACE_TYPES,
	METHODS,
	LoanVoucher,
	schedule_error_message,
	schedule_rows,
	summarise,
	validate_rate,
)
from koperasi_merah_putih.pinjaman.loan_actions import refuse_posting_before, refuse_unless
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	SCHEDULE,
	dues_of_rows,
	lock_loan,
	refresh_loan_balance,
	schedule_of,
)
from koperasi_merah_putih.simpanan.common import validate_posting_date

ROW_FIELDS = (
	"instalment",
	"due_date",
	"period_start",
	"principal",
	"interest",
	"total",
	"outstanding",
	"grace",
	"denda",
	"paid_principal",
	"paid_interest",
	"paid_denda",
	"waived_interest",
)


class MemberLoanRestructure(LoanVoucher):
	def loan_name(self) -> str:
		return self.member_loan

	def validate(self):
		loan = frappe.get_doc("Member Loan", self.member_loan)
		self.check_loan(loan)
		self.member = loan.member
		self.member_name = loan.member_name
		self.company = loan.company
		validate_rate(self.interest_rate, _("restructure of {0}").format(self.member_loan))
		self.compute(loan, loan_schedule(self.member_loan))

	def check_loan(self, loan) -> None:
		validate_posting_date(self)
		refuse_unless(
			loan,
			ACTIVE,
			self.member_loan,
			_("Member Loan {0} is {1}; only an active loan is restructured."),
			LoanRestructureError,
			_("Loan not active"),
		)
		refuse_posting_before(self, loan.posting_date, _("the loan was disbursed"))

	def compute(self, loan, rows) -> None:
		"""The balance restructured and the new schedule, from the loan's schedule rows as they are."""
		as_of = getdate(self.posting_date)
		dues = dues_of_rows(rows)
		self.outstanding_principal = sum(due.principal for due in dues)
		self.arrears_interest = sum(due.interest for due in dues if due.due_date <= as_of)
		self.arrears_denda = sum(due.denda for due in dues)
		if self.outstanding_principal <= 0:
			frappe.throw(
				_("Member Loan {0} has no principal left to restructure.").format(loan.name),
				LoanRestructureError,
				title=_("Nothing to restructure"),
			)
		try:
			result = restructure(
				self.outstanding_principal,
				flt(self.interest_rate),
				int(self.tenor or 0),
				frequency=FREQUENCIES.get(loan.repayment_frequency, "monthly"),
				method=METHODS.get(self.interest_method),
				start_date=as_of,
				grace_periods=int(self.grace_periods or 0),
				grace_type=GRACE_TYPES.get(self.grace_type or "Interest Only", "interest_only"),
			)
		except LoanInputError as e:
			frappe.throw(
				schedule_error_message(e, self.outstanding_principal, self.tenor, self),
				LoanRestructureError,
				title=_("New Terms"),
			)
		first = max((int(r.instalment) for r in rows), default=0) + 1
		new_rows = schedule_rows(result.schedule)
		for row in new_rows:
			row["instalment"] += first - 1
		self.first_new_instalment = first
		self.set("new_schedule", new_rows)
		self.set("old_schedule", [{field: r.get(field) for field in ROW_FIELDS} for r in rows])
		totals = summarise(result.schedule)
		self.total_interest = totals["total_interest"]
		self.instalment_amount = totals["instalment_amount"]
		self.kolektibilitas_before = loan.kolektibilitas or kol.LANCAR

	def _submit(self):
		lock_loan(self.member_loan)  # before Frappe locks this record's rows, as a repayment does
		return super()._submit()

	def before_submit(self):
		"""Again under the loan's lock, with its schedule read by a locking read: a repayment submitted
		meanwhile is part of what is restructured."""
		self.check_loan(frappe._dict(lock_loan(self.member_loan)))  # a locking read: the state now
		loan = frappe.get_doc("Member Loan", self.member_loan)
		self.compute(loan, loan_schedule(self.member_loan, for_update=True))
		self.restructured_at = now_datetime()

	def on_submit(self):
		as_of = getdate(self.posting_date)
		s = frappe.qb.DocType(SCHEDULE)
		for row in self.old_schedule:
			kept = kept_part(row, as_of)
			if not any(kept.values()) and not flt(row.denda):
				frappe.qb.from_(s).delete().where(self.loan_row(s, row.instalment)).run()
				continue
			(
				frappe.qb.update(s)
				.set(s.principal, kept["principal"])
				.set(s.interest, kept["interest"])
				.set(s.total, kept["principal"] + kept["interest"])
				.where(self.loan_row(s, row.instalment))
			).run()
		for row in self.new_schedule:
			insert_loan_row(self.member_loan, row.as_dict(), {})
		count = int(frappe.db.get_value("Member Loan", self.member_loan, "restructure_count") or 0) + 1
		self.update_loan(count, kol.no_better_than(self.kolektibilitas_before, self.loan_floor()))

	def loan_floor(self) -> str | None:
		return frappe.db.get_value("Member Loan", self.member_loan, "kolektibilitas_floor") or None

	def loan_row(self, s, instalment):
		return (s.parent == self.member_loan) & (s.parenttype == "Member Loan") & (s.instalment == instalment)

	def update_loan(self, count: int, floor: str | None) -> None:
		"""Renumber the rows' idx, set the restructure flag, count and floor, the schedule's totals and the
		balance (loan_balance.refresh_loan_balance)."""
		rows = loan_schedule(self.member_loan)
		s = frappe.qb.DocType(SCHEDULE)
		for idx, row in enumerate(rows, 1):
			frappe.qb.update(s).set(s.idx, idx).where(s.name == row.name).run()
		current = frappe.db.get_value("Member Loan", self.member_loan, "kolektibilitas") or kol.LANCAR
		loan = frappe.qb.DocType("Member Loan")
		(
			frappe.qb.update(loan)
			.set(loan.restructure_count, count)
			.set(loan.is_restructured, int(count > 0))
			.set(loan.kolektibilitas_floor, floor)
			.set(loan.kolektibilitas, kol.no_better_than(current, floor))
			.set(loan.total_interest, sum(flt(r.interest) for r in rows))
			.set(loan.total_repayment, sum(flt(r.principal) + flt(r.interest) for r in rows))
			.where(loan.name == self.member_loan)
		).run()
		refresh_loan_balance(self.member_loan, self.posting_date)

	def _cancel(self):
		lock_loan(self.member_loan)
		return super()._cancel()

	def before_cancel(self):
		super().before_cancel()
		lock_loan(self.member_loan)
		self.check_nothing_after()

	def check_nothing_after(self) -> None:
		"""Cancel only what nothing was built on: no repayment since, no later restructure, no write-off."""
		status = frappe.db.get_value("Member Loan", self.member_loan, "status")
		later = frappe.get_all(
			"Member Loan Repayment",
			filters={
				"member_loan": self.member_loan,
				"docstatus": 1,
				"modified": [">=", self.restructured_at],
			},
			pluck="name",
		)
		later += frappe.get_all(
			self.doctype,
			filters={
				"member_loan": self.member_loan,
				"docstatus": 1,
				"name": ["!=", self.name],
				"restructured_at": [">=", self.restructured_at],
			},
			pluck="name",
		)
		if later or status != ACTIVE:
			frappe.throw(
				_(
					"Cannot cancel: {0} was repaid or changed after this restructure ({1}). Cancel those first; the new schedule stays."
				).format(self.member_loan, ", ".join(later) or _(status)),
				LaterRepaymentsError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		"""Put the schedule back as it was: remove the new instalments, restore the old ones (what was paid
		on them and their denda as the database holds them now)."""
		s = frappe.qb.DocType(SCHEDULE)
		frappe.qb.from_(s).delete().where(
			(s.parent == self.member_loan)
			& (s.parenttype == "Member Loan")
			& (s.parentfield == "schedule")
			& (s.instalment >= self.first_new_instalment)
		).run()
		present = {int(r.instalment) for r in schedule_of(self.member_loan)}
		for row in self.old_schedule:
			if int(row.instalment) in present:
				(
					frappe.qb.update(s)
					.set(s.principal, row.principal)
					.set(s.interest, row.interest)
					.set(s.total, row.total)
					.where(self.loan_row(s, row.instalment))
				).run()
			else:
				insert_loan_row(self.member_loan, row.as_dict(), row.as_dict())
		count = max(
			int(frappe.db.get_value("Member Loan", self.member_loan, "restructure_count") or 0) - 1, 0
		)
		self.update_loan(count, self.loan_floor() if count else None)

	def get_gl_entries(self) -> list[dict]:
		return []  # the same principal, owed on new dates: nothing moves in the ledger


def kept_part(row, as_of) -> dict[str, int]:
	"""What an old instalment keeps: what was paid of it, and interest already due by `as_of`."""
	principal = flt(row.paid_principal)
	if getdate(row.due_date) <= as_of:
		interest = flt(row.interest)
	else:
		interest = flt(row.paid_interest) + flt(row.waived_interest)
	return {"principal": principal, "interest": interest}


def loan_schedule(loan: str, for_update: bool = False) -> list[frappe._dict]:
	"""Every field of the loan's schedule rows, in instalment order (a locking read with `for_update`,
	which sees what a repayment committed meanwhile)."""
	s = frappe.qb.DocType(SCHEDULE)
	query = (
		frappe.qb.from_(s)
		.select(s.name, *(s[field] for field in ROW_FIELDS))
		.where((s.parent == loan) & (s.parenttype == "Member Loan") & (s.parentfield == "schedule"))
		.orderby(s.instalment)
	)
	if for_update:
		query = query.for_update()
	return query.run(as_dict=True)


def insert_loan_row(loan: str, row: dict, paid: dict) -> None:
	"""A schedule row on the loan (a new instalment, or an old one a cancel restores with what was paid)."""
	values = {field: row.get(field) for field in ROW_FIELDS}
	for field in ("denda", "paid_principal", "paid_interest", "paid_denda", "waived_interest"):
		values[field] = flt(paid.get(field))
	child = frappe.get_doc(
		{
			"doctype": SCHEDULE,
			"parent": loan,
			"parenttype": "Member Loan",
			"parentfield": "schedule",
			"docstatus": 1,
			"idx": int(values["instalment"]),
			**values,
		}
	)
	child.db_insert()
