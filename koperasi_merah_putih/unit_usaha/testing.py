# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Test fixtures for the business units' stock (pharmacy, services, livestock, catfish): set-up units,
items, stock receipts and POS sales. Used by Frappe tests only."""

import frappe
from frappe.utils import flt, nowdate

from koperasi_merah_putih.tests.utils import company
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, ensure_dimension


def set_up_unit(unit_type: str, prefix: str = "Unit"):
	"""A new, set-up Business Unit of the type (a selling one; its POS Profile takes walk-in sales)."""
	ensure_dimension()
	unit = frappe.get_doc(
		{
			"doctype": "Business Unit",
			"unit_name": f"{prefix} {frappe.generate_hash(length=6)}",
			"unit_type": unit_type,
			"company": company(),
			"is_selling": 1,
		}
	).insert()
	unit.set_up_unit()
	unit.reload()
	return unit


def make_item(prefix: str, stock_uom: str = "Nos", **fields) -> str:
	group = frappe.db.get_value("Item Group", {"is_group": 0}, "name", order_by="lft")
	for uom in (stock_uom,):
		if not frappe.db.exists("UOM", uom):
			frappe.get_doc({"doctype": "UOM", "uom_name": uom}).insert()
	item = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": f"{prefix}-{frappe.generate_hash(length=6)}",
			"item_name": prefix,
			"item_group": group,
			"stock_uom": stock_uom,
			"is_stock_item": 1,
			**fields,
		}
	).insert()
	return item.name


def make_batch(item_code: str, expiry) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Batch",
				"batch_id": f"B-{frappe.generate_hash(length=8)}",
				"item": item_code,
				"expiry_date": expiry,
			}
		)
		.insert()
		.name
	)


def with_unit(values: dict, unit) -> dict:
	field = dimension_fieldname()
	if field:
		values[field] = unit.name
	return values


def receive(unit, item_code: str, qty, rate, batch_no=None, serial_nos=None, posting_date=None) -> str:
	"""Stock into the unit's warehouse at a rate (Material Receipt), with a batch or ear tags."""
	row = with_unit(
		{
			"item_code": item_code,
			"qty": qty,
			"basic_rate": rate,
			"t_warehouse": unit.warehouse,
			"cost_center": unit.cost_center,
		},
		unit,
	)
	if batch_no or serial_nos:
		row["use_serial_batch_fields"] = 1
		row["batch_no"] = batch_no
		row["serial_no"] = "\n".join(serial_nos or [])
	entry = frappe.get_doc(
		with_unit(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt",
				"company": unit.company,
				"posting_date": posting_date or nowdate(),
				"set_posting_time": 1,
				"items": [row],
			},
			unit,
		)
	)
	entry.insert()
	entry.submit()
	return entry.name


def pos_sale(unit, rows: list[dict], submit: bool = True, posting_date=None):
	"""A walk-in cash sale at the unit's POS Profile, paid in full; rows: item_code, qty, rate (+ batch_no,
	serial_no, use_serial_batch_fields)."""
	profile = frappe.get_doc("POS Profile", unit.pos_profile)
	items = [
		with_unit({"warehouse": unit.warehouse, "cost_center": unit.cost_center, **row}, unit) for row in rows
	]
	total = sum(flt(r["qty"]) * flt(r["rate"]) for r in rows)
	invoice = frappe.get_doc(
		with_unit(
			{
				"doctype": "Sales Invoice",
				"company": unit.company,
				"customer": profile.customer,
				"is_pos": 1,
				"pos_profile": profile.name,
				"update_stock": 1,
				"posting_date": posting_date or nowdate(),
				"set_posting_time": 1,
				"set_warehouse": unit.warehouse,
				"cost_center": unit.cost_center,
				"items": items,
				"payments": [{"mode_of_payment": profile.payments[0].mode_of_payment, "amount": total}],
			},
			unit,
		)
	)
	invoice.insert()
	if submit:
		invoice.submit()
	return invoice


def gl_rows(voucher_type: str, voucher_no: str) -> list:
	field = dimension_fieldname()
	return frappe.get_all(
		"GL Entry",
		filters={"voucher_type": voucher_type, "voucher_no": voucher_no, "is_cancelled": 0},
		fields=["account", "debit", "credit", "cost_center", f"`{field}` as unit" if field else "'' as unit"],
	)


_FIXTURES: dict[str, frappe._dict] = {}


def livestock_fixture() -> frappe._dict:
	"""A set-up livestock unit with a goat item and one goat in stock (made once per test run)."""
	fixture = _FIXTURES.get("livestock")
	if fixture and frappe.db.get_value("Serial No", fixture.animal, "status") == "Active":
		return fixture
	unit = set_up_unit("Peternakan", "Ternak Uji")
	item = make_item("Kambing", has_serial_no=1)
	animal = f"ET-{frappe.generate_hash(length=8)}"
	receive(unit, item, 1, 2000000, serial_nos=[animal])
	fixture = _FIXTURES["livestock"] = frappe._dict(unit=unit, item=item, animal=animal)
	return fixture


def pond_fixture() -> frappe._dict:
	"""A set-up catfish unit and its fingerling, feed and harvest items (made once per test run)."""
	fixture = _FIXTURES.get("pond")
	if fixture and frappe.db.exists("Business Unit", fixture.unit.name):
		return fixture
	fixture = _FIXTURES["pond"] = frappe._dict(
		unit=set_up_unit("Perikanan", "Kolam Uji"),
		fingerling=make_item("Benih Lele"),
		feed=make_item("Pakan Lele", "Kg"),
		harvest=make_item("Lele Konsumsi", "Kg"),
	)
	return fixture


def draft_journal_entry(unit) -> str:
	from koperasi_merah_putih.tests.utils import cash_account

	return (
		frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": unit.company,
				"posting_date": nowdate(),
				"accounts": [
					{
						"account": unit.expense_account,
						"debit_in_account_currency": 1000,
						"cost_center": unit.cost_center,
					},
					{
						"account": cash_account(),
						"credit_in_account_currency": 1000,
						"cost_center": unit.cost_center,
					},
				],
			}
		)
		.insert()
		.name
	)
