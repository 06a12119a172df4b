# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two cashiers take repayments of one loan at the same moment, from two processes: never paid twice."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from koperasi_merah_putih.tests.utils import (
	disbursed_loan,
	gl_debit_balance,
	loan_product,
	make_user,
	repay,
	submit_at_once,
)

KASIR = "kasir.concurrent@koperasi.test"


class TestConcurrentRepayment(FrappeTestCase):
	def test_two_repayments_at_once_never_pay_more_than_is_owed(self):
		make_user(KASIR, "Kasir", "Accounts User")
		# flat 12%: 1.200.000 + 144.000 interest owed in all
		loan = disbursed_loan(product=loan_product(), amount=1200000, tenor=12)
		drafts = [repay(loan.name, 1000000, submit=False, pay_in_advance=1).name for _ in range(2)]
		frappe.db.commit()

		outcomes = submit_at_once("Member Loan Repayment", drafts, user=KASIR)

		self.assertEqual(
			sorted(outcome for outcome, _message in outcomes.values()),
			["PaymentTooLargeError", "ok"],
			outcomes,
		)
		frappe.db.rollback()
		rows = frappe.get_all(
			"Member Loan Schedule",
			filters={"parent": loan.name},
			fields=["principal", "interest", "paid_principal", "paid_interest"],
		)
		self.assertEqual(sum(flt(r.paid_principal) + flt(r.paid_interest) for r in rows), 1000000)
		self.assertTrue(all(r.paid_principal <= r.principal and r.paid_interest <= r.interest for r in rows))
		outstanding = frappe.db.get_value("Member Loan", loan.name, "outstanding_principal")
		receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
		self.assertEqual(gl_debit_balance(receivable, party=loan.member), outstanding)
