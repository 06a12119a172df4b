"""Business units (unit usaha): shared input rules, exact allocation, percentages and the per-unit P&L.

The calculators of the units live in sibling modules, all built on this one:

* :mod:`~koperasi_merah_putih.calculators.quotas` -- subsidised goods: quota periods, holders, remaining
  quota, stock UOM conversion, the distribution report;
* :mod:`~koperasi_merah_putih.calculators.shop` -- sembako shop: member/public price, member credit limit,
  member vs non-member income (SAK EP), members' net purchases (base of SHU jasa usaha);
* :mod:`~koperasi_merah_putih.calculators.pharmacy` -- first-expiry-first-out batches, near-expiry report;
* :mod:`~koperasi_merah_putih.calculators.livestock` -- animal cost, cost allocation by head-days, herd
  report, sale gain/loss, death write-off;
* :mod:`~koperasi_merah_putih.calculators.aquaculture` -- catfish (lele) cycle: cost per kg, FCR, survival.

Conventions shared by every function of these modules (the same as :mod:`.loans`):

* Money is whole rupiah (``int``). A single amount a person enters (a price, a cost, a limit) goes through
  :func:`as_amount`, which refuses a fraction of a rupiah instead of truncating it. Aggregations of
  ledger rows (turnover, cost of goods sold, net purchases, P&L) accept fractional amounts -- ERPNext's
  stock valuation produces them -- sum them exactly in ``Decimal`` and round each reported total half-up
  once with :func:`~koperasi_merah_putih.calculators.money.round_rupiah`; derived columns (gross profit,
  result, consolidated totals) are then computed from those rounded integers, so a report always adds up.
* Quantities are ``Decimal`` (:func:`as_quantity`; floats go through ``str``, so ``2.675`` stays ``2.675``),
  never rounded.
* Percentages (margins, survival rate) are ``Decimal`` percent with 2 places, rounded half-up
  (:func:`percent`); ``None`` when the base is zero.
* Dates are ``datetime.date``.
* Rows are dicts (also ``frappe._dict``), objects (dataclasses, Frappe documents/child rows) or, where a
  function says so, plain tuples.
* Bad input raises :class:`UnitInputError` (a ``ValueError``) with a stable ``code`` and ``params``; a
  check that may legitimately fail (over quota, over the credit limit, batch shortage) returns a
  :class:`UnitProblem` or ``None``. A controller maps the codes to a translated message and a named
  exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from koperasi_merah_putih.calculators import problems
from koperasi_merah_putih.calculators.money import Number, round_rupiah, to_decimal
from koperasi_merah_putih.calculators.problems import CalculatorInputError, Problem, get_field

__all__ = [
	"COGS_ACCOUNT_TYPE",
	"UnitInputError",
	"UnitPnl",
	"UnitProblem",
	"UnitResult",
	"allocate_largest_remainder",
	"as_amount",
	"as_quantity",
	"get_field",
	"ledger_amount",
	"percent",
	"unit_pnl",
	"unit_pnl_from_gl",
]

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


# ---------------------------------------------------------------------------------------------------------
# Errors, problems and input rules


UnitProblem = Problem  # the business-unit calculators' name for it


class UnitInputError(CalculatorInputError):
	"""Bad input to a business-unit calculator; ``code`` is stable (see each function), ``params`` the values."""


def as_amount(value: Number | str | None, name: str, *, positive: bool = False, signed: bool = False) -> int:
	"""``value`` as whole rupiah (``None`` and ``""`` count as 0).

	Raises :class:`UnitInputError` ``not_whole_rupiah`` (a fraction of a rupiah, or not a number),
	``negative_amount`` (below zero, unless ``signed``) and ``amount_not_positive`` (zero, with
	``positive``); ``params`` are ``field`` and ``value``.
	"""
	return problems.as_amount(
		value, name, positive=positive, signed=signed, blank_is_zero=True, error=UnitInputError
	)


def as_quantity(value: Number | str | None, name: str, *, positive: bool = False) -> Decimal:
	"""``value`` as an exact ``Decimal`` quantity (``None`` and ``""`` count as 0).

	Raises :class:`UnitInputError` ``invalid_quantity`` (not a finite number), ``negative_quantity`` and,
	with ``positive``, ``quantity_not_positive`` (zero); ``params`` are ``field`` and ``value``. Issue 8's
	"negative or zero quantities" refusal is these two codes.
	"""
	if value is None or value == "":
		value = 0
	try:
		quantity = to_decimal(value)
	except (TypeError, ValueError, ArithmeticError):
		raise UnitInputError("invalid_quantity", field=name, value=value)
	if quantity < 0:
		raise UnitInputError("negative_quantity", field=name, value=quantity)
	if positive and quantity == 0:
		raise UnitInputError("quantity_not_positive", field=name, value=quantity)
	return quantity


def ledger_amount(value: Any, name: str = "amount") -> Decimal | int:
	"""A ledger amount (fraction and sign allowed, ``None`` is 0) as ``int`` (fast path) or exact
	``Decimal``; raises ``invalid_amount`` (``{"field", "value"}``) for a non-number."""
	if value is None or value == "":
		return 0
	if type(value) is int:
		return value
	try:
		return to_decimal(value)
	except (TypeError, ValueError, InvalidOperation):
		raise UnitInputError("invalid_amount", field=name, value=value)


def percent(part: Number, whole: Number) -> Decimal | None:
	"""``part / whole * 100`` as ``Decimal`` with 2 places, rounded half-up; ``None`` when ``whole`` is 0.

	``percent(1, 3) == Decimal("33.33")``, ``percent(2, 3) == Decimal("66.67")``, ``percent(-1, 8) ==
	Decimal("-12.50")`` (half away from zero).
	"""
	whole = to_decimal(whole)
	if whole == 0:
		return None
	return (to_decimal(part) * _HUNDRED / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------------------
# Allocation


def allocate_largest_remainder(total: Number, weights: Sequence[Number | str]) -> list[int]:
	"""Split ``total`` whole rupiah over ``weights`` in proportion, in whole rupiah summing exactly to it.

	Largest-remainder (Hamilton) method, computed exactly with fractions: every share first gets the
	floor of ``total * weight / sum(weights)``; the rupiah left over go one each to the shares with the
	largest fractional remainders, ties to the earlier position. A zero weight gets 0. The result is
	aligned with ``weights``.

	Raises :class:`UnitInputError` ``negative_amount`` / ``not_whole_rupiah`` (total), ``no_weights``
	(empty), ``invalid_weight`` (not a number), ``negative_weight``, ``zero_total_weight``.
	"""
	total = as_amount(total, "total")
	if not weights:
		raise UnitInputError("no_weights")
	exact: list[Fraction] = []
	for index, weight in enumerate(weights):
		try:
			value = to_decimal(weight)
		except (TypeError, ValueError, ArithmeticError):
			raise UnitInputError("invalid_weight", index=index, value=weight)
		if value < 0:
			raise UnitInputError("negative_weight", index=index, value=value)
		exact.append(Fraction(value))
	weight_sum = sum(exact)
	if weight_sum == 0:
		raise UnitInputError("zero_total_weight")
	quotas = [total * weight / weight_sum for weight in exact]
	shares = [quota.numerator // quota.denominator for quota in quotas]
	left = total - sum(shares)
	by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), i))
	for i in by_remainder[:left]:
		shares[i] += 1
	return shares


# ---------------------------------------------------------------------------------------------------------
# Per-unit profit and loss


@dataclass(frozen=True)
class UnitResult:
	"""One unit's (or the consolidated) figures for a period, whole rupiah.

	``gross_profit = income - cogs``; ``result = gross_profit - expenses``; ``gross_margin`` and
	``margin`` are percent of ``income`` (:func:`percent`: 2 places half-up, ``None`` when income is 0).
	"""

	income: int
	cogs: int
	expenses: int
	gross_profit: int
	result: int
	gross_margin: Decimal | None
	margin: Decimal | None

	@classmethod
	def of(cls, income: int, cogs: int, expenses: int) -> UnitResult:
		gross_profit = income - cogs
		result = gross_profit - expenses
		return cls(
			income,
			cogs,
			expenses,
			gross_profit,
			result,
			percent(gross_profit, income),
			percent(result, income),
		)

	def as_dict(self) -> dict:
		"""Plain dict, e.g. a report row (add the unit's name)."""
		return asdict(self)


@dataclass(frozen=True)
class UnitPnl:
	"""Result of :func:`unit_pnl`: ``units`` in first-seen order (key ``None`` = not charged to a unit)
	and the consolidated ``total``, which is the sum of the units' rounded figures."""

	units: dict[str | None, UnitResult] = field(default_factory=dict)
	total: UnitResult = field(default_factory=lambda: UnitResult.of(0, 0, 0))


def unit_pnl(rows: Iterable[Any]) -> UnitPnl:
	"""Compare the business units for a period: income, COGS, expenses, result and margin, plus the total.

	Each row has ``unit`` and any of ``income``, ``cogs``, ``expenses`` (missing = 0); a unit may appear in
	many rows (e.g. one per account). Rows with no unit (``None``/``""``) are collected under the key
	``None`` -- costs of the cooperative as a whole, which belong in the consolidated statement but in no
	unit's column.

	Rounding: each unit's income, COGS and expenses are summed exactly and rounded half-up once; gross
	profit, result and the consolidated totals are computed from those integers (so every column adds up;
	the consolidated total may differ by a rupiah per unit from rounding the raw ledger sum). Margins: see
	:class:`UnitResult`. Raises ``invalid_amount`` for a non-number.
	"""
	sums: dict[str | None, list[Decimal | int]] = {}
	for row in rows:
		unit = get_field(row, "unit") or None
		bucket = sums.setdefault(unit, [0, 0, 0])
		for index, name in enumerate(("income", "cogs", "expenses")):
			bucket[index] += ledger_amount(get_field(row, name), name)
	units = {
		unit: UnitResult.of(round_rupiah(income), round_rupiah(cogs), round_rupiah(expenses))
		for unit, (income, cogs, expenses) in sums.items()
	}
	total = UnitResult.of(
		sum(result.income for result in units.values()),
		sum(result.cogs for result in units.values()),
		sum(result.expenses for result in units.values()),
	)
	return UnitPnl(units, total)


COGS_ACCOUNT_TYPE = "Cost of Goods Sold"
"""ERPNext ``Account.account_type`` of cost-of-goods-sold accounts."""


def unit_pnl_from_gl(
	gl_rows: Iterable[Any], cogs_account_types: Iterable[str] = (COGS_ACCOUNT_TYPE,)
) -> UnitPnl:
	""":func:`unit_pnl` straight from GL Entry rows, so the comparison agrees with the GL by construction.

	Each row has ``unit`` (the "Unit Usaha" accounting dimension), ``root_type`` (``"Income"`` /
	``"Expense"``; other root types are ignored), ``account_type`` and ``debit``/``credit`` (company
	currency). Income is credit minus debit of Income accounts; COGS is debit minus credit of Expense
	accounts whose ``account_type`` is in ``cogs_account_types``; expenses are debit minus credit of the
	other Expense accounts. Pass one row per GL entry or pre-aggregated rows (per unit and account).
	"""
	cogs_types = frozenset(cogs_account_types)
	rows = []
	for row in gl_rows:
		root_type = get_field(row, "root_type")
		if root_type not in ("Income", "Expense"):
			continue
		debit = ledger_amount(get_field(row, "debit"), "debit")
		credit = ledger_amount(get_field(row, "credit"), "credit")
		unit = get_field(row, "unit")
		if root_type == "Income":
			rows.append({"unit": unit, "income": credit - debit})
		elif get_field(row, "account_type") in cogs_types:
			rows.append({"unit": unit, "cogs": debit - credit})
		else:
			rows.append({"unit": unit, "expenses": debit - credit})
	return unit_pnl(rows)
