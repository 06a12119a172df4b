"""Livestock (goats, cattle): animal cost, allocation of herd costs, herd report, sale and death.

Each animal is an ERPNext Serial No (its ear tag). Its carrying cost is its purchase cost (0, or a value
the cooperative sets, for an animal born in the herd) plus the costs attributed to it: feed, veterinary
care and the like charged to that animal, and its share of herd-wide costs allocated with
:func:`allocate_costs`. A sale books the gain or loss against that cost (:func:`sale_result`); a death
writes it off (:func:`death_write_off`). Money is whole rupiah; shared conventions and
:class:`~koperasi_merah_putih.calculators.units.UnitInputError`: see :mod:`koperasi_merah_putih.calculators.units`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from koperasi_merah_putih.calculators.money import Number, round_rupiah, to_decimal
from koperasi_merah_putih.calculators.units import (
	UnitInputError,
	allocate_largest_remainder,
	as_amount,
	get_field,
)

__all__ = [
	"ALLOCATION_METHODS",
	"DeathWriteOff",
	"HerdSummary",
	"SaleResult",
	"allocate_costs",
	"animal_cost",
	"death_write_off",
	"head_days",
	"herd_report",
	"sale_result",
]

ALLOCATION_METHODS = ("head_days", "equal")


def animal_cost(purchase_cost: Number, attributed_costs: Iterable[Number] = ()) -> int:
	"""An animal's carrying cost: ``purchase_cost + sum(attributed_costs)``, whole rupiah, no rounding.

	``attributed_costs`` are the amounts charged to this animal (feed, vet, its allocated share of herd
	costs). Raises ``negative_amount`` / ``not_whole_rupiah``.
	"""
	total = as_amount(purchase_cost, "purchase_cost")
	for amount in attributed_costs:
		total += as_amount(amount, "attributed_cost")
	return total


def head_days(entry_date: date, exit_date: date | None, period_start: date, period_end: date) -> int:
	"""Days an animal was in the herd within a period (both period ends inclusive).

	An animal counts from its ``entry_date`` (purchase or birth) and no longer on its ``exit_date`` (sale
	or death; ``None`` = still in the herd): bought on the 10th and sold on the 20th is 10 days. 0 when it
	was not in the herd during the period.
	"""
	first = max(entry_date, period_start)
	last = period_end if exit_date is None else min(exit_date - timedelta(days=1), period_end)
	return max((last - first).days + 1, 0)


def allocate_costs(
	total: Number,
	animals_with_days: Mapping[Any, Number] | Iterable[tuple[Any, Number]],
	method: str = "head_days",
) -> dict[Any, int]:
	"""Allocate a herd-wide cost (feed, vet, wages) over the animals, whole rupiah summing exactly to it.

	``animals_with_days`` maps each animal (its ear tag) to its head-days in the period (:func:`head_days`),
	as a dict or ``(animal, days)`` pairs. ``head_days`` shares in proportion to the days, ``equal`` gives
	every animal the same share (the days are ignored). Largest-remainder rounding
	(:func:`~koperasi_merah_putih.calculators.units.allocate_largest_remainder`): floors first, the rupiah
	left over one each to the largest remainders, ties to the earlier animal. An animal with 0 head-days
	gets 0 under ``head_days``. The result keeps the input order.

	Raises :class:`UnitInputError` ``no_animals``, ``duplicate_animal``, ``unknown_allocation_method``,
	``negative_weight`` / ``invalid_weight`` (days), ``zero_total_weight`` (no head-days at all),
	``negative_amount`` / ``not_whole_rupiah`` (total).
	"""
	if method not in ALLOCATION_METHODS:
		raise UnitInputError("unknown_allocation_method", method=method, expected=ALLOCATION_METHODS)
	pairs = list(animals_with_days.items() if isinstance(animals_with_days, Mapping) else animals_with_days)
	if not pairs:
		raise UnitInputError("no_animals")
	animals = [animal for animal, _ in pairs]
	seen: set = set()
	for animal in animals:
		if animal in seen:
			raise UnitInputError("duplicate_animal", animal=animal)
		seen.add(animal)
	weights = [1] * len(pairs) if method == "equal" else [days for _, days in pairs]
	return dict(zip(animals, allocate_largest_remainder(total, weights)))


@dataclass(frozen=True)
class HerdSummary:
	"""Herd report figures: ``count``, ``total_value`` (sum of carrying costs), ``average_cost``
	(``round_rupiah(total_value / count)``, half-up; ``None`` for an empty herd), ``total_weight`` (kg,
	``Decimal``, of the animals with a weight) and ``weighed`` (how many have one); ``groups`` holds the
	same figures per group (e.g. species) when asked for."""

	count: int
	total_value: int
	average_cost: int | None
	total_weight: Decimal
	weighed: int
	groups: dict[Any, HerdSummary] = field(default_factory=dict)

	def as_dict(self) -> dict:
		return asdict(self)


def _summary(costs: list[int], weights: list[Decimal]) -> HerdSummary:
	count, total = len(costs), sum(costs)
	average = round_rupiah(Decimal(total) / count) if count else None
	return HerdSummary(count, total, average, sum(weights, Decimal(0)), len(weights))


def herd_report(animals: Iterable[Any], group_by: str | None = None) -> HerdSummary:
	"""Count, value and average cost of the animals in stock.

	Each animal is a row with ``cost`` (its carrying cost, whole rupiah), optionally ``weight`` (its last
	weight in kg) and the ``group_by`` field (e.g. ``"species"``, ``"item_code"``). Pass only the animals in
	the herd on the report date. Raises ``negative_amount`` / ``not_whole_rupiah`` (cost) and
	``invalid_quantity`` (weight).
	"""
	costs: list[int] = []
	weights: list[Decimal] = []
	groups: dict[Any, tuple[list[int], list[Decimal]]] = {}
	for animal in animals:
		cost = as_amount(get_field(animal, "cost"), "cost")
		weight = get_field(animal, "weight")
		costs.append(cost)
		group = groups.setdefault(get_field(animal, group_by), ([], [])) if group_by else None
		if group is not None:
			group[0].append(cost)
		if weight not in (None, ""):
			try:
				kg = to_decimal(weight)
			except (TypeError, ValueError, ArithmeticError):
				raise UnitInputError("invalid_quantity", field="weight", value=weight)
			weights.append(kg)
			if group is not None:
				group[1].append(kg)
	summary = _summary(costs, weights)
	if group_by:
		summary = replace(summary, groups={key: _summary(*lists) for key, lists in groups.items()})
	return summary


@dataclass(frozen=True)
class SaleResult:
	"""A sale: ``price`` received, ``carrying_cost`` leaving stock, ``gain`` (negative = loss)."""

	price: int
	carrying_cost: int
	gain: int

	@property
	def is_loss(self) -> bool:
		return self.gain < 0


def sale_result(price: Number, carrying_cost: Number) -> SaleResult:
	"""Gain or loss on selling an animal: ``price - carrying_cost`` (whole rupiah, no rounding).

	``price`` is the net selling price (after any discount, before tax). Raises ``negative_amount`` /
	``not_whole_rupiah``; a price of 0 (a gift) is allowed and books the whole cost as a loss.
	"""
	price = as_amount(price, "price")
	cost = as_amount(carrying_cost, "carrying_cost")
	return SaleResult(price, cost, price - cost)


@dataclass(frozen=True)
class DeathWriteOff:
	"""A death: ``write_off`` (the carrying cost leaving stock), ``recovery`` (e.g. livestock insurance,
	AUTS/K, or the carcass sold) and ``net_loss = write_off - recovery`` (negative = a gain)."""

	write_off: int
	recovery: int
	net_loss: int


def death_write_off(carrying_cost: Number, recovery: Number = 0) -> DeathWriteOff:
	"""The amount written off when an animal dies: its whole carrying cost, less any ``recovery``.

	Whole rupiah, no rounding. Raises ``negative_amount`` / ``not_whole_rupiah``.
	"""
	cost = as_amount(carrying_cost, "carrying_cost")
	recovered = as_amount(recovery, "recovery")
	return DeathWriteOff(cost, recovered, cost - recovered)
