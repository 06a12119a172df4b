"""Catfish (lele) pond cycles: total cost, cost per kg, feed conversion ratio and survival rate.

A cycle consumes fingerlings (benih) and feed and yields harvested kilograms (through an ERPNext
Manufacture/Repack stock entry). The harvest goes to stock at the cycle's *total* cost -- ERPNext derives
the valuation rate from it -- so nothing is lost to rounding; :attr:`CycleResult.cost_per_kg` is the
rounded figure to show. Shared conventions and
:class:`~koperasi_merah_putih.calculators.units.UnitInputError`: see :mod:`koperasi_merah_putih.calculators.units`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from koperasi_merah_putih.calculators.money import Number, round_rupiah
from koperasi_merah_putih.calculators.units import UnitInputError, as_amount, as_quantity, percent

__all__ = ["CycleResult", "cycle_result", "cycle_total_cost", "feed_conversion_ratio"]

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CycleResult:
	"""A finished cycle.

	``total_cost = fingerling_cost + feed_cost + other_costs`` (whole rupiah); ``cost_per_kg`` is
	``round_rupiah(total_cost / harvest_kg)`` (half-up, whole rupiah per kg); ``fcr`` is
	:func:`feed_conversion_ratio`; ``survival_rate`` is ``fish_harvested / fingerlings_stocked`` in
	percent, 2 places half-up (``None`` without the counts).
	"""

	fingerling_cost: int
	feed_cost: int
	other_costs: int
	total_cost: int
	feed_kg: Decimal
	harvest_kg: Decimal
	cost_per_kg: int
	fcr: Decimal
	fingerlings_stocked: int | None = None
	fish_harvested: int | None = None
	survival_rate: Decimal | None = None

	def as_dict(self) -> dict:
		return asdict(self)


def _other_costs(other_costs: Number | Iterable[Number] | None) -> int:
	if other_costs is None or isinstance(other_costs, int | float | Decimal | str):
		return as_amount(other_costs, "other_costs")
	return sum(as_amount(amount, "other_costs") for amount in other_costs)


def cycle_total_cost(
	fingerling_cost: Number, feed_cost: Number, other_costs: Number | Iterable[Number] | None = 0
) -> int:
	"""``fingerling_cost + feed_cost + other_costs`` (one amount or several: labour, electricity, lime,
	probiotics), whole rupiah, no rounding -- also the loss of a cycle that harvested nothing. Raises
	``negative_amount`` / ``not_whole_rupiah``."""
	return (
		as_amount(fingerling_cost, "fingerling_cost")
		+ as_amount(feed_cost, "feed_cost")
		+ _other_costs(other_costs)
	)


def feed_conversion_ratio(feed_kg: Number | str, harvest_kg: Number | str) -> Decimal:
	"""FCR = kg of feed / kg of fish harvested, ``Decimal`` with 2 places, rounded half-up.

	``feed_conversion_ratio(1300, 1000) == Decimal("1.30")``. Raises ``negative_quantity`` /
	``invalid_quantity`` and ``no_harvest`` (``harvest_kg`` is 0).
	"""
	feed = as_quantity(feed_kg, "feed_kg")
	harvest = _harvest(harvest_kg)
	return (feed / harvest).quantize(_CENT, rounding=ROUND_HALF_UP)


def _harvest(harvest_kg: Number | str) -> Decimal:
	harvest = as_quantity(harvest_kg, "harvest_kg")
	if harvest == 0:
		raise UnitInputError("no_harvest")
	return harvest


def _count(value: int, name: str) -> int:
	if isinstance(value, bool) or not isinstance(value, int) or value < 0:
		raise UnitInputError("invalid_fish_count", field=name, value=value)
	return value


def cycle_result(
	fingerling_cost: Number,
	feed_kg: Number | str,
	feed_cost: Number,
	other_costs: Number | Iterable[Number] | None,
	harvest_kg: Number | str,
	*,
	fingerlings_stocked: int | None = None,
	fish_harvested: int | None = None,
) -> CycleResult:
	"""Cost per kg, FCR and (with both fish counts) survival rate of a finished cycle; see
	:class:`CycleResult` for the formulas and rounding.

	Example: benih Rp1.500.000, 1,300 kg of feed for Rp13.000.000, other costs Rp1.000.000, 1,000 kg
	harvested -> total Rp15.500.000, Rp15.500/kg, FCR 1.30; 10,000 fingerlings stocked and 8,000 fish
	harvested -> survival 80.00%.

	Raises :class:`UnitInputError` ``no_harvest`` (``harvest_kg`` is 0: book the loss with
	:func:`cycle_total_cost` instead), ``negative_quantity`` / ``invalid_quantity`` (kg),
	``negative_amount`` / ``not_whole_rupiah`` (costs), ``fish_counts_incomplete`` (only one count),
	``invalid_fish_count`` (not a whole number ``>= 0``), ``no_fingerlings`` (0 stocked) and
	``harvest_count_exceeds_stocked``.
	"""
	harvest = _harvest(harvest_kg)
	feed = as_quantity(feed_kg, "feed_kg")
	fingerlings = as_amount(fingerling_cost, "fingerling_cost")
	feed_amount = as_amount(feed_cost, "feed_cost")
	others = _other_costs(other_costs)
	total = fingerlings + feed_amount + others
	survival = None
	if (fingerlings_stocked is None) != (fish_harvested is None):
		raise UnitInputError(
			"fish_counts_incomplete", fingerlings_stocked=fingerlings_stocked, fish_harvested=fish_harvested
		)
	if fingerlings_stocked is not None and fish_harvested is not None:
		stocked = _count(fingerlings_stocked, "fingerlings_stocked")
		harvested = _count(fish_harvested, "fish_harvested")
		if stocked == 0:
			raise UnitInputError("no_fingerlings")
		if harvested > stocked:
			raise UnitInputError(
				"harvest_count_exceeds_stocked", fingerlings_stocked=stocked, fish_harvested=harvested
			)
		survival = percent(harvested, stocked)
	return CycleResult(
		fingerling_cost=fingerlings,
		feed_cost=feed_amount,
		other_costs=others,
		total_cost=total,
		feed_kg=feed,
		harvest_kg=harvest,
		cost_per_kg=round_rupiah(Decimal(total) / harvest),
		fcr=feed_conversion_ratio(feed, harvest),
		fingerlings_stocked=fingerlings_stocked,
		fish_harvested=fish_harvested,
		survival_rate=survival,
	)
