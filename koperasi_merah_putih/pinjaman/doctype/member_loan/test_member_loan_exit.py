# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A member with an outstanding loan cannot leave, unless the exit settlement offsets it against savings."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from koperasi_merah_putih.exceptions import ExitBlockedError
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	cash_account,
	disbursed_loan,
	gl_balance,
	gl_debit_balance,
	loan_product,
	repay,
	savings_account,
	transact,
)


def settlement(member: str):
	return frappe.get_doc(
		{
			"doctype": "Member Exit Settlement",
			"member": member,
			"exit_status": "Keluar",
			"exit_reason": "Pindah domisili",
			"cash_account": cash_account(),
		}
	)


class TestMemberLoanExit(FrappeTestCase):
	def setUp(self):
		self.settings = frappe.get_single("Cooperative Settings")

	def test_an_outstanding_loan_blocks_the_exit_until_repaid(self):
		loan = disbursed_loan(product=loan_product(), amount=600000, tenor=6)
		member = frappe.get_doc("Cooperative Member", loan.member)
		with self.assertRaises(ExitBlockedError) as ctx:
			member.record_exit("Keluar", today(), "Pindah")
		self.assertIn(loan.name, str(ctx.exception))
		repay(loan.name, 636000)  # 600.000 + 6 x 6.000 flat interest: paid off
		frappe.get_doc("Cooperative Member", loan.member).record_exit("Keluar", today(), "Pindah")
		self.assertEqual(frappe.db.get_value("Cooperative Member", loan.member, "status"), "Keluar")

	def test_the_exit_settlement_offsets_the_payoff_and_closes_the_loan(self):
		member = active_member()
		transact(savings_account(member.name, SUKARELA), 1000000)
		# flat 12%: 12 x 6.000 interest on 600.000; an early payoff charges the current period's interest only
		product = loan_product(payoff_rule="Current Period Interest")
		loan = disbursed_loan(member.name, product, amount=600000, tenor=12)
		repay(loan.name, 56000)  # the first instalment: 50.000 principal + 6.000 interest
		doc = settlement(member.name).insert()
		# payoff: principal 550.000 + the second instalment's 6.000 interest; 60.000 interest waived
		self.assertEqual((doc.total_savings, doc.obligations, doc.net_refund), (1000000, 556000, 444000))
		doc.submit()
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Keluar")
		closed = frappe.db.get_value(
			"Member Loan", loan.name, ["status", "outstanding_principal", "outstanding_interest", "closed_by"]
		)
		self.assertEqual(closed, ("Lunas", 0, 0, doc.name))
		waived = frappe.get_all(
			"Member Loan Schedule", filters={"parent": loan.name}, pluck="waived_interest"
		)
		self.assertEqual(sum(waived), 60000)
		self.assertEqual(gl_debit_balance(self.settings.loan_receivable_account, party=member.name), 0)
		self.assertEqual(
			frappe.db.get_value(
				"GL Entry",
				{"voucher_no": doc.name, "account": self.settings.loan_interest_income_account},
				"credit",
			),
			6000,
		)
		self.assertEqual(gl_balance(cash_account(), voucher_no=doc.name), 444000)

	def test_a_loan_larger_than_the_savings_blocks_the_settlement(self):
		member = active_member()
		transact(savings_account(member.name, SUKARELA), 100000)
		disbursed_loan(member.name, loan_product(), amount=600000, tenor=6)
		with self.assertRaises(ExitBlockedError):
			settlement(member.name).insert()
