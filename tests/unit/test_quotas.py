from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.quotas import (
	PERIOD_TYPES,
	QuotaHolder,
	check_quota,
	distribution_by_holder,
	quota_holder,
	quota_lock_key,
	quota_period,
	quota_remaining,
	to_stock_qty,
)
from koperasi_merah_putih.calculators.units import UnitInputError

NO_KK = "3201011234560001"
NIK = "3201014501900001"  # a woman born 5 Jan 1990


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


# ---------------------------------------------------------------------------------------------------------
# UOM


def test_to_stock_qty_exact():
	assert to_stock_qty(2, 25) == 50  # 2 karung of 25 kg
	assert to_stock_qty("0.5", 12) == 6  # half a dus of 12 pcs
	assert to_stock_qty(0.1, 3) == Decimal("0.3")  # no float error
	assert to_stock_qty(3, "0.333") == Decimal("0.999")  # never rounded
	assert to_stock_qty(4, 12, whole=True) == 48


def test_to_stock_qty_refusals():
	raises_code("quantity_not_positive", to_stock_qty, 0, 25)
	raises_code("negative_quantity", to_stock_qty, -1, 25)
	raises_code("invalid_quantity", to_stock_qty, "x", 25)
	raises_code("conversion_factor_not_positive", to_stock_qty, 1, 0)
	raises_code("conversion_factor_not_positive", to_stock_qty, 1, -25)
	raises_code("conversion_factor_not_positive", to_stock_qty, 1, None)
	error = raises_code("fractional_stock_qty", to_stock_qty, "0.5", 5, whole=True)
	assert error.params["stock_qty"] == Decimal("2.5")


# ---------------------------------------------------------------------------------------------------------
# Remaining quota


def test_quota_remaining_hand_computed():
	assert quota_remaining(3, 2) == 1
	assert quota_remaining(3, 2, 1) == 2  # a returned tabung restores quota
	assert quota_remaining(3, 3) == 0
	assert quota_remaining(3, 5) == 0  # sold over a lowered quota: never negative
	assert quota_remaining(3, 1, 4) == 3  # returns beyond the sales never raise it above the quota
	assert quota_remaining("12.5", "10") == Decimal("2.5")
	assert quota_remaining(0, 0) == 0


def test_check_quota_passes_within_the_quota():
	assert check_quota(1, 3, 2) is None
	assert check_quota(2, 3, 2, 1) is None
	assert check_quota("2.5", "12.5", 10) is None


def test_check_quota_refuses_and_says_what_remains():
	problem = check_quota(2, 3, 2)
	assert problem.code == "over_quota"
	assert problem.params == {
		"requested": Decimal(2),
		"quota": Decimal(3),
		"used": Decimal(2),
		"remaining": Decimal(1),
	}
	code, params = check_quota(1, 3, 3)
	assert code == "over_quota"
	assert params["remaining"] == 0
	assert check_quota(1, 0, 0).code == "over_quota"  # a quota of 0 allows nothing


def test_check_quota_input_refusals():
	raises_code("quantity_not_positive", check_quota, 0, 3, 0)
	raises_code("negative_quantity", check_quota, -1, 3, 0)
	raises_code("negative_quantity", check_quota, 1, -3, 0)
	raises_code("negative_quantity", check_quota, 1, 3, -1)
	raises_code("negative_quantity", check_quota, 1, 3, 0, -1)


quantities = st.decimals(min_value=0, max_value=1000, places=2)


@settings(max_examples=150, deadline=None)
@given(quota=quantities, sold=quantities, returned=quantities, requested=quantities.filter(lambda q: q > 0))
def test_quota_is_never_negative_nor_above_itself_and_the_check_agrees(quota, sold, returned, requested):
	remaining = quota_remaining(quota, sold, returned)
	assert 0 <= remaining <= quota
	problem = check_quota(requested, quota, sold, returned)
	assert (problem is None) == (requested <= remaining)
	if problem is None:
		# Once the holder bought it, what remains is what was left minus this sale, and never negative.
		after = quota_remaining(quota, sold + requested, returned)
		assert after >= 0
		if sold >= returned:
			assert after == remaining - requested
	else:
		assert problem.params["remaining"] == remaining


# ---------------------------------------------------------------------------------------------------------
# Periods


def test_calendar_month():
	assert quota_period(date(2025, 3, 17), "month") == (date(2025, 3, 1), date(2025, 3, 31))
	assert quota_period(date(2024, 2, 10), "Month") == (date(2024, 2, 1), date(2024, 2, 29))


def test_anchored_month():
	anchor = date(2025, 1, 15)
	assert quota_period(date(2025, 3, 10), "month", anchor) == (date(2025, 2, 15), date(2025, 3, 14))
	assert quota_period(date(2025, 3, 15), "month", anchor) == (date(2025, 3, 15), date(2025, 4, 14))
	# before the anchor, periods run backwards
	assert quota_period(date(2025, 1, 1), "month", anchor) == (date(2024, 12, 15), date(2025, 1, 14))


def test_anchored_month_clamps_to_month_end():
	anchor = date(2025, 1, 31)
	assert quota_period(date(2025, 2, 27), "month", anchor) == (date(2025, 1, 31), date(2025, 2, 27))
	assert quota_period(date(2025, 2, 28), "month", anchor) == (date(2025, 2, 28), date(2025, 3, 30))
	assert quota_period(date(2025, 3, 31), "month", anchor) == (date(2025, 3, 31), date(2025, 4, 29))


def test_week():
	# 19 Mar 2025 is a Wednesday: Monday-Sunday by default
	assert quota_period(date(2025, 3, 19), "week") == (date(2025, 3, 17), date(2025, 3, 23))
	# weeks starting on Saturday 1 Mar 2025
	assert quota_period(date(2025, 3, 19), "week", date(2025, 3, 1)) == (date(2025, 3, 15), date(2025, 3, 21))


def test_year():
	assert quota_period(date(2025, 6, 1), "year") == (date(2025, 1, 1), date(2025, 12, 31))
	# a programme year from 1 April
	anchor = date(2024, 4, 1)
	assert quota_period(date(2025, 3, 31), "year", anchor) == (date(2024, 4, 1), date(2025, 3, 31))
	assert quota_period(date(2025, 4, 1), "year", anchor) == (date(2025, 4, 1), date(2026, 3, 31))


def test_custom_days():
	anchor = date(2025, 1, 1)
	assert quota_period(date(2025, 1, 10), "days", anchor, days=10) == (date(2025, 1, 1), date(2025, 1, 10))
	assert quota_period(date(2025, 1, 11), "days", anchor, days=10) == (date(2025, 1, 11), date(2025, 1, 20))
	assert quota_period(date(2024, 12, 31), "days", anchor, days=10) == (
		date(2024, 12, 22),
		date(2024, 12, 31),
	)
	assert quota_period(date(2025, 1, 5), "days", anchor, days=1) == (date(2025, 1, 5), date(2025, 1, 5))


def test_period_refusals():
	error = raises_code("unknown_period_type", quota_period, date(2025, 1, 1), "fortnight")
	assert error.params["expected"] == PERIOD_TYPES
	raises_code("period_days_invalid", quota_period, date(2025, 1, 1), "days", date(2025, 1, 1))
	raises_code("period_days_invalid", quota_period, date(2025, 1, 1), "days", date(2025, 1, 1), days=0)
	raises_code("anchor_required", quota_period, date(2025, 1, 1), "days", days=10)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
	on_date=dates,
	anchor=st.one_of(st.none(), dates),
	period_type=st.sampled_from(PERIOD_TYPES),
	days=st.integers(min_value=1, max_value=60),
)
def test_periods_hold_the_date_and_tile_without_gaps(on_date, anchor, period_type, days):
	if period_type == "days" and anchor is None:
		anchor = date(2025, 1, 1)
	start, end = quota_period(on_date, period_type, anchor, days)
	assert start <= on_date <= end
	assert quota_period(start, period_type, anchor, days) == (start, end)
	assert quota_period(end, period_type, anchor, days) == (start, end)
	assert quota_period(end + timedelta(days=1), period_type, anchor, days)[0] == end + timedelta(days=1)
	assert quota_period(start - timedelta(days=1), period_type, anchor, days)[1] == start - timedelta(days=1)
	if anchor is not None:
		assert quota_period(anchor, period_type, anchor, days)[0] == anchor


# ---------------------------------------------------------------------------------------------------------
# Holders


def test_household_and_member_holders():
	holder = quota_holder("household", no_kk="3201.0112-3456 0001")
	assert holder == QuotaHolder("household", NO_KK)
	assert holder.key == f"household:{NO_KK}"
	assert quota_holder("Member", nik=NIK, no_kk=NO_KK) == QuotaHolder("member", NIK)
	# members of one household share the KK quota
	assert quota_holder("household", no_kk=NO_KK, nik=NIK) == quota_holder("household", no_kk=NO_KK)


def test_holder_refusals_never_echo_the_number():
	raises_code("no_kk_missing", quota_holder, "household", nik=NIK)
	raises_code("nik_missing", quota_holder, "member", no_kk=NO_KK)
	error = raises_code("invalid_no_kk", quota_holder, "household", no_kk="0001011234560001")
	assert error.params == {"problems": ["province"]}
	error = raises_code("invalid_nik", quota_holder, "member", nik="32010145019")
	assert "32010145019" not in str(error)
	raises_code("unknown_quota_basis", quota_holder, "village", no_kk=NO_KK)


def test_lock_key_is_short_stable_and_private():
	holder = quota_holder("member", nik=NIK)
	key = quota_lock_key("LPG 3 kg", holder, date(2025, 3, 1))
	assert key == quota_lock_key("LPG 3 kg", holder, date(2025, 3, 1))
	assert key.startswith("kmp-quota-")
	assert len(key) == 50
	assert NIK not in key
	assert key != quota_lock_key("LPG 3 kg", holder, date(2025, 4, 1))
	assert key != quota_lock_key("Beras SPHP", holder, date(2025, 3, 1))
	assert key != quota_lock_key("LPG 3 kg", quota_holder("household", no_kk=NIK), date(2025, 3, 1))


# ---------------------------------------------------------------------------------------------------------
# Distribution report


def test_distribution_by_holder():
	lines = [
		("KK1", "LPG 3 kg", 2),
		("KK1", "LPG 3 kg", 1),
		("KK1", "LPG 3 kg", -1),  # a return
		{"holder": "KK1", "item_code": "Beras SPHP", "stock_qty": "5"},
		("KK2", "LPG 3 kg", 3.0),
	]
	report = distribution_by_holder(lines)
	assert list(report) == ["KK1", "KK2"]
	lpg = report["KK1"]["LPG 3 kg"]
	assert (lpg.sold, lpg.returned, lpg.net, lpg.lines) == (3, 1, 2, 3)
	assert report["KK1"]["Beras SPHP"].net == 5
	assert report["KK2"]["LPG 3 kg"].sold == Decimal(3)
	raises_code("invalid_quantity", distribution_by_holder, [("KK1", "LPG", "x")])
