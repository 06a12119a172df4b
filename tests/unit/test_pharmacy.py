from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.pharmacy import (
	BatchAllocation,
	NearExpiry,
	is_expired,
	near_expiry,
	pick_batches_fefo,
)
from koperasi_merah_putih.calculators.units import UnitInputError

JUNE_1 = date(2025, 6, 1)
BATCHES = [
	("B3", date(2025, 9, 30), 10),
	("B1", date(2025, 6, 30), 5),
	("B0", date(2025, 5, 31), 7),  # expired on 1 June
	("B2", date(2025, 6, 30), 0),  # empty
	("BN", None, 100),  # no expiry date: last
]


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


def test_expiry_day_itself_is_still_sellable_like_erpnext():
	assert not is_expired(date(2025, 6, 1), JUNE_1)
	assert is_expired(date(2025, 5, 31), JUNE_1)
	assert not is_expired(None, JUNE_1)


def test_fefo_hand_computed():
	pick = pick_batches_fefo(BATCHES, 12, JUNE_1)
	assert pick.problem is None
	assert pick.allocations == [
		BatchAllocation("B1", date(2025, 6, 30), Decimal(5)),
		BatchAllocation("B3", date(2025, 9, 30), Decimal(7)),
	]
	assert [a.qty for a in pick_batches_fefo(BATCHES, 15, JUNE_1).allocations] == [5, 10]
	assert [(a.batch, a.qty) for a in pick_batches_fefo(BATCHES, 20, JUNE_1).allocations] == [
		("B1", 5),
		("B3", 10),
		("BN", 5),
	]
	assert [a.batch for a in pick_batches_fefo(BATCHES, 1, date(2025, 5, 31)).allocations] == ["B0"]


def test_fefo_same_expiry_keeps_the_given_order_and_accepts_rows():
	batches = [
		{"batch": "X2", "expiry": date(2025, 7, 1), "qty": "2.5"},
		{"batch": "X1", "expiry": date(2025, 7, 1), "qty": 4},
	]
	pick = pick_batches_fefo(batches, 3, JUNE_1)
	assert [(a.batch, a.qty) for a in pick.allocations] == [("X2", Decimal("2.5")), ("X1", Decimal("0.5"))]


def test_fefo_shortage_allocates_nothing_and_counts_the_expired():
	pick = pick_batches_fefo(BATCHES, 200, JUNE_1)
	assert pick.allocations == []
	assert pick.problem == ("batch_shortage", {"needed": 200, "available": 115, "expired": 7})
	assert pick_batches_fefo([], 1, JUNE_1).problem.params == {"needed": 1, "available": 0, "expired": 0}


def test_fefo_refusals():
	raises_code("quantity_not_positive", pick_batches_fefo, BATCHES, 0, JUNE_1)
	raises_code("negative_quantity", pick_batches_fefo, BATCHES, -1, JUNE_1)
	raises_code("invalid_quantity", pick_batches_fefo, [("B", None, "x")], 1, JUNE_1)


batch_lists = st.lists(
	st.tuples(
		st.one_of(st.none(), st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))),
		st.decimals(min_value=-5, max_value=50, places=1),
	),
	max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
	batches=batch_lists,
	needed=st.decimals(min_value="0.1", max_value=200, places=1),
	as_of=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
)
def test_fefo_never_picks_expired_or_more_than_available(batches, needed, as_of):
	rows = [(f"B{i}", expiry, qty) for i, (expiry, qty) in enumerate(batches)]
	held = {batch: (expiry, qty) for batch, expiry, qty in rows}
	sellable = [row for row in rows if row[2] > 0 and not is_expired(row[1], as_of)]
	pick = pick_batches_fefo(rows, needed, as_of)
	if pick.problem:
		assert pick.allocations == []
		assert pick.problem.params["available"] == sum(row[2] for row in sellable) < needed
		return
	assert sum(a.qty for a in pick.allocations) == needed
	taken = {}
	for allocation in pick.allocations:
		expiry, qty = held[allocation.batch]
		assert not is_expired(expiry, as_of)
		assert 0 < allocation.qty <= qty
		taken[allocation.batch] = taken.get(allocation.batch, 0) + allocation.qty
	assert len(taken) == len(pick.allocations)  # each batch at most once

	# first expiry first: every sellable batch expiring before the last one used is used up
	def order(expiry):
		return (expiry is None, expiry or date.min)  # no expiry date sorts last

	last = order(pick.allocations[-1].expiry)
	for batch, expiry, qty in sellable:
		if order(expiry) < last:
			assert taken.get(batch, 0) == qty
	expiries = [order(allocation.expiry) for allocation in pick.allocations]
	assert expiries == sorted(expiries)


def test_near_expiry_report():
	rows = near_expiry(BATCHES, JUNE_1, 30)
	assert rows == [
		NearExpiry("B0", date(2025, 5, 31), Decimal(7), -1, True),
		NearExpiry("B1", date(2025, 6, 30), Decimal(5), 29, False),
	]
	assert [row.batch for row in near_expiry(BATCHES, JUNE_1, 30, include_expired=False)] == ["B1"]
	assert [row.batch for row in near_expiry(BATCHES, JUNE_1, 28)] == ["B0"]
	assert [row.batch for row in near_expiry(BATCHES, JUNE_1, 121, include_expired=False)] == ["B1", "B3"]
	assert near_expiry(BATCHES, JUNE_1 + timedelta(days=1000), 0)[-1].days_left < 0
	raises_code("period_days_invalid", near_expiry, BATCHES, JUNE_1, -1)
