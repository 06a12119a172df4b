"""Pharmacy (apotek): first-expiry-first-out batch picking and the near-expiry report.

A batch is sellable on its expiry date and expired the day after, as in ERPNext (which offers batches
with ``expiry_date >= today``); a batch without an expiry date never expires and is picked last.
Quantities are exact ``Decimal`` in the stock UOM. Shared conventions and
:class:`~koperasi_merah_putih.calculators.units.UnitInputError`: see :mod:`koperasi_merah_putih.calculators.units`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from koperasi_merah_putih.calculators.money import Number, to_decimal
from koperasi_merah_putih.calculators.units import UnitInputError, UnitProblem, as_quantity, get_field

__all__ = [
	"BatchAllocation",
	"BatchPick",
	"BatchStock",
	"NearExpiry",
	"is_expired",
	"near_expiry",
	"pick_batches_fefo",
]

_ZERO = Decimal(0)


class BatchStock(NamedTuple):
	"""A batch on hand: ``batch`` (any id, e.g. the Batch name), ``expiry`` (or ``None``) and ``qty``."""

	batch: Any
	expiry: date | None
	qty: Decimal


class BatchAllocation(NamedTuple):
	"""Take ``qty`` from ``batch`` (expiring on ``expiry``)."""

	batch: Any
	expiry: date | None
	qty: Decimal


class BatchPick(NamedTuple):
	"""Result of :func:`pick_batches_fefo`: the ``allocations`` (empty on a shortage) and the ``problem``."""

	allocations: list[BatchAllocation]
	problem: UnitProblem | None


class NearExpiry(NamedTuple):
	"""A row of the near-expiry report; ``days_left`` is negative for an expired batch (``expired``)."""

	batch: Any
	expiry: date
	qty: Decimal
	days_left: int
	expired: bool


def is_expired(expiry: date | None, as_of: date) -> bool:
	"""True when a batch expiring on ``expiry`` may no longer be sold on ``as_of`` (``expiry < as_of``)."""
	return expiry is not None and expiry < as_of


def _stock(batches: Iterable[Any]) -> list[BatchStock]:
	"""Batches as :class:`BatchStock`, from ``(batch, expiry, qty)`` tuples or rows with those fields."""
	stock = []
	for row in batches:
		if isinstance(row, tuple):
			batch, expiry, qty = row
		else:
			batch, expiry, qty = get_field(row, "batch"), get_field(row, "expiry"), get_field(row, "qty")
		try:
			quantity = to_decimal(qty or 0)
		except (TypeError, ValueError, ArithmeticError):
			raise UnitInputError("invalid_quantity", field="qty", value=qty)
		stock.append(BatchStock(batch, expiry, quantity))
	return stock


def _fefo_key(row: BatchStock) -> tuple:
	# No expiry sorts last; equal expiries keep the input order (sorted() is stable).
	return (row.expiry is None, row.expiry or date.min)


def pick_batches_fefo(batches: Iterable[Any], qty_needed: Number | str, as_of: date) -> BatchPick:
	"""Allocate ``qty_needed`` over the batches, the one expiring first first (FEFO).

	``batches`` are ``(batch, expiry, qty)`` tuples or rows with ``batch``, ``expiry`` and ``qty``. Batches
	expired on ``as_of`` (:func:`is_expired`) and batches with no positive quantity are skipped; batches
	with the same expiry are taken in the given order (pass them oldest first), batches without an expiry
	last. Never takes more than a batch holds; nothing is rounded.

	On a shortage nothing is allocated and the problem is ``batch_shortage`` with ``{"needed",
	"available", "expired"}`` -- the sellable quantity and the quantity held in expired batches, so the
	message can say "only 8 strips sellable; 20 more are expired". Raises ``quantity_not_positive`` /
	``negative_quantity`` (``qty_needed``) and ``invalid_quantity`` (a batch).
	"""
	needed = as_quantity(qty_needed, "qty_needed", positive=True)
	stock = _stock(batches)
	sellable = sorted(
		(row for row in stock if row.qty > 0 and not is_expired(row.expiry, as_of)), key=_fefo_key
	)
	available = sum((row.qty for row in sellable), _ZERO)
	if available < needed:
		expired = sum((row.qty for row in stock if row.qty > 0 and is_expired(row.expiry, as_of)), _ZERO)
		return BatchPick(
			[], UnitProblem("batch_shortage", {"needed": needed, "available": available, "expired": expired})
		)
	allocations = []
	remaining = needed
	for row in sellable:
		if remaining == 0:
			break
		take = min(row.qty, remaining)
		allocations.append(BatchAllocation(row.batch, row.expiry, take))
		remaining -= take
	return BatchPick(allocations, None)


def near_expiry(
	batches: Iterable[Any], as_of: date, days: int, *, include_expired: bool = True
) -> list[NearExpiry]:
	"""Batches with stock that expire within ``days`` days of ``as_of`` (``as_of <= expiry <= as_of +
	days``), and, with ``include_expired``, those already expired; soonest expiry first.

	Same batch shapes as :func:`pick_batches_fefo`; batches without an expiry or without a positive
	quantity are left out. Raises ``period_days_invalid`` for negative ``days``.
	"""
	if isinstance(days, bool) or not isinstance(days, int) or days < 0:
		raise UnitInputError("period_days_invalid", days=days)
	rows = []
	for row in sorted(_stock(batches), key=_fefo_key):
		if row.expiry is None or row.qty <= 0:
			continue
		days_left = (row.expiry - as_of).days
		if days_left > days or (days_left < 0 and not include_expired):
			continue
		rows.append(NearExpiry(row.batch, row.expiry, row.qty, days_left, days_left < 0))
	return rows
