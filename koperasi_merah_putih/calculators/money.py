"""Rupiah helpers: conversion to Decimal, half-up rounding, display formatting and terbilang (words).

Cooperatives book whole rupiah, so every amount that is stored is an ``int``; intermediate
arithmetic (interest, percentages) is done in ``Decimal`` and rounded half-up with
:func:`round_rupiah`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal

_ONE = Decimal(1)
# Below 2**53 a float holds every integer exactly, so int() of an integral float is the amount its repr
# shows; above it, int(1e20) and Decimal(repr(1e20)) differ in the last digits.
_EXACT_FLOAT = 2.0**53
_SCALE_THEN_SATU_RIBU = re.compile(r"\b(juta|miliar|triliun|kuadriliun|kuintiliun) satu ribu\b")


def to_decimal(value: Number | str) -> Decimal:
	"""Convert ``value`` to ``Decimal`` exactly; floats go through ``str`` (so 2.675 stays 2.675)."""
	if isinstance(value, bool):
		raise TypeError("boolean is not an amount")
	if isinstance(value, Decimal):
		result = value
	elif isinstance(value, int):
		result = Decimal(value)
	elif isinstance(value, float):
		result = Decimal(repr(value))
	elif isinstance(value, str):
		result = Decimal(value.strip())
	else:
		raise TypeError(f"unsupported amount type: {type(value).__name__}")
	if not result.is_finite():
		raise ValueError(f"amount must be finite, got {value!r}")
	return result


def round_rupiah(value: Number | str) -> int:
	"""Round to whole rupiah, half away from zero (2.5 -> 3, -2.5 -> -3)."""
	return int(to_decimal(value).quantize(_ONE, rounding=ROUND_HALF_UP))


def is_whole_rupiah(value: Number | str) -> bool:
	"""True when ``value`` has no fraction of a rupiah (``1500.0`` yes, ``1500.5`` no).

	This is the one rule for amounts a person enters: they are refused, never silently rounded or
	truncated. Amounts the app computes (interest, percentages) are rounded half-up by :func:`round_rupiah`.
	"""
	return to_decimal(value) == to_decimal(value).to_integral_value()


def whole_rupiah(value: Number | str) -> int:
	"""``value`` as an ``int``, refusing (``ValueError``) a fraction of a rupiah instead of truncating it.

	For amounts read back from the database (stored as decimals) on their way into a calculator. An ``int``
	is returned as it is and an integral ``float`` as its ``int`` without going through ``Decimal`` (the
	daily loan run converts hundreds of thousands of amounts read as floats).
	"""
	if type(value) is int:
		return value
	if type(value) is float and value.is_integer() and -_EXACT_FLOAT < value < _EXACT_FLOAT:
		return int(value)
	if not is_whole_rupiah(value):
		raise ValueError(f"{value!r} is not a whole rupiah amount")
	return int(to_decimal(value))


def ledger_difference(debits: list[Number], credits: list[Number]) -> int | None:
	"""Debits minus credits of a voucher's ledger rows, in whole rupiah; ``None`` when any row holds a
	fraction of a rupiah. A voucher may be posted only when this is ``0``: balanced by construction, so
	ERPNext never has to add a round-off row."""
	if not all(is_whole_rupiah(v or 0) for v in (*debits, *credits)):
		return None
	return sum(round_rupiah(v or 0) for v in debits) - sum(round_rupiah(v or 0) for v in credits)


def format_rupiah(amount: Number) -> str:
	"""Format as ``Rp1.234.567`` (dot thousands separator, no decimals); negatives as ``-Rp1.234.567``."""
	rupiah = round_rupiah(amount)
	body = f"{abs(rupiah):,}".replace(",", ".")
	return f"-Rp{body}" if rupiah < 0 else f"Rp{body}"


def terbilang(amount: Number) -> str:
	"""Spell an amount in Indonesian words, capitalised, ending with `` rupiah``.

	``1500 -> "Seribu lima ratus rupiah"``. Uses num2words (lang="id"), imported lazily; its
	"juta satu ribu" quirk is corrected to "juta seribu". Negative amounts start with "Minus".
	"""
	from num2words import num2words

	rupiah = round_rupiah(amount)
	words = num2words(abs(rupiah), lang="id")
	words = _SCALE_THEN_SATU_RIBU.sub(r"\1 seribu", words)
	if rupiah < 0:
		words = f"minus {words}"
	return f"{words[:1].upper()}{words[1:]} rupiah"
