# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Subsidised Goods Distribution: what each household (Nomor KK) received of each subsidised item in each
quota period, net of returns, and what remains of its quota.

Read from the submitted POS and Sales Invoices the way the quota counts them (unit_usaha/quotas.py): the
POS closing's consolidated Sales Invoices are left out, their POS Invoices count; a return counts in the
period of the sale it returns. Items with a quota per member are shown per member (with their household).
The quota and remaining columns use the item's current quota.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, getdate, today

from koperasi_merah_putih.calculators.quotas import distribution_by_holder, quota_remaining
from koperasi_merah_putih.unit_usaha.quotas import (
	INVOICE_DOCTYPES,
	KK_FIELD,
	counted_lines,
	period_of,
	quota_rows,
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	filters.from_date = getdate(filters.from_date or get_first_day(today()))
	filters.to_date = getdate(filters.to_date or get_last_day(today()))
	if filters.from_date > filters.to_date:
		frappe.throw(_("From Date must be on or before To Date."), frappe.ValidationError, title=_("Period"))
	quotas = quota_rows({"item": filters.item} if filters.item else {})
	return get_columns(), get_data(filters, quotas)


def get_columns() -> list[dict]:
	return [
		{"label": _("Nomor KK"), "fieldname": "no_kk", "fieldtype": "Data", "width": 160},
		{
			"label": _("Member"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 130,
		},
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{"label": _("Item"), "fieldname": "item", "fieldtype": "Link", "options": "Item", "width": 130},
		{"label": _("Item Name"), "fieldname": "item_name", "fieldtype": "Data", "width": 150},
		{"label": _("Period Start"), "fieldname": "period_start", "fieldtype": "Date", "width": 100},
		{"label": _("Period End"), "fieldname": "period_end", "fieldtype": "Date", "width": 100},
		{"label": _("Bought"), "fieldname": "sold", "fieldtype": "Float", "width": 90},
		{"label": _("Returned"), "fieldname": "returned", "fieldtype": "Float", "width": 90},
		{"label": _("Net Qty"), "fieldname": "net", "fieldtype": "Float", "width": 90},
		{"label": _("Quota"), "fieldname": "quota", "fieldtype": "Float", "width": 90},
		{"label": _("Remaining Quota"), "fieldname": "remaining", "fieldtype": "Float", "width": 120},
		{"label": _("Stock UOM"), "fieldname": "stock_uom", "fieldtype": "Data", "width": 80},
		{"label": _("Invoice Lines"), "fieldname": "lines", "fieldtype": "Int", "width": 90},
	]


def get_data(filters, quotas: dict) -> list[dict]:
	if not quotas:
		return []
	lines = invoice_lines(filters, list(quotas))
	members = customers_members({line.customer for line in lines})
	keyed = []
	holders = {}
	for line in lines:
		quota = quotas[line.item_code]
		start, end = period_of(quota, getdate(line.sale_date))
		member = members.get(line.customer)
		if quota.quota_basis == "Per Anggota":
			holder = ("member", line.customer, start)
		else:
			holder = ("household", line.no_kk, start)
		holders.setdefault(holder, {"no_kk": line.no_kk, "customer": None, "member": None, "end": end})
		if quota.quota_basis == "Per Anggota" or member:
			holders[holder].update(customer=line.customer, member=member)
		keyed.append((holder, line.item_code, line.stock_qty))
	data = []
	for holder, items in distribution_by_holder(keyed).items():
		info = holders[holder]
		for item, usage in items.items():
			quota = quotas[item]
			data.append(
				{
					"no_kk": info["no_kk"],
					"member": info["member"],
					"customer": info["customer"],
					"item": item,
					"item_name": quota.item_name,
					"period_start": holder[2],
					"period_end": info["end"],
					"sold": usage.sold,
					"returned": usage.returned,
					"net": usage.net,
					"quota": quota.quota_qty,
					"remaining": quota_remaining(quota.quota_qty, usage.sold, usage.returned),
					"stock_uom": quota.stock_uom,
					"lines": usage.lines,
				}
			)
	data.sort(key=lambda r: (r["no_kk"] or "", r["item"], r["period_start"] or date.min))
	return data


def invoice_lines(filters, items: list[str]) -> list[frappe._dict]:
	"""Each submitted line of a subsidised item with its holder and the date its quota period is taken from."""
	lines = []
	for doctype in INVOICE_DOCTYPES:
		query, inv, line, sale_date = counted_lines(doctype)
		query = (
			query.select(
				inv[KK_FIELD].as_("no_kk"),
				inv.customer,
				line.item_code,
				line.stock_qty,
				sale_date.as_("sale_date"),
			)
			.where(line.item_code.isin(items))
			.where(sale_date[filters.from_date : filters.to_date])
		)
		if filters.company:
			query = query.where(inv.company == filters.company)
		if filters.no_kk:
			query = query.where(inv[KK_FIELD] == filters.no_kk.replace(" ", ""))
		lines += query.run(as_dict=True)
	return lines


def customers_members(customers: set) -> dict[str, str]:
	if not customers:
		return {}
	rows = frappe.get_all(
		"Customer",
		filters={"name": ["in", sorted(customers)], "kmp_member": ["is", "set"]},
		fields=["name", "kmp_member"],
	)
	return {row.name: row.kmp_member for row in rows}
