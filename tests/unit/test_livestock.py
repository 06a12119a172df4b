from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.livestock import (
	DeathWriteOff,
	SaleResult,
	allocate_costs,
	animal_cost,
	death_write_off,
	head_days,
	herd_report,
	sale_result,
)
from koperasi_merah_putih.calculators.units import UnitInputError

JAN_1, JAN_31 = date(2025, 1, 1), date(2025, 1, 31)


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


def test_animal_cost():
	assert animal_cost(2_500_000, [150_000, 75_000]) == 2_725_000
	assert animal_cost(0) == 0  # born in the herd
	assert animal_cost(2_500_000.0, (Decimal(1),)) == 2_500_001
	raises_code("negative_amount", animal_cost, -1)
	raises_code("not_whole_rupiah", animal_cost, 100, [0.5])


def test_head_days():
	assert head_days(date(2025, 1, 10), date(2025, 1, 20), JAN_1, JAN_31) == 10  # not fed on the sale day
	assert head_days(date(2024, 12, 1), None, JAN_1, JAN_31) == 31
	assert head_days(date(2024, 12, 1), date(2025, 2, 5), JAN_1, JAN_31) == 31
	assert head_days(date(2025, 1, 31), None, JAN_1, JAN_31) == 1  # born on the last day
	assert head_days(date(2024, 12, 1), JAN_1, JAN_1, JAN_31) == 0  # sold on the first day
	assert head_days(date(2025, 2, 1), None, JAN_1, JAN_31) == 0
	assert head_days(date(2024, 11, 1), date(2024, 12, 1), JAN_1, JAN_31) == 0


def test_allocate_costs_by_head_days_hand_computed():
	assert allocate_costs(1_000_000, {"G1": 30, "G2": 30, "G3": 15}) == {
		"G1": 400_000,
		"G2": 400_000,
		"G3": 200_000,
	}
	# 100,000 / 3 = 33,333.33 each: the left-over rupiah to the first
	assert allocate_costs(100_000, [("A", 31), ("B", 31), ("C", 31)]) == {
		"A": 33_334,
		"B": 33_333,
		"C": 33_333,
	}
	assert allocate_costs(1_000, {"A": 31, "B": 0}) == {"A": 1_000, "B": 0}


def test_allocate_costs_equally():
	assert allocate_costs(100, {"A": 31, "B": 1, "C": 0}, method="equal") == {"A": 34, "B": 33, "C": 33}


def test_allocate_costs_refusals():
	raises_code("no_animals", allocate_costs, 100, {})
	raises_code("duplicate_animal", allocate_costs, 100, [("A", 1), ("B", 1), ("A", 2)])
	raises_code("unknown_allocation_method", allocate_costs, 100, {"A": 1}, method="weight")
	raises_code("zero_total_weight", allocate_costs, 100, {"A": 0})
	raises_code("negative_weight", allocate_costs, 100, {"A": -1, "B": 5})
	raises_code("negative_amount", allocate_costs, -100, {"A": 1})


@settings(max_examples=150, deadline=None)
@given(
	total=st.integers(min_value=0, max_value=10**10),
	days=st.lists(st.integers(min_value=0, max_value=366), min_size=1, max_size=60).filter(any),
	method=st.sampled_from(["head_days", "equal"]),
)
def test_allocations_sum_exactly_to_the_total(total, days, method):
	animals = {f"EAR-{i:03d}": d for i, d in enumerate(days)}
	shares = allocate_costs(total, animals, method)
	assert list(shares) == list(animals)
	assert sum(shares.values()) == total
	weights = [1] * len(days) if method == "equal" else days
	for share, weight in zip(shares.values(), weights):
		assert abs(share - Fraction(total * weight, sum(weights))) < 1
	if method == "equal":
		assert max(shares.values()) - min(shares.values()) <= 1


def test_herd_report():
	animals = [
		{"ear_tag": "G1", "species": "Kambing", "cost": 2_725_000, "weight": "32.5"},
		{"ear_tag": "G2", "species": "Kambing", "cost": 3_000_000, "weight": 30},
		{"ear_tag": "G3", "species": "Kambing", "cost": 1_000_000},  # born, not yet weighed
		{"ear_tag": "C1", "species": "Sapi", "cost": 15_000_001.0, "weight": 310},
	]
	herd = herd_report(animals[:3])
	assert (herd.count, herd.total_value, herd.average_cost) == (3, 6_725_000, 2_241_667)  # .67 half-up
	assert (herd.total_weight, herd.weighed) == (Decimal("62.5"), 2)
	assert herd.groups == {}

	by_species = herd_report(animals, group_by="species")
	assert by_species.count == 4
	assert by_species.total_value == 21_725_001
	assert by_species.groups["Kambing"].average_cost == 2_241_667
	assert by_species.groups["Sapi"].average_cost == 15_000_001
	assert by_species.groups["Sapi"].total_weight == 310
	assert by_species.as_dict()["groups"]["Sapi"]["count"] == 1


def test_herd_report_empty_and_refusals():
	empty = herd_report([])
	assert (empty.count, empty.total_value, empty.average_cost) == (0, 0, None)
	raises_code("negative_amount", herd_report, [{"cost": -1}])
	raises_code("invalid_quantity", herd_report, [{"cost": 1, "weight": "heavy"}])


def test_average_cost_rounds_half_up():
	assert herd_report([{"cost": 1}, {"cost": 2}]).average_cost == 2  # 1.5 -> 2


def test_sale_gain_and_loss():
	assert sale_result(3_500_000, 2_725_000) == SaleResult(3_500_000, 2_725_000, 775_000)
	loss = sale_result(2_000_000, 2_725_000)
	assert loss.gain == -725_000
	assert loss.is_loss
	assert sale_result(0, 100).gain == -100
	raises_code("negative_amount", sale_result, -1, 100)


def test_death_write_off():
	assert death_write_off(2_725_000) == DeathWriteOff(2_725_000, 0, 2_725_000)
	assert death_write_off(2_725_000, 1_000_000).net_loss == 1_725_000  # insured (AUTS/K)
	assert death_write_off(1_000, 1_500).net_loss == -500
	raises_code("not_whole_rupiah", death_write_off, 1_000.5)
