# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Livestock units (goats, cattle) on ERPNext stock: every animal is a Serial No (its ear tag) of an
Item per species (``has_serial_no``), kept in the unit's warehouse.

- Purchase: a standard Purchase Receipt / Purchase Invoice (update stock) into the unit's warehouse, with
  the ear tags as serial nos; the animal's stock value is its purchase cost.
- Births: :func:`record_birth`, a Stock Entry "Material Receipt" of the new ear tags (at zero cost unless
  a value is given).
- Feed, veterinary and other costs: the Livestock Cost doctype, a Journal Entry charging the unit's
  expense account with its cost center and dimension, attributed to one animal where known. They are
  expensed when incurred (not capitalised into the animal's stock value), so the herd's value in the GL
  stays its purchase cost; the Herd Report shows the attributed costs beside it (carrying cost, see
  calculators.livestock.animal_cost).
- Sale: a standard Sales Invoice with update stock and the ear tag; ERPNext books the cost of goods sold at
  the animal's stock value and refuses an ear tag that is not in stock.
- Death: :func:`record_death`, a Stock Entry "Material Issue" that writes the animal's stock value off to
  the unit's expense account.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from koperasi_merah_putih.calculators.money import round_rupiah
from koperasi_merah_putih.exceptions import LivestockError, UnitQuantityError
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname
from koperasi_merah_putih.utils.roles import BENDAHARA, KETUA, require_roles


def unit_records(business_unit: str, error: type[Exception] = LivestockError) -> frappe._dict:
	"""The unit's company, warehouse, cost center and expense account; refused when it is not set up."""
	unit = frappe.db.get_value(
		"Business Unit",
		business_unit,
		["name", "unit_name", "company", "warehouse", "cost_center", "expense_account"],
		as_dict=True,
	)
	if not unit:
		frappe.throw(_("Business unit {0} does not exist.").format(business_unit), error)
	if not (unit.warehouse and unit.cost_center and unit.expense_account):
		frappe.throw(
			_("Business unit {0} is not set up yet: open it and click Set Up Unit, then try again.").format(
				business_unit
			),
			error,
			title=_("Business unit not set up"),
		)
	return unit


def unit_of_warehouse(warehouse: str | None) -> str | None:
	return frappe.db.get_value("Business Unit", {"warehouse": warehouse}, "name") if warehouse else None


def animal_in_herd(serial_no: str, business_unit: str | None = None) -> frappe._dict:
	"""The animal (Serial No) as it stands: refused when it is not in stock, or not in the unit's herd."""
	animal = frappe.db.get_value(
		"Serial No", serial_no, ["name", "item_code", "warehouse", "status", "company"], as_dict=True
	)
	warehouse = business_unit and frappe.db.get_value("Business Unit", business_unit, "warehouse")
	if not animal or animal.status != "Active" or not animal.warehouse:
		frappe.throw(
			_("Ear tag {0} is not an animal in stock (bought or born, not yet sold or dead).").format(
				serial_no
			),
			LivestockError,
			title=_("Animal not in the herd"),
		)
	if business_unit and animal.warehouse != warehouse:
		frappe.throw(
			_("Ear tag {0} is in warehouse {1}, not in the herd of business unit {2}.").format(
				serial_no, animal.warehouse, business_unit
			),
			LivestockError,
			title=_("Animal not in the herd"),
		)
	return animal


def with_dimension(values: dict, business_unit: str) -> dict:
	fieldname = dimension_fieldname()
	if fieldname:
		values[fieldname] = business_unit
	return values


def refuse_animals_not_in_stock(doc, method=None) -> None:
	"""``before_validate`` of Sales Invoice (when it updates stock), POS Invoice and Delivery Note: every
	serial no (ear tag) sold must be in stock in the row's warehouse. ERPNext refuses it too, later and in
	its own words; this names the row and the tag."""
	if doc.get("is_return") or doc.get("is_consolidated"):
		return
	if doc.doctype == "Sales Invoice" and not doc.get("update_stock"):
		return
	wanted: dict[str, object] = {}
	for row in doc.get("items"):
		for serial_no in get_serial_nos(row.get("serial_no") or ""):
			wanted[serial_no] = row
	if not wanted:
		return
	found = {
		r.name: r
		for r in frappe.get_all(
			"Serial No",
			filters={"name": ["in", list(wanted)]},
			fields=["name", "status", "warehouse", "item_code"],
		)
	}
	for serial_no, row in wanted.items():
		animal = found.get(serial_no)
		warehouse = row.get("warehouse") or doc.get("set_warehouse")
		if (
			not animal
			or animal.status != "Active"
			or animal.item_code != row.item_code
			or (warehouse and animal.warehouse != warehouse)
		):
			frappe.throw(
				_(
					"Row {0}: ear tag (serial no) {1} of {2} is not in stock in warehouse {3}: it was never "
					"received, or it was sold, died or is kept elsewhere. Choose an ear tag that is in stock."
				).format(row.idx, serial_no, row.item_code, warehouse),
				LivestockError,
				title=_("Animal not in the herd"),
			)


@frappe.whitelist()
def record_birth(
	business_unit: str,
	item_code: str,
	ear_tags: str | list,
	posting_date: str | None = None,
	value: float = 0,
) -> str:
	"""Add animals born in the herd: a Stock Entry "Material Receipt" of their ear tags (one per line or
	comma) into the unit's warehouse, each at ``value`` (0: the herd's cost carries them). Returns the
	Stock Entry."""
	require_roles(KETUA, BENDAHARA)
	frappe.has_permission("Business Unit", "write", business_unit, throw=True)
	unit = unit_records(business_unit)
	tags = ear_tags if isinstance(ear_tags, list) else ear_tags.replace(",", "\n").split("\n")
	tags = [t.strip() for t in tags if t and t.strip()]
	if not tags:
		frappe.throw(_("Enter the ear tag of each animal born."), UnitQuantityError, title=_("Ear tags"))
	if flt(value) < 0:
		frappe.throw(_("The value of a newborn cannot be negative."), UnitQuantityError, title=_("Value"))
	if not frappe.db.get_value("Item", item_code, "has_serial_no"):
		frappe.throw(
			_("Item {0} does not track each animal: tick Has Serial No on the species' item.").format(
				item_code
			),
			LivestockError,
			title=_("Species item"),
		)
	existing = frappe.get_all("Serial No", filters={"name": ["in", tags]}, pluck="name")
	if existing:
		frappe.throw(
			_("Ear tag {0} is already used. Give each animal its own ear tag.").format(", ".join(existing)),
			LivestockError,
			title=_("Ear tags"),
		)
	row = with_dimension(
		{
			"item_code": item_code,
			"t_warehouse": unit.warehouse,
			"qty": len(tags),
			"use_serial_batch_fields": 1,
			"serial_no": "\n".join(tags),
			"basic_rate": flt(value),
			"allow_zero_valuation_rate": 0 if flt(value) else 1,
			"cost_center": unit.cost_center,
			"expense_account": unit.expense_account,
		},
		business_unit,
	)
	return make_stock_entry("Material Receipt", unit, posting_date, [row], _("Birth"))


@frappe.whitelist()
def record_death(serial_no: str, posting_date: str | None = None, loss_account: str | None = None) -> str:
	"""Remove a dead animal: a Stock Entry "Material Issue" writing its stock value off to ``loss_account``
	(an expense account of the company, e.g. "Kerugian Ternak Mati"; by default the unit's expense
	account), with the unit's cost center and dimension. Returns the Stock Entry."""
	require_roles(KETUA, BENDAHARA)
	animal = animal_in_herd(serial_no)
	business_unit = unit_of_warehouse(animal.warehouse)
	if not business_unit:
		frappe.throw(
			_("Ear tag {0} is in warehouse {1}, which belongs to no business unit.").format(
				serial_no, animal.warehouse
			),
			LivestockError,
			title=_("Animal not in the herd"),
		)
	frappe.has_permission("Business Unit", "write", business_unit, throw=True)
	unit = unit_records(business_unit)
	if loss_account:
		account = frappe.db.get_value(
			"Account", loss_account, ["company", "root_type", "is_group"], as_dict=True
		)
		if (
			not account
			or account.company != unit.company
			or account.is_group
			or account.root_type != "Expense"
		):
			frappe.throw(
				_("The loss account must be an expense account (not a group) of company {0}.").format(
					unit.company
				),
				LivestockError,
				title=_("Loss Account"),
			)
	row = with_dimension(
		{
			"item_code": animal.item_code,
			"s_warehouse": animal.warehouse,
			"qty": 1,
			"use_serial_batch_fields": 1,
			"serial_no": serial_no,
			"cost_center": unit.cost_center,
			"expense_account": loss_account or unit.expense_account,
		},
		business_unit,
	)
	return make_stock_entry("Material Issue", unit, posting_date, [row], _("Death"))


def make_stock_entry(purpose: str, unit, posting_date, rows: list[dict], remark: str) -> str:
	entry = frappe.get_doc(
		with_dimension(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": purpose,
				"purpose": purpose,
				"company": unit.company,
				"posting_date": getdate(posting_date or nowdate()),
				"set_posting_time": 1,
				"remarks": f"{remark}: {unit.unit_name}",
				"items": rows,
			},
			unit.name,
		)
	)
	# The caller's role and right on the unit were checked; the stock voucher is the system's.
	entry.insert(ignore_permissions=True)
	entry.submit()
	return entry.name


# ---------------------------------------------------------------- the herd
def herd_animals(business_unit: str) -> list[frappe._dict]:
	"""The animals in the unit's warehouse now: ear tag, item, species (item name), stock value (the rate
	it came into stock at), attributed costs (submitted Livestock Costs) and last weight."""
	warehouse = unit_records(business_unit).warehouse
	animals = frappe.get_all(
		"Serial No",
		filters={"warehouse": warehouse, "status": "Active"},
		fields=["name", "item_code", "item_name"],
		order_by="item_code, name",
	)
	if not animals:
		return []
	tags = [a.name for a in animals]
	values = stock_values(tags, warehouse)
	attributed = dict(
		frappe.get_all(
			"Livestock Cost",
			filters={"serial_no": ["in", tags], "docstatus": 1},
			fields=["serial_no", "sum(amount) as amount"],
			group_by="serial_no",
			as_list=True,
		)
	)
	weights = last_weights(tags)
	for a in animals:
		a.serial_no = a.name
		a.species = a.item_name or a.item_code
		a.value = values.get(a.name, 0)
		a.attributed = int(flt(attributed.get(a.name)))
		a.weight = weights.get(a.name)
	return animals


def stock_values(tags: list[str], warehouse: str) -> dict[str, int]:
	"""Ear tag -> the value it came into the warehouse at (its latest inward Serial and Batch Entry)."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(entry)
		.inner_join(bundle)
		.on(bundle.name == entry.parent)
		.select(
			entry.serial_no, entry.incoming_rate, bundle.posting_date, bundle.posting_time, bundle.creation
		)
		.where(entry.serial_no.isin(tags))
		.where(bundle.warehouse == warehouse)
		.where(bundle.docstatus == 1)
		.where(bundle.is_cancelled == 0)
		.where(bundle.type_of_transaction == "Inward")
		.orderby(bundle.posting_date)
		.orderby(bundle.posting_time)
		.orderby(bundle.creation)
		.run(as_dict=True)
	)
	# a stock rate is kept to more places than the ledger; the herd value is shown in whole rupiah
	return {row.serial_no: round_rupiah(flt(row.incoming_rate)) for row in rows}


def last_weights(tags: list[str]) -> dict[str, float]:
	weights = {}
	for row in frappe.get_all(
		"Livestock Weight",
		filters={"serial_no": ["in", tags]},
		fields=["serial_no", "weight_kg"],
		order_by="weigh_date asc, creation asc",
	):
		weights[row.serial_no] = row.weight_kg
	return weights
