from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.nik import (
	VALID_PROVINCE_CODES,
	NikError,
	NikInfo,
	NikProblem,
	check_kk,
	check_nik,
	normalize_nik,
	parse_nik,
)

TODAY = date(2025, 6, 15)
MALE = "3201011508900001"  # Jawa Barat, 15 Aug 1990, male
FEMALE = "3201015508900002"  # 15 Aug 1990, female (day + 40)
FULL_WIDTH = "".join(chr(0xFF10 + int(c)) for c in MALE)  # full-width digits pass str.isdigit()


def codes(problems):
	return [problem.code for problem in problems]


def make_nik(birth: date, female: bool = False, region: str = "320101", serial: str = "0001") -> str:
	day = birth.day + (40 if female else 0)
	return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"


def test_province_codes():
	assert len(VALID_PROVINCE_CODES) == 38
	assert {"11", "19", "21", "31", "36", "53", "65", "76", "82", "96"} <= VALID_PROVINCE_CODES
	assert not {"10", "20", "22", "30", "37", "50", "66", "80", "90", "97"} & VALID_PROVINCE_CODES


@pytest.mark.parametrize(
	("raw", "expected"),
	[(None, ""), ("", ""), (" 3201.0115-0890 0001 ", "3201011508900001"), ("32\t01", "3201")],
)
def test_normalize_nik(raw, expected):
	assert normalize_nik(raw) == expected


def test_valid_nik_has_no_problems():
	assert check_nik(MALE, today=TODAY) == []
	assert check_nik("3201.0115.0890.0001", birth_date=date(1990, 8, 15), female=False, today=TODAY) == []
	assert check_nik(FEMALE, birth_date=date(1990, 8, 15), female=True, today=TODAY) == []


@pytest.mark.parametrize(
	("nik", "expected"),
	[
		(None, [NikProblem("empty")]),
		(" . - ", [NikProblem("empty")]),
		("320101150890", [NikProblem("length", {"length": 12})]),
		("32010115089000012", [NikProblem("length", {"length": 17})]),
		("320101150890000A", [NikProblem("digits")]),
		("320101150890000", [NikProblem("length", {"length": 15})]),
		("3201011508900X0", [NikProblem("length", {"length": 15}), NikProblem("digits")]),
		(FULL_WIDTH, [NikProblem("digits")]),
	],
)
def test_shape_problems_stop_further_checks(nik, expected):
	assert check_nik(nik, birth_date=date(2000, 1, 1), female=True, today=TODAY) == expected


def test_region_problems():
	assert check_nik("1001011508900001", today=TODAY) == [NikProblem("province", {"code": "10"})]
	assert codes(check_nik("3200011508900001", today=TODAY)) == ["regency"]
	assert codes(check_nik("3201001508900001", today=TODAY)) == ["district"]


def test_all_problems_are_reported_together():
	problems = check_nik("9900003213990000", birth_date=date(1990, 1, 1), female=False, today=TODAY)
	assert codes(problems) == ["province", "regency", "district", "birth_date", "serial"]
	assert NikProblem("birth_date", {"digits": "321399"}) in problems


@pytest.mark.parametrize(
	"digits",
	["000190", "320190", "400190", "690290", "720190", "150090", "151390", "300290", "290201", "310490"],
)
def test_invalid_birth_dates(digits):
	nik = f"320101{digits}0001"
	assert check_nik(nik, today=TODAY) == [NikProblem("birth_date", {"digits": digits})]
	with pytest.raises(NikError) as excinfo:
		parse_nik(nik, today=TODAY)
	assert codes(excinfo.value.problems) == ["birth_date"]
	assert isinstance(excinfo.value, ValueError)


def test_leap_day_is_valid():
	assert check_nik("3201012902000001", today=TODAY) == []
	assert parse_nik("3201016902000001", today=TODAY).birth_date == date(2000, 2, 29)
	assert parse_nik("3201012902960001", today=TODAY).birth_date == date(1996, 2, 29)


def test_parse_nik():
	assert parse_nik(FEMALE, today=TODAY) == NikInfo(
		province="32",
		regency="3201",
		district="320101",
		birth_date=date(1990, 8, 15),
		female=True,
		serial="0002",
	)
	male = parse_nik(" 3201.0115.0890.0001 ", today=TODAY)
	assert male.female is False
	assert male.birth_date == date(1990, 8, 15)


@pytest.mark.parametrize(
	("digits", "expected"),
	[
		("150625", date(2025, 6, 15)),  # today itself
		("160625", date(1925, 6, 16)),  # tomorrow in 2025 would be in the future
		("010125", date(2025, 1, 1)),
		("311224", date(2024, 12, 31)),
		("010126", date(1926, 1, 1)),
		("010100", date(2000, 1, 1)),
		("010199", date(1999, 1, 1)),
	],
)
def test_century_never_in_future(digits, expected):
	assert parse_nik(f"320101{digits}0001", today=TODAY).birth_date == expected


def test_today_defaults_to_current_date():
	born = parse_nik("3201010101000001").birth_date
	assert born == date(2000, 1, 1)


def test_birth_date_mismatch():
	problems = check_nik(MALE, birth_date=date(1990, 8, 16), today=TODAY)
	assert problems == [
		NikProblem("birth_date_mismatch", {"nik_date": "1990-08-15", "birth_date": "1990-08-16"})
	]
	assert codes(check_nik(MALE, birth_date=date(1991, 8, 15), today=TODAY)) == ["birth_date_mismatch"]


def test_birth_date_century_does_not_matter():
	# NIK year "90" resolves to 1990, but a 1890 birth date (two-digit 90) still matches.
	assert check_nik(MALE, birth_date=date(1890, 8, 15), today=TODAY) == []
	# "24" resolves to 2024; a centenarian born 1924 must not be flagged.
	assert check_nik("3201010101240001", birth_date=date(1924, 1, 1), today=TODAY) == []


def test_gender_mismatch():
	assert check_nik(MALE, female=True, today=TODAY) == [
		NikProblem("gender_mismatch", {"nik_gender": "male", "gender": "female"})
	]
	assert check_nik(FEMALE, female=False, today=TODAY) == [
		NikProblem("gender_mismatch", {"nik_gender": "female", "gender": "male"})
	]


def test_mismatches_and_serial_together():
	problems = check_nik("3201015508900000", birth_date=date(1990, 8, 14), female=False, today=TODAY)
	assert codes(problems) == ["birth_date_mismatch", "gender_mismatch", "serial"]


def test_problem_is_hashable_and_comparable():
	assert len({NikProblem("length", {"length": 3}), NikProblem("length", {"length": 3})}) == 1
	assert NikProblem("length", {"length": 3}) != NikProblem("length", {"length": 4})
	assert NikProblem("empty").params == {}


def test_nik_error_message_lists_codes():
	with pytest.raises(NikError, match="province, serial"):
		parse_nik("9901011508900000", today=TODAY)


def test_check_kk():
	assert check_kk("3201012301150003") == []
	assert check_kk("3201.0199.9999.0000") == []  # no date or serial check on KK
	assert check_kk(None) == [NikProblem("empty")]
	assert check_kk("32010123") == [NikProblem("length", {"length": 8})]
	assert codes(check_kk("0000002301150003")) == ["province", "regency", "district"]


@given(
	birth=st.dates(min_value=date(1926, 1, 1), max_value=TODAY),
	female=st.booleans(),
	province=st.sampled_from(sorted(VALID_PROVINCE_CODES)),
	serial=st.integers(min_value=1, max_value=9999),
)
def test_generated_niks_round_trip(birth, female, province, serial):
	nik = make_nik(birth, female, region=f"{province}0101", serial=f"{serial:04d}")
	assert check_nik(nik, birth_date=birth, female=female, today=TODAY) == []
	info = parse_nik(nik, today=TODAY)
	assert (info.birth_date, info.female, info.province, info.serial) == (
		birth,
		female,
		province,
		f"{serial:04d}",
	)
	assert info.birth_date <= TODAY
	assert codes(check_nik(nik, female=not female, today=TODAY)) == ["gender_mismatch"]


@given(st.text(max_size=20))
def test_check_nik_never_crashes(text):
	problems = check_nik(text, today=TODAY)
	assert all(isinstance(problem, NikProblem) for problem in problems)
	if not problems:
		assert len(normalize_nik(text)) == 16
