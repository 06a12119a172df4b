from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.units import (
	UnitInputError,
	UnitProblem,
	UnitResult,
	allocate_largest_remainder,
	as_amount,
	as_quantity,
	get_field,
	ledger_amount,
	percent,
	unit_pnl,
	unit_pnl_from_gl,
)


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


# ---------------------------------------------------------------------------------------------------------
# Input rules


def test_as_amount_accepts_whole_rupiah_from_the_database():
	assert as_amount(1000, "price") == 1000
	assert as_amount(1000.0, "price") == 1000
	assert as_amount(Decimal("1500.00"), "price") == 1500
	assert as_amount("2500", "price") == 2500
	assert as_amount(None, "price") == 0
	assert as_amount(-5, "outstanding", signed=True) == -5


def test_as_amount_refusals():
	error = raises_code("not_whole_rupiah", as_amount, 1000.5, "price")
	assert error.params == {"field": "price", "value": 1000.5}
	raises_code("not_whole_rupiah", as_amount, "abc", "price")
	raises_code("not_whole_rupiah", as_amount, True, "price")
	raises_code("negative_amount", as_amount, -1, "price")
	raises_code("amount_not_positive", as_amount, 0, "price", positive=True)
	raises_code("negative_amount", as_amount, -1, "price", positive=True)


def test_as_quantity_is_exact():
	assert as_quantity("2.5", "qty") == Decimal("2.5")
	assert as_quantity(0.1, "qty") == Decimal("0.1")
	assert as_quantity(None, "qty") == 0
	raises_code("negative_quantity", as_quantity, -1, "qty")
	raises_code("negative_quantity", as_quantity, -1, "qty", positive=True)
	raises_code("quantity_not_positive", as_quantity, 0, "qty", positive=True)
	raises_code("invalid_quantity", as_quantity, "x", "qty")
	raises_code("invalid_quantity", as_quantity, True, "qty")
	raises_code("invalid_quantity", as_quantity, float("nan"), "qty")


def test_ledger_amount_keeps_fractions_and_signs():
	assert ledger_amount(5) == 5
	assert ledger_amount(-3333.33) == Decimal("-3333.33")
	assert ledger_amount(None) == 0
	raises_code("invalid_amount", ledger_amount, "x", "cost")


def test_get_field_reads_dicts_and_objects():
	class Row:
		unit = "Sembako"

	assert get_field({"unit": "Apotek"}, "unit") == "Apotek"
	assert get_field(Row(), "unit") == "Sembako"
	assert get_field(Row(), "missing", 7) == 7


def test_problem_is_a_plain_tuple():
	code, params = UnitProblem("over_quota", {"remaining": 1})
	assert (code, params) == ("over_quota", {"remaining": 1})
	assert UnitProblem("x").params == {}


def test_percent_half_up_two_places():
	assert percent(1, 3) == Decimal("33.33")
	assert percent(2, 3) == Decimal("66.67")
	assert percent(-1, 8) == Decimal("-12.50")
	assert percent(1, 800) == Decimal("0.13")  # 0.125 -> half-up, not banker's 0.12
	assert percent(5, 0) is None


# ---------------------------------------------------------------------------------------------------------
# Largest remainder


def test_largest_remainder_hand_computed():
	assert allocate_largest_remainder(100, [1, 1, 1]) == [34, 33, 33]  # tie goes to the first
	assert allocate_largest_remainder(7, [1, 1, 1, 1]) == [2, 2, 2, 1]
	# 1000 over 10/20/30: 166.67, 333.33, 500 -> the left-over rupiah to the largest remainder (.67)
	assert allocate_largest_remainder(1000, [10, 20, 30]) == [167, 333, 500]
	assert allocate_largest_remainder(10, [1, 2, 3, 4]) == [1, 2, 3, 4]
	assert allocate_largest_remainder(10, [0, 1]) == [0, 10]
	assert allocate_largest_remainder(0, [1, 2]) == [0, 0]
	assert allocate_largest_remainder(5, ["0.5", Decimal("1.5")]) == [1, 4]  # 1.25 / 3.75


def test_largest_remainder_refusals():
	raises_code("no_weights", allocate_largest_remainder, 10, [])
	raises_code("zero_total_weight", allocate_largest_remainder, 10, [0, 0])
	raises_code("negative_weight", allocate_largest_remainder, 10, [1, -1])
	raises_code("invalid_weight", allocate_largest_remainder, 10, [1, "x"])
	raises_code("negative_amount", allocate_largest_remainder, -10, [1])
	raises_code("not_whole_rupiah", allocate_largest_remainder, 10.5, [1])


@settings(max_examples=150, deadline=None)
@given(
	total=st.integers(min_value=0, max_value=10**12),
	weights=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40).filter(any),
)
def test_largest_remainder_sums_exactly_and_stays_within_a_rupiah(total, weights):
	shares = allocate_largest_remainder(total, weights)
	assert sum(shares) == total
	weight_sum = sum(weights)
	for share, weight in zip(shares, weights):
		exact = Fraction(total * weight, weight_sum)
		assert share >= 0
		assert abs(share - exact) < 1
		if weight == 0:
			assert share == 0


# ---------------------------------------------------------------------------------------------------------
# Per-unit P&L


def test_unit_pnl_hand_computed():
	rows = [
		{"unit": "Sembako", "income": 10_000_000, "cogs": 8_000_000, "expenses": 300_000},
		{"unit": "Sembako", "expenses": 200_000},
		{"unit": "Apotek", "income": 2_000_000, "cogs": 1_200_000, "expenses": 900_000},
		{"unit": "Klinik", "expenses": 100_000},
		{"unit": None, "expenses": 250_000},  # the office: consolidated only
	]
	pnl = unit_pnl(rows)
	assert list(pnl.units) == ["Sembako", "Apotek", "Klinik", None]
	sembako = pnl.units["Sembako"]
	assert sembako == UnitResult(
		income=10_000_000,
		cogs=8_000_000,
		expenses=500_000,
		gross_profit=2_000_000,
		result=1_500_000,
		gross_margin=Decimal("20.00"),
		margin=Decimal("15.00"),
	)
	assert pnl.units["Apotek"].result == -100_000
	assert pnl.units["Apotek"].margin == Decimal("-5.00")
	assert pnl.units["Klinik"].margin is None
	assert pnl.total.income == 12_000_000
	assert pnl.total.cogs == 9_200_000
	assert pnl.total.expenses == 1_750_000
	assert pnl.total.result == 1_050_000
	assert pnl.total.margin == Decimal("8.75")
	assert sembako.as_dict()["result"] == 1_500_000


def test_unit_pnl_rounds_each_units_sums_once_and_the_total_adds_up():
	rows = [{"unit": "A", "cogs": "0.4"}] * 3 + [{"unit": "B", "cogs": "0.4"}] * 3
	pnl = unit_pnl(rows)
	assert pnl.units["A"].cogs == 1  # 1.2 rounded once, not 0 + 0 + 0
	assert pnl.total.cogs == pnl.units["A"].cogs + pnl.units["B"].cogs == 2


def test_unit_pnl_empty():
	pnl = unit_pnl([])
	assert pnl.units == {}
	assert pnl.total.income == 0
	assert pnl.total.margin is None


def test_unit_pnl_from_gl_classifies_like_the_statement():
	gl = [
		{"unit": "Sembako", "root_type": "Income", "account_type": "", "debit": 0, "credit": 10_000_000},
		{"unit": "Sembako", "root_type": "Income", "account_type": "", "debit": 100_000, "credit": 0},
		{
			"unit": "Sembako",
			"root_type": "Expense",
			"account_type": "Cost of Goods Sold",
			"debit": 8_000_000.25,
			"credit": 0,
		},
		{"unit": "Sembako", "root_type": "Expense", "account_type": "", "debit": 500_000, "credit": 0},
		{"unit": "Sembako", "root_type": "Expense", "account_type": None, "debit": 0, "credit": 50_000},
		{"unit": "Sembako", "root_type": "Asset", "account_type": "Stock", "debit": 0, "credit": 8_000_000},
		{"unit": "", "root_type": "Expense", "account_type": "", "debit": 75_000, "credit": 0},
	]
	pnl = unit_pnl_from_gl(gl)
	assert pnl.units["Sembako"].income == 9_900_000
	assert pnl.units["Sembako"].cogs == 8_000_000
	assert pnl.units["Sembako"].expenses == 450_000
	assert pnl.units[None].expenses == 75_000
	assert pnl.total.result == 9_900_000 - 8_000_000 - 450_000 - 75_000


@settings(max_examples=80, deadline=None)
@given(
	st.lists(
		st.tuples(
			st.sampled_from(["A", "B", "C", None]),
			st.integers(-(10**9), 10**9),
			st.integers(0, 10**9),
			st.integers(0, 10**9),
		),
		max_size=30,
	)
)
def test_unit_pnl_columns_always_add_up(rows):
	pnl = unit_pnl([{"unit": u, "income": i, "cogs": c, "expenses": e} for u, i, c, e in rows])
	for result in [*pnl.units.values(), pnl.total]:
		assert result.gross_profit == result.income - result.cogs
		assert result.result == result.gross_profit - result.expenses
	assert pnl.total.income == sum(i for _, i, _, _ in rows)
	assert pnl.total.result == sum(result.result for result in pnl.units.values())
