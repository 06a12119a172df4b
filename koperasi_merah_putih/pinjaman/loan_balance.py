# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A loan's open instalments and its balance, from its schedule rows.

The schedule rows (Member Loan Schedule) hold what is due and what was paid on each instalment; the loan's
balance fields and status are sums over them, recomputed by :func:`refresh_loan_balance` after every change.
Whoever changes paid amounts locks the loan's row first (:func:`lock_loan`) and reads the rows with a
locking read (:func:`open_dues` with ``for_update``), so two repayments never allocate the same instalment.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import Due, accrued_open
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.pinjaman.collateral import place_savings_hold, release_savings_hold

ACTIVE = "Aktif"
PAID_OFF = "Lunas"
SCHEDULE = "Member Loan Schedule"


def lock_loan(name: str) -> frappe._dict:
	"""Lock the loan's row (SELECT ... FOR UPDATE) and return what a repayment needs to know of it."""
	loan = frappe.qb.DocType("Member Loan")
	row = (
		frappe.qb.from_(loan)
		.select(loan.name, loan.docstatus, loan.status, loan.member, loan.posting_date, loan.allocation_order)
		.where(loan.name == name)
		.for_update()
	).run(as_dict=True)
	if not row:
		frappe.throw(_("Member Loan {0} does not exist.").format(name), frappe.DoesNotExistError)
	return row[0]


def schedule_of(loan: str, for_update: bool = False) -> list[frappe._dict]:
	"""The loan's schedule rows in instalment order (one loan of :func:`schedules_of`)."""
	return schedules_of([loan], for_update)[loan]


def open_dues(loan: str, for_update: bool = False) -> list[Due]:
	"""What is still owed on each instalment of the loan, as the calculators take it."""
	return dues_of_rows(schedule_of(loan, for_update))


def lock_loans(names: list[str]) -> None:
	"""Lock many loans' rows at once, in name order (the daily run; a repayment locks one with
	:func:`lock_loan`)."""
	if not names:
		return
	loan = frappe.qb.DocType("Member Loan")
	(
		frappe.qb.from_(loan).select(loan.name).where(loan.name.isin(names)).orderby(loan.name).for_update()
	).run()


def schedules_of(
	loans: list[str], for_update: bool = False, due_from=None, due_to=None
) -> dict[str, list[frappe._dict]]:
	"""The schedule rows of many loans in one query: {loan: rows in instalment order}; only the rows due in
	`due_from`..`due_to` when given (a month's accrual reads one month, not whole schedules)."""
	if not loans:
		return {}
	s = frappe.qb.DocType(SCHEDULE)
	query = (
		frappe.qb.from_(s)
		.select(
			s.parent,
			s.name,
			s.instalment,
			s.due_date,
			s.period_start,
			s.principal,
			s.interest,
			s.denda,
			s.paid_principal,
			s.paid_interest,
			s.paid_denda,
			s.waived_interest,
			s.accrued_interest,
		)
		.where(s.parent.isin(loans) & (s.parenttype == "Member Loan") & (s.parentfield == "schedule"))
		.orderby(s.parent)
		.orderby(s.instalment)
	)
	if due_from:
		query = query.where(s.due_date >= due_from)
	if due_to:
		query = query.where(s.due_date <= due_to)
	if for_update:
		query = query.for_update()
	result: dict[str, list[frappe._dict]] = {name: [] for name in loans}
	for row in query.run(as_dict=True):
		result[row.parent].append(row)
	return result


def add_denda(loan: str, amounts: dict[int, int]) -> None:
	"""Add accrued denda to the loan's instalments ({instalment number: rupiah}); the caller holds the
	loan's lock (:func:`lock_loan` / :func:`lock_loans`) and read the rows with a locking read."""
	s = frappe.qb.DocType(SCHEDULE)
	for number, amount in amounts.items():
		if not amount:
			continue
		(
			frappe.qb.update(s)
			.set(s.denda, s.denda + whole_rupiah(amount))
			.where((s.parent == loan) & (s.parenttype == "Member Loan") & (s.instalment == number))
		).run()


def dues_of_rows(rows) -> list[Due]:
	"""The open instalments among schedule rows (as :func:`schedule_of` reads them)."""
	dues = []
	for r in rows:
		due = Due(
			number=int(r.instalment),
			due_date=getdate(r.due_date),
			principal=whole_rupiah(flt(r.principal)) - whole_rupiah(flt(r.paid_principal)),
			interest=whole_rupiah(flt(r.interest))
			- whole_rupiah(flt(r.paid_interest))
			- whole_rupiah(flt(r.waived_interest)),
			denda=whole_rupiah(flt(r.denda)) - whole_rupiah(flt(r.paid_denda)),
			scheduled_interest=whole_rupiah(flt(r.interest)),
			period_start=getdate(r.period_start) if r.period_start else None,
		)
		if due.outstanding:
			dues.append(due)
	return dues


def apply_payments(loan: str, lines, sign: int = 1) -> None:
	"""Add (sign 1) or take back (sign -1) what allocation lines paid on the loan's schedule rows (and the
	interest a payoff waived: `interest_waived` on the line)."""
	s = frappe.qb.DocType(SCHEDULE)
	for line in lines:
		number = line.get("instalment") or line.get("number")
		(
			frappe.qb.update(s)
			.set(s.paid_principal, s.paid_principal + sign * flt(line.get("principal")))
			.set(s.paid_interest, s.paid_interest + sign * flt(line.get("interest")))
			.set(s.paid_denda, s.paid_denda + sign * flt(line.get("denda")))
			.set(s.waived_interest, s.waived_interest + sign * flt(line.get("interest_waived")))
			.where((s.parent == loan) & (s.parenttype == "Member Loan") & (s.instalment == number))
		).run()


def refresh_loan_balance(loan: str, closed_on=None) -> dict:
	"""Recompute the loan's balance fields and status from its schedule rows; returns what was set.

	A loan with nothing left to pay is Lunas (paid off on `closed_on`) and gives back the savings it held
	as collateral; otherwise Aktif, holding them (again, when a cancelled repayment re-opens it)."""
	values = balance_of_rows(schedule_of(loan), closed_on)
	table = frappe.qb.DocType("Member Loan")
	query = frappe.qb.update(table).where(table.name == loan)
	for fieldname, value in values.items():
		query = query.set(table[fieldname], value)
	query.run()
	if values["status"] == PAID_OFF:
		release_savings_hold(loan)
	else:
		place_savings_hold(loan)
	return values


def balance_of_rows(rows, closed_on=None) -> dict:
	"""The loan's balance fields and status from its schedule rows (dicts or documents' rows)."""
	values = {
		"outstanding_principal": sum(flt(r.principal) - flt(r.paid_principal) for r in rows),
		"outstanding_interest": sum(
			flt(r.interest) - flt(r.paid_interest) - flt(r.waived_interest) for r in rows
		),
		"paid_principal": sum(flt(r.paid_principal) for r in rows),
		"paid_interest": sum(flt(r.paid_interest) for r in rows),
		"paid_denda": sum(flt(r.paid_denda) for r in rows),
	}
	open_denda = sum(flt(r.denda) - flt(r.paid_denda) for r in rows)
	settled = values["outstanding_principal"] + values["outstanding_interest"] + open_denda == 0
	values["status"] = PAID_OFF if settled else ACTIVE
	values["closed_on"] = getdate(closed_on) if settled else None
	return values


def set_accrued_interest(amounts: dict[str, int]) -> None:
	"""Set `accrued_interest` of schedule rows ({row name: rupiah}) in one UPDATE per distinct amount (a
	month's accrual of thousands of loans shares few amounts); the caller holds the loans' locks."""
	by_amount: dict[int, list[str]] = {}
	for name, amount in amounts.items():
		by_amount.setdefault(whole_rupiah(amount), []).append(name)
	s = frappe.qb.DocType(SCHEDULE)
	for amount, names in by_amount.items():
		for start in range(0, len(names), 5000):
			(
				frappe.qb.update(s)
				.set(s.accrued_interest, amount)
				.where(s.name.isin(names[start : start + 5000]))
			).run()


def accrued_interest_open(loan: str) -> int:
	"""Interest of the loan the monthly accrual put into interest receivable and no repayment has settled
	yet: what a write-off (or anything else that closes the loan without a repayment) takes back out of
	interest receivable."""
	return sum(
		accrued_open(
			whole_rupiah(flt(r.accrued_interest)),
			whole_rupiah(flt(r.interest))
			- whole_rupiah(flt(r.paid_interest))
			- whole_rupiah(flt(r.waived_interest)),
		)
		for r in schedule_of(loan)
	)
