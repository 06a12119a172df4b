# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two interest runs for one product and period, submitted at the same moment from two processes: the
unique run key lets exactly one post."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_key, period_start
from koperasi_merah_putih.tests.utils import (
	active_member,
	balance,
	gl_balance,
	savings_account,
	savings_product,
	submit_at_once,
	transact,
)


class TestConcurrentInterestRun(FrappeTestCase):
	def test_two_runs_submitted_at_once_post_once(self):
		product = savings_product("Sukarela", interest_rate=6)
		period = add_months(period_key(getdate(today())), -1)
		member = active_member()
		account = savings_account(member.name, product)
		transact(account, 10000000, posting_date=getdate(period_start(period)))
		drafts = [
			frappe.get_doc({"doctype": "Savings Interest Run", "product": product, "period": period}).insert()
			for _ in range(2)
		]
		net = drafts[0].total_net
		self.assertGreater(net, 0)
		frappe.db.commit()  # the other processes must see the product, the account and the drafts
		try:
			outcomes = submit_at_once("Savings Interest Run", [d.name for d in drafts])
			frappe.db.rollback()  # see what the children committed

			self.assertEqual(sorted(o for o, _m in outcomes.values()), ["AlreadyPostedError", "ok"], outcomes)
			winner = next(name for name, (o, _m) in outcomes.items() if o == "ok")
			loser = next(name for name in outcomes if name != winner)
			self.assertIn(winner, outcomes[loser][1])  # the refusal names the run that posted
			self.assertEqual(
				frappe.db.get_value("Savings Interest Run", winner, ["docstatus", "run_key"]),
				(1, f"{product}/{period}"),
			)
			self.assertEqual(
				frappe.db.get_value("Savings Interest Run", loser, ["docstatus", "run_key"]), (0, None)
			)
			# One set of GL rows, one credit to the member: the loser posted nothing.
			product_account = frappe.db.get_value("Savings Product", product, "account")
			self.assertEqual(
				frappe.db.count("GL Entry", {"voucher_type": "Savings Interest Run", "voucher_no": loser}), 0
			)
			self.assertEqual(
				frappe.db.count(
					"GL Entry",
					{
						"voucher_type": "Savings Interest Run",
						"voucher_no": winner,
						"account": product_account,
					},
				),
				1,
			)
			self.assertEqual(gl_balance(product_account, party=member.name), 10000000 + net)
			self.assertEqual(balance(account), 10000000 + net)
		finally:
			# The product stays in the database (committed); keep the daily job of later tests away from it.
			frappe.db.set_value("Savings Product", product, "is_active", 0)
			frappe.db.commit()
