"""What every calculator reports: problems a check finds, and bad input it refuses.

Checks that can find several things wrong return a list of :class:`Problem`; bad input raises a subclass
of :class:`CalculatorInputError`. Both carry a stable ``code`` and the ``params`` a controller needs for
its translated message and named exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from koperasi_merah_putih.calculators.money import Number, whole_rupiah


class Problem(NamedTuple):
	"""One problem found by a check; ``code`` is stable, ``params`` feed the translated message.

	A plain ``(code, params)`` tuple, so ``for code, params in problems`` works.
	"""

	code: str
	params: dict = {}  # a NamedTuple default, never mutated


class CalculatorInputError(ValueError):
	"""Bad input to a calculator; ``code`` is stable (see each function), ``params`` give the values."""

	def __init__(self, code: str, **params: Any):
		self.code = code
		self.params = params
		detail = ", ".join(f"{key}={value!r}" for key, value in params.items())
		super().__init__(f"{code}: {detail}" if detail else code)


def as_amount(
	value: Number | str | None,
	name: str,
	*,
	positive: bool = False,
	signed: bool = False,
	blank_is_zero: bool = False,
	error: type[CalculatorInputError] = CalculatorInputError,
) -> int:
	"""``value`` as whole rupiah, or ``error`` with ``not_whole_rupiah`` (a fraction, or not a number),
	``negative_amount`` (below zero, unless ``signed``) or ``amount_not_positive`` (zero, with
	``positive``); ``params`` are ``field`` and ``value``. With ``blank_is_zero``, ``None`` and ``""``
	count as 0."""
	if blank_is_zero and (value is None or value == ""):
		value = 0
	try:
		amount = whole_rupiah(value)
	except (TypeError, ValueError, ArithmeticError):
		raise error("not_whole_rupiah", field=name, value=value)
	if amount < 0 and not signed:
		raise error("negative_amount", field=name, value=amount)
	if positive and amount <= 0:
		raise error("amount_not_positive", field=name, value=amount)
	return amount


def get_field(row: Any, name: str, default: Any = None) -> Any:
	"""Read ``name`` from a dict (also ``frappe._dict``) or an object (dataclass, Frappe document/row)."""
	if isinstance(row, Mapping):
		return row.get(name, default)
	return getattr(row, name, default)
