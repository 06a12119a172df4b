# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two officers disburse one approved application at the same moment, from two processes: one loan."""

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	draft_loan,
	gl_debit_balance,
	loan_application,
	loan_product,
	make_user,
	submit_at_once,
)

BENDAHARA = "bendahara.concurrent@koperasi.test"


class TestConcurrentDisbursement(FrappeTestCase):
	def test_two_disbursements_at_once_pay_out_once(self):
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		member = active_member()
		application = loan_application(member.name, loan_product(), 800000, 8)
		approve(application.name)
		drafts = [draft_loan(application.name).name for _ in range(2)]
		frappe.db.commit()  # the other processes see only what is committed

		outcomes = submit_at_once("Member Loan", drafts, user=BENDAHARA)

		self.assertEqual(
			sorted(outcome for outcome, _message in outcomes.values()),
			["AlreadyDisbursedError", "ok"],
			outcomes,
		)
		frappe.db.rollback()  # see what the children committed
		winner = next(name for name, (outcome, _m) in outcomes.items() if outcome == "ok")
		self.assertEqual(
			sorted(frappe.get_all("Member Loan", filters={"name": ["in", drafts]}, pluck="docstatus")), [0, 1]
		)
		self.assertEqual(
			frappe.db.get_value("Member Loan Application", application.name, "member_loan"), winner
		)
		receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
		self.assertEqual(gl_debit_balance(receivable, party=member.name), 800000)
		# no fees on this product: receivable against cash, two rows, once
		self.assertEqual(
			frappe.db.count("GL Entry", {"voucher_type": "Member Loan", "voucher_no": ["in", drafts]}), 2
		)
