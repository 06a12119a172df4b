# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import period_end, period_key
from koperasi_merah_putih.exceptions import CannotCancelError, SavingsProductError
from koperasi_merah_putih.simpanan.billing import create_bills
from koperasi_merah_putih.simpanan.common import WAJIB
from koperasi_merah_putih.simpanan.runs import (
	check_not_posted,
	claim_run_key,
	for_each_product,
	release_run_key,
	validate_period,
)


class SavingsBillingRun(Document):
	def validate(self):
		validate_period(self)
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type != WAJIB:
			frappe.throw(
				_("Billing runs are for Simpanan Wajib products; {0} is Simpanan {1}.").format(
					self.product, product.savings_type
				),
				SavingsProductError,
				title=_("Savings Product"),
			)
		self.company = product.company
		self.due_date = self.due_date or period_end(self.period)
		check_not_posted(self)

	def on_submit(self):
		claim_run_key(self)
		created, total = create_bills(self.product, self.period, self.due_date, billing_run=self.name)
		self.db_set({"bills_created": created, "total_billed": total})

	def before_cancel(self):
		release_run_key(self)

	def on_cancel(self):
		bill = frappe.qb.DocType("Savings Bill")
		paid = frappe.db.count("Savings Bill", {"billing_run": self.name, "paid_amount": [">", 0]})
		if paid:
			frappe.throw(
				_("{0} bills of this run are already (partly) paid; cancel those payments first.").format(
					paid
				),
				CannotCancelError,
				title=_("Cannot cancel"),
			)
		frappe.qb.from_(bill).delete().where(bill.billing_run == self.name).run()


def run_monthly_billing(on=None) -> list[str]:
	"""Scheduled (daily; acts once a month): bill every active Wajib product for the current period.
	Each product in its own savepoint: one that fails is logged and reported, the others are billed."""
	products = frappe.get_all(
		"Savings Product", filters={"savings_type": WAJIB, "is_active": 1}, pluck="name", order_by="name"
	)
	return for_each_product("Savings Billing Run", products, period_key(getdate(on or today())), bill_product)


def bill_product(product: str, period: str) -> str | None:
	"""Submit a billing run for one product and period; None when one is submitted already."""
	if frappe.db.exists("Savings Billing Run", {"product": product, "period": period, "docstatus": 1}):
		return None
	run = frappe.get_doc({"doctype": "Savings Billing Run", "product": product, "period": period})
	run.insert()  # scheduler job: runs as Administrator
	run.submit()
	return run.name


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
