# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A catfish (lele) pond cycle of an aquaculture unit.

While it runs (draft, status Berjalan) officers note the fingerlings stocked and the feed consumed (kg).
Submitting finishes it (Selesai): one ERPNext Stock Entry "Repack" in the unit's warehouse consumes the
fingerlings and the feed at their stock value, adds the other costs (labour, electricity, lime) as
additional costs, and brings the harvested kilograms of the harvest item ("Lele Konsumsi") into stock at
the cycle's whole cost; the harvest is then sold like any item. The cost per kg and the feed conversion
ratio (kg feed / kg fish) come from calculators.aquaculture.cycle_result over what the Stock Entry
booked. Cancelling the cycle cancels the Stock Entry (Dibatalkan).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, nowdate

from koperasi_merah_putih.calculators.aquaculture import cycle_result
from koperasi_merah_putih.calculators.money import round_rupiah
from koperasi_merah_putih.exceptions import AmountError, PondCycleError, UnitQuantityError
from koperasi_merah_putih.unit_usaha.livestock import unit_records, with_dimension


class PondCycle(Document):
	def validate(self):
		unit = unit_records(self.business_unit, PondCycleError)
		self.company = unit.company
		self.warehouse = unit.warehouse
		if self.docstatus == 0:
			self.status = "Berjalan"
		self.validate_quantities()
		self.feed_kg = sum(flt(row.qty) for row in self.feed)

	def validate_quantities(self):
		if flt(self.fingerling_qty) <= 0:
			self.refuse_quantity(_("Fingerlings Stocked"))
		for row in self.feed:
			if flt(row.qty) <= 0:
				self.refuse_quantity(_("Feed Consumed, row {0}").format(row.idx))
		if flt(self.harvest_kg) < 0:
			self.refuse_quantity(_("Harvest (kg)"))
		for row in self.other_costs:
			if flt(row.amount) <= 0:
				frappe.throw(
					_("Other Costs, row {0}: the amount must be more than 0.").format(row.idx),
					AmountError,
					title=_("Other Costs"),
				)
		if self.fingerling_item == self.harvest_item or self.harvest_item in {r.item_code for r in self.feed}:
			frappe.throw(
				_("The harvested item must differ from the fingerling and feed items."),
				PondCycleError,
				title=_("Harvested Item"),
			)

	def refuse_quantity(self, label: str):
		frappe.throw(_("{0} must be more than 0.").format(label), UnitQuantityError, title=label)

	def before_submit(self):
		if flt(self.harvest_kg) <= 0:
			frappe.throw(
				_("Enter the Harvest (kg) before finishing the cycle; it must be more than 0."),
				UnitQuantityError,
				title=_("Harvest (kg)"),
			)
		if not self.feed:
			frappe.throw(
				_("Enter the feed consumed (Feed Consumed) before finishing the cycle."),
				UnitQuantityError,
				title=_("Feed Consumed"),
			)
		self.finish_date = self.finish_date or nowdate()

	def on_submit(self):
		entry = self.make_stock_entry()
		# make_stock_entry's rows: the fingerlings first, then the feed, the harvest last
		fingerling_cost = flt(entry.items[0].basic_amount)
		feed_cost = sum(flt(row.basic_amount) for row in entry.items[1:-1])
		result = cycle_result(
			round_rupiah(fingerling_cost),
			self.feed_kg,
			round_rupiah(feed_cost),
			[round_rupiah(row.amount) for row in self.other_costs],
			self.harvest_kg,
		)
		self.db_set(
			{
				"stock_entry": entry.name,
				"status": "Selesai",
				"finish_date": self.finish_date,
				"fingerling_cost": result.fingerling_cost,
				"feed_cost": result.feed_cost,
				"other_costs_total": result.other_costs,
				"total_cost": result.total_cost,
				"cost_per_kg": result.cost_per_kg,
				"fcr": float(result.fcr),
			}
		)

	def make_stock_entry(self):
		unit = frappe.db.get_value("Business Unit", self.business_unit, ["cost_center"], as_dict=True)

		def row(item_code, qty, **extra):
			return with_dimension(
				{"item_code": item_code, "qty": qty, "cost_center": unit.cost_center, **extra},
				self.business_unit,
			)

		items = [row(self.fingerling_item, self.fingerling_qty, s_warehouse=self.warehouse)]
		items += [row(r.item_code, r.qty, s_warehouse=self.warehouse) for r in self.feed]
		items.append(row(self.harvest_item, self.harvest_kg, t_warehouse=self.warehouse, is_finished_item=1))
		entry = frappe.get_doc(
			with_dimension(
				{
					"doctype": "Stock Entry",
					"stock_entry_type": "Repack",
					"purpose": "Repack",
					"company": self.company,
					"posting_date": self.finish_date,
					"set_posting_time": 1,
					"remarks": _("Harvest of pond cycle {0} ({1})").format(self.name, self.pond),
					"items": items,
					"additional_costs": [
						{
							"description": r.description,
							"expense_account": r.expense_account,
							"amount": r.amount,
						}
						for r in self.other_costs
					],
				},
				self.business_unit,
			)
		)
		# Frappe checked the submitter's right on Pond Cycle; the stock voucher is the system's.
		entry.insert(ignore_permissions=True)
		entry.submit()
		return entry

	def on_cancel(self):
		if self.stock_entry:
			entry = frappe.get_doc("Stock Entry", self.stock_entry)
			if entry.docstatus == 1:
				entry.flags.ignore_permissions = True
				entry.cancel()
		self.db_set("status", "Dibatalkan")
