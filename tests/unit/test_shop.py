import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.shop import (
	IncomeTotals,
	Price,
	check_credit_limit,
	check_price_kind,
	credit_available,
	default_price_kind,
	member_net_purchases,
	member_purchase_totals,
	select_price,
	split_member_income,
	split_member_income_by_unit,
)
from koperasi_merah_putih.calculators.units import UnitInputError


def raises_code(code, func, *args, **kwargs):
	with pytest.raises(UnitInputError) as caught:
		func(*args, **kwargs)
	assert caught.value.code == code, caught.value
	return caught.value


# ---------------------------------------------------------------------------------------------------------
# Pricing


def test_member_pays_the_member_price():
	assert default_price_kind(True) == "member"
	assert select_price(True, 15_000, 14_000) == Price("member", 14_000)
	assert select_price(True, 15_000.0, "14000") == Price("member", 14_000)


def test_member_without_member_price_pays_public_and_never_more():
	assert select_price(True, 15_000, None) == Price("public", 15_000)
	assert select_price(True, 15_000, 16_000) == Price("public", 15_000)
	assert select_price(True, None, 14_000) == Price("member", 14_000)  # a members-only item
	assert select_price(True, 15_000, 14_000, price_kind="public") == Price("public", 15_000)


def test_non_member_pays_public_and_is_refused_the_member_price():
	assert default_price_kind(False) == "public"
	assert select_price(False, 15_000, 14_000) == Price("public", 15_000)
	assert check_price_kind(False, "member") == ("member_price_for_non_member", {})
	assert check_price_kind(True, "member") is None
	assert check_price_kind(False, "public") is None
	raises_code("member_price_for_non_member", select_price, False, 15_000, 14_000, price_kind="member")


def test_price_refusals():
	raises_code("price_missing", select_price, False, None, 14_000)
	raises_code("price_missing", select_price, True, None, None)
	raises_code("unknown_price_kind", check_price_kind, True, "grosir")
	raises_code("negative_amount", select_price, False, -1)
	raises_code("not_whole_rupiah", select_price, False, 15_000.5)


# ---------------------------------------------------------------------------------------------------------
# Credit limit


def test_credit_within_limit_up_to_exactly_the_limit():
	assert credit_available(400_000, 500_000) == 100_000
	assert check_credit_limit(400_000, 100_000, 500_000) is None
	assert check_credit_limit(0, 500_000, 500_000) is None


def test_credit_over_limit_says_what_is_available():
	problem = check_credit_limit(400_000, 100_001, 500_000)
	assert problem == (
		"credit_limit_exceeded",
		{"outstanding": 400_000, "amount": 100_001, "limit": 500_000, "available": 100_000},
	)


def test_credit_edge_cases():
	assert credit_available(0, 0) == 0  # limit 0: no credit
	assert check_credit_limit(0, 1, 0).params["available"] == 0
	assert credit_available(600_000, 500_000) == 0  # limit lowered below the outstanding
	assert credit_available(-50_000, 100_000) == 150_000  # an advance raises what is available
	raises_code("amount_not_positive", check_credit_limit, 0, 0, 100)
	raises_code("negative_amount", check_credit_limit, 0, 10, -100)
	raises_code("not_whole_rupiah", check_credit_limit, 0, 10.5, 100)


@settings(max_examples=100, deadline=None)
@given(
	outstanding=st.integers(-(10**7), 10**8),
	amount=st.integers(1, 10**8),
	limit=st.integers(0, 10**8),
)
def test_credit_check_never_lets_the_outstanding_pass_the_limit(outstanding, amount, limit):
	problem = check_credit_limit(outstanding, amount, limit)
	assert (problem is None) == (outstanding + amount <= limit)
	if problem is not None:
		assert problem.params["available"] == max(limit - outstanding, 0) < amount


# ---------------------------------------------------------------------------------------------------------
# Member vs non-member income


def test_split_member_income_hand_computed():
	lines = [
		{"customer_is_member": 1, "net_amount": 100_000, "cost": 80_000},
		{"customer_is_member": True, "net_amount": 50_000, "cost": 42_500},
		{"customer_is_member": 0, "net_amount": 200_000, "cost": 170_000},
		{"customer_is_member": 1, "net_amount": -10_000, "cost": -8_000},  # a member's return
		{"customer_is_member": 0, "net_amount": 25_000},  # a service: no cost of goods
	]
	split = split_member_income(lines)
	assert split.member == IncomeTotals(140_000, 114_500, 25_500, Decimal("18.21"))
	assert split.non_member == IncomeTotals(225_000, 170_000, 55_000, Decimal("24.44"))
	assert split.total == IncomeTotals(365_000, 284_500, 80_500, Decimal("22.05"))
	assert split.member_share == Decimal("38.36")
	assert split.as_dict()["member"]["gross_profit"] == 25_500


def test_split_member_income_rounds_ledger_fractions_once():
	lines = [{"customer_is_member": True, "net_amount": 5_000, "cost": 3333.333}] * 3
	split = split_member_income(lines)
	assert split.member.cogs == 10_000  # 9999.999 rounded once, not 3 x 3333
	assert split.member.gross_profit == 5_000
	assert split.non_member == IncomeTotals(0, 0, 0, None)


def test_split_member_income_empty():
	split = split_member_income([])
	assert split.total.turnover == 0
	assert split.member_share is None


def test_split_member_income_by_unit():
	lines = [
		{"unit": "Sembako", "customer_is_member": True, "net_amount": 100, "cost": 80},
		{"unit": "Apotek", "customer_is_member": False, "net_amount": 50, "cost": 30},
		{"unit": "Sembako", "customer_is_member": False, "net_amount": 40, "cost": 35},
	]
	by_unit = split_member_income_by_unit(lines)
	assert list(by_unit) == ["Sembako", "Apotek"]
	assert by_unit["Sembako"].member.turnover == 100
	assert by_unit["Sembako"].non_member.gross_profit == 5
	assert by_unit["Apotek"].member.turnover == 0
	assert by_unit["Apotek"].total.gross_profit == 20


@settings(max_examples=80, deadline=None)
@given(
	st.lists(
		st.tuples(st.booleans(), st.integers(-(10**8), 10**9), st.integers(-(10**8), 10**9)), max_size=30
	)
)
def test_member_and_non_member_add_up_to_the_total(rows):
	split = split_member_income([{"customer_is_member": m, "net_amount": a, "cost": c} for m, a, c in rows])
	assert (
		split.total.turnover
		== split.member.turnover + split.non_member.turnover
		== sum(a for _, a, _ in rows)
	)
	assert split.total.gross_profit == split.member.gross_profit + split.non_member.gross_profit
	assert split.member.turnover == sum(a for m, a, _ in rows if m)


# ---------------------------------------------------------------------------------------------------------
# Members' net purchases


def test_member_net_purchases_hand_computed():
	invoices = [
		("M1", "Sembako", 100_000),
		("M1", "Sembako", 50_000),
		("M1", "Apotek", 20_000),
		{"member": "M2", "unit": "Sembako", "amount": 75_000.0},
		("M2", "Sembako", -5_000),  # an ERPNext return invoice passed with the invoices
	]
	returns = [("M1", "Sembako", 10_000), ("M2", "Sembako", -3_000)]  # either sign: subtracted
	net = member_net_purchases(invoices, returns)
	assert net == {"M1": {"Sembako": 140_000, "Apotek": 20_000}, "M2": {"Sembako": 67_000}}
	assert member_purchase_totals(net) == {"M1": 160_000, "M2": 67_000}


def test_member_net_purchases_rounding_and_negatives():
	net = member_net_purchases([("M1", "U", 1000.5), ("M1", "U", 1000.5), ("M2", "U", 0.5)])
	assert net == {"M1": {"U": 2001}, "M2": {"U": 1}}  # summed exactly, rounded half-up once
	assert member_net_purchases([], [("M1", "U", 500)]) == {"M1": {"U": -500}}


def test_member_net_purchases_refusals():
	error = raises_code("member_missing", member_net_purchases, [("M1", "U", 1), (None, "U", 1)])
	assert error.params == {"side": "invoices", "row": 1}
	error = raises_code("unit_missing", member_net_purchases, [], [("M1", "", 1)])
	assert error.params == {"side": "returns", "row": 0}
	raises_code("invalid_amount", member_net_purchases, [("M1", "U", "x")])


def test_member_net_purchases_10000_members_100000_invoices():
	rng = random.Random(8)
	members = [f"AGT-{i:05d}" for i in range(10_000)]
	units = ["Sembako", "Apotek", "Klinik", "Logistik"]
	invoices = [(rng.choice(members), rng.choice(units), rng.randint(1, 500) * 1000) for _ in range(100_000)]
	returns = [(member, unit, amount // 2) for member, unit, amount in invoices[::50]]

	net = member_net_purchases(invoices, returns)

	assert len(net) == len({member for member, _, _ in invoices})
	total = sum(amount for _, _, amount in invoices) - sum(amount for _, _, amount in returns)
	assert sum(member_purchase_totals(net).values()) == total
	for member in (members[0], members[4_321], members[-1]):
		for unit in units:
			expected = sum(a for m, u, a in invoices if m == member and u == unit) - sum(
				a for m, u, a in returns if m == member and u == unit
			)
			assert net.get(member, {}).get(unit, 0) == expected
