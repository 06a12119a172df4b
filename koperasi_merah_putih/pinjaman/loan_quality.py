# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The daily loan run: days past due, denda accrual and kolektibilitas of every active Member Loan.

Day ranges and PPAP percents come from Cooperative Settings (Loans tab), falling back to the calculators'
defaults (:mod:`koperasi_merah_putih.calculators.kolektibilitas`) for a value never set. The arithmetic is
the calculators': ``days_past_due``, ``classify``, ``is_non_accrual`` and ``penalty_between``.

Denda: each loan remembers the day it was last run (``denda_accrued_to``); a run for a later day adds, on
every overdue instalment, ``penalty_between(unpaid principal + interest, days late then, days late now)``
to the instalment's denda (written for all loans at once, see Bulk below), so
running the same day twice adds nothing and daily increments add up to the cumulative figure. Denda is
income when paid (the repayment posts it); the run itself posts nothing to the GL.

Bulk: the active loans, their schedules and their products are read with a few queries for all loans,
under locks taken in the same order a repayment takes them (loan rows, then schedule rows). Each loan's
day is then computed in Python (:func:`loan_day`, nothing written yet): a loan whose computation fails is
logged in the Error Log and left as it was, for the next run to pick up. What the others got (denda on
their schedule rows; days past due, class, non-accrual and last run on the loans) is written with a few
set-based UPDATEs (:func:`~koperasi_merah_putih.utils.db.update_rows`), all of it or nothing.

Not yet done (next slice): the monthly interest accrual against interest receivable
(``calculators.loans.monthly_accrual`` / ``interest_receipt_split``). It needs the repayment to credit the
accrued receivable first and income only for the rest, and a non-accrual loan (``non_accrual`` set here)
to stop accruing and recognise interest on payment; both sides must land together.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.calculators.loans import penalty_between
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import SettingsError
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	SCHEDULE,
	dues_of_rows,
	lock_loans,
	schedules_of,
)
from koperasi_merah_putih.utils.db import update_rows

# Cooperative Settings field where each class after Lancar starts, in range order.
CLASS_START_FIELDS = (
	(kol.DALAM_PERHATIAN_KHUSUS, "dpk_from_days"),
	(kol.KURANG_LANCAR, "kurang_lancar_from_days"),
	(kol.DIRAGUKAN, "diragukan_from_days"),
	(kol.MACET, "macet_from_days"),
)
PPAP_FIELDS = (
	(kol.LANCAR, "ppap_lancar_percent"),
	(kol.DALAM_PERHATIAN_KHUSUS, "ppap_dpk_percent"),
	(kol.KURANG_LANCAR, "ppap_kurang_lancar_percent"),
	(kol.DIRAGUKAN, "ppap_diragukan_percent"),
	(kol.MACET, "ppap_macet_percent"),
)
CLASSES = tuple(r.name for r in kol.DEFAULT_RANGES)
DENDA_MODES = {
	"Percent per Day": "percent_per_day",
	"Percent per Month": "percent_per_month",
	"Fixed Amount": "fixed",
}
RANGE_PROBLEMS = {
	"first_not_zero": lambda d: _("{0} must start at 0 days").format(_(d["name"])),
	"gap_or_overlap": lambda d: _(
		"{0} must start at {1} days, the day after the class before it ends"
	).format(_(d["name"]), d["expected"]),
	"max_before_min": lambda d: _("{0} would end before it starts").format(_(d["name"])),
}


def _settings_values() -> dict:
	return frappe.db.get_singles_dict("Cooperative Settings", cast=False)


def _value(values: dict, fieldname: str, default):
	value = values.get(fieldname)
	return default if value in (None, "") else value


def ranges_from(values: dict) -> list[kol.DayRange]:
	"""The day ranges set in Cooperative Settings (a class starts where the next one ends). A start left
	empty or 0 (never valid: only Lancar starts at 0 days) takes the default."""
	defaults = {r.name: r.min_days for r in kol.DEFAULT_RANGES}
	starts = [(kol.LANCAR, 0)] + [
		(name, cint(_value(values, field, 0)) or defaults[name]) for name, field in CLASS_START_FIELDS
	]
	ranges = []
	for index, (name, start) in enumerate(starts):
		end = starts[index + 1][1] - 1 if index + 1 < len(starts) else None
		ranges.append(kol.DayRange(name, start, end))
	return ranges


def percents_from(values: dict) -> dict[str, Decimal]:
	"""The PPAP percents set in Cooperative Settings; all of them empty or 0 (settings saved before these
	fields existed hold 0) means the defaults, otherwise each as entered (0% is a valid choice)."""
	if not any(flt(_value(values, field, 0)) for _name, field in PPAP_FIELDS):
		return dict(kol.DEFAULT_PPAP_PERCENTS)
	return {name: Decimal(str(flt(_value(values, field, 0)))) for name, field in PPAP_FIELDS}


def check_settings(values: dict | None = None) -> tuple[list[kol.DayRange], dict[str, Decimal]]:
	"""The ranges and PPAP percents of Cooperative Settings, or :class:`SettingsError` saying what to fix."""
	values = _settings_values() if values is None else values
	ranges = ranges_from(values)
	problems = kol.check_ranges(ranges)
	if problems:
		reasons = "; ".join(
			RANGE_PROBLEMS[code](params) if code in RANGE_PROBLEMS else code for code, params in problems
		)
		frappe.throw(
			_(
				"Kolektibilitas day ranges in Cooperative Settings: {0}. Make each class start later than "
				"the one before it (Dalam Perhatian Khusus from 1 day or more)."
			).format(reasons),
			SettingsError,
			title=_("Kolektibilitas"),
		)
	percents = percents_from(values)
	for name, percent in percents.items():
		if percent < 0 or percent > 100:
			frappe.throw(
				_("PPAP for {0} must be between 0 and 100%; correct it in Cooperative Settings.").format(
					_(name)
				),
				SettingsError,
				title=_("Kolektibilitas"),
			)
	return ranges, percents


def run_daily(on=None) -> dict:
	"""Scheduled (daily), or called for a given date: denda, days past due and kolektibilitas of every
	active loan as of `on` (default today). Returns {"loans": how many were updated, "failed": [names]}."""
	as_of = getdate(on or today())
	ranges, _percents = check_settings()
	ml = frappe.qb.DocType("Member Loan")
	loans = (
		frappe.qb.from_(ml)
		.select(ml.name, ml.loan_product, ml.denda_accrued_to, ml.posting_date, ml.kolektibilitas_floor)
		.where((ml.docstatus == 1) & (ml.status == ACTIVE) & (ml.posting_date <= as_of))
		.orderby(ml.name)
	).run(as_dict=True)
	if not loans:
		return {"loans": 0, "failed": []}
	names = [loan.name for loan in loans]
	lock_loans(names)
	# an instalment not yet past due adds neither denda nor days past due: only the rows due by `as_of`
	rows = schedules_of(names, for_update=True, due_to=as_of)
	products = {
		p.name: p
		for p in frappe.get_all(
			"Member Loan Product",
			filters={"name": ["in", list({loan.loan_product for loan in loans})]},
			fields=["name", "denda_mode", "denda_rate", "denda_amount", "denda_grace_days"],
		)
	}
	denda, quality, failed = {}, {}, []
	for loan in loans:
		try:
			day = loan_day(loan, rows.get(loan.name, []), products.get(loan.loan_product), as_of, ranges)
		except Exception:
			failed.append(loan.name)
			frappe.log_error(
				title=_("Daily loan run for {0} failed").format(loan.name),
				reference_doctype="Member Loan",
				reference_name=loan.name,
			)
			continue
		denda.update({row: [amount] for row, amount in day.denda.items()})
		quality[loan.name] = [day.days_past_due, day.kolektibilitas, day.non_accrual, day.denda_accrued_to]
	update_rows(SCHEDULE, ["denda"], denda, add=("denda",))
	update_rows(
		"Member Loan", ["days_past_due", "kolektibilitas", "non_accrual", "denda_accrued_to"], quality
	)
	return {"loans": len(quality), "failed": failed}


class LoanDay(NamedTuple):
	"""What the daily run writes for one loan: denda to add per schedule row name, and the loan's fields."""

	denda: dict[str, int]
	days_past_due: int
	kolektibilitas: str
	non_accrual: int
	denda_accrued_to: date


def denda_increments(rows, product, last_run: date | None, as_of: date, dues=None) -> dict[int, int]:
	"""Denda each overdue instalment accrues from the last run (or its due date) up to `as_of`; `dues`
	are the rows' open instalments when the caller already has them (:func:`dues_of_rows`)."""
	if not product or not product.denda_mode or (last_run and as_of <= last_run):
		return {}
	mode = DENDA_MODES[product.denda_mode]
	rate = flt(product.denda_amount) if mode == "fixed" else flt(product.denda_rate)
	grace = cint(product.denda_grace_days)
	increments = {}
	for due in dues_of_rows(rows) if dues is None else dues:
		unpaid = due.principal + due.interest
		to_days = (as_of - due.due_date).days
		if unpaid <= 0 or to_days <= 0:
			continue
		from_days = max((last_run - due.due_date).days, 0) if last_run else 0
		amount = penalty_between(unpaid, from_days, to_days, mode, rate, grace)
		if amount:
			increments[due.number] = amount
	return increments


def loan_day(loan, rows, product, as_of: date, ranges) -> LoanDay:
	"""One loan's day, computed and not written: the denda its overdue instalments accrue since the last
	run, then its days past due, class and non-accrual (the open instalments are read once for both)."""
	last_run = getdate(loan.denda_accrued_to) if loan.denda_accrued_to else None
	dues = dues_of_rows(rows)
	increments = denda_increments(rows, product, last_run, as_of, dues)
	row_names = {int(r.instalment): r.name for r in rows}
	dpd = kol.days_past_due(dues, as_of)
	grade = kol.no_better_than(kol.classify(dpd, ranges), loan.get("kolektibilitas_floor"), ranges)
	return LoanDay(
		denda={row_names[number]: whole_rupiah(amount) for number, amount in increments.items()},
		days_past_due=dpd,
		kolektibilitas=grade,
		non_accrual=int(kol.is_non_accrual(grade, ranges)),
		denda_accrued_to=as_of if not last_run or as_of > last_run else last_run,
	)


def portfolio_by_class(company: str) -> dict[str, dict]:
	"""Active loans' outstanding principal and count per kolektibilitas class (as the last daily run left
	them), every class present: {class: {"outstanding": rupiah, "count": n}}."""
	ml = frappe.qb.DocType("Member Loan")
	rows = (
		frappe.qb.from_(ml)
		.select(ml.kolektibilitas, ml.outstanding_principal)
		.where((ml.docstatus == 1) & (ml.status == ACTIVE) & (ml.company == company))
	).run(as_dict=True)
	result = {name: {"outstanding": 0, "count": 0} for name in CLASSES}
	for row in rows:
		entry = result[row.kolektibilitas or kol.LANCAR]
		entry["outstanding"] += whole_rupiah(flt(row.outstanding_principal))
		entry["count"] += 1
	return result
