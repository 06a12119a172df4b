from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators import savings
from koperasi_merah_putih.calculators.loans import (
	COMPONENTS,
	HIMBARA_CEILINGS,
	METHODS,
	BorrowingCeilings,
	Due,
	Instalment,
	LoanInputError,
	LoanProblem,
	accruable_interest,
	accrued_interest,
	accrued_open,
	add_months_clamped,
	allocate_repayment,
	annuity_payment,
	build_schedule,
	check_borrowing_terms,
	check_eligibility,
	check_rate_cap,
	complete_months,
	due_by,
	due_dates,
	fee_amount,
	interest_receipt_split,
	interest_settlement,
	monthly_accrual,
	payoff_amount,
	penalty,
	penalty_between,
	period_rate,
	plafon,
	rate_problems,
	restructure,
	schedule_totals,
)
from koperasi_merah_putih.calculators.money import round_rupiah

JAN_1 = date(2025, 1, 1)


def codes(problems):
	return [problem.code for problem in problems]


def column(rows, name):
	return [getattr(row, name) for row in rows]


def assert_consistent(rows, principal):
	"""The invariants every schedule keeps, whatever the method, grace or rate."""
	capitalised = sum(column(rows, "capitalised"))
	assert sum(column(rows, "principal")) == principal + capitalised
	assert sum(column(rows, "total")) == sum(column(rows, "principal")) + sum(column(rows, "interest"))
	balance = principal
	for row in rows:
		assert row.total == row.principal + row.interest
		assert min(row.principal, row.interest, row.total, row.outstanding, row.capitalised) >= 0
		balance += row.capitalised - row.principal
		assert row.outstanding == balance
		assert row.period_start < row.due_date
	assert rows[-1].outstanding == 0
	assert [row.number for row in rows] == list(range(1, len(rows) + 1))
	assert all(a.due_date < b.due_date for a, b in pairwise(rows))
	assert all(a.due_date == b.period_start for a, b in pairwise(rows))


# --- hand-computed schedules -----------------------------------------------------------------------------


def test_flat_hand_computed():
	# 12,000,000 at 12%/yr for 12 months: r = 1% a month on the original principal.
	# principal 12,000,000 / 12 = 1,000,000; interest 12,000,000 x 1% = 120,000; instalment 1,120,000.
	rows = build_schedule(12_000_000, 12, 12, method="flat", start_date=JAN_1)
	assert column(rows, "principal") == [1_000_000] * 12
	assert column(rows, "interest") == [120_000] * 12
	assert column(rows, "total") == [1_120_000] * 12
	assert column(rows, "outstanding") == [12_000_000 - 1_000_000 * k for k in range(1, 13)]
	assert schedule_totals(rows) == {
		"principal": 12_000_000,
		"interest": 1_440_000,
		"total": 13_440_000,
		"capitalised": 0,
		"instalments": 12,
	}


def test_flat_residual_goes_to_last_instalment():
	# 1,000,000 at 10%/yr for 3 months: 1,000,000 / 3 = 333,333.33 -> 333,333, last 333,334;
	# interest 1,000,000 x 10 / 1200 = 8,333.33 -> 8,333 each month (what the member is told: 3 x 8,333).
	rows = build_schedule(1_000_000, 10, 3, method="flat", start_date=JAN_1)
	assert column(rows, "principal") == [333_333, 333_333, 333_334]
	assert column(rows, "interest") == [8_333, 8_333, 8_333]
	assert column(rows, "total") == [341_666, 341_666, 341_667]


def test_efektif_hand_computed():
	# 12,000,000 at 12%/yr for 12 months, equal principal 1,000,000, interest 1% of the balance before:
	# 120,000, 110,000, ..., 10,000 (total 780,000).
	rows = build_schedule(12_000_000, 12, 12, method="efektif", start_date=JAN_1)
	assert column(rows, "principal") == [1_000_000] * 12
	assert column(rows, "interest") == [10_000 * (12 - k) for k in range(12)]
	assert column(rows, "total")[0] == 1_120_000
	assert column(rows, "total")[-1] == 1_010_000
	assert sum(column(rows, "interest")) == 780_000


def test_efektif_rounding_per_row():
	# 1,000,000 at 10%/yr, 3 months, r = 1/120:
	# 1,000,000 / 120 = 8,333.33 -> 8,333; 666,667 / 120 = 5,555.56 -> 5,556; 333,334 / 120 = 2,777.78 -> 2,778.
	rows = build_schedule(1_000_000, 10, 3, method="efektif", start_date=JAN_1)
	assert column(rows, "principal") == [333_333, 333_333, 333_334]
	assert column(rows, "interest") == [8_333, 5_556, 2_778]
	assert column(rows, "outstanding") == [666_667, 333_334, 0]


def test_weekly_uses_rate_over_52_and_seven_days():
	# 5,200,000 at 26%/yr for 52 weeks: r = 26 / 100 / 52 = 0.5% a week -> interest 26,000 flat.
	assert period_rate(26, "weekly") == Decimal("0.005")
	assert period_rate(12, "monthly") == Decimal("0.01")
	rows = build_schedule(5_200_000, 26, 52, frequency="weekly", method="flat", start_date=date(2025, 3, 3))
	assert column(rows, "principal") == [100_000] * 52
	assert column(rows, "interest") == [26_000] * 52
	assert rows[0].due_date == date(2025, 3, 10)
	assert rows[0].period_start == date(2025, 3, 3)
	assert all((b.due_date - a.due_date).days == 7 for a, b in pairwise(rows))
	efektif = build_schedule(
		5_200_000, 26, 52, frequency="weekly", method="efektif", start_date=date(2025, 3, 3)
	)
	assert column(efektif, "interest")[:3] == [26_000, 25_500, 25_000]


def test_zero_rate():
	for method in METHODS:
		rows = build_schedule(1_000_000, 0, 3, method=method, start_date=JAN_1)
		assert column(rows, "interest") == [0, 0, 0]
		assert column(rows, "principal") == [333_333, 333_333, 333_334]


def test_single_instalment():
	for method in METHODS:
		(row,) = build_schedule(1_000_000, 12, 1, method=method, start_date=JAN_1)
		assert (row.principal, row.interest, row.total, row.outstanding) == (1_000_000, 10_000, 1_010_000, 0)


def test_rate_as_string_decimal_or_float():
	a = build_schedule(10_000_000, Decimal("13.5"), 6, method="efektif", start_date=JAN_1)
	assert a == build_schedule(10_000_000, "13.5", 6, method="efektif", start_date=JAN_1)
	assert a == build_schedule(10_000_000, 13.5, 6, method="efektif", start_date=JAN_1)
	assert build_schedule(10_000_000.0, 12, 2, start_date=JAN_1) == build_schedule(
		10_000_000, 12, 2, start_date=JAN_1
	)


# --- due dates -------------------------------------------------------------------------------------------


def test_monthly_due_dates_keep_the_anchor_day():
	assert due_dates(4, first_due_date=date(2024, 1, 31)) == [
		date(2024, 1, 31),
		date(2024, 2, 29),
		date(2024, 3, 31),
		date(2024, 4, 30),
	]
	# from the disbursement date: one month after it, same clamping
	assert due_dates(3, start_date=date(2025, 1, 31)) == [
		date(2025, 2, 28),
		date(2025, 3, 31),
		date(2025, 4, 30),
	]
	assert add_months_clamped(date(2025, 12, 15), 1) == date(2026, 1, 15)
	assert add_months_clamped(date(2025, 3, 31), -1) == date(2025, 2, 28)


def test_first_due_date_sets_the_period_start_one_period_back():
	rows = build_schedule(1_000_000, 12, 2, first_due_date=date(2025, 3, 31))
	assert rows[0].period_start == date(2025, 2, 28)
	rows = build_schedule(1_000_000, 12, 2, start_date=date(2025, 2, 10), first_due_date=date(2025, 3, 31))
	assert rows[0].period_start == date(2025, 2, 10)
	assert rows[0].interest == 10_000  # a whole period's interest: never per day
	weekly = build_schedule(1_000_000, 12, 2, frequency="weekly", first_due_date=date(2025, 3, 31))
	assert weekly[0].period_start == date(2025, 3, 24)
	assert weekly[1].due_date == date(2025, 4, 7)


def test_complete_months():
	assert complete_months(date(2025, 1, 31), date(2025, 2, 28)) == 1
	assert complete_months(date(2025, 1, 15), date(2025, 2, 14)) == 0
	assert complete_months(date(2025, 1, 15), date(2025, 2, 15)) == 1
	assert complete_months(date(2024, 3, 1), date(2025, 3, 1)) == 12
	assert complete_months(date(2025, 3, 1), date(2025, 1, 1)) == 0


# --- anuitas against numpy-financial ---------------------------------------------------------------------


def check_against_numpy(principal, annual_rate, tenor, frequency="monthly"):
	rows = build_schedule(
		principal, annual_rate, tenor, frequency=frequency, method="anuitas", start_date=JAN_1
	)
	r = float(annual_rate) / 100 / (12 if frequency == "monthly" else 52)
	pmt = -npf.pmt(r, tenor, principal)
	instalment = round_rupiah(float(pmt))
	assert all(row.total == instalment for row in rows[:-1])
	bias = abs(instalment - pmt)  # what rounding the instalment adds or removes each period
	balance = principal
	drift_bound = 0.0
	for k, row in enumerate(rows, start=1):
		exact_before = -npf.fv(r, k - 1, -pmt, principal)
		drift = abs(balance - exact_before)
		assert drift <= drift_bound + 1e-6
		# interest: the rounded interest on our balance, within 1/2 rupiah plus the drift's interest of numpy's
		assert row.interest == round_rupiah(Decimal(balance) * period_rate(annual_rate, frequency))
		assert abs(row.interest - -npf.ipmt(r, k, tenor, principal)) <= 0.5 + drift * r + 1e-6
		if k < tenor:
			assert abs(row.principal - -npf.ppmt(r, k, tenor, principal)) <= bias + 0.5 + drift * r + 1e-6
		balance -= row.principal
		drift_bound = drift_bound * (1 + r) + bias + 0.5
	# the last instalment absorbs the accumulated rounding
	assert abs(rows[-1].total - pmt) <= drift_bound * (1 + r) + 1
	return rows, pmt


def test_anuitas_hand_example_agrees_with_numpy():
	rows, pmt = check_against_numpy(12_000_000, 12, 12)
	assert round(pmt, 2) == 1_066_185.46
	assert rows[0].total == 1_066_185
	assert (rows[0].principal, rows[0].interest) == (946_185, 120_000)
	assert (rows[1].principal, rows[1].interest) == (955_647, 110_538)
	for k, row in enumerate(rows[:-1], start=1):
		assert abs(row.interest - -npf.ipmt(0.01, k, 12, 12_000_000)) <= 1
		assert abs(row.principal - -npf.ppmt(0.01, k, 12, 12_000_000)) <= 1
	# 11 instalments 0.46 short of the exact payment: the last one pays the difference (~5.9 rupiah)
	assert rows[-1].total == 1_066_191
	assert sum(column(rows, "principal")) == 12_000_000


@pytest.mark.parametrize(
	("principal", "annual_rate", "tenor", "frequency"),
	[
		(3_000_000_000, 6, 72, "monthly"),
		(5_000_000, 24, 24, "monthly"),
		(150_000, Decimal("18.5"), 36, "monthly"),
		(2_000_000, 20, 104, "weekly"),
		(987_654_321, Decimal("0.25"), 60, "monthly"),
	],
)
def test_anuitas_agrees_with_numpy(principal, annual_rate, tenor, frequency):
	check_against_numpy(principal, annual_rate, tenor, frequency)


def test_annuity_payment_is_numpy_pmt():
	assert float(annuity_payment(12_000_000, Decimal("0.01"), 12)) == pytest.approx(
		-npf.pmt(0.01, 12, 12_000_000)
	)
	assert annuity_payment(1_200, Decimal(0), 12) == 100


@settings(max_examples=60, deadline=None)
@given(
	principal=st.integers(100_000, 3_000_000_000),
	annual_rate=st.decimals(min_value=Decimal("0.01"), max_value=24, places=2),
	tenor=st.integers(1, 72),
)
def test_anuitas_instalment_is_rounded_pmt(principal, annual_rate, tenor):
	pmt = -npf.pmt(float(annual_rate) / 1200, tenor, principal)
	assume(abs(pmt % 1 - 0.5) > 1e-4)  # float vs Decimal could round an exact tie differently
	check_against_numpy(principal, annual_rate, tenor)


# --- grace -----------------------------------------------------------------------------------------------


def test_interest_only_grace():
	# 12,000,000 at 12% over 12 months, 3 of them interest only: 3 x 120,000 interest, then 9 amortising
	# rows of 12,000,000 / 9 = 1,333,333.33 -> 1,333,333 (last 1,333,336).
	rows = build_schedule(12_000_000, 12, 12, method="efektif", start_date=JAN_1, grace_periods=3)
	assert [(row.principal, row.interest, row.grace) for row in rows[:3]] == [
		(0, 120_000, "interest_only")
	] * 3
	assert column(rows, "principal")[3:] == [1_333_333] * 8 + [1_333_336]
	assert rows[3].interest == 120_000
	assert rows[4].interest == round_rupiah(Decimal(12_000_000 - 1_333_333) / 100)
	assert rows[3].grace == ""
	assert_consistent(rows, 12_000_000)
	flat = build_schedule(12_000_000, 12, 12, method="flat", start_date=JAN_1, grace_periods=3)
	assert column(flat, "interest") == [120_000] * 12


def test_none_due_grace_charges_nothing_by_default():
	rows = build_schedule(
		12_000_000, 12, 12, method="flat", start_date=JAN_1, grace_periods=2, grace_type="none_due"
	)
	assert [(row.principal, row.interest, row.total, row.capitalised) for row in rows[:2]] == [
		(0, 0, 0, 0)
	] * 2
	assert column(rows, "principal")[2:] == [1_200_000] * 10
	assert column(rows, "interest")[2:] == [120_000] * 10
	assert_consistent(rows, 12_000_000)


def test_none_due_grace_capitalised():
	# efektif, 1,000,000 at 12%, 2 none-due months capitalised (compounding on the balance):
	# 10,000 -> 1,010,000; 10,100 -> 1,020,100; then 2 x 510,050 with interest 10,201 and 5,100.5 -> 5,101.
	rows = build_schedule(
		1_000_000,
		12,
		4,
		method="efektif",
		start_date=JAN_1,
		grace_periods=2,
		grace_type="none_due",
		capitalise_grace_interest=True,
	)
	assert column(rows, "capitalised") == [10_000, 10_100, 0, 0]
	assert column(rows, "outstanding") == [1_010_000, 1_020_100, 510_050, 0]
	assert column(rows, "principal") == [0, 0, 510_050, 510_050]
	assert column(rows, "interest") == [0, 0, 10_201, 5_101]
	assert_consistent(rows, 1_000_000)
	# flat: simple interest on the original principal, then flat interest on the capitalised principal
	flat = build_schedule(
		1_000_000,
		12,
		4,
		method="flat",
		start_date=JAN_1,
		grace_periods=2,
		grace_type="none_due",
		capitalise_grace_interest=True,
	)
	assert column(flat, "capitalised") == [10_000, 10_000, 0, 0]
	assert column(flat, "principal") == [0, 0, 510_000, 510_000]
	assert column(flat, "interest") == [0, 0, 10_200, 10_200]
	assert_consistent(flat, 1_000_000)


def test_capitalise_flag_is_ignored_for_interest_only_grace():
	rows = build_schedule(
		1_000_000, 12, 4, method="anuitas", start_date=JAN_1, grace_periods=2, capitalise_grace_interest=True
	)
	assert column(rows, "capitalised") == [0, 0, 0, 0]
	assert column(rows, "interest")[:2] == [10_000, 10_000]


# --- refusals --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("kwargs", "code"),
	[
		({"principal": 0}, "amount_not_positive"),
		({"principal": -5}, "negative_amount"),
		({"principal": 100.5}, "not_whole_rupiah"),
		({"annual_rate": -1}, "negative_rate"),
		({"tenor": 0}, "tenor_out_of_range"),
		({"tenor": 2.0}, "tenor_out_of_range"),
		({"grace_periods": 12}, "grace_out_of_range"),
		({"grace_periods": -1}, "grace_out_of_range"),
		({"method": "sliding"}, "unknown_method"),
		({"frequency": "daily"}, "unknown_frequency"),
		({"grace_type": "holiday"}, "unknown_grace_type"),
		({"start_date": None}, "start_date_required"),
		({"first_due_date": JAN_1}, "first_due_not_after_start"),
		({"principal": 10, "tenor": 12}, "principal_too_small"),
	],
)
def test_schedule_refuses_bad_input(kwargs, code):
	args = {"principal": 1_000_000, "annual_rate": 12, "tenor": 12, "start_date": JAN_1, **kwargs}
	with pytest.raises(LoanInputError) as raised:
		build_schedule(args.pop("principal"), args.pop("annual_rate"), args.pop("tenor"), **args)
	assert raised.value.code == code
	assert isinstance(raised.value, ValueError)


def test_instalment_as_dict():
	row = build_schedule(1_000_000, 12, 1, start_date=JAN_1)[0]
	assert row.as_dict() == {
		"number": 1,
		"due_date": date(2025, 2, 1),
		"principal": 1_000_000,
		"interest": 10_000,
		"total": 1_010_000,
		"outstanding": 0,
		"period_start": JAN_1,
		"grace": "",
		"capitalised": 0,
	}


# --- properties ------------------------------------------------------------------------------------------


@st.composite
def loan_terms(draw):
	frequency = draw(st.sampled_from(["monthly", "weekly"]))
	tenor = draw(st.integers(1, 72 if frequency == "monthly" else 104))
	grace = draw(st.integers(0, min(tenor - 1, 12)))
	return {
		"principal": draw(st.integers(100_000, 3_000_000_000)),
		"annual_rate": draw(
			st.one_of(
				st.just(0),
				st.decimals(min_value=0, max_value=24, places=3),
				st.floats(0, 24).map(lambda x: round(x, 4)),
			)
		),
		"tenor": tenor,
		"frequency": frequency,
		"method": draw(st.sampled_from(METHODS)),
		"grace_periods": grace,
		"grace_type": draw(st.sampled_from(["interest_only", "none_due"])),
		"capitalise_grace_interest": draw(st.booleans()),
		"start_date": draw(st.dates(date(2000, 1, 1), date(2090, 12, 31))),
	}


@settings(max_examples=150, deadline=None)
@given(terms=loan_terms())
def test_schedule_properties(terms):
	principal = terms.pop("principal")
	rate = terms.pop("annual_rate")
	tenor = terms.pop("tenor")
	rows = build_schedule(principal, rate, tenor, **terms)
	assert len(rows) == tenor
	assert_consistent(rows, principal)
	grace = terms["grace_periods"]
	assert all(row.principal == 0 and row.grace == terms["grace_type"] for row in rows[:grace])
	assert all(row.principal > 0 for row in rows[grace:-1]) or terms["method"] == "anuitas"
	if terms["grace_type"] == "none_due":
		assert all(row.total == 0 for row in rows[:grace])
	if not (terms["grace_type"] == "none_due" and terms["capitalise_grace_interest"]):
		assert sum(column(rows, "principal")) == principal
	if Decimal(str(rate)) == 0:
		assert sum(column(rows, "interest")) == 0
	if terms["method"] == "flat":
		assert len(set(column(rows, "interest")[grace:])) == 1
	if terms["method"] == "anuitas" and tenor - grace > 1:
		assert len(set(column(rows, "total")[grace:-1])) == 1


# --- rate cap and fees -----------------------------------------------------------------------------------


def test_rate_cap_reuses_the_savings_check():
	assert check_rate_cap is savings.check_rate_cap
	assert rate_problems(24) == []
	assert rate_problems("24.00", 24) == []
	assert codes(rate_problems(Decimal("24.01"))) == ["rate_over_cap"]
	assert rate_problems(30, 36) == []
	assert rate_problems(25, 24)[0].params == {"rate": Decimal(25), "cap": Decimal(24)}
	assert codes(rate_problems(-1)) == ["negative_rate"]


def test_fee_amount():
	assert fee_amount(10_000_000, percent=1) == 100_000
	assert fee_amount(1_234_567, percent="1.5") == 18_519  # 18,518.505 -> half-up
	assert fee_amount(100, percent="0.5") == 1  # 0.5 -> 1
	assert fee_amount(1_001, percent="0.5") == 5  # 5.005 -> 5
	assert fee_amount(10_000_000, amount=25_000) == 25_000
	assert fee_amount(10_000_000, amount=25_000.0) == 25_000
	assert fee_amount(10_000_000) == 0
	assert fee_amount(10_000_000, percent=0, amount=25_000) == 25_000
	for kwargs, code in [
		({"percent": 1, "amount": 5_000}, "fee_percent_and_amount"),
		({"percent": -1}, "negative_rate"),
		({"amount": -1}, "negative_amount"),
		({"amount": 10.5}, "not_whole_rupiah"),
	]:
		with pytest.raises(LoanInputError) as raised:
			fee_amount(1_000_000, **kwargs)
		assert raised.value.code == code


# --- eligibility -----------------------------------------------------------------------------------------


def eligible(**overrides):
	args = {
		"member_active": True,
		"amount": 5_000_000,
		"months_of_membership": 6,
		"min_months": 3,
		"savings_balance": 2_000_000,
		"plafon_multiple": 3,
		"absolute_max": 10_000_000,
		"tenor": 12,
		"min_tenor": 3,
		"max_tenor": 36,
		"annual_rate": 18,
		"rate_cap": 24,
		"borrower": "ANG-0001",
		"guarantor_required": True,
		"guarantor": "ANG-0002",
		"guarantor_active": True,
	}
	args.update(overrides)
	return check_eligibility(**args)


def test_plafon():
	assert plafon(2_000_000, 3, 10_000_000) == 6_000_000
	assert plafon(2_000_000, 3, 5_000_000) == 5_000_000
	assert plafon(2_000_000, None, 5_000_000) == 5_000_000
	assert plafon(1_000_001, "2.5") == 2_500_003  # 2,500,002.5 -> half-up
	assert plafon(0, 3) == 0
	assert plafon(2_000_000) is None
	assert plafon(2_000_000, 0, 0) is None


def test_eligible_member_has_no_problems():
	assert eligible() == []


@pytest.mark.parametrize(
	("overrides", "expected"),
	[
		({"member_active": False}, ["member_not_active"]),
		({"months_of_membership": 2}, ["membership_too_short"]),
		({"amount": 0}, ["amount_not_positive"]),
		({"amount": -1}, ["amount_not_positive"]),
		({"amount": 6_000_001}, ["amount_over_plafon"]),
		({"amount": 50_000, "min_amount": 100_000}, ["amount_below_minimum"]),
		({"savings_balance": 5_000_000, "amount": 10_000_001}, ["amount_over_plafon"]),
		({"tenor": 37}, ["tenor_out_of_range"]),
		({"tenor": 2}, ["tenor_out_of_range"]),
		({"tenor": 0, "min_tenor": None}, ["tenor_out_of_range"]),
		({"annual_rate": 25}, ["rate_over_cap"]),
		({"guarantor": None}, ["guarantor_required"]),
		({"guarantor": "ANG-0001"}, ["guarantor_is_borrower"]),
		({"guarantor_active": False}, ["guarantor_not_active"]),
		({"collateral_required": True}, ["collateral_required"]),
		({"hold_amount": 500_000, "available_savings": 400_000}, ["savings_hold_insufficient"]),
		({"open_loans": 1, "max_open_loans": 1}, ["too_many_open_loans"]),
		(
			{"member_active": False, "amount": 9_000_000, "guarantor": "ANG-0001"},
			["member_not_active", "amount_over_plafon", "guarantor_is_borrower"],
		),
	],
)
def test_eligibility_problems(overrides, expected):
	assert codes(eligible(**overrides)) == expected


def test_eligibility_params_and_optional_checks():
	(problem,) = eligible(amount=7_000_000)
	assert problem == LoanProblem(
		"amount_over_plafon",
		{
			"amount": 7_000_000,
			"plafon": 6_000_000,
			"savings_balance": 2_000_000,
			"multiple": 3,
			"absolute_max": 10_000_000,
		},
	)
	code, params = problem  # a plain (code, params) pair
	assert (code, params["plafon"]) == ("amount_over_plafon", 6_000_000)
	assert eligible(collateral_required=True, has_collateral=True) == []
	assert eligible(hold_amount=500_000, available_savings=500_000) == []
	assert eligible(guarantor_required=False, guarantor=None) == []
	assert eligible(plafon_multiple=None, absolute_max=None, amount=10**12) == []


# --- denda -----------------------------------------------------------------------------------------------


def test_penalty_percent_per_day():
	# 0.1% a day of 1,000,000 = 1,000 a day; 3 grace days are free
	assert penalty(1_000_000, 3, "percent_per_day", "0.1", grace_days=3) == 0
	assert penalty(1_000_000, 10, "percent_per_day", "0.1", grace_days=3) == 7_000
	assert penalty(1_000_000, 10, "percent_per_day", "0.1", grace_days=3, count_from_due_date=True) == 10_000
	assert penalty(1_001, 1, "percent_per_day", "0.05") == 1  # 0.5005 -> 1
	assert penalty(999, 1, "percent_per_day", "0.05") == 0  # 0.4995 -> 0
	assert penalty(1_000_000, 100, "percent_per_day", "0.1", cap=50_000) == 50_000
	assert penalty(0, 100, "percent_per_day", "0.1") == 0


def test_penalty_percent_per_started_month():
	# 2% a month of 500,000 = 10,000 for each started 30-day month
	assert penalty(500_000, 0, "percent_per_month", 2) == 0
	assert penalty(500_000, 1, "percent_per_month", 2) == 10_000
	assert penalty(500_000, 30, "percent_per_month", 2) == 10_000
	assert penalty(500_000, 31, "percent_per_month", 2) == 20_000
	assert penalty(500_000, 35, "percent_per_month", 2, grace_days=5) == 10_000
	assert penalty(500_000, 35, "percent_per_month", 2, grace_days=5, count_from_due_date=True) == 20_000


def test_penalty_fixed_per_instalment():
	assert penalty(500_000, 2, "fixed", 25_000, grace_days=3) == 0
	assert penalty(500_000, 4, "fixed", 25_000, grace_days=3) == 25_000
	assert penalty(500_000, 400, "fixed", 25_000, grace_days=3) == 25_000
	assert penalty_between(500_000, 3, 4, "fixed", 25_000, grace_days=3) == 25_000
	assert penalty_between(500_000, 4, 5, "fixed", 25_000, grace_days=3) == 0


def test_penalty_refusals():
	for args, code in [
		((1_000, 1, "per_week", 1), "unknown_penalty_mode"),
		((1_000, -1, "fixed", 1), "negative_days"),
		((1_000, 1, "percent_per_day", -1), "negative_rate"),
		((-1_000, 1, "percent_per_day", 1), "negative_amount"),
		((1_000, 1, "fixed", -1), "negative_amount"),
	]:
		with pytest.raises(LoanInputError) as raised:
			penalty(*args)
		assert raised.value.code == code
	with pytest.raises(LoanInputError) as raised:
		penalty_between(1_000, 5, 4, "fixed", 1)
	assert raised.value.code == "days_backwards"


@settings(max_examples=80, deadline=None)
@given(
	overdue=st.integers(0, 50_000_000),
	days=st.integers(0, 400),
	mode=st.sampled_from(["percent_per_day", "percent_per_month", "fixed"]),
	rate=st.decimals(min_value=0, max_value=5, places=3),
	grace=st.integers(0, 10),
	from_due=st.booleans(),
)
def test_daily_penalty_increments_add_up(overdue, days, mode, rate, grace, from_due):
	value = rate if mode != "fixed" else int(rate * 10_000)
	options = {"count_from_due_date": from_due}
	increments = [penalty_between(overdue, d, d + 1, mode, value, grace, **options) for d in range(days)]
	assert all(increment >= 0 for increment in increments)
	assert sum(increments) == penalty(overdue, days, mode, value, grace, **options)


# --- allocation ------------------------------------------------------------------------------------------


def three_dues():
	return [
		Due(2, date(2025, 3, 1), principal=1_000_000, interest=110_000, denda=5_000),
		Due(1, date(2025, 2, 1), principal=1_000_000, interest=120_000, denda=10_000),
		Due(3, date(2025, 4, 1), principal=1_000_000, interest=100_000),
	]


def test_allocation_oldest_first_denda_interest_principal():
	result = allocate_repayment(1_200_000, three_dues())
	first, second = result.lines
	assert (first.number, first.denda, first.interest, first.principal, first.closes) == (
		1,
		10_000,
		120_000,
		1_000_000,
		True,
	)
	assert (second.number, second.denda, second.interest, second.principal, second.closes) == (
		2,
		5_000,
		65_000,
		0,
		False,
	)
	assert (result.denda, result.interest, result.principal, result.allocated, result.unapplied) == (
		15_000,
		185_000,
		1_000_000,
		1_200_000,
		0,
	)


def test_allocation_custom_order_and_component_mode():
	result = allocate_repayment(1_050_000, three_dues(), order=("principal", "interest", "denda"))
	assert [(line.number, line.principal, line.interest, line.denda) for line in result.lines] == [
		(1, 1_000_000, 50_000, 0)
	]
	# component mode: every due denda, then every due interest, then principal -- future instalments after
	result = allocate_repayment(300_000, three_dues(), across="component", as_of=date(2025, 3, 15))
	# denda 10,000 + 5,000, interest 120,000 + 110,000, then 55,000 of instalment 1's principal
	assert [(line.number, line.denda, line.interest, line.principal) for line in result.lines] == [
		(1, 10_000, 120_000, 55_000),
		(2, 5_000, 110_000, 0),
	]
	# paying more than what is due moves on to the future instalment, one by one in order
	result = allocate_repayment(2_400_000, three_dues(), across="component", as_of=date(2025, 3, 15))
	assert [(line.number, line.principal, line.advance) for line in result.lines] == [
		(1, 1_000_000, False),
		(2, 1_000_000, False),
		(3, 55_000, True),
	]
	assert result.lines[2].interest == 100_000
	with pytest.raises(LoanInputError) as raised:
		allocate_repayment(1, three_dues(), order=("interest", "principal"))
	assert raised.value.code == "invalid_order"


def test_allocation_advance_and_payoff_limit():
	dues = three_dues()
	payoff = sum(due.outstanding for due in dues)
	assert payoff == 3_345_000
	result = allocate_repayment(payoff, dues, as_of=date(2025, 3, 1))
	assert [line.advance for line in result.lines] == [False, False, True]
	assert all(line.closes for line in result.lines)
	with pytest.raises(LoanInputError) as raised:
		allocate_repayment(payoff + 1, dues)
	assert raised.value.code == "exceeds_payoff"
	assert raised.value.params == {"amount": payoff + 1, "payoff": payoff}
	result = allocate_repayment(payoff + 500, dues, allow_advance=True)
	assert (result.allocated, result.unapplied) == (payoff, 500)
	for bad in (0, -5, 10.5):
		with pytest.raises(LoanInputError):
			allocate_repayment(bad, dues)


@settings(max_examples=80, deadline=None)
@given(
	dues=st.lists(
		st.tuples(st.integers(0, 2_000_000), st.integers(0, 300_000), st.integers(0, 50_000)),
		min_size=1,
		max_size=8,
	),
	fraction=st.floats(0.001, 1.2),
	order=st.permutations(COMPONENTS),
	across=st.sampled_from(["instalment", "component"]),
)
def test_allocation_properties(dues, fraction, order, across):
	open_dues = [
		Due(k + 1, date(2025, 1, 1) + timedelta(days=30 * k), p, i, d) for k, (p, i, d) in enumerate(dues)
	]
	payoff = sum(due.outstanding for due in open_dues)
	amount = max(1, round(payoff * fraction))
	result = allocate_repayment(
		amount, open_dues, order, allow_advance=True, across=across, as_of=date(2025, 3, 1)
	)
	assert result.allocated + result.unapplied == amount
	assert result.unapplied == max(amount - payoff, 0)
	by_number = {due.number: due for due in open_dues}
	for line in result.lines:
		due = by_number[line.number]
		assert (
			0 <= line.denda <= due.denda
			and 0 <= line.interest <= due.interest
			and 0 <= line.principal <= due.principal
		)
		assert line.closes == (line.total == due.outstanding)
	if across == "instalment":
		# an instalment receives money only when every older one is closed
		assert all(line.closes for line in result.lines[:-1])


# --- payoff ----------------------------------------------------------------------------------------------


def flat_loan_after_three_payments():
	rows = build_schedule(12_000_000, 12, 12, method="flat", start_date=JAN_1)
	return rows, [Due.from_instalment(row) for row in rows[3:]]


def test_payoff_rules():
	rows, dues = flat_loan_after_three_payments()
	on = date(2025, 4, 16)  # 15 days into instalment 4's period (1 Apr .. 1 May, 30 days)
	assert rows[3].period_start == date(2025, 4, 1)
	full = payoff_amount(dues, on, "all_interest")
	assert (full.principal, full.interest, full.interest_waived, full.total) == (
		9_000_000,
		1_080_000,
		0,
		10_080_000,
	)
	to_date = payoff_amount(dues, on, "interest_to_date")
	assert (to_date.interest, to_date.interest_waived, to_date.total) == (60_000, 1_020_000, 9_060_000)
	current = payoff_amount(dues, on, "current_period_interest")
	assert (current.interest, current.total) == (120_000, 9_120_000)
	two = payoff_amount(dues, on, "n_months_interest", n=2)
	assert (two.interest, two.total) == (240_000, 9_240_000)
	none = payoff_amount(dues, on, "n_months_interest", n=0)
	assert none.total == 9_000_000
	for payoff in (full, to_date, current, two, none):
		assert payoff.interest + payoff.interest_waived == 1_080_000
		allocation = allocate_repayment(payoff.total, payoff.as_dues())
		assert all(line.closes for line in allocation.lines) and allocation.unapplied == 0


def test_payoff_with_an_overdue_instalment_and_a_partly_paid_current_one():
	rows, _ = flat_loan_after_three_payments()
	dues = [
		Due.from_instalment(rows[3], denda=15_000),  # due 1 May, unpaid
		Due.from_instalment(rows[4], paid_interest=50_000),  # current: 1 May .. 1 Jun (31 days)
		*(Due.from_instalment(row) for row in rows[5:]),
	]
	on = date(2025, 5, 20)  # 19 of 31 days: 120,000 x 19 / 31 = 73,548.39 -> 73,548, 50,000 already paid
	payoff = payoff_amount(dues, on, "interest_to_date")
	assert payoff.denda == 15_000
	assert payoff.lines[0].interest == 120_000  # overdue interest is always charged
	assert payoff.lines[1].interest == 23_548
	assert payoff.principal == 9_000_000
	assert payoff.total == 9_000_000 + 15_000 + 120_000 + 23_548
	# paid before the period: nothing of the current interest; on the due date: the instalment is due
	assert payoff_amount(dues, date(2025, 4, 1), "interest_to_date").lines[1].interest == 0
	assert payoff_amount(dues, date(2025, 6, 1), "interest_to_date").lines[1].interest == 70_000


def test_payoff_refusals():
	_, dues = flat_loan_after_three_payments()
	with pytest.raises(LoanInputError) as raised:
		payoff_amount(dues, JAN_1, "everything")
	assert raised.value.code == "unknown_payoff_rule"
	with pytest.raises(LoanInputError) as raised:
		payoff_amount(dues, JAN_1, "n_months_interest", n=-1)
	assert raised.value.code == "negative_periods"


def test_due_from_a_dict_row():
	row = {"number": 4, "due_date": date(2025, 5, 1), "principal": 1_000_000.0, "interest": 120_000.0}
	due = Due.from_instalment(row, paid_principal=400_000)
	assert (due.principal, due.interest, due.outstanding, due.period_start) == (
		600_000,
		120_000,
		720_000,
		None,
	)


# --- accrual ---------------------------------------------------------------------------------------------


def test_monthly_accrual():
	rows = build_schedule(12_000_000, 12, 12, method="efektif", start_date=JAN_1)
	assert monthly_accrual(rows, 2025, 2) == 120_000  # due 1 Feb
	assert monthly_accrual(rows, 2025, 3) == 110_000
	assert monthly_accrual(rows, 2025, 1) == 0
	assert monthly_accrual(rows, 2025, 3, non_accrual=True) == 0
	assert accrued_interest(rows, date(2025, 2, 1), date(2025, 4, 1)) == 330_000
	assert sum(monthly_accrual(rows, 2025 + (m // 12), m % 12 + 1) for m in range(1, 14)) == 780_000
	as_dicts = [row.as_dict() for row in rows]
	assert monthly_accrual(as_dicts, 2025, 2) == 120_000
	weekly = build_schedule(5_200_000, 26, 52, frequency="weekly", method="flat", start_date=date(2025, 3, 3))
	assert monthly_accrual(weekly, 2025, 3) == 4 * 26_000  # due 10, 17, 24, 31 March


def test_interest_receipt_split():
	assert interest_receipt_split(100_000, 60_000) == (60_000, 40_000)
	assert interest_receipt_split(50_000, 60_000) == (50_000, 0)
	assert interest_receipt_split(50_000, 0) == (0, 50_000)


# --- restructure -----------------------------------------------------------------------------------------


def test_restructure():
	result = restructure(
		6_000_000,
		12,
		12,
		arrears_interest=240_000,
		arrears_denda=30_000,
		capitalise_interest=True,
		method="efektif",
		start_date=date(2025, 7, 1),
	)
	assert (result.principal, result.capitalised_interest, result.capitalised_denda) == (
		6_240_000,
		240_000,
		0,
	)
	assert column(result.schedule, "principal") == [520_000] * 12
	assert result.schedule[0].interest == 62_400
	assert result.schedule[0].due_date == date(2025, 8, 1)
	plain = restructure(6_000_000, 9, 24, method="anuitas", start_date=date(2025, 7, 1), grace_periods=3)
	assert plain.principal == 6_000_000
	assert_consistent(plain.schedule, 6_000_000)
	with pytest.raises(LoanInputError):
		restructure(0, 12, 12, start_date=JAN_1)


# --- borrowings (PMK 49/2025) ----------------------------------------------------------------------------


def test_borrowing_terms_within_himbara_ceilings():
	assert check_borrowing_terms(3_000_000_000, 6, 72, 6) == []
	assert check_borrowing_terms(1_500_000_000, "5.5", 60, 8, operating_amount=500_000_000) == []


def test_borrowing_terms_warnings():
	assert codes(check_borrowing_terms(3_000_000_001, "6.01", 73, 5, operating_amount=500_000_001)) == [
		"amount_over_ceiling",
		"rate_over_ceiling",
		"tenor_over_ceiling",
		"grace_outside_range",
		"operating_over_ceiling",
	]
	assert codes(check_borrowing_terms(1_000_000_000, 6, 72, 9)) == ["grace_outside_range"]
	# LPDB: up to Rp3 miliar, 10 years, 3% -- ceilings from settings as a dict
	lpdb = {"max_rate": 3, "max_tenor_months": 120, "min_grace_months": None, "max_grace_months": None}
	assert check_borrowing_terms(3_000_000_000, 3, 120, 0, lpdb) == []
	assert codes(check_borrowing_terms(3_000_000_000, 4, 120, 0, lpdb)) == ["rate_over_ceiling"]
	assert (
		check_borrowing_terms(10**13, 50, 500, 0, BorrowingCeilings(None, None, None, None, None, None)) == []
	)
	assert HIMBARA_CEILINGS.max_amount == 3_000_000_000


def test_borrowing_schedule_on_the_payable_side():
	# Himbara: Rp3 miliar, 6%, 72 months with 6 months interest-only grace, then 66 annuity instalments
	rows = build_schedule(
		3_000_000_000, 6, 72, method="anuitas", first_due_date=date(2025, 12, 25), grace_periods=6
	)
	assert column(rows, "interest")[:6] == [15_000_000] * 6
	payment = round_rupiah(float(-npf.pmt(0.005, 66, 3_000_000_000)))
	assert all(row.total == payment for row in rows[6:-1])
	assert_consistent(rows, 3_000_000_000)
	assert rows[-1].due_date == date(2031, 11, 25)


def test_instalment_is_frozen():
	row = build_schedule(1_000_000, 12, 1, start_date=JAN_1)[0]
	assert isinstance(row, Instalment)
	with pytest.raises(AttributeError):
		row.principal = 5


# --- accrual per instalment and its settlement ---------------------------------------------------------


def test_accruable_interest_is_unpaid_interest_once():
	assert accruable_interest(12_000) == 12_000
	assert accruable_interest(12_000, paid=5_000) == 7_000
	assert accruable_interest(12_000, paid=5_000, waived=7_000) == 0
	assert accruable_interest(12_000, paid=12_000) == 0
	assert accruable_interest(12_000, accrued=7_000) == 0  # accrued once, never again


def test_accrued_open_is_the_accrued_part_still_unpaid():
	assert accrued_open(12_000, 12_000) == 12_000
	assert accrued_open(12_000, 5_000) == 5_000
	assert accrued_open(0, 12_000) == 0
	assert accrued_open(7_000, 7_000) == 7_000


def test_interest_settlement():
	# accrued 12.000, pays 5.000: all of it settles the receivable
	assert interest_settlement(5_000, 0, 12_000, 12_000) == (5_000, 0, 0)
	# never accrued (non-accrual loan or paid early): income when paid
	assert interest_settlement(12_000, 0, 12_000, 0) == (0, 12_000, 0)
	# prepaid 5.000 as income, the rest (7.000) accrued; paying 7.000 settles it
	assert interest_settlement(7_000, 0, 7_000, 7_000) == (7_000, 0, 0)
	# a payoff waives 8.000 of an accrued 12.000 after 4.000 paid: 8.000 of the accrual goes back
	assert interest_settlement(4_000, 8_000, 12_000, 12_000) == (4_000, 0, 8_000)
	# waiving interest never accrued reverses nothing
	assert interest_settlement(0, 12_000, 12_000, 0) == (0, 0, 0)
	with pytest.raises(LoanInputError) as e:
		interest_settlement(10_000, 5_000, 12_000, 0)
	assert e.value.code == "exceeds_unpaid"


@given(
	st.integers(0, 10**7),
	st.integers(0, 10**7),
	st.integers(0, 10**7),
	st.integers(0, 10**7),
)
def test_interest_settlement_adds_up(unpaid, accrued, paid, waived):
	assume(paid + waived <= unpaid)
	receivable, income, reversed_ = interest_settlement(paid, waived, unpaid, accrued)
	assert receivable + income == paid
	left_open = accrued_open(accrued, unpaid) - receivable - reversed_
	assert 0 <= left_open <= unpaid - paid - waived


def test_due_by_counts_overdue_and_current_instalment():
	dues = [
		Due(1, date(2025, 1, 31), 100_000, 12_000, 5_000),
		Due(2, date(2025, 2, 28), 100_000, 12_000),
		Due(3, date(2025, 3, 31), 100_000, 12_000),
	]
	assert due_by(dues, date(2025, 2, 10)) == 117_000 + 112_000  # overdue 1 and the current 2
	assert due_by(dues, date(2025, 1, 5)) == 117_000  # only the current one
	assert due_by(dues, date(2025, 4, 30)) == 341_000
	assert due_by([], date(2025, 4, 30)) == 0
