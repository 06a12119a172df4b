"""Member-loan arithmetic (pinjaman) and the cooperative's own borrowings, without Frappe.

Conventions shared by every function here:

* Money is whole rupiah (``int``). Amounts read back from the database (floats such as ``1000.0``) go
  through :func:`~koperasi_merah_putih.calculators.money.whole_rupiah`, which refuses fractions. Every
  computed amount (interest, fees, denda) is worked out in ``Decimal`` and rounded half-up once with
  :func:`~koperasi_merah_putih.calculators.money.round_rupiah`; nothing is truncated.
* Rates are percent per year (``Decimal``, ``int``, ``float`` or ``str``; floats go through ``str``).
  The rate of one period is ``annual / 100 / 12`` for monthly loans and ``annual / 100 / 52`` for weekly
  loans (a week is 1/52 of a year, not 7/365), whatever the number of days in the period.
* Dates are ``datetime.date``.
* Refusals of bad input raise :class:`LoanInputError` (a ``ValueError``) with a stable ``code`` and
  ``params``; checks that report several problems at once (eligibility, borrowing terms) return a list of
  :class:`LoanProblem` instead. A controller maps codes to a translated message and a named exception.

Kolektibilitas, days past due, PPAP and NPL live in :mod:`koperasi_merah_putih.calculators.kolektibilitas`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from koperasi_merah_putih.calculators.money import Number, round_rupiah, to_decimal, whole_rupiah
from koperasi_merah_putih.calculators.problems import CalculatorInputError, Problem, as_amount, get_field
from koperasi_merah_putih.calculators.savings import check_rate_cap

__all__ = [
	"COMPONENTS",
	"FREQUENCIES",
	"GRACE_TYPES",
	"HIMBARA_CEILINGS",
	"METHODS",
	"PAYOFF_RULES",
	"PENALTY_MODES",
	"STATUTORY_LOAN_RATE_CAP",
	"AllocationLine",
	"BorrowingCeilings",
	"Due",
	"Instalment",
	"LoanInputError",
	"LoanProblem",
	"Payoff",
	"PayoffLine",
	"RepaymentAllocation",
	"Restructure",
	"accrued_interest",
	"add_months_clamped",
	"allocate_repayment",
	"annuity_payment",
	"build_schedule",
	"check_borrowing_terms",
	"check_eligibility",
	"check_rate_cap",
	"complete_months",
	"due_dates",
	"fee_amount",
	"interest_receipt_split",
	"monthly_accrual",
	"payoff_amount",
	"penalty",
	"penalty_between",
	"period_rate",
	"plafon",
	"rate_problems",
	"restructure",
	"schedule_totals",
]

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)

FREQUENCIES: dict[str, int] = {"monthly": 12, "weekly": 52}
"""Periods per year of each instalment frequency."""
METHODS = ("flat", "efektif", "anuitas")
GRACE_TYPES = ("interest_only", "none_due")
COMPONENTS = ("denda", "interest", "principal")
"""The parts of an instalment, in the default repayment order."""
PAYOFF_RULES = ("all_interest", "interest_to_date", "current_period_interest", "n_months_interest")
PENALTY_MODES = ("percent_per_day", "percent_per_month", "fixed")
PENALTY_MONTH_DAYS = 30
"""Length of a denda month for ``percent_per_month``: each started block of 30 late days is one month."""
STATUTORY_LOAN_RATE_CAP = Decimal(24)
"""Permenkop UKM 8/2023: loan interest at most 24% a year (the live value is in Cooperative Settings)."""


# ---------------------------------------------------------------------------------------------------------
# Errors and problems


LoanProblem = Problem  # the loan calculators' name for it


class LoanInputError(CalculatorInputError):
	"""Bad input to a loan calculator; ``code`` is stable (see each function), ``params`` give the values."""


def _amount(value: Number | str, name: str, *, positive: bool = False) -> int:
	"""``value`` as whole rupiah; ``negative_amount`` / ``amount_not_positive`` / ``not_whole_rupiah``."""
	return as_amount(value, name, positive=positive, error=LoanInputError)


def _rate(value: Number | str, name: str = "annual_rate") -> Decimal:
	rate = to_decimal(value)
	if rate < 0:
		raise LoanInputError("negative_rate", field=name, value=value)
	return rate


_field = get_field


# ---------------------------------------------------------------------------------------------------------
# Rate cap and fees


def rate_problems(
	annual_rate: Number | str, cap: Number | str = STATUTORY_LOAN_RATE_CAP
) -> list[LoanProblem]:
	"""Problems with a loan rate: ``negative_rate`` or ``rate_over_cap`` (``{"rate", "cap"}``).

	The comparison is :func:`koperasi_merah_putih.calculators.savings.check_rate_cap` (rate <= cap, exact
	``Decimal``), re-exported here as ``check_rate_cap`` so loan code need not import savings.
	"""
	rate = to_decimal(annual_rate)
	if rate < 0:
		return [LoanProblem("negative_rate", {"rate": rate})]
	if not check_rate_cap(rate, cap):
		return [LoanProblem("rate_over_cap", {"rate": rate, "cap": to_decimal(cap)})]
	return []


def fee_amount(principal: Number, percent: Number | str | None = None, amount: Number | None = None) -> int:
	"""Administration fee or provisi: ``percent`` of the principal or a fixed ``amount`` (at most one).

	Rounding: ``round_rupiah(principal * percent / 100)`` (half-up, once). A fixed amount must be whole
	rupiah. Neither given (or both ``None``/empty) means no fee: ``0``. Raises :class:`LoanInputError`
	``fee_percent_and_amount`` when both are given (non-zero), ``negative_rate``/``negative_amount`` for
	negatives.
	"""
	principal = _amount(principal, "principal")
	has_percent = percent not in (None, "") and to_decimal(percent) != 0
	has_amount = amount not in (None, "") and to_decimal(amount) != 0
	if has_percent and has_amount:
		raise LoanInputError("fee_percent_and_amount", percent=percent, amount=amount)
	if has_percent:
		return round_rupiah(principal * _rate(percent, "percent") / _HUNDRED)
	if has_amount:
		return _amount(amount, "amount")
	return 0


# ---------------------------------------------------------------------------------------------------------
# Dates


def add_months_clamped(anchor: date, months: int) -> date:
	"""``anchor`` shifted by ``months`` keeping the anchor's day, clamped to the month's last day.

	Always computed from the anchor, so 31 Jan -> 28/29 Feb -> 31 Mar (the day is not lost in February).
	"""
	index = anchor.year * 12 + anchor.month - 1 + months
	year, month0 = divmod(index, 12)
	month = month0 + 1
	return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def complete_months(start: date, end: date) -> int:
	"""Whole months from ``start`` to ``end`` (e.g. months of membership); 0 when ``end`` is before.

	A month is complete on the same day of a later month (clamped: 31 Jan -> 28 Feb is one month).
	"""
	if end <= start:
		return 0
	months = (end.year - start.year) * 12 + end.month - start.month
	if add_months_clamped(start, months) > end:
		months -= 1
	return months


def _check_frequency(frequency: str) -> int:
	if frequency not in FREQUENCIES:
		raise LoanInputError("unknown_frequency", frequency=frequency, expected=tuple(FREQUENCIES))
	return FREQUENCIES[frequency]


def _shift(anchor: date, periods: int, frequency: str) -> date:
	if frequency == "weekly":
		return anchor + timedelta(days=7 * periods)
	return add_months_clamped(anchor, periods)


def due_dates(
	count: int,
	frequency: str = "monthly",
	*,
	start_date: date | None = None,
	first_due_date: date | None = None,
) -> list[date]:
	"""Due dates of ``count`` instalments.

	Monthly: the same day of month as the anchor, clamped to the month end (31 Jan -> 28/29 Feb -> 31 Mar);
	weekly: every 7 days. The anchor is ``first_due_date`` when given (it is instalment 1), otherwise
	``start_date`` (disbursement) and instalment 1 falls one period after it. Raises
	:class:`LoanInputError` ``start_date_required`` or ``first_due_not_after_start``.
	"""
	_check_frequency(frequency)
	if first_due_date is None and start_date is None:
		raise LoanInputError("start_date_required")
	if first_due_date is not None and start_date is not None and first_due_date <= start_date:
		raise LoanInputError(
			"first_due_not_after_start", start_date=start_date, first_due_date=first_due_date
		)
	if first_due_date is not None:
		return [_shift(first_due_date, k, frequency) for k in range(count)]
	assert start_date is not None
	return [_shift(start_date, k + 1, frequency) for k in range(count)]


# ---------------------------------------------------------------------------------------------------------
# Schedules


@dataclass(frozen=True)
class Instalment:
	"""One row of a repayment schedule (whole rupiah).

	``outstanding`` is the principal still owed after this instalment is paid; ``period_start`` is the day
	the period's interest starts (disbursement or the previous due date); ``grace`` is ``""`` for a
	regular instalment or the grace type; ``capitalised`` is interest added to the principal in this
	period (only ``none_due`` grace with ``capitalise_grace_interest``; it is not part of ``total``).
	"""

	number: int
	due_date: date
	principal: int
	interest: int
	total: int
	outstanding: int
	period_start: date
	grace: str = ""
	capitalised: int = 0

	def as_dict(self) -> dict:
		"""Plain dict, e.g. to ``doc.append("schedule", row.as_dict())``."""
		return asdict(self)


def period_rate(annual_rate: Number | str, frequency: str = "monthly") -> Decimal:
	"""Interest rate of one period as a fraction: ``annual / 100 / 12`` (monthly) or ``/ 52`` (weekly)."""
	return _rate(annual_rate) / _HUNDRED / _check_frequency(frequency)


def annuity_payment(principal: Number, rate_per_period: Decimal, periods: int) -> Decimal:
	"""Exact (unrounded) annuity instalment ``P * r / (1 - (1 + r) ** -n)``; ``P / n`` when ``r == 0``.

	Equals ``-numpy_financial.pmt(r, n, P)``.
	"""
	if periods < 1:
		raise LoanInputError("tenor_out_of_range", tenor=periods, minimum=1)
	p = to_decimal(principal)
	if rate_per_period == 0:
		return p / periods
	return p * rate_per_period / (1 - (1 + rate_per_period) ** -periods)


def _amortise(method: str, base: int, r: Decimal, periods: int) -> list[tuple[int, int]]:
	"""``(principal, interest)`` of each amortising period of ``base`` over ``periods``; last absorbs."""
	if method == "anuitas":
		payment = round_rupiah(annuity_payment(base, r, periods))
		parts = []
		balance = base
		for k in range(periods):
			interest = round_rupiah(balance * r)
			paid = balance if k == periods - 1 else min(max(payment - interest, 0), balance)
			parts.append((paid, interest))
			balance -= paid
		return parts

	equal = round_rupiah(Decimal(base) / periods)
	last = base - equal * (periods - 1)
	if last < 0:
		raise LoanInputError("principal_too_small", principal=base, periods=periods)
	principals = [equal] * (periods - 1) + [last]
	if method == "flat":
		interest = round_rupiah(base * r)
		return [(p, interest) for p in principals]
	parts = []
	balance = base
	for paid in principals:
		parts.append((paid, round_rupiah(balance * r)))
		balance -= paid
	return parts


def build_schedule(
	principal: Number,
	annual_rate: Number | str,
	tenor: int,
	*,
	frequency: str = "monthly",
	method: str = "flat",
	start_date: date | None = None,
	first_due_date: date | None = None,
	grace_periods: int = 0,
	grace_type: str = "interest_only",
	capitalise_grace_interest: bool = False,
) -> list[Instalment]:
	"""The repayment schedule of a loan (or of a borrowing, on the payable side).

	``tenor`` is the number of instalments *including* the ``grace_periods`` (so a 12-month loan with 3
	months of grace has 3 grace rows and 9 amortising rows). ``r`` is :func:`period_rate`: annual / 12 per
	month, annual / 52 per week. Interest is per period, never per day, also for a first period set by
	``first_due_date``. Due dates: see :func:`due_dates`.

	Methods (the principal ``B`` amortised is the loan principal plus any capitalised grace interest):

	* ``flat`` (bunga tetap): interest ``round_rupiah(B * r)`` in every amortising period, the same
		amount each time (so the total interest is ``n * round_rupiah(B * r)``, as printed for the member);
		principal ``round_rupiah(B / n)``.
	* ``efektif`` (menurun): principal ``round_rupiah(B / n)``; interest ``round_rupiah(balance * r)`` on
		the balance before the instalment.
	* ``anuitas``: instalment ``round_rupiah(annuity_payment(B, r, n))`` (= ``round_rupiah(-pmt)``);
		interest ``round_rupiah(balance * r)``, principal the instalment minus the interest.

	Rounding: every amount is whole rupiah, rounded half-up per row; the *last* instalment's principal is
	whatever is left, so the principal parts sum exactly to ``B`` and the rows' totals sum exactly to the
	principal parts plus the interest parts (for anuitas the last instalment therefore differs from the
	others by the accumulated rounding). Zero rate gives zero interest.

	Grace (the first ``grace_periods`` rows, principal 0):

	* ``interest_only``: the period's interest is due (``round_rupiah(principal * r)``).
	* ``none_due``: nothing is due and, by default, no interest is charged for those periods (waived, not
		deferred: the common cooperative practice). With ``capitalise_grace_interest`` the period's interest
		is added to the principal instead (row field ``capitalised``): simple interest on the original
		principal for flat, compounding on the balance for efektif and anuitas. Then
		``sum(principal parts) == principal + sum(capitalised)``.

	Raises :class:`LoanInputError`: ``amount_not_positive``/``negative_amount``/``not_whole_rupiah``
	(principal), ``negative_rate``, ``unknown_frequency``, ``unknown_method``, ``unknown_grace_type``,
	``tenor_out_of_range`` (tenor < 1), ``grace_out_of_range`` (grace < 0 or >= tenor),
	``start_date_required``, ``first_due_not_after_start``, ``principal_too_small`` (fewer rupiah than
	can be split into the instalments).
	"""
	principal = _amount(principal, "principal", positive=True)
	r = period_rate(annual_rate, frequency)
	if method not in METHODS:
		raise LoanInputError("unknown_method", method=method, expected=METHODS)
	if grace_type not in GRACE_TYPES:
		raise LoanInputError("unknown_grace_type", grace_type=grace_type, expected=GRACE_TYPES)
	if isinstance(tenor, bool) or not isinstance(tenor, int) or tenor < 1:
		raise LoanInputError("tenor_out_of_range", tenor=tenor, minimum=1)
	if (
		isinstance(grace_periods, bool)
		or not isinstance(grace_periods, int)
		or not 0 <= grace_periods < tenor
	):
		raise LoanInputError("grace_out_of_range", grace_periods=grace_periods, tenor=tenor)

	dates = due_dates(tenor, frequency, start_date=start_date, first_due_date=first_due_date)
	starts = [start_date or _shift(dates[0], -1, frequency), *dates[:-1]]

	rows: list[Instalment] = []
	balance = principal
	for k in range(grace_periods):
		interest = capitalised = 0
		if grace_type == "interest_only":
			interest = round_rupiah(principal * r)
		elif capitalise_grace_interest:
			capitalised = round_rupiah((principal if method == "flat" else balance) * r)
			balance += capitalised
		rows.append(
			Instalment(k + 1, dates[k], 0, interest, interest, balance, starts[k], grace_type, capitalised)
		)

	for k, (paid, interest) in enumerate(_amortise(method, balance, r, tenor - grace_periods), grace_periods):
		balance -= paid
		rows.append(Instalment(k + 1, dates[k], paid, interest, paid + interest, balance, starts[k]))
	return rows


def schedule_totals(rows: Iterable[Any]) -> dict[str, int]:
	"""Sums of a schedule: ``{"principal", "interest", "total", "capitalised", "instalments"}``.

	Rows are :class:`Instalment` objects, dicts or Frappe child rows (amounts whole rupiah).
	"""
	totals = {"principal": 0, "interest": 0, "total": 0, "capitalised": 0, "instalments": 0}
	for row in rows:
		for key in ("principal", "interest", "total", "capitalised"):
			totals[key] += whole_rupiah(_field(row, key) or 0)
		totals["instalments"] += 1
	return totals


# ---------------------------------------------------------------------------------------------------------
# Eligibility


def plafon(
	savings_balance: Number = 0,
	multiple: Number | str | None = None,
	absolute_max: Number | None = None,
) -> int | None:
	"""Maximum loan: the lower of ``multiple * savings_balance`` (half-up) and ``absolute_max``.

	Either limit may be ``None`` (or 0) to leave it out; ``None`` when neither applies (no limit).
	"""
	limits = []
	if multiple not in (None, "") and to_decimal(multiple) != 0:
		limits.append(round_rupiah(_rate(multiple, "multiple") * max(whole_rupiah(savings_balance), 0)))
	if absolute_max not in (None, "") and to_decimal(absolute_max) != 0:
		limits.append(_amount(absolute_max, "absolute_max"))
	return min(limits) if limits else None


def check_eligibility(
	*,
	member_active: bool,
	amount: Number,
	months_of_membership: int = 0,
	min_months: int = 0,
	savings_balance: Number = 0,
	plafon_multiple: Number | str | None = None,
	absolute_max: Number | None = None,
	min_amount: Number | None = None,
	tenor: int | None = None,
	min_tenor: int | None = None,
	max_tenor: int | None = None,
	annual_rate: Number | str | None = None,
	rate_cap: Number | str | None = None,
	borrower: str | None = None,
	guarantor_required: bool = False,
	guarantor: str | None = None,
	guarantor_active: bool | None = None,
	collateral_required: bool = False,
	has_collateral: bool = False,
	hold_amount: Number = 0,
	available_savings: Number | None = None,
	open_loans: int = 0,
	max_open_loans: int | None = None,
) -> list[LoanProblem]:
	"""Every reason a member may not borrow ``amount`` (empty list = eligible), as :class:`LoanProblem`.

	Codes and params (in this order):

	* ``member_not_active`` -- closed loop: only active members borrow (UU 4/2023).
	* ``membership_too_short`` ``{months, min_months}``.
	* ``amount_not_positive`` ``{amount}`` (other amount checks are skipped).
	* ``amount_below_minimum`` ``{amount, minimum}``.
	* ``amount_over_plafon`` ``{amount, plafon, savings_balance, multiple, absolute_max}`` --
		:func:`plafon` (the lower of ``plafon_multiple * savings_balance`` and ``absolute_max``).
	* ``tenor_out_of_range`` ``{tenor, minimum, maximum}`` (checked when ``tenor`` is given).
	* ``negative_rate`` / ``rate_over_cap`` ``{rate, cap}`` (checked when both rate and cap are given).
	* ``guarantor_required`` -- none given although the product requires one.
	* ``guarantor_is_borrower`` -- the guarantor is the borrower (compared as given, e.g. member IDs).
	* ``guarantor_not_active`` -- ``guarantor_active`` is False.
	* ``collateral_required``.
	* ``savings_hold_insufficient`` ``{hold_amount, available}`` -- the savings to hold exceed what is
		available (checked when ``hold_amount`` > 0 and ``available_savings`` is given).
	* ``too_many_open_loans`` ``{open_loans, maximum}``.
	"""
	problems: list[LoanProblem] = []
	if not member_active:
		problems.append(LoanProblem("member_not_active"))
	if min_months and months_of_membership < min_months:
		problems.append(
			LoanProblem("membership_too_short", {"months": months_of_membership, "min_months": min_months})
		)

	value = to_decimal(amount)
	if value <= 0:
		problems.append(LoanProblem("amount_not_positive", {"amount": amount}))
	else:
		if min_amount and value < to_decimal(min_amount):
			problems.append(LoanProblem("amount_below_minimum", {"amount": amount, "minimum": min_amount}))
		limit = plafon(savings_balance, plafon_multiple, absolute_max)
		if limit is not None and value > limit:
			problems.append(
				LoanProblem(
					"amount_over_plafon",
					{
						"amount": amount,
						"plafon": limit,
						"savings_balance": savings_balance,
						"multiple": plafon_multiple,
						"absolute_max": absolute_max,
					},
				)
			)

	if tenor is not None and (
		tenor < 1 or (min_tenor and tenor < min_tenor) or (max_tenor and tenor > max_tenor)
	):
		problems.append(
			LoanProblem("tenor_out_of_range", {"tenor": tenor, "minimum": min_tenor, "maximum": max_tenor})
		)

	if annual_rate not in (None, "") and rate_cap not in (None, ""):
		problems.extend(rate_problems(annual_rate, rate_cap))

	if guarantor_required and not guarantor:
		problems.append(LoanProblem("guarantor_required"))
	if guarantor and borrower and guarantor == borrower:
		problems.append(LoanProblem("guarantor_is_borrower"))
	elif guarantor and guarantor_active is False:
		problems.append(LoanProblem("guarantor_not_active"))
	if collateral_required and not has_collateral:
		problems.append(LoanProblem("collateral_required"))

	hold = to_decimal(hold_amount or 0)
	if hold > 0 and available_savings is not None and hold > to_decimal(available_savings):
		problems.append(
			LoanProblem(
				"savings_hold_insufficient", {"hold_amount": hold_amount, "available": available_savings}
			)
		)
	if max_open_loans is not None and open_loans >= max_open_loans:
		problems.append(
			LoanProblem("too_many_open_loans", {"open_loans": open_loans, "maximum": max_open_loans})
		)
	return problems


# ---------------------------------------------------------------------------------------------------------
# Denda


def _penalty_days(days_late: int, grace_days: int, count_from_due_date: bool) -> int:
	if days_late <= grace_days:
		return 0
	return days_late if count_from_due_date else days_late - grace_days


def penalty(
	overdue_amount: Number,
	days_late: int,
	mode: str,
	rate_or_amount: Number | str,
	grace_days: int = 0,
	*,
	count_from_due_date: bool = False,
	cap: Number | None = None,
) -> int:
	"""Cumulative denda on one overdue instalment after ``days_late`` days.

	Nothing is charged while ``days_late <= grace_days``. After that the charged days are
	``days_late - grace_days`` (grace days are free), or all ``days_late`` with ``count_from_due_date``.

	* ``percent_per_day``: ``round_rupiah(overdue * rate / 100 * days)``.
	* ``percent_per_month``: per *started* month of 30 charged days (day 1..30 = 1 month, 31..60 = 2):
		``round_rupiah(overdue * rate / 100 * months)``.
	* ``fixed``: ``rate_or_amount`` rupiah once per overdue instalment, when the grace days are over.

	Rounding: once, half-up, on the cumulative figure (never per day), then limited to ``cap`` when given.
	A daily run books ``penalty_between(...)`` (the increase since the last run) so the sum never drifts.
	``overdue_amount`` is the unpaid principal + interest of the instalment.
	Raises :class:`LoanInputError` ``unknown_penalty_mode``, ``negative_days``, ``negative_rate``,
	``negative_amount``.
	"""
	if mode not in PENALTY_MODES:
		raise LoanInputError("unknown_penalty_mode", mode=mode, expected=PENALTY_MODES)
	if days_late < 0 or grace_days < 0:
		raise LoanInputError("negative_days", days_late=days_late, grace_days=grace_days)
	overdue = _amount(overdue_amount, "overdue_amount")
	days = _penalty_days(days_late, grace_days, count_from_due_date)
	if days == 0 or overdue == 0:
		return 0
	if mode == "fixed":
		result = _amount(rate_or_amount, "rate_or_amount")
	else:
		rate = _rate(rate_or_amount, "rate_or_amount")
		units = days if mode == "percent_per_day" else -(-days // PENALTY_MONTH_DAYS)
		result = round_rupiah(overdue * rate * units / _HUNDRED)
	if cap not in (None, ""):
		result = min(result, _amount(cap, "cap"))
	return result


def penalty_between(
	overdue_amount: Number,
	from_days: int,
	to_days: int,
	mode: str,
	rate_or_amount: Number | str,
	grace_days: int = 0,
	**options: Any,
) -> int:
	"""Denda that accrues between ``from_days`` and ``to_days`` late on the same overdue amount.

	``penalty(to_days) - penalty(from_days)`` (same rounding and options), so daily increments add up
	exactly to the cumulative figure. Raises ``LoanInputError("days_backwards")`` when to < from.
	"""
	if to_days < from_days:
		raise LoanInputError("days_backwards", from_days=from_days, to_days=to_days)
	return penalty(overdue_amount, to_days, mode, rate_or_amount, grace_days, **options) - penalty(
		overdue_amount, max(from_days, 0), mode, rate_or_amount, grace_days, **options
	)


# ---------------------------------------------------------------------------------------------------------
# Repayment allocation and payoff


@dataclass(frozen=True)
class Due:
	"""An open instalment: what is still owed on it (whole rupiah).

	``scheduled_interest`` is the instalment's interest in the schedule (defaults to ``interest``: nothing
	paid yet) and ``period_start`` the start of its interest period; both matter only for
	``interest_to_date`` payoffs.
	"""

	number: int
	due_date: date
	principal: int = 0
	interest: int = 0
	denda: int = 0
	scheduled_interest: int | None = None
	period_start: date | None = None

	@property
	def outstanding(self) -> int:
		return self.principal + self.interest + self.denda

	@classmethod
	def from_instalment(
		cls, row: Any, paid_principal: Number = 0, paid_interest: Number = 0, denda: Number = 0
	) -> Due:
		"""The open part of a schedule row (an :class:`Instalment`, dict or Frappe child row)."""
		principal = whole_rupiah(_field(row, "principal") or 0)
		interest = whole_rupiah(_field(row, "interest") or 0)
		return cls(
			number=int(_field(row, "number")),
			due_date=_field(row, "due_date"),
			principal=principal - whole_rupiah(paid_principal),
			interest=interest - whole_rupiah(paid_interest),
			denda=whole_rupiah(denda),
			scheduled_interest=interest,
			period_start=_field(row, "period_start"),
		)


@dataclass
class AllocationLine:
	"""What one repayment pays on one instalment; ``advance`` when the instalment is not yet due."""

	number: int
	due_date: date
	denda: int = 0
	interest: int = 0
	principal: int = 0
	advance: bool = False
	closes: bool = False

	@property
	def total(self) -> int:
		return self.denda + self.interest + self.principal


@dataclass
class RepaymentAllocation:
	"""Result of :func:`allocate_repayment`: per-instalment lines (oldest first) and ``unapplied``.

	``unapplied`` is money left after every open instalment is paid (only with ``allow_advance``): an
	advance the controller keeps for the member (e.g. as a payable or on the savings account).
	"""

	lines: list[AllocationLine] = field(default_factory=list)
	unapplied: int = 0

	def _sum(self, component: str) -> int:
		return sum(getattr(line, component) for line in self.lines)

	@property
	def denda(self) -> int:
		return self._sum("denda")

	@property
	def interest(self) -> int:
		return self._sum("interest")

	@property
	def principal(self) -> int:
		return self._sum("principal")

	@property
	def allocated(self) -> int:
		"""Amount applied to instalments (excludes ``unapplied``)."""
		return self.denda + self.interest + self.principal


def _check_order(order: Sequence[str]) -> tuple[str, ...]:
	order = tuple(order)
	if sorted(order) != sorted(COMPONENTS):
		raise LoanInputError("invalid_order", order=order, expected=COMPONENTS)
	return order


def _sorted_dues(dues: Iterable[Due]) -> list[Due]:
	dues = sorted(dues, key=lambda due: (due.due_date, due.number))
	for due in dues:
		if min(due.principal, due.interest, due.denda) < 0:
			raise LoanInputError("negative_amount", field="due", value=due.number)
	return dues


def allocate_repayment(
	amount: Number,
	dues: Iterable[Due],
	order: Sequence[str] = COMPONENTS,
	*,
	allow_advance: bool = False,
	as_of: date | None = None,
	across: str = "instalment",
) -> RepaymentAllocation:
	"""Split a repayment over open instalments, oldest due date first.

	``dues`` are the loan's open instalments (overdue, current and future: paying a future one is an
	advance payment, marked ``advance`` on its line when ``as_of`` is given). ``order`` is a permutation
	of ``("denda", "interest", "principal")``.

	* ``across="instalment"`` (default): each instalment is settled in ``order`` before the next one.
	* ``across="component"``: over the instalments due by ``as_of`` (all, without ``as_of``) every denda
		first, then every interest, then every principal (each oldest first); future instalments follow
		one by one.

	Money beyond the sum of all open instalments (the payoff amount under ``all_interest``) is refused
	with ``LoanInputError("exceeds_payoff", amount, payoff)`` unless ``allow_advance``, then it is
	returned as ``unapplied``. For a payoff under another rule allocate against
	:meth:`Payoff.as_dues`. Also raises ``amount_not_positive``, ``invalid_order``, ``unknown_across``.
	No rounding: whole rupiah in, whole rupiah out.
	"""
	amount = _amount(amount, "amount", positive=True)
	order = _check_order(order)
	if across not in ("instalment", "component"):
		raise LoanInputError("unknown_across", across=across)
	dues = sorted_dues = _sorted_dues(dues)
	payoff = sum(due.outstanding for due in dues)
	if amount > payoff and not allow_advance:
		raise LoanInputError("exceeds_payoff", amount=amount, payoff=payoff)

	lines = {
		due.number: AllocationLine(
			due.number, due.due_date, advance=as_of is not None and due.due_date > as_of
		)
		for due in dues
	}
	remaining = amount

	def pay(due: Due, component: str) -> None:
		nonlocal remaining
		line = lines[due.number]
		paid = min(remaining, getattr(due, component) - getattr(line, component))
		setattr(line, component, getattr(line, component) + paid)
		remaining -= paid

	if across == "component":
		current = [due for due in dues if not lines[due.number].advance]
		for component in order:
			for due in current:
				pay(due, component)
		dues = [due for due in dues if lines[due.number].advance]
	for due in dues:
		for component in order:
			pay(due, component)

	result = RepaymentAllocation(unapplied=remaining)
	for due in sorted_dues:
		line = lines[due.number]
		if line.total:
			line.closes = line.total == due.outstanding
			result.lines.append(line)
	return result


@dataclass
class PayoffLine:
	"""What an early payoff charges on one open instalment, and the interest it waives."""

	number: int
	due_date: date
	denda: int
	interest: int
	principal: int
	interest_waived: int

	@property
	def total(self) -> int:
		return self.denda + self.interest + self.principal


@dataclass
class Payoff:
	"""Result of :func:`payoff_amount`."""

	rule: str
	lines: list[PayoffLine]

	@property
	def principal(self) -> int:
		return sum(line.principal for line in self.lines)

	@property
	def interest(self) -> int:
		return sum(line.interest for line in self.lines)

	@property
	def denda(self) -> int:
		return sum(line.denda for line in self.lines)

	@property
	def interest_waived(self) -> int:
		return sum(line.interest_waived for line in self.lines)

	@property
	def total(self) -> int:
		"""The payoff amount the member pays."""
		return self.principal + self.interest + self.denda

	def as_dues(self) -> list[Due]:
		"""The open instalments as they stand for the payoff (interest = charged interest), so
		``allocate_repayment(payoff.total, payoff.as_dues())`` closes every instalment."""
		return [
			Due(line.number, line.due_date, line.principal, line.interest, line.denda) for line in self.lines
		]


def payoff_amount(
	dues: Iterable[Due],
	payoff_date: date,
	rule: str = "all_interest",
	n: int = 0,
	*,
	frequency: str = "monthly",
) -> Payoff:
	"""Amount to close a loan early (pelunasan dipercepat) on ``payoff_date``, per the product's rule.

	Always charged: all outstanding principal, all denda, and the unpaid interest of every instalment due
	on or before ``payoff_date``. The *current* instalment is the first one due after ``payoff_date``.
	Interest of the current and later instalments depends on ``rule``:

	* ``all_interest``: all of it (no rebate).
	* ``interest_to_date``: the current instalment's interest for the days elapsed,
		``round_rupiah(scheduled_interest * (payoff_date - period_start) / (due_date - period_start))``,
		less what was already paid of it (never below 0); later interest is waived. ``period_start``
		defaults to one period (``frequency``) before the due date.
	* ``current_period_interest``: the current instalment's full interest; later interest is waived.
	* ``n_months_interest``: the interest of the next ``n`` instalments (the current one included; ``n``
		periods, i.e. n months for a monthly loan, n weeks for a weekly one); later interest is waived.

	Waived interest is reported per line (``interest_waived``). Raises :class:`LoanInputError`
	``unknown_payoff_rule`` or ``negative_periods`` (n < 0).
	"""
	if rule not in PAYOFF_RULES:
		raise LoanInputError("unknown_payoff_rule", rule=rule, expected=PAYOFF_RULES)
	if n < 0:
		raise LoanInputError("negative_periods", n=n)
	_check_frequency(frequency)
	lines = []
	future_index = 0
	for due in _sorted_dues(dues):
		charged = due.interest
		if due.due_date > payoff_date:
			if rule == "interest_to_date":
				charged = _interest_to_date(due, payoff_date, frequency) if future_index == 0 else 0
			elif rule == "current_period_interest":
				charged = due.interest if future_index == 0 else 0
			elif rule == "n_months_interest":
				charged = due.interest if future_index < n else 0
			future_index += 1
		lines.append(
			PayoffLine(due.number, due.due_date, due.denda, charged, due.principal, due.interest - charged)
		)
	return Payoff(rule, lines)


def _interest_to_date(due: Due, payoff_date: date, frequency: str) -> int:
	scheduled = due.interest if due.scheduled_interest is None else due.scheduled_interest
	start = due.period_start or _shift(due.due_date, -1, frequency)
	period_days = (due.due_date - start).days
	elapsed = min(max((payoff_date - start).days, 0), period_days)
	earned = round_rupiah(Decimal(scheduled) * elapsed / period_days) if period_days > 0 else scheduled
	already_paid = scheduled - due.interest
	return min(max(earned - already_paid, 0), due.interest)


# ---------------------------------------------------------------------------------------------------------
# Accrual


def accrued_interest(rows: Iterable[Any], start: date, end: date, non_accrual: bool = False) -> int:
	"""Interest that falls due in ``start..end`` (inclusive): the sum of the ``interest`` of every schedule
	row whose ``due_date`` is in the range; ``0`` when the loan is non-accrual (Kurang Lancar or worse).

	Rows are :class:`Instalment` objects, dicts or Frappe child rows with ``due_date`` (a ``date``) and
	``interest`` (whole rupiah). No rounding: the schedule's amounts are recognised as they are.
	"""
	if non_accrual:
		return 0
	return sum(
		whole_rupiah(_field(row, "interest") or 0) for row in rows if start <= _field(row, "due_date") <= end
	)


def monthly_accrual(rows: Iterable[Any], year: int, month: int, non_accrual: bool = False) -> int:
	"""Interest income to accrue for one calendar month: :func:`accrued_interest` over that month."""
	last = calendar.monthrange(year, month)[1]
	return accrued_interest(rows, date(year, month, 1), date(year, month, last), non_accrual)


def interest_receipt_split(interest_paid: Number, accrued_unpaid: Number) -> tuple[int, int]:
	"""Split interest received into ``(against interest receivable, straight to income)``.

	Interest accrued earlier sits in interest receivable and is settled first; interest that was never
	accrued (the loan was non-accrual) is recognised as income when paid (cash basis recovery).
	"""
	paid = _amount(interest_paid, "interest_paid")
	receivable = min(paid, _amount(accrued_unpaid, "accrued_unpaid"))
	return receivable, paid - receivable


def accruable_interest(interest: Number, paid: Number = 0, waived: Number = 0, accrued: Number = 0) -> int:
	"""Interest of one instalment a monthly accrual may still recognise: what is unpaid and not waived,
	``0`` once the instalment was accrued (an instalment is accrued at most once, by the run of the month
	it falls due in). Interest paid before the accrual was recognised as income when it was paid."""
	if _amount(accrued, "accrued"):
		return 0
	left = _amount(interest, "interest") - _amount(paid, "paid") - _amount(waived, "waived")
	return max(left, 0)


def accrued_open(accrued: Number, unpaid: Number) -> int:
	"""Accrued interest of one instalment still in interest receivable: the accrual took the instalment's
	unpaid interest at the time, and payments since settled it first, so it is ``min(accrued, unpaid)``."""
	return max(min(_amount(accrued, "accrued"), _amount(unpaid, "unpaid")), 0)


def interest_settlement(
	paid: Number, waived: Number, unpaid: Number, accrued: Number
) -> tuple[int, int, int]:
	"""How interest paid (and waived by a payoff) on one instalment reaches the ledger.

	``unpaid`` is the instalment's open interest before this payment and ``accrued`` what the monthly
	accrual put into interest receivable for it. Returns ``(receivable, income, reversed)``: the paid
	interest that settles the receivable (:func:`interest_receipt_split` against :func:`accrued_open`),
	the paid interest that is income now (never accrued: e.g. a non-accrual loan, or paid before it fell
	due), and accrued interest the waiver takes back (debit income, credit receivable) because no unpaid
	interest is left to hold it. Raises ``LoanInputError("exceeds_unpaid")`` when paid + waived > unpaid.
	"""
	paid = _amount(paid, "paid")
	waived = _amount(waived, "waived")
	unpaid = _amount(unpaid, "unpaid")
	if paid + waived > unpaid:
		raise LoanInputError("exceeds_unpaid", paid=paid, waived=waived, unpaid=unpaid)
	open_before = accrued_open(accrued, unpaid)
	receivable, income = interest_receipt_split(paid, open_before)
	reversed_ = max(open_before - receivable - (unpaid - paid - waived), 0)
	return receivable, income, reversed_


def due_by(dues: Iterable[Due], as_of: date) -> int:
	"""What a member owes on ``as_of`` without paying in advance: every open instalment due on or before
	``as_of`` and the current one (the first due after ``as_of``: paying it before its due date is paying
	on time). More than this is an advance payment."""
	total = 0
	current_seen = False
	for due in _sorted_dues(dues):
		if due.due_date <= as_of:
			total += due.outstanding
		elif not current_seen:
			total += due.outstanding
			current_seen = True
	return total


# ---------------------------------------------------------------------------------------------------------
# Restructure


@dataclass
class Restructure:
	"""Result of :func:`restructure`: the new principal, what was capitalised into it, and the schedule."""

	principal: int
	capitalised_interest: int
	capitalised_denda: int
	schedule: list[Instalment]


def restructure(
	outstanding_principal: Number,
	annual_rate: Number | str,
	tenor: int,
	*,
	arrears_interest: Number = 0,
	arrears_denda: Number = 0,
	capitalise_interest: bool = False,
	capitalise_denda: bool = False,
	**schedule_terms: Any,
) -> Restructure:
	"""A new schedule for a restructured loan (the old schedule and history stay with the doctype).

	The new principal is the outstanding principal plus, when the flags say so, the unpaid interest and/or
	denda (capitalised arrears). Arrears not capitalised are left to the controller (kept due or waived).
	``schedule_terms`` are :func:`build_schedule`'s keyword arguments (frequency, method, start_date or
	first_due_date, grace...); same rounding rules.
	"""
	base = _amount(outstanding_principal, "outstanding_principal", positive=True)
	interest = _amount(arrears_interest, "arrears_interest") if capitalise_interest else 0
	denda = _amount(arrears_denda, "arrears_denda") if capitalise_denda else 0
	principal = base + interest + denda
	return Restructure(
		principal, interest, denda, build_schedule(principal, annual_rate, tenor, **schedule_terms)
	)


# ---------------------------------------------------------------------------------------------------------
# The cooperative's own borrowings


@dataclass(frozen=True)
class BorrowingCeilings:
	"""Ceilings for a borrowing's terms (``None`` leaves a check out). Defaults: PMK 49/2025 Himbara."""

	max_amount: int | None = 3_000_000_000
	max_rate: Decimal | None = Decimal(6)
	max_tenor_months: int | None = 72
	min_grace_months: int | None = 6
	max_grace_months: int | None = 8
	max_operating_amount: int | None = 500_000_000


HIMBARA_CEILINGS = BorrowingCeilings()


def check_borrowing_terms(
	amount: Number,
	annual_rate: Number | str,
	tenor_months: int,
	grace_months: int = 0,
	ceilings: BorrowingCeilings | Mapping[str, Any] | None = None,
	operating_amount: Number = 0,
) -> list[LoanProblem]:
	"""Warnings (not refusals) for a borrowing whose terms exceed the ceilings (default Himbara, PMK
	49/2025): ``amount_over_ceiling`` ``{amount, maximum}``, ``rate_over_ceiling`` ``{rate, maximum}``,
	``tenor_over_ceiling`` ``{tenor, maximum}``, ``grace_outside_range`` ``{grace, minimum, maximum}``,
	``operating_over_ceiling`` ``{amount, maximum}`` (the part used for operating costs).

	``ceilings`` may be a :class:`BorrowingCeilings` or a dict of its fields (e.g. from settings).
	"""
	if ceilings is None:
		ceilings = HIMBARA_CEILINGS
	elif isinstance(ceilings, Mapping):
		ceilings = BorrowingCeilings(**{**asdict(HIMBARA_CEILINGS), **ceilings})
	warnings: list[LoanProblem] = []
	value = to_decimal(amount)
	if ceilings.max_amount is not None and value > ceilings.max_amount:
		warnings.append(
			LoanProblem("amount_over_ceiling", {"amount": amount, "maximum": ceilings.max_amount})
		)
	if ceilings.max_rate is not None and not check_rate_cap(annual_rate, ceilings.max_rate):
		warnings.append(LoanProblem("rate_over_ceiling", {"rate": annual_rate, "maximum": ceilings.max_rate}))
	if ceilings.max_tenor_months is not None and tenor_months > ceilings.max_tenor_months:
		warnings.append(
			LoanProblem("tenor_over_ceiling", {"tenor": tenor_months, "maximum": ceilings.max_tenor_months})
		)
	low, high = ceilings.min_grace_months, ceilings.max_grace_months
	if (low is not None and grace_months < low) or (high is not None and grace_months > high):
		warnings.append(
			LoanProblem("grace_outside_range", {"grace": grace_months, "minimum": low, "maximum": high})
		)
	if (
		ceilings.max_operating_amount is not None
		and to_decimal(operating_amount or 0) > ceilings.max_operating_amount
	):
		warnings.append(
			LoanProblem(
				"operating_over_ceiling",
				{"amount": operating_amount, "maximum": ceilings.max_operating_amount},
			)
		)
	return warnings
