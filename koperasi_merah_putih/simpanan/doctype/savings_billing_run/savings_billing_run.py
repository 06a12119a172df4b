# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import period_end, period_key
from koperasi_merah_putih.simpanan.billing import create_bills
from koperasi_merah_putih.simpanan.common import WAJIB

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class SavingsBillingRun(Document):
	def validate(self):
		if not PERIOD.match(self.period or ""):
			frappe.throw(_("Period must be written YYYY-MM, e.g. 2026-03."), title=_("Period"))
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type != WAJIB:
			frappe.throw(
				_("Billing runs are for Simpanan Wajib products; {0} is Simpanan {1}.").format(
					self.product, product.savings_type
				),
				title=_("Savings Product"),
			)
		self.company = product.company
		self.due_date = self.due_date or period_end(self.period)

	def on_submit(self):
		created, total = create_bills(self.product, self.period, self.due_date, billing_run=self.name)
		self.db_set({"bills_created": created, "total_billed": total})

	def on_cancel(self):
		bill = frappe.qb.DocType("Savings Bill")
		paid = frappe.db.count("Savings Bill", {"billing_run": self.name, "paid_amount": [">", 0]})
		if paid:
			frappe.throw(
				_("{0} bills of this run are already (partly) paid; cancel those payments first.").format(
					paid
				),
				title=_("Cannot cancel"),
			)
		frappe.qb.from_(bill).delete().where(bill.billing_run == self.name).run()


def run_monthly_billing(on=None) -> list[str]:
	"""Scheduled (daily; acts once a month): bill every active Wajib product for the current period."""
	period = period_key(getdate(on or today()))
	runs = []
	for product in frappe.get_all(
		"Savings Product", filters={"savings_type": WAJIB, "is_active": 1}, fields=["name", "company"]
	):
		if frappe.db.exists(
			"Savings Billing Run", {"product": product.name, "period": period, "docstatus": 1}
		):
			continue
		run = frappe.get_doc(
			{
				"doctype": "Savings Billing Run",
				"company": product.company,
				"product": product.name,
				"period": period,
			}
		)
		run.insert()  # scheduler job: runs as Administrator
		run.submit()
		runs.append(run.name)
	return runs


@frappe.whitelist()
def bill_period(product: str, period: str) -> dict:
	"""Button on the Savings Product / billing list: make and submit a billing run for one period."""
	frappe.has_permission("Savings Billing Run", "submit", throw=True)
	run = frappe.get_doc(
		{
			"doctype": "Savings Billing Run",
			"company": frappe.get_cached_value("Savings Product", product, "company"),
			"product": product,
			"period": period,
		}
	)
	run.insert()
	run.submit()
	return {"name": run.name, "bills_created": run.bills_created}
