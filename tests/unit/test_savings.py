from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.savings import (
	available_balance,
	check_rate_cap,
	daily_average_balance,
	days_in_period,
	early_withdrawal_penalty,
	exit_settlement,
	minimum_balance_in_period,
	monthly_interest,
	time_deposit_interest,
	time_deposit_maturity,
	withholding_tax,
)

MAR_1, MAR_31 = date(2025, 3, 1), date(2025, 3, 31)


def test_available_balance():
	assert available_balance(100_000) == 100_000
	assert available_balance(100_000, 20_000, 30_000) == 50_000
	assert available_balance(10_000, 20_000) == 0
	assert available_balance(10_000, 0, 50_000) == 0


def test_daily_average_without_movements():
	assert daily_average_balance(100_000, [], MAR_1, MAR_31) == Decimal(100_000)
	assert daily_average_balance(5, [], MAR_1, MAR_1) == Decimal(5)


def test_daily_average_with_movements():
	movements = [(date(2025, 3, 11), 310_000), (date(2025, 3, 21), -100_000), (date(2025, 4, 2), 999_999)]
	# 10 days at 0, 10 days at 310k, 11 days at 210k
	expected = Decimal(10 * 0 + 10 * 310_000 + 11 * 210_000) / 31
	assert daily_average_balance(0, movements, MAR_1, MAR_31) == expected
	assert minimum_balance_in_period(0, movements, MAR_1, MAR_31) == 0
	assert minimum_balance_in_period(0, movements, date(2025, 3, 11), MAR_31) == 210_000


def test_movements_on_start_and_before_start_count_for_whole_period():
	movements = [
		(date(2025, 2, 10), 1_000),
		(MAR_1, 2_000),
		(date(2025, 3, 2), 1_000),
		(date(2025, 3, 2), -500),
	]
	assert daily_average_balance(0, movements, MAR_1, date(2025, 3, 2)) == Decimal("3250")
	assert minimum_balance_in_period(0, movements, MAR_1, date(2025, 3, 2)) == 3_000
	assert minimum_balance_in_period(0, [(MAR_31, -10)], MAR_1, MAR_31) == -10


def test_balance_period_requires_order():
	with pytest.raises(ValueError):
		daily_average_balance(0, [], MAR_31, MAR_1)
	with pytest.raises(ValueError):
		minimum_balance_in_period(0, [], MAR_31, MAR_1)


@settings(max_examples=50, deadline=None)
@given(
	opening=st.integers(min_value=0, max_value=10**9),
	movements=st.lists(
		st.tuples(
			st.dates(min_value=date(2025, 2, 20), max_value=date(2025, 4, 10)), st.integers(-(10**6), 10**6)
		),
		max_size=15,
	),
	start_offset=st.integers(min_value=0, max_value=30),
	length=st.integers(min_value=0, max_value=30),
)
def test_daily_average_matches_brute_force(opening, movements, start_offset, length):
	start = MAR_1 + timedelta(days=start_offset)
	end = start + timedelta(days=length)
	daily = [
		opening + sum(amount for day, amount in movements if day <= start + timedelta(days=i))
		for i in range(days_in_period(start, end))
	]
	assert daily_average_balance(opening, movements, start, end) == Decimal(sum(daily)) / len(daily)
	assert minimum_balance_in_period(opening, movements, start, end) == min(daily)


@pytest.mark.parametrize(
	("basis", "rate", "days", "dy", "expected"),
	[
		(1_000_000, 6, 31, 365, 5_096),  # 5095.89
		(1_000_000, Decimal("3.5"), 30, 365, 2_877),  # 2876.71
		(1_000_000, 3.5, 30, 360, 2_917),  # 2916.67
		(730_000, 5, 1, 365, 100),
		(73_000, 5, 1, 365, 10),
		(7_300, 5, 1, 365, 1),  # exactly 1.0
		(3_650, 5, 1, 365, 1),  # exactly 0.5, half-up
		(1_000_000, 0, 31, 365, 0),
		(0, 6, 31, 365, 0),
		(-5_000, 6, 31, 365, 0),
		(Decimal("1234567.89"), 4, 28, 365, 3_788),  # 3788.26
	],
)
def test_monthly_interest(basis, rate, days, dy, expected):
	assert monthly_interest(basis, rate, days, dy) == expected


def test_monthly_interest_half_up_boundary():
	assert monthly_interest(3_650, 5, 1) == 1  # 0.5
	assert monthly_interest(3_649, 5, 1) == 0  # 0.4999
	assert monthly_interest(10_950, 5, 1) == 2  # 1.5


@pytest.mark.parametrize(("rate", "days", "dy"), [(-1, 30, 365), (5, -1, 365), (5, 30, 0)])
def test_monthly_interest_errors(rate, days, dy):
	with pytest.raises(ValueError):
		monthly_interest(1_000_000, rate, days, dy)


@settings(max_examples=50, deadline=None)
@given(
	basis=st.integers(min_value=0, max_value=10**12),
	rate=st.decimals(min_value=0, max_value=30, places=2),
	days=st.integers(min_value=0, max_value=366),
)
def test_monthly_interest_is_monotonic_and_bounded(basis, rate, days):
	interest = monthly_interest(basis, rate, days)
	assert 0 <= interest <= basis * rate * days / 36500 + Decimal("0.5")
	assert monthly_interest(basis + 1_000, rate, days) >= interest


@pytest.mark.parametrize(
	("interest", "expected"),
	[(0, 0), (240_000, 0), (240_001, 24_000), (250_000, 25_000), (240_005, 24_001), (-10, 0)],
)
def test_withholding_tax(interest, expected):
	assert withholding_tax(interest, 240_000, 10) == expected


def test_withholding_tax_rejects_negative_rate():
	with pytest.raises(ValueError):
		withholding_tax(300_000, 240_000, -10)


def test_check_rate_cap():
	assert check_rate_cap(6.75, Decimal("6.75"))
	assert check_rate_cap("4", 6.75)
	assert not check_rate_cap(Decimal("6.76"), 6.75)


@pytest.mark.parametrize(
	("start", "months", "expected"),
	[
		(date(2025, 1, 15), 1, date(2025, 2, 15)),
		(date(2025, 1, 31), 1, date(2025, 2, 28)),
		(date(2024, 1, 31), 1, date(2024, 2, 29)),
		(date(2025, 8, 31), 3, date(2025, 11, 30)),
		(date(2025, 11, 30), 2, date(2026, 1, 30)),
		(date(2025, 3, 31), 12, date(2026, 3, 31)),
		(date(2024, 2, 29), 12, date(2025, 2, 28)),
	],
)
def test_time_deposit_maturity(start, months, expected):
	assert time_deposit_maturity(start, months) == expected


def test_time_deposit_maturity_rejects_zero_term():
	with pytest.raises(ValueError):
		time_deposit_maturity(date(2025, 1, 1), 0)


def test_time_deposit_interest():
	assert time_deposit_interest(10_000_000, 5, date(2025, 1, 1), date(2025, 4, 1)) == 123_288  # 90 days
	assert time_deposit_interest(10_000_000, 5, date(2025, 1, 1), date(2026, 1, 1)) == 500_000
	assert time_deposit_interest(10_000_000, 5, date(2025, 1, 1), date(2025, 1, 1)) == 0
	with pytest.raises(ValueError):
		time_deposit_interest(10_000_000, 5, date(2025, 2, 1), date(2025, 1, 1))


def test_early_withdrawal_penalty():
	assert early_withdrawal_penalty(10_000_000, Decimal("0.5"), 40_000) == 50_000
	assert early_withdrawal_penalty(1_001, 0.5, 0) == 5  # 5.005
	assert early_withdrawal_penalty(10_000_000, 1, 40_000, mode="forfeit_interest") == 40_000
	assert early_withdrawal_penalty(10_000_000, 1, -3, mode="forfeit_interest") == 0
	with pytest.raises(ValueError):
		early_withdrawal_penalty(10_000_000, 1, 0, mode="percent_of_interest")
	with pytest.raises(ValueError):
		early_withdrawal_penalty(10_000_000, -1, 0)


def test_exit_settlement():
	balances = {"pokok": 100_000, "wajib": 1_200_000, "sukarela": 300_000}
	assert exit_settlement(balances, 250_000) == {
		"gross": 1_600_000,
		"offset": 250_000,
		"net_refund": 1_350_000,
		"remaining_obligation": 0,
	}
	assert exit_settlement({"pokok": 100_000}, 150_000) == {
		"gross": 100_000,
		"offset": 100_000,
		"net_refund": 0,
		"remaining_obligation": 50_000,
	}
	assert exit_settlement({}, 0) == {"gross": 0, "offset": 0, "net_refund": 0, "remaining_obligation": 0}
	with pytest.raises(ValueError):
		exit_settlement({"wajib": -1}, 0)
	with pytest.raises(ValueError):
		exit_settlement({"wajib": 1}, -1)


@settings(max_examples=50, deadline=None)
@given(
	st.dictionaries(st.sampled_from(["pokok", "wajib", "sukarela"]), st.integers(0, 10**10)),
	st.integers(0, 10**10),
)
def test_exit_settlement_conserves(balances, obligations):
	result = exit_settlement(balances, obligations)
	assert result["net_refund"] + result["offset"] == result["gross"] == sum(balances.values())
	assert result["remaining_obligation"] + result["offset"] == obligations
	assert min(result.values()) >= 0
	assert result["net_refund"] == 0 or result["remaining_obligation"] == 0
