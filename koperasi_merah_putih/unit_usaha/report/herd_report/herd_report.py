# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Herd Report: the animals a livestock unit holds now, per species: head count, value (their stock value,
what the GL carries), average cost, costs attributed to them since they came (feed, vet: expensed, see
unit_usaha.livestock) and the weight of those weighed; a total row, and with "Show each animal" one row per
ear tag. Figures from calculators.livestock.herd_report over the Serial Nos in the unit's warehouse.
"""

import frappe
from frappe import _

from koperasi_merah_putih.calculators.livestock import animal_cost, herd_report
from koperasi_merah_putih.unit_usaha.livestock import herd_animals


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.business_unit:
		frappe.throw(_("Choose the Business Unit."), frappe.MandatoryError, title=_("Business Unit"))
	frappe.has_permission("Business Unit", "read", filters.business_unit, throw=True)
	animals = herd_animals(filters.business_unit)
	return get_columns(), get_data(animals, filters)


def get_data(animals: list, filters) -> list[dict]:
	rows = [{**a, "cost": a.value} for a in animals]
	summary = herd_report(rows, group_by="species")
	attributed: dict = {}
	for a in animals:
		attributed[a.species] = attributed.get(a.species, 0) + a.attributed
	data = []
	for species, group in summary.groups.items():
		data.append(summary_row(species, group, attributed[species]))
		if filters.show_animals:
			data += [animal_row(a) for a in animals if a.species == species]
	total = summary_row(_("Total"), summary, sum(attributed.values()))
	total["is_total"] = 1
	data.append(total)
	return data


def summary_row(label, group, attributed: int) -> dict:
	return {
		"species": label,
		"head_count": group.count,
		"total_value": group.total_value,
		"average_cost": group.average_cost,
		"attributed_costs": attributed,
		"carrying_cost": animal_cost(group.total_value, [attributed]),
		"weighed": group.weighed,
		"total_weight": float(group.total_weight),
	}


def animal_row(a) -> dict:
	return {
		"species": a.species,
		"serial_no": a.serial_no,
		"head_count": 1,
		"total_value": a.value,
		"average_cost": a.value,
		"attributed_costs": a.attributed,
		"carrying_cost": animal_cost(a.value, [a.attributed]),
		"weighed": 1 if a.weight else 0,
		"total_weight": a.weight,
		"indent": 1,
	}


def get_columns() -> list[dict]:
	return [
		{"label": _("Species"), "fieldname": "species", "fieldtype": "Data", "width": 140},
		# Data, not Link: a cashier reads the report without a right on ERPNext's Serial No
		{"label": _("Ear Tag"), "fieldname": "serial_no", "fieldtype": "Data", "width": 120},
		{"label": _("Head Count"), "fieldname": "head_count", "fieldtype": "Int", "width": 90},
		{"label": _("Value"), "fieldname": "total_value", "fieldtype": "Currency", "width": 130},
		{"label": _("Average Cost"), "fieldname": "average_cost", "fieldtype": "Currency", "width": 120},
		{
			"label": _("Attributed Costs"),
			"fieldname": "attributed_costs",
			"fieldtype": "Currency",
			"width": 130,
		},
		{"label": _("Carrying Cost"), "fieldname": "carrying_cost", "fieldtype": "Currency", "width": 130},
		{"label": _("Weighed"), "fieldname": "weighed", "fieldtype": "Int", "width": 80},
		{"label": _("Weight (kg)"), "fieldname": "total_weight", "fieldtype": "Float", "width": 100},
	]
