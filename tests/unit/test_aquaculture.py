from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.aquaculture import (
	CycleResult,
	cycle_result,
	cycle_total_cost,
	feed_conversion_ratio,
)
from koperasi_merah_putih.calculators.money import round_rupiah
from koperasi_merah_putih.calculators.units import UnitInputError


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


def test_cycle_hand_computed():
	result = cycle_result(
		1_500_000, 1300, 13_000_000, 1_000_000, 1000, fingerlings_stocked=10_000, fish_harvested=8_000
	)
	assert result == CycleResult(
		fingerling_cost=1_500_000,
		feed_cost=13_000_000,
		other_costs=1_000_000,
		total_cost=15_500_000,
		feed_kg=Decimal(1300),
		harvest_kg=Decimal(1000),
		cost_per_kg=15_500,
		fcr=Decimal("1.30"),
		fingerlings_stocked=10_000,
		fish_harvested=8_000,
		survival_rate=Decimal("80.00"),
	)
	assert result.as_dict()["cost_per_kg"] == 15_500


def test_cost_per_kg_rounds_half_up():
	assert cycle_result(0, 0, 1_000_000, 0, 3).cost_per_kg == 333_333  # 333,333.33
	assert cycle_result(1, 0, 1_000_000, 0, 2).cost_per_kg == 500_001  # 500,000.5 -> up
	assert cycle_result(500_000, 0, 0, None, "812.5").cost_per_kg == 615  # 615.38


def test_fcr_two_places_half_up():
	assert feed_conversion_ratio(1000, 750) == Decimal("1.33")
	assert feed_conversion_ratio(1005, 1000) == Decimal("1.01")  # 1.005 -> up, not banker's 1.00
	assert feed_conversion_ratio("0", 10) == Decimal("0.00")
	assert cycle_result(0, "1275.5", 0, 0, "1000").fcr == Decimal("1.28")


def test_other_costs_one_amount_or_several():
	assert cycle_total_cost(1_500_000, 13_000_000, [400_000, 600_000]) == 15_500_000
	assert cycle_total_cost(1_500_000, 13_000_000, 1_000_000) == 15_500_000
	assert cycle_total_cost(1_500_000, 13_000_000) == 14_500_000
	assert cycle_result(0, 10, 100, (1, 2, 3), 10).other_costs == 6


def test_survival_rate():
	assert cycle_result(0, 10, 0, 0, 10, fingerlings_stocked=9, fish_harvested=7).survival_rate == Decimal(
		"77.78"
	)
	assert cycle_result(0, 10, 0, 0, 10, fingerlings_stocked=9, fish_harvested=0).survival_rate == 0
	assert cycle_result(0, 10, 0, 0, 10).survival_rate is None


def test_refusals():
	raises_code("no_harvest", cycle_result, 1_500_000, 1300, 13_000_000, 0, 0)
	raises_code("no_harvest", feed_conversion_ratio, 100, 0)
	raises_code("negative_quantity", cycle_result, 0, 10, 0, 0, -5)
	raises_code("negative_quantity", cycle_result, 0, -10, 0, 0, 5)
	raises_code("negative_amount", cycle_result, -1, 10, 0, 0, 5)
	raises_code("not_whole_rupiah", cycle_result, 0, 10, 100.5, 0, 5)
	raises_code("negative_amount", cycle_result, 0, 10, 0, [1, -2], 5)
	raises_code("fish_counts_incomplete", cycle_result, 0, 10, 0, 0, 5, fingerlings_stocked=100)
	raises_code("no_fingerlings", cycle_result, 0, 10, 0, 0, 5, fingerlings_stocked=0, fish_harvested=0)
	raises_code(
		"harvest_count_exceeds_stocked",
		cycle_result,
		0,
		10,
		0,
		0,
		5,
		fingerlings_stocked=10,
		fish_harvested=11,
	)
	raises_code(
		"invalid_fish_count", cycle_result, 0, 10, 0, 0, 5, fingerlings_stocked=10.5, fish_harvested=1
	)


@settings(max_examples=100, deadline=None)
@given(
	costs=st.tuples(*[st.integers(0, 10**9)] * 3),
	feed_kg=st.decimals(min_value=0, max_value=10**5, places=1),
	harvest_kg=st.decimals(min_value="0.1", max_value=10**5, places=1),
)
def test_cycle_figures_follow_their_definitions(costs, feed_kg, harvest_kg):
	result = cycle_result(costs[0], feed_kg, costs[1], costs[2], harvest_kg)
	assert result.total_cost == sum(costs)
	assert result.cost_per_kg == round_rupiah(Decimal(sum(costs)) / harvest_kg)
	assert abs(result.fcr - feed_kg / harvest_kg) <= Decimal("0.005")
	assert result.fcr == result.fcr.quantize(Decimal("0.01"))
