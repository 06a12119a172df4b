# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two tills sell LPG to one household at the same moment, from two processes: only one passes the quota."""

import frappe

from koperasi_merah_putih.tests.utils import active_member, submit_at_once
from koperasi_merah_putih.unit_usaha.doctype.subsidised_item_quota.test_subsidised_item_quota import (
	QuotaTestCase,
	make_no_kk,
	sale,
	subsidised_item,
	walk_in_customer,
)
from koperasi_merah_putih.unit_usaha.quotas import KK_FIELD, USAGE_DOCTYPE

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


class TestConcurrentQuota(QuotaTestCase):
	def test_two_tills_at_once_sell_the_quota_once(self):
		lpg = subsidised_item(3)
		no_kk = make_no_kk()
		member = active_member(no_kk=no_kk)
		# each fits alone (2 of 3); together they would not: the member at one till, a walk-in of the same
		# household at the other
		drafts = [
			sale(member.customer, lpg, 2, submit=False).name,
			sale(walk_in_customer(), lpg, 2, submit=False, **{KK_FIELD: no_kk}).name,
		]
		frappe.db.commit()  # the other processes see only what is committed

		outcomes = submit_at_once("Sales Invoice", drafts)

		self.assertEqual(
			sorted(outcome for outcome, _message in outcomes.values()), ["OverQuotaError", "ok"], outcomes
		)
		frappe.db.rollback()  # see what the children committed
		self.assertEqual(
			sorted(frappe.get_all("Sales Invoice", filters={"name": ["in", drafts]}, pluck="docstatus")),
			[0, 1],
		)
		self.assertEqual(frappe.db.get_all(USAGE_DOCTYPE, filters={"item": lpg}, pluck="used_qty"), [2])
		loser = next(message for outcome, message in outcomes.values() if outcome != "ok")
		self.assertIn("only 1 Nos", loser)
