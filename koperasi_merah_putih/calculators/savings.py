"""Savings arithmetic: available balance, interest bases, interest, tax, time deposits and exit.

Amounts are whole rupiah (``int``); interest is computed in ``Decimal`` and rounded half-up.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from koperasi_merah_putih.calculators.money import Number, round_rupiah, to_decimal, whole_rupiah

_HUNDRED = Decimal(100)
PENALTY_MODES = ("percent_of_principal", "forfeit_interest")


def available_balance(balance: int, minimum_balance: int = 0, held: int = 0) -> int:
	"""Balance that may be withdrawn: ``balance - minimum_balance - held``, never negative."""
	return max(whole_rupiah(balance) - whole_rupiah(minimum_balance) - whole_rupiah(held), 0)


def _daily_segments(
	opening: int, movements: list[tuple[date, int]], start: date, end: date
) -> list[tuple[int, int]]:
	"""``(balance, days)`` runs covering ``start..end``.

	The balance on day *d* is ``opening`` plus every movement dated on or before *d*, so movements
	before ``start`` count for the whole period and those after ``end`` are ignored.
	"""
	if end < start:
		raise ValueError("end is before start")
	balance = whole_rupiah(opening)
	changes: dict[date, int] = {}
	for day, amount in movements:
		if day <= start:
			balance += whole_rupiah(amount)
		elif day <= end:
			changes[day] = changes.get(day, 0) + whole_rupiah(amount)
	segments = []
	current = start
	for day in sorted(changes):
		segments.append((balance, (day - current).days))
		balance += changes[day]
		current = day
	segments.append((balance, (end - current).days + 1))
	return segments


def daily_average_balance(opening: int, movements: list[tuple[date, int]], start: date, end: date) -> Decimal:
	"""Average of the daily balances over ``start..end`` inclusive (unrounded ``Decimal``).

	``opening`` is the balance before the listed ``(day, signed amount)`` movements; a movement
	is effective from its own day.
	"""
	segments = _daily_segments(opening, movements, start, end)
	total_days = sum(days for _, days in segments)
	return Decimal(sum(balance * days for balance, days in segments)) / Decimal(total_days)


def minimum_balance_in_period(opening: int, movements: list[tuple[date, int]], start: date, end: date) -> int:
	"""Lowest daily balance over ``start..end`` inclusive (same conventions as the average)."""
	return min(balance for balance, days in _daily_segments(opening, movements, start, end) if days > 0)


def monthly_interest(
	balance_basis: Number, annual_rate_percent: Number, days: int, days_in_year: int = 365
) -> int:
	"""``round_half_up(basis * rate / 100 * days / days_in_year)``; a basis <= 0 earns nothing."""
	rate = to_decimal(annual_rate_percent)
	if rate < 0:
		raise ValueError("interest rate must not be negative")
	if days < 0:
		raise ValueError("days must not be negative")
	if days_in_year <= 0:
		raise ValueError("days_in_year must be positive")
	basis = to_decimal(balance_basis)
	if basis <= 0:
		return 0
	return round_rupiah(basis * rate * Decimal(days) / (_HUNDRED * Decimal(days_in_year)))


def withholding_tax(interest: int, threshold: int, rate_percent: Number) -> int:
	"""Final income tax (PPh Pasal 4 ayat 2) withheld from a member's monthly savings interest.

	PP 15/2009: interest on cooperative member savings up to the threshold per month
	(Rp240.000) is exempt; above it the *whole* interest is taxed at the rate (10%). Pass one
	month's interest per member; returns whole rupiah, half-up.
	"""
	rate = to_decimal(rate_percent)
	if rate < 0:
		raise ValueError("tax rate must not be negative")
	if interest <= threshold or interest <= 0:
		return 0
	return round_rupiah(to_decimal(interest) * rate / _HUNDRED)


def check_rate_cap(annual_rate_percent: Number, cap_percent: Number) -> bool:
	"""True if the rate does not exceed the cap (e.g. the LPS guarantee rate)."""
	return to_decimal(annual_rate_percent) <= to_decimal(cap_percent)


def time_deposit_maturity(start: date, term_months: int) -> date:
	"""Maturity after ``term_months``: same day of month, clamped to the month's last day."""
	if term_months < 1:
		raise ValueError("term_months must be at least 1")
	index = start.year * 12 + start.month - 1 + term_months
	year, month = divmod(index, 12)
	month += 1
	return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def time_deposit_interest(
	principal: Number, annual_rate_percent: Number, start: date, end: date, days_in_year: int = 365
) -> int:
	"""Simple interest for the actual days from ``start`` to ``end`` (end day excluded)."""
	if end < start:
		raise ValueError("end is before start")
	return monthly_interest(principal, annual_rate_percent, (end - start).days, days_in_year)


def early_withdrawal_penalty(
	principal: Number, penalty_percent: Number, accrued_interest: int, mode: str = "percent_of_principal"
) -> int:
	"""Penalty for breaking a time deposit before maturity.

	``percent_of_principal``: ``principal * penalty_percent / 100`` (half-up);
	``forfeit_interest``: the accrued interest is forfeited (``penalty_percent`` unused).
	"""
	if mode == "percent_of_principal":
		rate = to_decimal(penalty_percent)
		if rate < 0:
			raise ValueError("penalty_percent must not be negative")
		return round_rupiah(to_decimal(principal) * rate / _HUNDRED)
	if mode == "forfeit_interest":
		return max(round_rupiah(accrued_interest), 0)
	raise ValueError(f"unknown penalty mode {mode!r}, expected one of {PENALTY_MODES}")


def exit_settlement(balances: dict[str, int], obligations: int) -> dict:
	"""Settle a leaving member: savings are offset against obligations, the rest is refunded.

	Returns ``{"gross", "offset", "net_refund", "remaining_obligation"}``.
	"""
	if any(whole_rupiah(amount) < 0 for amount in balances.values()):
		raise ValueError("balances must not be negative")
	if obligations < 0:
		raise ValueError("obligations must not be negative")
	gross = sum(whole_rupiah(amount) for amount in balances.values())
	offset = min(whole_rupiah(obligations), gross)
	return {
		"gross": gross,
		"offset": offset,
		"net_refund": gross - offset,
		"remaining_obligation": whole_rupiah(obligations) - offset,
	}


def days_in_period(start: date, end: date) -> int:
	"""Inclusive day count of ``start..end``."""
	return (end - start + timedelta(days=1)).days
