"""Loan quality: days past due, kolektibilitas classes, non-accrual, loss allowance (PPAP) and NPL.

Day ranges and allowance percentages are parameters: sources differ (DOMAIN.md), so Cooperative Settings
holds them and passes them in. The defaults are one common set: Lancar 0 days, Dalam Perhatian Khusus
1-90, Kurang Lancar 91-180, Diragukan 181-270, Macet over 270; PPAP 0.5 / 10 / 50 / 75 / 100 percent.
Amounts are whole rupiah; allowances are rounded half-up with
:func:`~koperasi_merah_putih.calculators.money.round_rupiah`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from koperasi_merah_putih.calculators.loans import LoanInputError, LoanProblem
from koperasi_merah_putih.calculators.money import Number, round_rupiah, to_decimal, whole_rupiah

LANCAR = "Lancar"
DALAM_PERHATIAN_KHUSUS = "Dalam Perhatian Khusus"
KURANG_LANCAR = "Kurang Lancar"
DIRAGUKAN = "Diragukan"
MACET = "Macet"


@dataclass(frozen=True)
class DayRange:
	"""A class and the days past due it covers, ``min_days..max_days`` inclusive (``None`` = no upper end)."""

	name: str
	min_days: int
	max_days: int | None


DEFAULT_RANGES: tuple[DayRange, ...] = (
	DayRange(LANCAR, 0, 0),
	DayRange(DALAM_PERHATIAN_KHUSUS, 1, 90),
	DayRange(KURANG_LANCAR, 91, 180),
	DayRange(DIRAGUKAN, 181, 270),
	DayRange(MACET, 271, None),
)
DEFAULT_PPAP_PERCENTS: dict[str, Decimal] = {
	LANCAR: Decimal("0.5"),
	DALAM_PERHATIAN_KHUSUS: Decimal(10),
	KURANG_LANCAR: Decimal(50),
	DIRAGUKAN: Decimal(75),
	MACET: Decimal(100),
}
NON_ACCRUAL_FROM = KURANG_LANCAR
"""The first class (in range order) whose loans stop accruing interest."""
NPL_CLASSES = (KURANG_LANCAR, DIRAGUKAN, MACET)

RangeLike = DayRange | Sequence[Any] | Mapping[str, Any]


def _as_range(value: RangeLike) -> DayRange:
	if isinstance(value, DayRange):
		return value
	if isinstance(value, Mapping):
		return DayRange(value["name"], int(value["min_days"]), _optional_int(value.get("max_days")))
	name, low, high = value
	return DayRange(name, int(low), _optional_int(high))


def _optional_int(value: Any) -> int | None:
	return None if value in (None, "") else int(value)


def check_ranges(ranges: Iterable[RangeLike]) -> list[LoanProblem]:
	"""Problems in a set of day ranges (empty list = usable), e.g. to validate Cooperative Settings.

	The ranges, in order, must start at 0 days, be contiguous (each starts the day after the previous
	ends), have ``max >= min``, distinct names, and only the last may (and must) be open-ended. Codes:
	``no_ranges``, ``first_not_zero`` ``{name, min_days}``, ``gap_or_overlap`` ``{name, min_days,
	expected}``, ``max_before_min`` ``{name}``, ``open_range_not_last`` ``{name}``, ``last_not_open``
	``{name}``, ``duplicate_name`` ``{name}``.
	"""
	items = [_as_range(value) for value in ranges]
	if not items:
		return [LoanProblem("no_ranges")]
	problems = []
	if items[0].min_days != 0:
		problems.append(LoanProblem("first_not_zero", {"name": items[0].name, "min_days": items[0].min_days}))
	seen: set[str] = set()
	for index, item in enumerate(items):
		if item.name in seen:
			problems.append(LoanProblem("duplicate_name", {"name": item.name}))
		seen.add(item.name)
		if item.max_days is not None and item.max_days < item.min_days:
			problems.append(LoanProblem("max_before_min", {"name": item.name}))
		if index:
			previous = items[index - 1]
			if previous.max_days is None:
				problems.append(LoanProblem("open_range_not_last", {"name": previous.name}))
			elif item.min_days != previous.max_days + 1:
				problems.append(
					LoanProblem(
						"gap_or_overlap",
						{"name": item.name, "min_days": item.min_days, "expected": previous.max_days + 1},
					)
				)
	if items[-1].max_days is not None:
		problems.append(LoanProblem("last_not_open", {"name": items[-1].name}))
	return problems


def _valid_ranges(ranges: Iterable[RangeLike]) -> list[DayRange]:
	items = [_as_range(value) for value in ranges]
	problems = check_ranges(items)
	if problems:
		raise LoanInputError("invalid_ranges", problems=problems)
	return items


def days_past_due(open_dues: Iterable[Any], as_of: date) -> int:
	"""Days the oldest unpaid instalment is past its due date on ``as_of`` (0 when none is overdue).

	``open_dues`` are :class:`~koperasi_merah_putih.calculators.loans.Due` objects (an instalment counts
	while its principal or interest is unpaid; unpaid denda alone does not make a loan past due) or
	``(due_date, unpaid_amount)`` tuples. An instalment is 1 day past due the day after its due date.
	"""
	oldest = None
	for due in open_dues:
		if isinstance(due, tuple):
			due_date, unpaid = due[0], whole_rupiah(due[1])
		else:
			due_date, unpaid = due.due_date, due.principal + due.interest
		if unpaid > 0 and due_date < as_of and (oldest is None or due_date < oldest):
			oldest = due_date
	return (as_of - oldest).days if oldest else 0


def classify(dpd: int, ranges: Iterable[RangeLike] = DEFAULT_RANGES) -> str:
	"""The kolektibilitas class (range name) whose days cover ``dpd``.

	Ranges: :class:`DayRange` objects, ``(name, min_days, max_days)`` tuples or dicts with those keys,
	checked by :func:`check_ranges` (raises ``LoanInputError("invalid_ranges")``); ``negative_days`` for
	``dpd < 0``.
	"""
	if dpd < 0:
		raise LoanInputError("negative_days", dpd=dpd)
	for item in _valid_ranges(ranges):
		if item.min_days <= dpd and (item.max_days is None or dpd <= item.max_days):
			return item.name
	raise AssertionError("contiguous ranges from 0 to open-ended cover every dpd")  # pragma: no cover


def is_non_accrual(
	class_name: str, ranges: Iterable[RangeLike] = DEFAULT_RANGES, threshold: str = NON_ACCRUAL_FROM
) -> bool:
	"""True when ``class_name`` is ``threshold`` (default Kurang Lancar) or a worse (later) class.

	Raises ``LoanInputError("unknown_class")`` when either name is not among the ranges.
	"""
	names = [item.name for item in _valid_ranges(ranges)]
	for name in (class_name, threshold):
		if name not in names:
			raise LoanInputError("unknown_class", name=name, expected=tuple(names))
	return names.index(class_name) >= names.index(threshold)


def no_better_than(class_name: str, floor: str | None, ranges: Iterable[RangeLike] = DEFAULT_RANGES) -> str:
	"""``class_name``, or ``floor`` when the floor is a worse (later) class: a restructured loan is
	classified no better than it was when restructured. An empty ``floor`` changes nothing.

	Raises ``LoanInputError("unknown_class")`` when either name is not among the ranges.
	"""
	if not floor:
		return class_name
	names = [item.name for item in _valid_ranges(ranges)]
	for name in (class_name, floor):
		if name not in names:
			raise LoanInputError("unknown_class", name=name, expected=tuple(names))
	return floor if names.index(floor) > names.index(class_name) else class_name


def allowance(
	outstanding_by_class: Mapping[str, Number], percents: Mapping[str, Number | str] = DEFAULT_PPAP_PERCENTS
) -> dict[str, int]:
	"""Loss allowance (PPAP) per class: ``round_rupiah(outstanding * percent / 100)``, half-up per entry.

	Pass one loan (``{class: outstanding}``) to get per-loan figures, or the portfolio's totals per class;
	the total allowance is ``sum(result.values())``. No deduction for collateral. Raises
	``LoanInputError("unknown_class")`` for a class without a percent, ``negative_amount``,
	``negative_rate``.
	"""
	result = {}
	for name, outstanding in outstanding_by_class.items():
		if name not in percents:
			raise LoanInputError("unknown_class", name=name, expected=tuple(percents))
		amount = whole_rupiah(outstanding)
		if amount < 0:
			raise LoanInputError("negative_amount", field=name, value=amount)
		percent = to_decimal(percents[name])
		if percent < 0:
			raise LoanInputError("negative_rate", field=name, value=percent)
		result[name] = round_rupiah(amount * percent / Decimal(100))
	return result


def npl_ratio(
	outstanding_by_class: Mapping[str, Number], npl_classes: Iterable[str] = NPL_CLASSES
) -> Decimal:
	"""Non-performing loans as a fraction of the portfolio: ``(KL + D + M) / total`` (unrounded ``Decimal``,
	0..1; multiply by 100 for percent). ``Decimal(0)`` for an empty portfolio."""
	npl = set(npl_classes)
	total = bad = 0
	for name, outstanding in outstanding_by_class.items():
		amount = whole_rupiah(outstanding)
		if amount < 0:
			raise LoanInputError("negative_amount", field=name, value=amount)
		total += amount
		if name in npl:
			bad += amount
	return Decimal(bad) / Decimal(total) if total else Decimal(0)
