# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import period_key
from koperasi_merah_putih.exceptions import AlreadyPostedError, PeriodError
from koperasi_merah_putih.simpanan.doctype.savings_billing_run import savings_billing_run
from koperasi_merah_putih.simpanan.doctype.savings_billing_run.savings_billing_run import run_monthly_billing
from koperasi_merah_putih.tests.utils import (
	WAJIB,
	active_member,
	make_user,
	savings_account,
	savings_product,
)

BENDAHARA = "bendahara.runs@koperasi.test"


def wajib_product() -> tuple[str, str]:
	"""A new Wajib product with one active member's account."""
	product = savings_product("Wajib", amount=25000)
	return product, savings_account(active_member().name, product)


def new_run(product: str, period: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Savings Billing Run",
			"product": product,
			"period": period_key(getdate(today())) if period is None else period,
		}
	)


class TestSavingsBillingRun(FrappeTestCase):
	def test_period_must_be_a_month(self):
		for period in ("2026-00", "26-01", ""):
			with self.assertRaises(PeriodError):
				new_run(WAJIB, period).insert()

	def test_one_submitted_run_per_product_and_period(self):
		product, account = wajib_product()
		first = new_run(product).insert()
		first.submit()
		self.assertEqual(
			frappe.db.get_value("Savings Billing Run", first.name, "run_key"), f"{product}/{first.period}"
		)
		with self.assertRaises(AlreadyPostedError):
			new_run(product).insert()  # the friendly check in validate
		# Past the friendly check (as when two are submitted at once), the unique key refuses it.
		with patch.object(savings_billing_run, "check_not_posted", lambda doc: None):
			second = new_run(product).insert()
			frappe.db.savepoint("second_run")
			with self.assertRaises(AlreadyPostedError) as ctx:
				second.submit()
			frappe.db.rollback(save_point="second_run")  # as the request would roll back
		self.assertIn(first.name, str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Savings Billing Run", second.name, "docstatus"), 0)
		self.assertEqual(frappe.db.count("Savings Bill", {"savings_account": account}), 1)
		# Cancelled, the run gives its key back: the period can be billed again.
		first.cancel()
		self.assertIsNone(frappe.db.get_value("Savings Billing Run", first.name, "run_key"))
		second.reload()
		second.submit()
		self.assertEqual(
			frappe.db.get_value("Savings Bill", {"savings_account": account}, "billing_run"), second.name
		)

	def test_daily_job_one_failing_product_does_not_stop_the_others(self):
		make_user(BENDAHARA, "Bendahara")
		good, good_account = wajib_product()
		bad, bad_account = wajib_product()
		period = period_key(getdate(today()))
		create_bills = savings_billing_run.create_bills

		def fail_for_bad(product, *args, **kwargs):
			result = create_bills(product, *args, **kwargs)
			if product == bad:  # after its run is submitted and its bills written: all must be rolled back
				raise RuntimeError("simulated failure")
			return result

		with patch.object(savings_billing_run, "create_bills", fail_for_bad):
			posted = run_monthly_billing()
		good_run = frappe.db.get_value(
			"Savings Billing Run", {"product": good, "period": period, "docstatus": 1}
		)
		self.assertIn(good_run, posted)
		self.assertEqual(frappe.db.count("Savings Bill", {"savings_account": good_account}), 1)
		self.assertFalse(frappe.db.exists("Savings Billing Run", {"product": bad}))
		self.assertEqual(frappe.db.count("Savings Bill", {"savings_account": bad_account}), 0)
		error = frappe.get_last_doc(
			"Error Log", filters={"reference_doctype": "Savings Product", "reference_name": bad}
		)
		self.assertIn(period, error.method)
		notification = frappe.get_last_doc(
			"Notification Log", filters={"for_user": BENDAHARA, "document_name": bad}
		)
		self.assertIn(error.name, notification.subject)
