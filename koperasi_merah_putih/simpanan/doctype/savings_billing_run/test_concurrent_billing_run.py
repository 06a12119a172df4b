# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two billing runs for one product and period, submitted at the same moment from two processes: the
unique run key lets exactly one be submitted."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import period_key
from koperasi_merah_putih.tests.utils import active_member, savings_account, savings_product, submit_at_once


class TestConcurrentBillingRun(FrappeTestCase):
	def test_two_runs_submitted_at_once_bill_once(self):
		product = savings_product("Wajib", amount=25000)
		period = period_key(getdate(today()))
		member = active_member()
		account = savings_account(member.name, product)
		drafts = [
			frappe.get_doc({"doctype": "Savings Billing Run", "product": product, "period": period}).insert()
			for _ in range(2)
		]
		frappe.db.commit()  # the other processes must see the product, the account and the drafts
		try:
			outcomes = submit_at_once("Savings Billing Run", [d.name for d in drafts])
			frappe.db.rollback()  # see what the children committed

			self.assertEqual(sorted(o for o, _m in outcomes.values()), ["AlreadyPostedError", "ok"], outcomes)
			winner = next(name for name, (o, _m) in outcomes.items() if o == "ok")
			loser = next(name for name in outcomes if name != winner)
			self.assertIn(winner, outcomes[loser][1])
			self.assertEqual(
				frappe.db.get_value("Savings Billing Run", winner, ["docstatus", "run_key", "bills_created"]),
				(1, f"{product}/{period}", 1),
			)
			self.assertEqual(frappe.db.get_value("Savings Billing Run", loser, "docstatus"), 0)
			self.assertEqual(
				frappe.get_all(
					"Savings Bill", filters={"savings_account": account}, fields=["period", "billing_run"]
				),
				[{"period": period, "billing_run": winner}],
			)
		finally:
			frappe.db.set_value("Savings Product", product, "is_active", 0)
			frappe.db.commit()
