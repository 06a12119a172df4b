# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member and Non-Member Sales: turnover, cost of goods sold and gross profit per business unit for a
period, member and non-member apart (SAK EP, Permenkop UKM 2/2024). Read from the GL rows of the Sales
Invoices on the units' member and non-member income accounts (unit_usaha.purchases.member_sales_split),
so the turnover columns equal those accounts' balances for the period. POS Invoices count once the POS
closing has consolidated them into a Sales Invoice."""

from frappe import _

from koperasi_merah_putih.unit_usaha.purchases import member_sales_split, report_filters

SIDES = ("member", "non_member", "total")


def execute(filters: dict | None = None):
	filters = report_filters(filters)
	splits = member_sales_split(filters.company, filters.from_date, filters.to_date, filters.unit)
	data = []
	for unit in sorted(splits, key=lambda u: u or ""):
		split = splits[unit]
		row = {"unit": unit, "member_share": split.member_share}
		for side in SIDES:
			totals = getattr(split, side)
			row[f"{side}_turnover"] = totals.turnover
			row[f"{side}_cogs"] = totals.cogs
			row[f"{side}_gross_profit"] = totals.gross_profit
		data.append(row)
	return get_columns(), data


def get_columns() -> list[dict]:
	columns = [
		{
			"label": _("Business Unit"),
			"fieldname": "unit",
			"fieldtype": "Link",
			"options": "Business Unit",
			"width": 180,
		}
	]
	sides = {"member": _("Members"), "non_member": _("Non-Members"), "total": _("Total")}
	measures = {"turnover": _("Turnover"), "cogs": _("Cost of Goods Sold"), "gross_profit": _("Gross Profit")}
	for side in SIDES:
		for key, what in measures.items():
			columns.append(
				{
					"label": f"{what} ({sides[side]})",
					"fieldname": f"{side}_{key}",
					"fieldtype": "Currency",
					"width": 150,
				}
			)
	columns.append(
		{"label": _("Member Share %"), "fieldname": "member_share", "fieldtype": "Percent", "width": 120}
	)
	return columns
