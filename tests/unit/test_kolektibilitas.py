from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.kolektibilitas import (
	DALAM_PERHATIAN_KHUSUS,
	DEFAULT_PPAP_PERCENTS,
	DEFAULT_RANGES,
	DIRAGUKAN,
	KURANG_LANCAR,
	LANCAR,
	MACET,
	DayRange,
	allowance,
	check_ranges,
	classify,
	days_past_due,
	is_non_accrual,
	no_better_than,
	npl_ratio,
)
from koperasi_merah_putih.calculators.loans import Due, LoanInputError, build_schedule

FOUR_CLASSES = [  # the health assessment's four classes, as tuples from settings
	("Lancar", 0, 30),
	("Kurang Lancar", 31, 90),
	("Diragukan", 91, 180),
	("Macet", 181, None),
]


def codes(problems):
	return [problem.code for problem in problems]


def test_days_past_due():
	dues = [
		Due(2, date(2025, 3, 1), principal=1_000_000, interest=100_000),
		Due(1, date(2025, 2, 1), principal=0, interest=0, denda=5_000),  # only denda left: not past due
		Due(3, date(2025, 4, 1), principal=1_000_000, interest=90_000),
	]
	assert days_past_due(dues, date(2025, 2, 28)) == 0
	assert days_past_due(dues, date(2025, 3, 1)) == 0  # due today is not past due
	assert days_past_due(dues, date(2025, 3, 2)) == 1
	assert days_past_due(dues, date(2025, 5, 30)) == 90
	assert days_past_due([], date(2025, 5, 30)) == 0
	assert days_past_due([(date(2025, 1, 10), 500), (date(2025, 1, 1), 0)], date(2025, 1, 20)) == 10
	assert days_past_due([(date(2025, 1, 10), 500.0)], date(2025, 1, 20)) == 10


def test_days_past_due_from_a_schedule_with_unpaid_instalments():
	rows = build_schedule(12_000_000, 12, 12, method="efektif", start_date=date(2025, 1, 1))
	dues = [Due.from_instalment(row) for row in rows[2:]]  # instalments 1 and 2 paid, 3 (1 Apr) onwards open
	assert days_past_due(dues, date(2025, 4, 1) + timedelta(days=91)) == 91
	assert classify(days_past_due(dues, date(2025, 7, 1))) == KURANG_LANCAR


@pytest.mark.parametrize(
	("dpd", "expected"),
	[
		(0, LANCAR),
		(1, DALAM_PERHATIAN_KHUSUS),
		(90, DALAM_PERHATIAN_KHUSUS),
		(91, KURANG_LANCAR),
		(180, KURANG_LANCAR),
		(181, DIRAGUKAN),
		(270, DIRAGUKAN),
		(271, MACET),
		(10_000, MACET),
	],
)
def test_default_classes(dpd, expected):
	assert classify(dpd) == expected


def test_configurable_ranges():
	assert [classify(dpd, FOUR_CLASSES) for dpd in (0, 30, 31, 90, 91, 181)] == [
		"Lancar",
		"Lancar",
		"Kurang Lancar",
		"Kurang Lancar",
		"Diragukan",
		"Macet",
	]
	as_dicts = [{"name": n, "min_days": lo, "max_days": hi} for n, lo, hi in FOUR_CLASSES]
	assert classify(45, as_dicts) == "Kurang Lancar"
	assert is_non_accrual("Kurang Lancar", FOUR_CLASSES)
	assert not is_non_accrual("Lancar", FOUR_CLASSES)


def test_non_accrual_from_kurang_lancar():
	assert [is_non_accrual(item.name) for item in DEFAULT_RANGES] == [False, False, True, True, True]
	assert is_non_accrual(DIRAGUKAN, threshold=MACET) is False
	with pytest.raises(LoanInputError) as raised:
		is_non_accrual("Bagus")
	assert raised.value.code == "unknown_class"


def test_check_ranges():
	assert check_ranges(DEFAULT_RANGES) == []
	assert check_ranges(FOUR_CLASSES) == []
	assert codes(check_ranges([])) == ["no_ranges"]
	assert codes(check_ranges([("A", 1, None)])) == ["first_not_zero"]
	assert codes(check_ranges([("A", 0, 10), ("B", 12, None)])) == ["gap_or_overlap"]
	assert codes(check_ranges([("A", 0, 10), ("B", 10, None)])) == ["gap_or_overlap"]
	assert codes(check_ranges([("A", 0, 10), ("B", 11, 5), ("C", 6, None)])) == ["max_before_min"]
	assert codes(check_ranges([("A", 0, None), ("B", 1, None)])) == ["open_range_not_last"]
	assert codes(check_ranges([("A", 0, 10), ("B", 11, 20)])) == ["last_not_open"]
	assert codes(check_ranges([("A", 0, 10), ("A", 11, None)])) == ["duplicate_name"]
	assert check_ranges([("A", 0, 10), ("B", 12, None)])[0].params == {
		"name": "B",
		"min_days": 12,
		"expected": 11,
	}
	with pytest.raises(LoanInputError) as raised:
		classify(5, [("A", 0, 10), ("B", 12, None)])
	assert raised.value.code == "invalid_ranges"
	with pytest.raises(LoanInputError) as raised:
		classify(-1)
	assert raised.value.code == "negative_days"


@settings(max_examples=60, deadline=None)
@given(
	bounds=st.lists(st.integers(1, 60), min_size=1, max_size=6),
	dpd=st.integers(0, 1_000),
)
def test_contiguous_ranges_cover_every_day(bounds, dpd):
	ranges, low = [], 0
	for index, width in enumerate(bounds):
		ranges.append(DayRange(f"K{index}", low, low + width - 1))
		low += width
	ranges.append(DayRange("last", low, None))
	assert check_ranges(ranges) == []
	name = classify(dpd, ranges)
	item = next(item for item in ranges if item.name == name)
	assert item.min_days <= dpd and (item.max_days is None or dpd <= item.max_days)


def test_allowance():
	portfolio = {
		LANCAR: 100_000_000,
		DALAM_PERHATIAN_KHUSUS: 10_000_000,
		KURANG_LANCAR: 5_000_000,
		DIRAGUKAN: 2_000_000,
		MACET: 1_000_000,
	}
	assert allowance(portfolio) == {
		LANCAR: 500_000,
		DALAM_PERHATIAN_KHUSUS: 1_000_000,
		KURANG_LANCAR: 2_500_000,
		DIRAGUKAN: 1_500_000,
		MACET: 1_000_000,
	}
	assert allowance({LANCAR: 1_100}) == {LANCAR: 6}  # 5.5 -> half-up
	assert allowance({LANCAR: 1_099.0}) == {LANCAR: 5}  # 5.495
	assert allowance({}) == {}
	custom = {"Lancar": 1, "Kurang Lancar": "12.5", "Diragukan": 60, "Macet": 100}
	assert allowance({"Kurang Lancar": 1_000_000}, custom) == {"Kurang Lancar": 125_000}
	assert DEFAULT_PPAP_PERCENTS[LANCAR] == Decimal("0.5")
	with pytest.raises(LoanInputError) as raised:
		allowance({"Bagus": 1}, custom)
	assert raised.value.code == "unknown_class"
	with pytest.raises(LoanInputError) as raised:
		allowance({LANCAR: -1})
	assert raised.value.code == "negative_amount"


def test_npl_ratio():
	portfolio = {
		LANCAR: 100_000_000,
		DALAM_PERHATIAN_KHUSUS: 10_000_000,
		KURANG_LANCAR: 5_000_000,
		DIRAGUKAN: 2_000_000,
		MACET: 1_000_000,
	}
	assert npl_ratio(portfolio) == Decimal(8_000_000) / Decimal(118_000_000)
	assert npl_ratio({LANCAR: 5}) == 0
	assert npl_ratio({}) == 0
	assert npl_ratio({MACET: 7}) == 1
	assert npl_ratio({"Lancar": 50, "Kurang Lancar": 50}, npl_classes=("Kurang Lancar",)) == Decimal("0.5")


# ---------------------------------------------------------------- restructured loans: a floor on the class
def test_no_better_than_keeps_a_worse_class_and_lifts_a_better_one():
	assert no_better_than(LANCAR, KURANG_LANCAR) == KURANG_LANCAR
	assert no_better_than(MACET, KURANG_LANCAR) == MACET
	assert no_better_than(DALAM_PERHATIAN_KHUSUS, None) == DALAM_PERHATIAN_KHUSUS
	assert no_better_than(DALAM_PERHATIAN_KHUSUS, "") == DALAM_PERHATIAN_KHUSUS
	with pytest.raises(LoanInputError) as e:
		no_better_than(LANCAR, "Bagus")
	assert e.value.code == "unknown_class"
