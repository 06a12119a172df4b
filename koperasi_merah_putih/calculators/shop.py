"""Sembako shop: member vs public price, member credit limit, member vs non-member income, net purchases.

* Pricing: a member pays the member price (never more than the public price), anyone else the public
  price; a member price for a non-member is refused (:func:`select_price`, :func:`check_price_kind`).
* Credit: a member may buy on credit while the outstanding plus the sale stays within the limit
  (:func:`check_credit_limit`).
* SAK EP (Permenkop UKM 2/2024) reports member and non-member income separately:
  :func:`split_member_income` / :func:`split_member_income_by_unit` give turnover, cost of goods sold and
  gross profit of each side.
* SHU jasa usaha is shared in proportion to each member's transactions: :func:`member_net_purchases` sums
  invoices minus returns per member and unit in one pass (a dict accumulation, linear in the rows).

Shared conventions and :class:`~koperasi_merah_putih.calculators.units.UnitInputError`: see
:mod:`koperasi_merah_putih.calculators.units`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from koperasi_merah_putih.calculators.money import Number, round_rupiah
from koperasi_merah_putih.calculators.units import (
	UnitInputError,
	UnitProblem,
	as_amount,
	get_field,
	ledger_amount,
	percent,
)

__all__ = [
	"PRICE_KINDS",
	"IncomeSplit",
	"IncomeTotals",
	"Price",
	"check_credit_limit",
	"check_price_kind",
	"credit_available",
	"default_price_kind",
	"member_net_purchases",
	"member_purchase_totals",
	"select_price",
	"split_member_income",
	"split_member_income_by_unit",
]

PRICE_KINDS = ("member", "public")
"""The two price lists of a selling unit: harga anggota and harga umum."""


# ---------------------------------------------------------------------------------------------------------
# Pricing


class Price(NamedTuple):
	"""The price a customer pays: ``kind`` (the price list actually used) and ``rate`` (whole rupiah)."""

	kind: str
	rate: int


def default_price_kind(customer_is_member: bool) -> str:
	"""``"member"`` for a member's customer, ``"public"`` for everyone else (walk-in customers)."""
	return "member" if customer_is_member else "public"


def check_price_kind(customer_is_member: bool, price_kind: str) -> UnitProblem | None:
	"""``member_price_for_non_member`` when the member price list is used for a non-member, else ``None``.

	For a Sales Invoice / POS Invoice: map its ``selling_price_list`` to a kind and check it. Raises
	``unknown_price_kind`` (``{"price_kind", "expected"}``).
	"""
	if price_kind not in PRICE_KINDS:
		raise UnitInputError("unknown_price_kind", price_kind=price_kind, expected=PRICE_KINDS)
	if price_kind == "member" and not customer_is_member:
		return UnitProblem("member_price_for_non_member", {})
	return None


def select_price(
	customer_is_member: bool,
	public_price: Number | None,
	member_price: Number | None = None,
	price_kind: str | None = None,
) -> Price:
	"""The unit price for a customer.

	``price_kind`` defaults to :func:`default_price_kind`. Under ``member``: the member price, but never
	more than the public price (``min`` of the two); the public price when the item has no member price
	(``None``). Under ``public``: the public price. Prices are whole rupiah (``>= 0``); ``None`` means the
	item has no price in that list. The returned ``kind`` is the list whose price was taken.

	Raises :class:`UnitInputError` ``member_price_for_non_member`` (:func:`check_price_kind`),
	``unknown_price_kind``, ``price_missing`` (``{"price_kind"}``: no price for this customer) and
	``negative_amount`` / ``not_whole_rupiah``.
	"""
	kind = price_kind or default_price_kind(customer_is_member)
	problem = check_price_kind(customer_is_member, kind)
	if problem:
		raise UnitInputError(problem.code, **problem.params)
	public = None if public_price is None else as_amount(public_price, "public_price")
	member = None if member_price is None else as_amount(member_price, "member_price")
	if kind == "member" and member is not None:
		if public is not None and public < member:
			return Price("public", public)
		return Price("member", member)
	if public is None:
		raise UnitInputError("price_missing", price_kind=kind)
	return Price("public", public)


# ---------------------------------------------------------------------------------------------------------
# Member credit


def credit_available(outstanding: Number, limit: Number) -> int:
	"""How much more a member may buy on credit: ``max(limit - outstanding, 0)``.

	``limit`` is whole rupiah ``>= 0`` (0 = no credit). ``outstanding`` is the member's unpaid credit
	sales; it may be negative (an advance), which raises what is available. Whole rupiah, no rounding.
	"""
	limit = as_amount(limit, "limit")
	outstanding = as_amount(outstanding, "outstanding", signed=True)
	return max(limit - outstanding, 0)


def check_credit_limit(outstanding: Number, new_amount: Number, limit: Number) -> UnitProblem | None:
	"""``None`` when a credit sale of ``new_amount`` keeps the member within ``limit``.

	Otherwise ``credit_limit_exceeded`` with ``{"outstanding", "amount", "limit", "available"}``
	(:func:`credit_available`; ``available`` is 0 when the limit is used up or is 0). The sale may bring
	the outstanding exactly to the limit. Raises ``amount_not_positive`` (``new_amount``),
	``negative_amount`` (``limit``) and ``not_whole_rupiah``.
	"""
	amount = as_amount(new_amount, "new_amount", positive=True)
	available = credit_available(outstanding, limit)
	if amount > available:
		return UnitProblem(
			"credit_limit_exceeded",
			{
				"outstanding": as_amount(outstanding, "outstanding", signed=True),
				"amount": amount,
				"limit": as_amount(limit, "limit"),
				"available": available,
			},
		)
	return None


# ---------------------------------------------------------------------------------------------------------
# Member vs non-member income (SAK EP)


@dataclass(frozen=True)
class IncomeTotals:
	"""Turnover, cost of goods sold and gross profit of one side (whole rupiah); ``gross_margin`` is
	percent of turnover (2 places half-up, ``None`` when turnover is 0)."""

	turnover: int
	cogs: int
	gross_profit: int
	gross_margin: Decimal | None

	@classmethod
	def of(cls, turnover: int, cogs: int) -> IncomeTotals:
		return cls(turnover, cogs, turnover - cogs, percent(turnover - cogs, turnover))

	def as_dict(self) -> dict:
		return asdict(self)


@dataclass(frozen=True)
class IncomeSplit:
	"""Member and non-member income of a unit (or all units) for a period, and their ``total``.

	``total`` is the sum of the two sides' rounded figures; ``member_share`` is the member turnover in
	percent of the total turnover (2 places half-up, ``None`` when there is none).
	"""

	member: IncomeTotals
	non_member: IncomeTotals
	total: IncomeTotals
	member_share: Decimal | None

	def as_dict(self) -> dict:
		return asdict(self)


def _income_split(sums: list) -> IncomeSplit:
	member = IncomeTotals.of(round_rupiah(sums[0]), round_rupiah(sums[1]))
	non_member = IncomeTotals.of(round_rupiah(sums[2]), round_rupiah(sums[3]))
	total = IncomeTotals.of(member.turnover + non_member.turnover, member.cogs + non_member.cogs)
	return IncomeSplit(member, non_member, total, percent(member.turnover, total.turnover))


def _add_line(sums: list, line: Any) -> None:
	offset = 0 if get_field(line, "customer_is_member") else 2
	sums[offset] += ledger_amount(get_field(line, "net_amount"), "net_amount")
	sums[offset + 1] += ledger_amount(get_field(line, "cost"), "cost")


def split_member_income(lines: Iterable[Any]) -> IncomeSplit:
	"""Member vs non-member turnover, COGS and gross profit of sales lines.

	Each line has ``customer_is_member`` (truthy for a member's customer), ``net_amount`` (the line's net
	amount in company currency, before taxes; negative on a return) and ``cost`` (its cost of goods sold,
	e.g. from the stock ledger; negative on a return; 0 or missing for a service). Rounding: each side's
	turnover and COGS are summed exactly and rounded half-up once; gross profit is turnover minus COGS of
	the rounded integers. Raises ``invalid_amount`` for a non-number.
	"""
	sums: list = [0, 0, 0, 0]
	for line in lines:
		_add_line(sums, line)
	return _income_split(sums)


def split_member_income_by_unit(lines: Iterable[Any]) -> dict[str | None, IncomeSplit]:
	""":func:`split_member_income` per business unit (the lines' ``unit``; first-seen order; a line without
	a unit is collected under ``None``, which a controller should treat as an error to fix)."""
	by_unit: dict[str | None, list] = {}
	for line in lines:
		_add_line(by_unit.setdefault(get_field(line, "unit") or None, [0, 0, 0, 0]), line)
	return {unit: _income_split(sums) for unit, sums in by_unit.items()}


# ---------------------------------------------------------------------------------------------------------
# Members' net purchases (base of SHU jasa usaha)


def member_net_purchases(invoices: Iterable[Any], returns: Iterable[Any] = ()) -> dict[str, dict[str, int]]:
	"""Each member's net purchases per unit: ``{member: {unit: invoices - returns}}``, whole rupiah.

	Rows are tuples ``(member, unit, amount)`` -- what ``frappe.qb ... .run()`` returns -- or rows with
	``member``, ``unit`` and ``amount``. ``invoices`` amounts are added as they are, so ERPNext return
	invoices (negative totals) may simply be included there; rows in ``returns`` are subtracted by their
	absolute value, whatever their sign. Aggregate in SQL per member and unit first when you can: the
	function is linear either way (one dict accumulation; 100,000 rows take well under a second).

	Rounding: each member's amount per unit is summed exactly and rounded half-up once. A member whose
	returns exceed the period's invoices (a return of an earlier period's sale) gets a negative amount;
	the SHU share decides whether to count it as 0. Members and units keep first-seen order.

	Raises :class:`UnitInputError` ``member_missing`` / ``unit_missing`` (``{"row"}``, the 0-based
	position in its list, and ``{"side"}``: ``invoices`` or ``returns``) and ``invalid_amount``.
	"""
	sums: dict[str, dict[str, Decimal | int]] = {}
	for side, rows, sign in (("invoices", invoices, 1), ("returns", returns, -1)):
		for index, row in enumerate(rows):
			if isinstance(row, tuple):
				member, unit, amount = row
			else:
				member, unit, amount = (
					get_field(row, "member"),
					get_field(row, "unit"),
					get_field(row, "amount"),
				)
			if not member:
				raise UnitInputError("member_missing", side=side, row=index)
			if not unit:
				raise UnitInputError("unit_missing", side=side, row=index)
			value = ledger_amount(amount, "amount")
			if sign < 0:
				value = -abs(value)
			units = sums.get(member)
			if units is None:
				units = sums[member] = {}
			units[unit] = units.get(unit, 0) + value
	return {
		member: {unit: value if type(value) is int else round_rupiah(value) for unit, value in units.items()}
		for member, units in sums.items()
	}


def member_purchase_totals(net_purchases: dict[str, dict[str, int]]) -> dict[str, int]:
	"""Each member's total over all units, from :func:`member_net_purchases` (no rounding: integers)."""
	return {member: sum(units.values()) for member, units in net_purchases.items()}
