from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.periods import (
	Allocation,
	add_months,
	allocate_payment,
	arrears,
	billing_date,
	is_period_key,
	month_index,
	period_end,
	period_key,
	period_start,
	periods_between,
	periods_due,
)

period_keys = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)).map(period_key)


def test_period_basics():
	assert period_key(date(2025, 3, 17)) == "2025-03"
	assert period_start("2024-02") == date(2024, 2, 1)
	assert period_end("2024-02") == date(2024, 2, 29)
	assert period_end("2025-02") == date(2025, 2, 28)
	assert period_end("2025-12") == date(2025, 12, 31)


@pytest.mark.parametrize("bad", ["2025-13", "2025-00", "2025-3", "25-03", "2025/03", "", None, "0000-01"])
def test_invalid_keys(bad):
	with pytest.raises(ValueError):
		period_start(bad)


@pytest.mark.parametrize("good", ["2025-01", "2025-12", "0001-01", "9999-12"])
def test_is_period_key_accepts(good):
	assert is_period_key(good)


@pytest.mark.parametrize(
	"bad",
	[
		"2025-13",
		"2025-00",
		"2025-3",
		"25-03",
		"2025/03",
		"",
		None,
		"0000-01",
		"2025-03\n",
		" 2025-03",
		202503,
	],
)
def test_is_period_key_refuses(bad):
	assert not is_period_key(bad)


@settings(max_examples=50, deadline=None)
@given(period_keys)
def test_is_period_key_agrees_with_parsing(key):
	assert is_period_key(key)
	assert period_key(period_start(key)) == key


@pytest.mark.parametrize(
	("key", "n", "expected"),
	[
		("2025-01", 0, "2025-01"),
		("2025-11", 2, "2026-01"),
		("2025-01", -1, "2024-12"),
		("2025-06", -18, "2023-12"),
	],
)
def test_add_months(key, n, expected):
	assert add_months(key, n) == expected


def test_add_months_out_of_range():
	with pytest.raises(ValueError):
		add_months("0001-01", -1)
	with pytest.raises(ValueError):
		add_months("9999-12", 1)


def test_periods_between():
	assert periods_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
	assert periods_between("2025-02", "2025-02") == ["2025-02"]
	assert periods_between("2025-03", "2025-02") == []


@settings(max_examples=50, deadline=None)
@given(period_keys, st.integers(min_value=-240, max_value=240))
def test_add_months_properties(key, n):
	shifted = add_months(key, n)
	assert month_index(shifted) - month_index(key) == n
	assert add_months(shifted, -n) == key
	assert (shifted > key) == (n > 0)
	assert len(periods_between(min(key, shifted), max(key, shifted))) == abs(n) + 1


def test_billing_date_clamps():
	assert billing_date("2025-02", 31) == date(2025, 2, 28)
	assert billing_date("2025-03", 10) == date(2025, 3, 10)
	with pytest.raises(ValueError):
		billing_date("2025-03", 0)


@pytest.mark.parametrize(
	("join", "upto", "day", "expected"),
	[
		(date(2025, 1, 20), date(2025, 3, 1), 1, ["2025-01", "2025-02", "2025-03"]),
		(date(2025, 1, 20), date(2025, 1, 20), 1, ["2025-01"]),
		(date(2025, 1, 20), date(2025, 1, 19), 1, []),
		(date(2025, 1, 20), date(2025, 3, 9), 10, ["2025-01", "2025-02"]),
		(date(2025, 1, 20), date(2025, 3, 10), 10, ["2025-01", "2025-02", "2025-03"]),
		(date(2025, 1, 5), date(2025, 1, 6), 25, ["2025-01"]),
		(date(2025, 1, 5), date(2025, 2, 28), 31, ["2025-01", "2025-02"]),
		(date(2024, 12, 31), date(2025, 1, 1), 1, ["2024-12", "2025-01"]),
	],
)
def test_periods_due(join, upto, day, expected):
	assert periods_due(join, upto, billing_day=day) == expected


def test_periods_due_rejects_bad_billing_day():
	with pytest.raises(ValueError):
		periods_due(date(2025, 1, 1), date(2025, 2, 1), billing_day=32)


def test_allocate_oldest_first_with_partial():
	result = allocate_payment(
		[("2025-03", 50_000), ("2025-01", 50_000), ("2025-02", 50_000)], 120_000, 50_000
	)
	assert result == Allocation(lines=[("2025-01", 50_000), ("2025-02", 50_000), ("2025-03", 20_000)])
	assert result.allocated == 120_000


def test_allocate_skips_settled_and_merges_duplicates():
	result = allocate_payment([("2025-01", 0), ("2025-02", 30_000), ("2025-02", 20_000)], 50_000, 50_000)
	assert result.lines == [("2025-02", 50_000)]
	assert result.advance == [] and result.unallocated == 0


def test_allocate_advance_after_latest_bill():
	result = allocate_payment([("2025-01", 50_000), ("2025-02", 50_000)], 230_000, 50_000)
	assert result.lines == [("2025-01", 50_000), ("2025-02", 50_000)]
	assert result.advance == [("2025-03", 50_000), ("2025-04", 50_000), ("2025-05", 30_000)]
	assert result.unallocated == 0


def test_allocate_advance_cap_and_unallocated():
	result = allocate_payment([("2025-12", 10_000)], 10_000 + 50_000 * 3 + 7, 50_000, max_advance_months=2)
	assert result.advance == [("2026-01", 50_000), ("2026-02", 50_000)]
	assert result.unallocated == 50_007
	assert allocate_payment([("2025-12", 10)], 30, 50, max_advance_months=0).unallocated == 20


def test_allocate_advance_from_without_bills():
	result = allocate_payment([], 120_000, 50_000, advance_from="2025-07")
	assert result == Allocation(advance=[("2025-07", 50_000), ("2025-08", 50_000), ("2025-09", 20_000)])


def test_allocate_advance_from_skips_gap():
	result = allocate_payment([("2025-01", 10)], 60, 50, advance_from="2025-04")
	assert result.advance == [("2025-04", 50)]


@pytest.mark.parametrize(
	("bills", "amount", "monthly", "kwargs"),
	[
		([("2025-01", 10)], 0, 50, {}),
		([("2025-01", 10)], -5, 50, {}),
		([("2025-01", 10)], 10, 0, {}),
		([("2025-01", 10)], 100, 50, {"advance_from": "2025-01"}),
		([], 100, 50, {}),
		([("2025-13", 10)], 10, 50, {}),
		([("2025-01", 10)], 10, 50, {"max_advance_months": -1}),
	],
)
def test_allocate_errors(bills, amount, monthly, kwargs):
	with pytest.raises(ValueError):
		allocate_payment(bills, amount, monthly, **kwargs)


def test_allocate_without_bills_requires_anchor():
	# With no bills the whole payment is prepayment, so an anchor is required even for small amounts.
	with pytest.raises(ValueError, match="advance_from"):
		allocate_payment([], 1, 50)


@settings(max_examples=50, deadline=None)
@given(
	bills=st.lists(st.tuples(period_keys, st.integers(min_value=0, max_value=200_000)), max_size=12),
	amount=st.integers(min_value=1, max_value=5_000_000),
	monthly=st.integers(min_value=1, max_value=200_000),
	cap=st.integers(min_value=0, max_value=24),
)
def test_allocation_conserves_money(bills, amount, monthly, cap):
	try:
		result = allocate_payment(bills, amount, monthly, max_advance_months=cap)
	except ValueError:
		assert not bills
		return
	assert result.allocated + result.unallocated == amount
	assert result.unallocated >= 0
	periods = [period for period, _ in result.lines]
	assert periods == sorted(periods) and len(set(periods)) == len(periods)
	outstanding: dict[str, int] = {}
	for period, due in bills:
		outstanding[period] = outstanding.get(period, 0) + due
	assert all(0 < paid <= outstanding[period] for period, paid in result.lines)
	assert len(result.advance) <= cap
	assert all(0 < paid <= monthly for _, paid in result.advance)
	if result.advance:
		assert result.advance[0][0] == add_months(max(outstanding), 1)
		# every open bill is fully paid before anything is prepaid
		assert sum(paid for _, paid in result.lines) == sum(due for due in outstanding.values() if due > 0)
	if result.unallocated:
		assert len(result.advance) == cap


def test_arrears():
	rows = [
		("2025-03", 50_000, 0),
		("2025-01", 50_000, 50_000),
		("2025-02", 50_000, 20_000),
		("2025-04", 50_000, 60_000),
	]
	assert arrears(rows) == {"total_unpaid": 80_000, "months_in_arrears": 2, "oldest_unpaid": "2025-02"}
	assert arrears([]) == {"total_unpaid": 0, "months_in_arrears": 0, "oldest_unpaid": None}
	assert arrears([("2025-01", 50_000, 20_000), ("2025-01", 0, 30_000)])["months_in_arrears"] == 0
