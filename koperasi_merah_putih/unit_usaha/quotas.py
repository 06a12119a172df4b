# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Subsidised goods (LPG 3 kg, beras SPHP, pupuk bersubsidi) on ERPNext's POS Invoice and Sales Invoice.

An item is subsidised when it has a Subsidised Item Quota (see that doctype for why a doctype and not
fields on Item). The hooks (hooks.py doc_events of "POS Invoice" and "Sales Invoice"):

* ``validate``: names the holder on the invoice and, while it is a draft, tells the cashier at once when a
  line is over quota (no lock: only the early message);
* ``before_submit``: locks the usage row of each (item, holder, period), checks again under the lock and
  adds the quantity -- the check that counts;
* ``on_cancel``: gives the quantity back.

Who holds a quota (decided here):

* "Per KK": the household's Nomor KK. A member's comes from their Cooperative Member record (the server
  writes it on the invoice); a walk-in (a Customer that is no member's) buys only by typing the Nomor KK of
  their Kartu Keluarga in "Nomor KK (Barang Bersubsidi)" -- the programme distributes to households, members
  or not. Members and walk-ins of one household share its quota.
* "Per Anggota": the member (NIK). Walk-ins cannot buy such an item.

What was used: the net quantity in the stock UOM (each line's ``qty * conversion_factor``,
calculators.quotas.to_stock_qty) of submitted sales to the holder -- POS Invoices (consolidated or not) and
Sales Invoices that are not the POS closing's consolidated ones (their POS Invoices already count) --
minus returns, a return counting in the period of the sale it returns. It is kept in one Subsidised Quota
Usage row per (item, holder, period), named by calculators.quotas.quota_lock_key (a hash: no KK or NIK in
it), first filled from the invoices when the row is made.

Why a row and not MariaDB GET_LOCK or a locking read of the invoices: a GET_LOCK survives a rollback
(released only by hand or with the connection), and under REPEATABLE READ the second till, once the lock
is granted, would still read the invoices in the snapshot it took before waiting -- without the first
till's sale. A ``SELECT ... FOR UPDATE`` of the usage row reads its latest committed value and holds it
until commit or rollback; the row is made with ``INSERT ... ON DUPLICATE KEY UPDATE``, so two tills making
it at once also serialise (on the primary key, without gap locks on the invoice tables).
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import getdate, now

from koperasi_merah_putih.calculators.quotas import (
	QuotaHolder,
	check_quota,
	quota_holder,
	quota_lock_key,
	quota_period,
	to_stock_qty,
)
from koperasi_merah_putih.calculators.units import UnitInputError
from koperasi_merah_putih.exceptions import OverQuotaError, QuotaHolderError

QUOTA_DOCTYPE = "Subsidised Item Quota"
USAGE_DOCTYPE = "Subsidised Quota Usage"
INVOICE_DOCTYPES = ("POS Invoice", "Sales Invoice")
KK_FIELD = "kmp_no_kk"
BASES = {"Per KK": "household", "Per Anggota": "member"}

CUSTOM_FIELDS = {
	doctype: [
		{
			"fieldname": KK_FIELD,
			"label": "Nomor KK (Barang Bersubsidi)",
			"fieldtype": "Data",
			"insert_after": "customer",
			"length": 20,
			"search_index": 1,
			"print_hide": 1,
			"description": "For subsidised goods bought by a walk-in: the 16-digit number of their Kartu "
			"Keluarga. A member's is filled from the member record.",
		},
	]
	for doctype in INVOICE_DOCTYPES
}


class Entry(NamedTuple):
	"""One subsidised item of an invoice: its quota, holder, period and net stock quantity."""

	item: str
	quota: frappe._dict
	holder: QuotaHolder
	customer: str
	start: date
	end: date
	qty: Decimal

	@property
	def key(self) -> str:
		return quota_lock_key(self.item, self.holder, self.start)


# ---------------------------------------------------------------------------------------------------------
# Hooks


def validate(doc, method=None) -> None:
	"""Name the holder; on a draft, refuse at once what is already over quota (checked again on submit)."""
	entries = quota_entries(doc)
	if not entries or doc.docstatus != 0 or doc.is_return:
		return
	for entry in entries:
		check(entry, usage_now(entry))


def before_submit(doc, method=None) -> None:
	"""Under the usage rows' locks: refuse over quota, else count the sale (or give back a return)."""
	for entry in sorted(quota_entries(doc), key=lambda e: e.key):
		used, _made = lock_usage(entry)
		if entry.qty > 0:
			check(entry, used)
		add_usage(entry, entry.qty)


def on_cancel(doc, method=None) -> None:
	"""Give back what the invoice counted (a cancelled return counts its quantity again)."""
	for entry in sorted(quota_entries(doc, enabled_only=False), key=lambda e: e.key):
		_used, created = lock_usage(entry)
		if not created:  # a row made now was filled from the invoices, without this cancelled one
			add_usage(entry, -entry.qty)


# ---------------------------------------------------------------------------------------------------------
# The invoice's subsidised items


def quota_entries(doc, enabled_only: bool = True) -> list[Entry]:
	"""The subsidised items of the invoice with their holder and period; sets the invoice's Nomor KK. A
	cancellation also gives back what it counted of an item whose quota was disabled since."""
	if doc.doctype == "Sales Invoice" and doc.get("is_consolidated"):
		return []  # made by the POS closing from POS Invoices, which count themselves
	quotas = quotas_of({row.item_code for row in doc.items if row.item_code}, enabled_only)
	if not quotas:
		return []
	totals = stock_qty_by_item(doc, quotas)
	on_date = getdate(doc.posting_date)
	if doc.is_return and doc.return_against:
		original = frappe.db.get_value(
			doc.doctype, doc.return_against, ["posting_date", KK_FIELD], as_dict=True
		)
		if original:
			on_date = getdate(original.posting_date)  # a return restores the quota of the sale's period
			doc.set(KK_FIELD, original.get(KK_FIELD))
	member = member_of(doc.customer)
	if member:
		doc.set(KK_FIELD, member.no_kk)
	entries = []
	for item, qty in totals.items():
		quota = quotas[item]
		holder = holder_of(doc, quota, member)
		if holder is None:
			continue
		if holder.basis == "household":
			doc.set(KK_FIELD, holder.number)
		start, end = period_of(quota, on_date)
		entries.append(Entry(item, quota, holder, doc.customer, start, end, qty))
	return entries


def quotas_of(item_codes: set[str], enabled_only: bool = True) -> dict[str, frappe._dict]:
	if not item_codes:
		return {}
	filters = {"item": ["in", sorted(item_codes)]}
	if enabled_only:
		filters["enabled"] = 1
	return quota_rows(filters)


def quota_rows(filters: dict) -> dict[str, frappe._dict]:
	"""The Subsidised Item Quotas matching ``filters``, by item."""
	fields = ["item", "item_name", "stock_uom", "quota_basis", "quota_qty", "period_type", "period_days"]
	try:
		rows = frappe.get_all(QUOTA_DOCTYPE, filters=filters, fields=[*fields, "period_anchor"])
	except Exception as e:
		if frappe.db.is_table_missing(e):  # a site not migrated since the app got quotas sells as before
			return {}
		raise
	return {row.item: row for row in rows}


def stock_qty_by_item(doc, quotas: dict) -> dict[str, Decimal]:
	"""Net quantity of each subsidised item in its stock UOM (a return's lines are negative)."""
	totals: dict[str, Decimal] = {}
	for row in doc.items:
		if row.item_code not in quotas or not row.qty:
			continue
		try:
			stock_qty = to_stock_qty(abs(row.qty), row.conversion_factor or 1)
		except UnitInputError:
			frappe.throw(
				_("Row {0}: the UOM Conversion Factor of {1} must be above zero.").format(
					row.idx, row.item_code
				),
				QuotaHolderError,
				title=_("Subsidised goods"),
			)
		totals[row.item_code] = totals.get(row.item_code, Decimal(0)) + (
			stock_qty if row.qty > 0 else -stock_qty
		)
	return {item: qty for item, qty in totals.items() if qty}


def member_of(customer: str | None) -> frappe._dict | None:
	member = customer and frappe.db.get_value("Customer", customer, "kmp_member")
	if not member:
		return None
	return frappe.db.get_value(
		"Cooperative Member", member, ["name", "nik", "no_kk", "full_name"], as_dict=True
	)


def holder_of(doc, quota: frappe._dict, member: frappe._dict | None) -> QuotaHolder | None:
	"""Whose quota the sale counts against. A sale without a valid holder is refused; a return or a
	cancellation without one (e.g. a credit note against a POS closing's consolidated invoice, which names
	no household) is not: it gives no quota back (``None``)."""
	basis = BASES.get(quota.quota_basis, "household")
	item = quota.item_name or quota.item
	lenient = bool(doc.get("is_return")) or doc.docstatus == 2
	if basis == "member" and not member:
		if lenient:
			return None
		frappe.throw(
			_("{0} is sold only to members (quota per member): choose the member as Customer.").format(item),
			QuotaHolderError,
			title=_("Subsidised goods"),
		)
	try:
		if basis == "member":
			return quota_holder("member", nik=member.nik)
		return quota_holder("household", no_kk=doc.get(KK_FIELD))
	except UnitInputError as e:
		if lenient:
			return None
		if member and e.code == "no_kk_missing":
			message = _("Member {0} has no Nomor KK: fill it on the member record to sell {1}.").format(
				member.name, item
			)
		elif e.code == "no_kk_missing":
			message = _(
				"{0} is subsidised (quota per household): enter the buyer's Nomor KK in Nomor KK (Barang "
				"Bersubsidi)."
			).format(item)
		elif e.code == "invalid_no_kk":
			message = _("Nomor KK (Barang Bersubsidi) is not a valid 16-digit Kartu Keluarga number.")
		else:
			message = _("The member's NIK is not valid: correct it on the member record to sell {0}.").format(
				item
			)
		frappe.throw(message, QuotaHolderError, title=_("Subsidised goods"))


def period_of(quota: frappe._dict, on_date: date) -> tuple[date, date]:
	anchor = getdate(quota.period_anchor) if quota.period_anchor else None
	return quota_period(on_date, quota.period_type, anchor, quota.period_days or None)


# ---------------------------------------------------------------------------------------------------------
# Usage rows


def check(entry: Entry, used: Decimal) -> None:
	problem = check_quota(entry.qty, entry.quota.quota_qty, max(used, Decimal(0)))
	if not problem:
		return
	params = {key: fmt_qty(value) for key, value in problem.params.items()}
	item = entry.quota.item_name or entry.item
	uom = entry.quota.stock_uom or ""
	holder = _("household") if entry.holder.basis == "household" else _("member")
	start, end = frappe.format_value(entry.start, "Date"), frappe.format_value(entry.end, "Date")
	if problem.params["remaining"]:
		message = _(
			"{0}: {1} {2} asked, but only {3} {2} of the quota of {4} {2} remain for this {5} from {6} to {7} "
			"({8} {2} already bought). Sell at most {3} {2}."
		).format(
			item,
			params["requested"],
			uom,
			params["remaining"],
			params["quota"],
			holder,
			start,
			end,
			params["used"],
		)
	else:
		message = _(
			"{0}: the quota of {1} {2} for this {3} from {4} to {5} is used up ({6} {2} already bought). "
			"Nothing more can be sold to it in this period."
		).format(item, params["quota"], uom, holder, start, end, params["used"])
	frappe.throw(message, OverQuotaError, title=_("Over the subsidy quota"))


def fmt_qty(value) -> str:
	text = format(Decimal(value), "f")
	return text.rstrip("0").rstrip(".") if "." in text else text


def usage_now(entry: Entry) -> Decimal:
	"""What was used, without a lock (for the draft's early message)."""
	used = frappe.db.get_value(USAGE_DOCTYPE, entry.key, "used_qty")
	return Decimal(str(used)) if used is not None else used_from_invoices(entry)


def lock_usage(entry: Entry) -> tuple[Decimal, bool]:
	"""Lock the entry's usage row (made, filled from the invoices, when missing): (used, made now)."""
	row = _locked_row(entry.key)
	if row is not None:
		return row, False
	stamp = now()
	frappe.db.sql(
		"""insert into `tabSubsidised Quota Usage`
			(name, creation, modified, owner, modified_by, docstatus, idx,
			item, quota_basis, period_start, period_end, used_qty)
		values (%s, %s, %s, %s, %s, 0, 0, %s, %s, %s, %s, %s)
		on duplicate key update name = name""",
		(
			entry.key,
			stamp,
			stamp,
			frappe.session.user,
			frappe.session.user,
			entry.item,
			entry.holder.basis,
			entry.start,
			entry.end,
			used_from_invoices(entry),
		),
	)
	made = frappe.db.sql("select row_count()")[0][0] == 1
	return _locked_row(entry.key), made


def _locked_row(key: str) -> Decimal | None:
	# a locking read: the latest committed value, not this transaction's snapshot
	rows = frappe.db.sql("select used_qty from `tabSubsidised Quota Usage` where name = %s for update", key)
	return Decimal(str(rows[0][0])) if rows else None


def add_usage(entry: Entry, qty: Decimal) -> None:
	frappe.db.sql(
		"update `tabSubsidised Quota Usage` set used_qty = used_qty + %s, modified = %s where name = %s",
		(qty, now(), entry.key),
	)


def used_from_invoices(entry: Entry) -> Decimal:
	"""Net stock quantity of the item sold to the holder in the entry's period, from submitted invoices."""
	total = Decimal(0)
	for doctype in INVOICE_DOCTYPES:
		query, inv, line, sale_date = counted_lines(doctype)
		if entry.holder.basis == "household":
			query = query.where(inv[KK_FIELD] == entry.holder.number)
		else:
			query = query.where(inv.customer == entry.customer)
		query = (
			query.select(Coalesce(Sum(line.stock_qty), 0))
			.where(line.item_code == entry.item)
			.where(sale_date[entry.start : entry.end])
		)
		total += Decimal(str(query.run()[0][0] or 0))
	return total


def counted_lines(doctype: str):
	"""A query over the lines of one invoice doctype that count for quotas (submitted; not the POS closing's
	consolidated Sales Invoices), and the invoice and line tables and the date whose period a line counts in
	(a return's: the date of the sale it returns). Returns ``(query, invoice, line, sale_date)``."""
	inv = frappe.qb.DocType(doctype)
	line = frappe.qb.DocType(f"{doctype} Item")
	original = frappe.qb.DocType(doctype).as_("original")
	sale_date = Coalesce(original.posting_date, inv.posting_date)
	query = (
		frappe.qb.from_(line)
		.join(inv)
		.on(inv.name == line.parent)
		.left_join(original)
		.on((original.name == inv.return_against) & (inv.is_return == 1))
		.where(inv.docstatus == 1)
	)
	if doctype == "Sales Invoice":
		query = query.where(inv.is_consolidated == 0)
	return query, inv, line, sale_date
