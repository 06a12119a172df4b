# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Near-Expiry Medicines: the batches in a pharmacy unit's warehouse that expire within N days of a date
(and, if asked, those already expired), soonest first, with the quantity still in stock.

Quantities come from ERPNext's stock ledger (Serial and Batch Entry), the selection from
calculators.pharmacy.near_expiry.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from koperasi_merah_putih.calculators.pharmacy import near_expiry
from koperasi_merah_putih.calculators.units import UnitInputError
from koperasi_merah_putih.exceptions import UnitQuantityError
from koperasi_merah_putih.unit_usaha.pharmacy import batch_stock

DEFAULT_DAYS = 90


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	warehouse = validate_filters(filters)
	return get_columns(), get_data(warehouse, filters)


def validate_filters(filters) -> str:
	if not filters.business_unit:
		frappe.throw(_("Choose the Business Unit."), frappe.MandatoryError, title=_("Business Unit"))
	frappe.has_permission("Business Unit", "read", filters.business_unit, throw=True)
	warehouse = frappe.db.get_value("Business Unit", filters.business_unit, "warehouse")
	if not warehouse:
		frappe.throw(
			_("Business unit {0} has no warehouse yet. Set the unit up first.").format(filters.business_unit),
			frappe.ValidationError,
			title=_("Business Unit"),
		)
	filters.as_of_date = getdate(filters.as_of_date or today())
	filters.days = DEFAULT_DAYS if filters.days in (None, "") else cint(filters.days)
	filters.include_expired = cint(filters.get("include_expired", 1))
	return warehouse


def get_data(warehouse: str, filters) -> list[dict]:
	stock = {row.batch: row for row in batch_stock(warehouse, filters.as_of_date)}
	try:
		rows = near_expiry(
			stock.values(), filters.as_of_date, filters.days, include_expired=bool(filters.include_expired)
		)
	except UnitInputError:
		frappe.throw(
			_("Expiring within (days) must be 0 or more."),
			UnitQuantityError,
			title=_("Near-Expiry Medicines"),
		)
	items = {
		d.name: d
		for d in frappe.get_all(
			"Item",
			filters={"name": ["in", [stock[r.batch].item_code for r in rows] or [""]]},
			fields=["name", "item_name", "stock_uom"],
		)
	}
	data = []
	for row in rows:
		item = items.get(stock[row.batch].item_code) or frappe._dict()
		data.append(
			{
				"item_code": stock[row.batch].item_code,
				"item_name": item.get("item_name"),
				"batch": row.batch,
				"expiry_date": row.expiry,
				"qty": float(row.qty),
				"stock_uom": item.get("stock_uom"),
				"days_left": row.days_left,
				"expired": int(row.expired),
				"status": _("Expired") if row.expired else _("Expiring soon"),
			}
		)
	return data


def get_columns() -> list[dict]:
	return [
		{"label": _("Item"), "fieldname": "item_code", "fieldtype": "Link", "options": "Item", "width": 140},
		{"label": _("Item Name"), "fieldname": "item_name", "fieldtype": "Data", "width": 180},
		# Data, not Link: a cashier reads the report without a right on ERPNext's Batch (an Item Manager's)
		{"label": _("Batch"), "fieldname": "batch", "fieldtype": "Data", "width": 140},
		{"label": _("Expiry Date"), "fieldname": "expiry_date", "fieldtype": "Date", "width": 100},
		{"label": _("Qty in Stock"), "fieldname": "qty", "fieldtype": "Float", "width": 100},
		{"label": _("UOM"), "fieldname": "stock_uom", "fieldtype": "Data", "width": 70},
		{"label": _("Days Left"), "fieldname": "days_left", "fieldtype": "Int", "width": 90},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 130},
	]
