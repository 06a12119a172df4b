"""Subsidised goods (LPG 3 kg, beras SPHP, pupuk bersubsidi): quotas per household or member per period.

A subsidised item has a quota -- a quantity in the item's *stock* UOM -- per holder and per period. The
holder is the household (Nomor KK) or the member (NIK), see :func:`quota_holder`; the period is a
calendar or anchored month, a week, a year or a run of custom days, see :func:`quota_period`. A sale is
allowed while ``requested <= quota - (sold - returned)`` in the period of the sale, see :func:`check_quota`.

Quantities are exact ``Decimal`` and never rounded; a sale line is first converted to the stock UOM with
:func:`to_stock_qty`. Two tills selling to the same household at once must serialise on
:func:`quota_lock_key` (e.g. a named lock or a locked ledger row) *before* reading what was sold.
Shared conventions and :class:`~koperasi_merah_putih.calculators.units.UnitInputError`: see
:mod:`koperasi_merah_putih.calculators.units`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from koperasi_merah_putih.calculators.loans import add_months_clamped
from koperasi_merah_putih.calculators.money import Number, to_decimal
from koperasi_merah_putih.calculators.nik import check_kk, check_nik, normalize_nik
from koperasi_merah_putih.calculators.units import (
	UnitInputError,
	UnitProblem,
	as_quantity,
	get_field,
)

__all__ = [
	"PERIOD_TYPES",
	"QUOTA_BASES",
	"QuotaHolder",
	"QuotaUsage",
	"check_quota",
	"distribution_by_holder",
	"quota_holder",
	"quota_lock_key",
	"quota_period",
	"quota_remaining",
	"to_stock_qty",
]

PERIOD_TYPES = ("month", "week", "year", "days")
"""Quota period types: see :func:`quota_period`."""
QUOTA_BASES = ("household", "member")
"""Who a quota belongs to: the household (Nomor KK) or the member (NIK)."""
DEFAULT_WEEK_ANCHOR = date(2024, 1, 1)
"""A Monday: without an anchor, weeks run Monday to Sunday (ISO weeks)."""
_ZERO = Decimal(0)


# ---------------------------------------------------------------------------------------------------------
# Quantities


def to_stock_qty(qty: Number | str, conversion_factor: Number | str, *, whole: bool = False) -> Decimal:
	"""``qty`` of a sales/purchase UOM in the stock UOM: ``qty * conversion_factor``, exact ``Decimal``.

	``to_stock_qty(2, 25) == 50`` (2 karung of 25 kg); ``to_stock_qty("0.5", 12) == 6`` (half a dus of 12
	pcs). Nothing is rounded. With ``whole`` (a stock UOM that must be a whole number, e.g. pcs or ekor)
	a fractional result is refused.

	Raises :class:`UnitInputError` ``negative_quantity`` / ``quantity_not_positive`` / ``invalid_quantity``
	(``qty``), ``conversion_factor_not_positive`` (zero, negative or not a number) and
	``fractional_stock_qty`` (``{"qty", "conversion_factor", "stock_qty"}``).
	"""
	quantity = as_quantity(qty, "qty", positive=True)
	try:
		factor = as_quantity(conversion_factor, "conversion_factor", positive=True)
	except UnitInputError:
		raise UnitInputError("conversion_factor_not_positive", value=conversion_factor)
	stock_qty = quantity * factor
	if whole and stock_qty != stock_qty.to_integral_value():
		raise UnitInputError(
			"fractional_stock_qty", qty=quantity, conversion_factor=factor, stock_qty=stock_qty
		)
	return stock_qty


def quota_remaining(
	quota_qty: Number | str, already_sold_qty: Number | str, returned_qty: Number | str = 0
) -> Decimal:
	"""What is left of a holder's quota in a period: ``max(quota - max(sold - returned, 0), 0)``.

	All three in the stock UOM, each ``>= 0`` (``None`` counts as 0). Returns restore quota, but never
	beyond the quota itself (returns greater than the sales, e.g. of a sale from an earlier period, count
	as no use). The result is never negative, even when a holder was sold more than the quota (a quota
	lowered mid-period). Raises ``negative_quantity`` / ``invalid_quantity``.
	"""
	quota = as_quantity(quota_qty, "quota_qty")
	used = _used(already_sold_qty, returned_qty)
	return max(quota - used, _ZERO)


def _used(sold_qty: Any, returned_qty: Any) -> Decimal:
	sold = as_quantity(sold_qty, "sold_qty")
	returned = as_quantity(returned_qty, "returned_qty")
	return max(sold - returned, _ZERO)


def check_quota(
	requested_qty: Number | str,
	quota_qty: Number | str,
	sold_qty: Number | str,
	returned_qty: Number | str = 0,
) -> UnitProblem | None:
	"""``None`` when ``requested_qty`` fits in what remains of the quota, else ``over_quota``.

	Params of ``over_quota``: ``requested``, ``quota``, ``used`` (sold minus returned, at least 0) and
	``remaining`` (:func:`quota_remaining`, ``0`` when the quota is used up), all ``Decimal`` in the stock
	UOM -- enough for "LPG 3 kg: 1 of 3 tabung left this month for this household". A quota of 0 allows
	nothing. ``requested_qty`` must be positive (``quantity_not_positive`` / ``negative_quantity``); pass
	a line in the stock UOM (:func:`to_stock_qty`) and the sum of all the holder's lines of the item when an
	invoice has several.
	"""
	requested = as_quantity(requested_qty, "requested_qty", positive=True)
	quota = as_quantity(quota_qty, "quota_qty")
	used = _used(sold_qty, returned_qty)
	remaining = max(quota - used, _ZERO)
	if requested > remaining:
		return UnitProblem(
			"over_quota", {"requested": requested, "quota": quota, "used": used, "remaining": remaining}
		)
	return None


# ---------------------------------------------------------------------------------------------------------
# Periods


def quota_period(
	on_date: date, period_type: str, anchor: date | None = None, days: int | None = None
) -> tuple[date, date]:
	"""The quota period holding ``on_date``: ``(start, end)``, both inclusive.

	Periods tile time without gaps; the ``anchor`` is the first day of one of them (periods also run
	backwards from it).

	* ``month``: without anchor the calendar month; with an anchor from its day of the month to the day
		before that day in the next month (anchor 15 Jan: 15 Jan-14 Feb, 15 Feb-14 Mar, ...). A day past the
		end of a month is clamped like a loan due date (anchor 31 Jan 2025: 31 Jan-27 Feb, 28 Feb-30 Mar,
		31 Mar-29 Apr, 30 Apr-30 May; see :func:`~koperasi_merah_putih.calculators.loans.add_months_clamped`).
	* ``week``: 7 days starting on the anchor's weekday; without anchor Monday-Sunday.
	* ``year``: from the anchor's day and month (a programme year); without anchor the calendar year.
	* ``days``: runs of ``days`` days (``>= 1``) from the anchor, which is required (e.g. a 10-day LPG cycle).

	``period_type`` is matched case-insensitively (a Select field's "Month" works). Raises
	:class:`UnitInputError` ``unknown_period_type`` (``{"period_type", "expected"}``),
	``period_days_invalid`` and ``anchor_required`` (``days`` without anchor).
	"""
	kind = str(period_type or "").strip().lower()
	if kind == "month":
		return _months_period(on_date, anchor or on_date.replace(day=1), 1)
	if kind == "year":
		return _months_period(on_date, anchor or date(on_date.year, 1, 1), 12)
	if kind == "week":
		return _days_period(on_date, anchor or DEFAULT_WEEK_ANCHOR, 7)
	if kind == "days":
		if isinstance(days, bool) or not isinstance(days, int) or days < 1:
			raise UnitInputError("period_days_invalid", days=days)
		if anchor is None:
			raise UnitInputError("anchor_required", period_type=kind)
		return _days_period(on_date, anchor, days)
	raise UnitInputError("unknown_period_type", period_type=period_type, expected=PERIOD_TYPES)


def _months_period(on_date: date, anchor: date, step: int) -> tuple[date, date]:
	months = (on_date.year - anchor.year) * 12 + on_date.month - anchor.month
	k = months // step
	if add_months_clamped(anchor, k * step) > on_date:
		k -= 1
	start = add_months_clamped(anchor, k * step)
	return start, add_months_clamped(anchor, (k + 1) * step) - timedelta(days=1)


def _days_period(on_date: date, anchor: date, days: int) -> tuple[date, date]:
	start = anchor + timedelta(days=(on_date - anchor).days // days * days)
	return start, start + timedelta(days=days - 1)


# ---------------------------------------------------------------------------------------------------------
# Holders


class QuotaHolder(NamedTuple):
	"""Who a quota belongs to: ``basis`` (``household``/``member``) and the normalised 16-digit number."""

	basis: str
	number: str

	@property
	def key(self) -> str:
		"""``"household:3201...."`` / ``"member:3201...."``: one string, e.g. for a ledger's holder field."""
		return f"{self.basis}:{self.number}"


def quota_holder(basis: str, *, no_kk: str | None = None, nik: str | None = None) -> QuotaHolder:
	"""The holder a sale counts against: the Nomor KK for ``household`` quotas, the NIK for ``member`` ones.

	The number is normalised (spaces, dots and dashes removed) and checked structurally with
	:func:`~koperasi_merah_putih.calculators.nik.check_kk` / ``check_nik``. Raises :class:`UnitInputError`
	``unknown_quota_basis``, ``no_kk_missing`` / ``nik_missing`` (a walk-in without the number cannot buy
	a subsidised item) and ``invalid_no_kk`` / ``invalid_nik`` (``{"problems": [codes]}``; the number
	itself is never put into params -- personal data, UU 27/2022). ``basis`` is matched case-insensitively.
	"""
	basis = str(basis or "").strip().lower()
	if basis == "household":
		number = normalize_nik(no_kk)
		if not number:
			raise UnitInputError("no_kk_missing")
		problems = check_kk(number)
		if problems:
			raise UnitInputError("invalid_no_kk", problems=[problem.code for problem in problems])
		return QuotaHolder(basis, number)
	if basis == "member":
		number = normalize_nik(nik)
		if not number:
			raise UnitInputError("nik_missing")
		problems = check_nik(number)
		if problems:
			raise UnitInputError("invalid_nik", problems=[problem.code for problem in problems])
		return QuotaHolder(basis, number)
	raise UnitInputError("unknown_quota_basis", basis=basis, expected=QUOTA_BASES)


def quota_lock_key(item_code: str, holder: QuotaHolder, period_start: date) -> str:
	"""A short, stable name to serialise sales of one item to one holder in one period.

	``"kmp-quota-" + 40 hex digits`` (50 characters: fits MariaDB ``GET_LOCK``'s 64), a SHA-1 of the item,
	holder key and period start -- so the NIK/KK never appears in a lock name or a log.
	"""
	digest = hashlib.sha1(
		f"{item_code}\x1f{holder.key}\x1f{period_start.isoformat()}".encode(), usedforsecurity=False
	)
	return f"kmp-quota-{digest.hexdigest()}"


# ---------------------------------------------------------------------------------------------------------
# Distribution report


@dataclass
class QuotaUsage:
	"""What one holder received of one item: ``sold`` and ``returned`` (both ``>= 0``), ``lines``."""

	sold: Decimal = _ZERO
	returned: Decimal = _ZERO
	lines: int = 0

	@property
	def net(self) -> Decimal:
		"""Sold minus returned (may be negative when a return belongs to an earlier period's sale)."""
		return self.sold - self.returned


def distribution_by_holder(lines: Iterable[Any]) -> dict[str, dict[str, QuotaUsage]]:
	"""The distribution report: for each holder, for each item, what was sold and returned.

	Each line is a tuple ``(holder, item_code, stock_qty)`` or a row with ``holder``, ``item_code`` and
	``stock_qty``; a negative quantity is a return (as on an ERPNext return invoice). ``holder`` is any
	hashable key, e.g. :attr:`QuotaHolder.key` or a household number. Holders and items keep first-seen
	order. Raises ``invalid_quantity`` for a non-number.
	"""
	report: dict[str, dict[str, QuotaUsage]] = {}
	for line in lines:
		if isinstance(line, tuple):
			holder, item_code, qty = line
		else:
			holder = get_field(line, "holder")
			item_code = get_field(line, "item_code")
			qty = get_field(line, "stock_qty")
		quantity = _signed_quantity(qty)
		usage = report.setdefault(holder, {}).setdefault(item_code, QuotaUsage())
		if quantity < 0:
			usage.returned -= quantity
		else:
			usage.sold += quantity
		usage.lines += 1
	return report


def _signed_quantity(qty: Any) -> Decimal:
	try:
		return to_decimal(qty)
	except (TypeError, ValueError, ArithmeticError):
		raise UnitInputError("invalid_quantity", field="stock_qty", value=qty)
