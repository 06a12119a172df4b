"""Monthly dues (simpanan wajib) periods, payment allocation and arrears.

A period is a calendar month keyed ``"YYYY-MM"``; such keys sort chronologically as strings.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

_KEY = re.compile(r"(\d{4})-(\d{2})")


def _split(key: str) -> tuple[int, int]:
	match = _KEY.fullmatch(key or "")
	if not match:
		raise ValueError(f"invalid period key {key!r}, expected 'YYYY-MM'")
	year, month = int(match.group(1)), int(match.group(2))
	if not (1 <= year and 1 <= month <= 12):
		raise ValueError(f"invalid period key {key!r}")
	return year, month


def is_period_key(key) -> bool:
	"""True for a valid period key ``"YYYY-MM"`` (month 01..12, year 0001..9999), False for anything else."""
	try:
		_split(key)
	except (TypeError, ValueError):
		return False
	return True


def _key(year: int, month: int) -> str:
	return f"{year:04d}-{month:02d}"


def period_key(d: date) -> str:
	"""``date(2025, 3, 17) -> "2025-03"``."""
	return _key(d.year, d.month)


def period_start(key: str) -> date:
	"""First day of the period."""
	year, month = _split(key)
	return date(year, month, 1)


def period_end(key: str) -> date:
	"""Last day of the period."""
	year, month = _split(key)
	return date(year, month, calendar.monthrange(year, month)[1])


def add_months(key: str, n: int) -> str:
	"""Shift a period by ``n`` months (negative allowed)."""
	year, month = _split(key)
	index = year * 12 + (month - 1) + n
	if not 12 <= index < 12 * 10000:
		raise ValueError("period outside years 1..9999")
	return _key(index // 12, index % 12 + 1)


def month_index(key: str) -> int:
	"""Months since year 0 -- handy for differences: ``month_index(b) - month_index(a)``."""
	year, month = _split(key)
	return year * 12 + month - 1


def periods_between(first_key: str, last_key: str) -> list[str]:
	"""All periods from ``first_key`` through ``last_key`` inclusive; empty if first > last."""
	count = month_index(last_key) - month_index(first_key) + 1
	return [add_months(first_key, i) for i in range(max(count, 0))]


def billing_date(key: str, billing_day: int = 1) -> date:
	"""The day the period falls due; ``billing_day`` is clamped to the month's last day."""
	if not 1 <= billing_day <= 31:
		raise ValueError(f"billing_day must be 1..31, got {billing_day}")
	end = period_end(key)
	return end.replace(day=min(billing_day, end.day))


def periods_due(join_date: date, upto: date, billing_day: int = 1) -> list[str]:
	"""Periods owed from the month of joining through the period of ``upto``.

	The joining month is owed once ``upto`` reaches the join date; each later month once
	``upto`` reaches its billing date. Empty if ``upto`` is before ``join_date``.
	"""
	if not 1 <= billing_day <= 31:
		raise ValueError(f"billing_day must be 1..31, got {billing_day}")
	if upto < join_date:
		return []
	last = period_key(upto)
	if last != period_key(join_date) and upto < billing_date(last, billing_day):
		last = add_months(last, -1)
	return periods_between(period_key(join_date), last)


@dataclass
class Allocation:
	"""Result of :func:`allocate_payment`; all amounts are whole rupiah."""

	lines: list[tuple[str, int]] = field(default_factory=list)
	advance: list[tuple[str, int]] = field(default_factory=list)
	unallocated: int = 0

	@property
	def allocated(self) -> int:
		"""Amount applied to open bills and advance periods."""
		return sum(amount for _, amount in self.lines) + sum(amount for _, amount in self.advance)


def allocate_payment(
	bills: list[tuple[str, int]],
	amount: int,
	monthly_amount: int,
	advance_from: str | None = None,
	max_advance_months: int = 12,
) -> Allocation:
	"""Apply ``amount`` to open bills oldest first, then prepay future months.

	``bills`` are ``(period, outstanding)`` in any order; rows for the same period are merged and
	non-positive outstanding is skipped. The remainder prepays whole or partial ``monthly_amount``
	from ``advance_from`` (default: the month after the latest bill) for at most
	``max_advance_months`` months; the rest is ``unallocated``. Raises ``ValueError`` for
	``amount <= 0``, ``monthly_amount <= 0``, an ``advance_from`` not after the latest bill, or a
	remainder to prepay with neither bills nor ``advance_from``.
	"""
	if amount <= 0:
		raise ValueError("amount must be positive")
	if monthly_amount <= 0:
		raise ValueError("monthly_amount must be positive")
	if max_advance_months < 0:
		raise ValueError("max_advance_months must not be negative")
	outstanding: dict[str, int] = {}
	for period, due in bills:
		_split(period)
		outstanding[period] = outstanding.get(period, 0) + int(due)
	open_periods = sorted(period for period, due in outstanding.items() if due > 0)
	latest = max(outstanding) if outstanding else None
	if advance_from is not None:
		_split(advance_from)
		if latest is not None and advance_from <= latest:
			raise ValueError(f"advance_from {advance_from} is not after the latest bill {latest}")

	result = Allocation()
	remaining = int(amount)
	for period in open_periods:
		if remaining == 0:
			break
		paid = min(remaining, outstanding[period])
		result.lines.append((period, paid))
		remaining -= paid

	if remaining and max_advance_months:
		if advance_from is None and latest is None:
			raise ValueError("advance_from is required to prepay when there are no bills")
		start = advance_from or add_months(latest, 1)  # type: ignore[arg-type]
		for i in range(max_advance_months):
			if remaining == 0:
				break
			paid = min(remaining, monthly_amount)
			result.advance.append((add_months(start, i), paid))
			remaining -= paid
	result.unallocated = remaining
	return result


def arrears(bills: list[tuple[str, int, int]]) -> dict:
	"""Summarise ``(period, billed, paid)`` rows (merged per period; overpayment offsets nothing).

	Returns ``{"total_unpaid", "months_in_arrears", "oldest_unpaid"}``.
	"""
	totals: dict[str, int] = {}
	for period, billed, paid in bills:
		_split(period)
		totals[period] = totals.get(period, 0) + int(billed) - int(paid)
	unpaid = {period: due for period, due in totals.items() if due > 0}
	return {
		"total_unpaid": sum(unpaid.values()),
		"months_in_arrears": len(unpaid),
		"oldest_unpaid": min(unpaid) if unpaid else None,
	}
