from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.money import (
	format_rupiah,
	is_whole_rupiah,
	ledger_difference,
	round_rupiah,
	terbilang,
	to_decimal,
	whole_rupiah,
)


@pytest.mark.parametrize(
	("value", "expected"),
	[
		(0, 0),
		(2.5, 3),
		(2.4999, 2),
		(-2.5, -3),
		(Decimal("1234.5"), 1235),
		(Decimal("1234.49"), 1234),
		(1.005, 1),
		("7.5", 8),
		(10**15, 10**15),
	],
)
def test_round_rupiah(value, expected):
	assert round_rupiah(value) == expected
	assert isinstance(round_rupiah(value), int)


def test_to_decimal_uses_float_repr():
	assert to_decimal(2.675) == Decimal("2.675")
	assert round_rupiah(0.5) == 1


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_to_decimal_rejects_non_finite(bad):
	with pytest.raises(ValueError):
		to_decimal(bad)


@pytest.mark.parametrize("bad", [True, None, [1]])
def test_to_decimal_rejects_other_types(bad):
	with pytest.raises(TypeError):
		to_decimal(bad)


@pytest.mark.parametrize(
	("amount", "expected"),
	[
		(0, "Rp0"),
		(999, "Rp999"),
		(1000, "Rp1.000"),
		(1234567, "Rp1.234.567"),
		(-1234567, "-Rp1.234.567"),
		(Decimal("1500.5"), "Rp1.501"),
		(-0.4, "Rp0"),
	],
)
def test_format_rupiah(amount, expected):
	assert format_rupiah(amount) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_rupiah_round_trips(amount):
	text = format_rupiah(amount)
	assert text.startswith("-Rp" if amount < 0 else "Rp")
	assert int(text.replace("-", "").removeprefix("Rp").replace(".", "")) == abs(amount)


@pytest.mark.parametrize(
	("amount", "expected"),
	[
		(0, "Nol rupiah"),
		(1500, "Seribu lima ratus rupiah"),
		(11, "Sebelas rupiah"),
		(21000, "Dua puluh satu ribu rupiah"),
		(101000, "Seratus satu ribu rupiah"),
		(1_001_000, "Satu juta seribu rupiah"),
		(2_000_001_000, "Dua miliar seribu rupiah"),
		(1_234_567, "Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah"),
		(-5, "Minus lima rupiah"),
	],
)
def test_terbilang(amount, expected):
	assert terbilang(amount) == expected


# ---------------------------------------------------------------- whole rupiah at the boundary
@pytest.mark.parametrize("value", [0, 1500, 1500.0, "1500", Decimal("1500.00"), -250, 10**15])
def test_is_whole_rupiah_accepts_whole_amounts(value):
	assert is_whole_rupiah(value)


@pytest.mark.parametrize("value", [1500.5, 0.01, "1500.5", Decimal("0.001"), -0.5])
def test_is_whole_rupiah_refuses_fractions(value):
	assert not is_whole_rupiah(value)


def test_whole_rupiah_refuses_instead_of_truncating():
	assert whole_rupiah(1500.0) == 1500
	assert whole_rupiah("-200") == -200
	with pytest.raises(ValueError):
		whole_rupiah(1500.7)  # int() would have made it 1500


@pytest.mark.parametrize(
	"value, expected",
	[(1500, 1500), (-250, -250), (0, 0), (1500.0, 1500), (-0.0, 0), (2.0**52, 2**52), (-(2.0**52), -(2**52))],
)
def test_whole_rupiah_fast_path_returns_plain_ints(value, expected):
	result = whole_rupiah(value)
	assert result == expected
	assert type(result) is int


def test_whole_rupiah_fast_path_agrees_with_decimal_beyond_exact_floats():
	# above 2**53 the float goes through Decimal(repr()) as before: 1e20 is 10**20, not int(1e20)
	assert whole_rupiah(1e20) == 10**20
	assert whole_rupiah(Decimal("1500.000")) == 1500


@pytest.mark.parametrize("value", [True, False])
def test_whole_rupiah_refuses_booleans(value):
	with pytest.raises(TypeError):
		whole_rupiah(value)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 0.5, -1500.25])
def test_whole_rupiah_fast_path_still_refuses_fractions_and_non_finite(value):
	with pytest.raises(ValueError):
		whole_rupiah(value)


def test_ledger_difference_is_exact_and_refuses_fractions():
	assert ledger_difference([1000, 500], [1500]) == 0
	assert ledger_difference([1000.0], [999]) == 1
	assert ledger_difference([1000, None], [1000]) == 0
	assert ledger_difference([1000.5], [1000.5]) is None


@pytest.mark.parametrize("amount", [0.5, 1.5, 2.5, 1500.5, 2500.5, 999_999.5])
def test_printing_rounds_half_up_like_the_calculators(amount):
	"""terbilang and the Rupiah format agree with round_rupiah; Python's round() (half to even) does not."""
	expected = round_rupiah(amount)
	assert format_rupiah(amount) == format_rupiah(expected)
	assert terbilang(amount) == terbilang(expected)
	assert expected == int(amount) + 1  # half-up, never to even


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_rupiah_round_trips_integers(n):
	assert whole_rupiah(float(n)) == n
	assert is_whole_rupiah(n)
