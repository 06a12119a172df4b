# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Pharmacy (apotek) units on ERPNext batches: no expired medicine is sold, and the batches of a unit.

Medicines are Items with ``has_batch_no`` and ``has_expiry_date``; each Batch carries its expiry date.
First-expiry-first-out is ERPNext's own: a pharmacy unit's set-up (unit_usaha.setup.set_up_operation)
sets Stock Settings ``pick_serial_and_batch_based_on`` to "Expiry", so a sale line that names no batch is
given the earliest-expiring batches in stock, never an expired one. A line that names a batch (the batch
field or a Serial and Batch Bundle picked in the desk) is checked here: an expired batch is refused
(:func:`refuse_expired_batches`).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from koperasi_merah_putih.calculators.pharmacy import is_expired
from koperasi_merah_putih.exceptions import ExpiredBatchError


def refuse_expired_batches(doc, method=None) -> None:
	"""``before_validate`` of Sales Invoice (when it updates stock), POS Invoice and Delivery Note."""
	if doc.get("is_return") or doc.get("is_consolidated"):
		return  # a POS closing merges invoices whose batches were checked when they were sold
	if doc.doctype == "Sales Invoice" and not doc.get("update_stock"):
		return
	rows = [d for d in doc.get("items") if d.get("batch_no") or d.get("serial_and_batch_bundle")]
	if not rows:
		return
	batches = chosen_batches(rows)
	names = sorted(set().union(*batches.values()))
	if not names:
		return
	expiry = dict(
		frappe.get_all("Batch", filters={"name": ["in", names]}, fields=["name", "expiry_date"], as_list=True)
	)
	posting_date = getdate(doc.posting_date)
	for d in rows:
		for batch in sorted(batches[d.name]):
			expires = getdate(expiry[batch]) if expiry.get(batch) else None
			if is_expired(expires, posting_date):
				frappe.throw(
					_(
						"Row {0}: batch {1} of {2} expired on {3}. Choose a batch that has not expired, or "
						"leave the batch empty so the earliest-expiring batch in stock is picked."
					).format(d.idx, batch, d.item_code, frappe.format(expires, "Date")),
					ExpiredBatchError,
					title=_("Expired batch"),
				)


def chosen_batches(rows) -> dict[str, set[str]]:
	"""Row name -> the batches it names, in its batch field and in its Serial and Batch Bundle."""
	bundles = [d.serial_and_batch_bundle for d in rows if d.get("serial_and_batch_bundle")]
	in_bundle: dict[str, set[str]] = {}
	if bundles:
		for parent, batch in frappe.get_all(
			"Serial and Batch Entry",
			filters={"parent": ["in", bundles], "batch_no": ["is", "set"]},
			fields=["parent", "batch_no"],
			as_list=True,
		):
			in_bundle.setdefault(parent, set()).add(batch)
	return {
		d.name: ({d.batch_no} if d.get("batch_no") else set())
		| in_bundle.get(d.get("serial_and_batch_bundle"), set())
		for d in rows
	}


def batch_stock(warehouse: str, as_of) -> list[dict]:
	"""The batches held in a warehouse on a date, from the stock ledger: batch, item, expiry and qty
	(expired batches included; batches with nothing left as well, the caller filters)."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	batch = frappe.qb.DocType("Batch")
	return (
		frappe.qb.from_(sle)
		.inner_join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.inner_join(batch)
		.on(batch.name == entry.batch_no)
		.select(
			entry.batch_no.as_("batch"),
			batch.item.as_("item_code"),
			batch.expiry_date.as_("expiry"),
			Sum(entry.qty).as_("qty"),
		)
		.where(sle.warehouse == warehouse)
		.where(sle.is_cancelled == 0)
		.where(sle.posting_date <= getdate(as_of))
		.groupby(entry.batch_no, batch.item, batch.expiry_date)
		.orderby(batch.expiry_date)
		.run(as_dict=True)
	)
