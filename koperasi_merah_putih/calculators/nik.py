"""NIK (Nomor Induk Kependudukan) and Nomor KK validation.

A NIK has 16 digits: ``PP RR DD ddmmyy SSSS`` -- province, regency/city, district, birth date
(women add 40 to the day) and a serial number. A Nomor KK (family card) shares the region part.
Checks are structural only; they cannot prove a NIK is registered at Dukcapil.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

VALID_PROVINCE_CODES: frozenset[str] = frozenset(
	{
		*(str(code) for code in range(11, 20)),
		"21",
		*("31", "32", "33", "34", "35", "36"),
		*("51", "52", "53"),
		*("61", "62", "63", "64", "65"),
		*("71", "72", "73", "74", "75", "76"),
		*("81", "82"),
		*("91", "92", "93", "94", "95", "96"),
	}
)

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40
_SEPARATORS = re.compile(r"[\s.\-]+")


@dataclass(frozen=True)
class NikProblem:
	"""One problem found in a NIK/KK; ``code`` is stable, ``params`` feed the translated message."""

	code: str
	params: dict = field(default_factory=dict)

	def __hash__(self) -> int:
		return hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


@dataclass(frozen=True)
class NikInfo:
	"""Decoded NIK. Region codes are cumulative: province "32", regency "3201", district "320105"."""

	province: str
	regency: str
	district: str
	birth_date: date
	female: bool
	serial: str


class NikError(ValueError):
	"""Raised by :func:`parse_nik`; ``problems`` lists every problem found."""

	def __init__(self, problems: list[NikProblem]):
		self.problems = list(problems)
		super().__init__(", ".join(problem.code for problem in self.problems))


def normalize_nik(value: str | None) -> str:
	"""Strip whitespace, dots and dashes (``"3201.0112-3456 0001"`` -> ``"3201011234560001"``)."""
	if value is None:
		return ""
	return _SEPARATORS.sub("", str(value))


def _shape_problems(number: str) -> list[NikProblem]:
	if not number:
		return [NikProblem("empty")]
	problems = []
	if len(number) != NIK_LENGTH:
		problems.append(NikProblem("length", {"length": len(number)}))
	if not (number.isascii() and number.isdigit()):
		problems.append(NikProblem("digits"))
	return problems


def _region_problems(number: str) -> list[NikProblem]:
	problems = []
	if number[0:2] not in VALID_PROVINCE_CODES:
		problems.append(NikProblem("province", {"code": number[0:2]}))
	if number[2:4] == "00":
		problems.append(NikProblem("regency", {"code": number[2:4]}))
	if number[4:6] == "00":
		problems.append(NikProblem("district", {"code": number[4:6]}))
	return problems


def _resolve_birth_date(digits: str, today: date) -> tuple[date, bool] | None:
	"""Decode ``ddmmyy`` into (date, female), or ``None`` when it is no real date.

	The century is the latest one that does not put the date after ``today``.
	"""
	day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
	female = day > FEMALE_DAY_OFFSET
	if female:
		day -= FEMALE_DAY_OFFSET
	if not (1 <= month <= 12 and 1 <= day <= 31):
		return None
	year = 2000 + yy if (2000 + yy, month, day) <= (today.year, today.month, today.day) else 1900 + yy
	try:
		return date(year, month, day), female
	except ValueError:
		# 29 February: "00" is only a leap year in 2000, every other yy is the same in both centuries.
		try:
			return date(year + 100 if year < 2000 else year - 100, month, day), female
		except ValueError:
			return None


def check_nik(
	nik: str | None,
	birth_date: date | None = None,
	female: bool | None = None,
	today: date | None = None,
) -> list[NikProblem]:
	"""Return all problems in ``nik`` (empty list = valid).

	Shape problems (empty/length/digits) stop further checks. When ``birth_date`` is given only
	day, month and two-digit year are compared, so the century guess never causes a mismatch.
	"""
	number = normalize_nik(nik)
	problems = _shape_problems(number)
	if problems:
		return problems
	problems = _region_problems(number)
	resolved = _resolve_birth_date(number[6:12], today or date.today())
	if resolved is None:
		problems.append(NikProblem("birth_date", {"digits": number[6:12]}))
	else:
		nik_date, nik_female = resolved
		if birth_date is not None and (nik_date.day, nik_date.month, nik_date.year % 100) != (
			birth_date.day,
			birth_date.month,
			birth_date.year % 100,
		):
			problems.append(
				NikProblem(
					"birth_date_mismatch",
					{"nik_date": nik_date.isoformat(), "birth_date": birth_date.isoformat()},
				)
			)
		if female is not None and bool(female) != nik_female:
			problems.append(
				NikProblem(
					"gender_mismatch",
					{"nik_gender": _gender(nik_female), "gender": _gender(bool(female))},
				)
			)
	if number[12:16] == "0000":
		problems.append(NikProblem("serial", {"serial": number[12:16]}))
	return problems


def _gender(female: bool) -> str:
	return "female" if female else "male"


def parse_nik(nik: str, today: date | None = None) -> NikInfo:
	"""Decode a valid NIK; raise :class:`NikError` with all problems otherwise."""
	problems = check_nik(nik, today=today)
	if problems:
		raise NikError(problems)
	number = normalize_nik(nik)
	resolved = _resolve_birth_date(number[6:12], today or date.today())
	assert resolved is not None  # guaranteed by check_nik
	birth_date, female = resolved
	return NikInfo(
		province=number[0:2],
		regency=number[0:4],
		district=number[0:6],
		birth_date=birth_date,
		female=female,
		serial=number[12:16],
	)


def check_kk(no_kk: str | None) -> list[NikProblem]:
	"""Return problems in a Nomor KK (family card): 16 digits and a plausible region part."""
	number = normalize_nik(no_kk)
	problems = _shape_problems(number)
	if problems:
		return problems
	return _region_problems(number)
