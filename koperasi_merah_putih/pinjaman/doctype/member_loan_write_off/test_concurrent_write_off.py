# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two officers write off one loan at the same moment, from two processes: it leaves the books once."""

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.test_loan_loss_provision import (
	provision_expense_account,
)
from koperasi_merah_putih.tests.utils import (
	disbursed_loan,
	gl_debit_balance,
	loan_product,
	make_user,
	submit_at_once,
)

BENDAHARA = "bendahara.concurrent.hapusbuku@koperasi.test"


class TestConcurrentWriteOff(FrappeTestCase):
	def test_two_write_offs_at_once_post_once(self):
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		provision_expense_account()
		loan = disbursed_loan(product=loan_product(), amount=1200000, tenor=12)
		drafts = [
			frappe.get_doc(
				{"doctype": "Member Loan Write Off", "member_loan": loan.name, "reason": "Uji bersamaan"}
			)
			.insert()
			.name
			for _ in range(2)
		]
		frappe.db.commit()

		outcomes = submit_at_once("Member Loan Write Off", drafts, user=BENDAHARA)

		self.assertEqual(
			sorted(outcome for outcome, _message in outcomes.values()), ["LoanWriteOffError", "ok"], outcomes
		)
		frappe.db.rollback()
		receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
		self.assertEqual(gl_debit_balance(receivable, party=loan.member), 0)
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "status"), "Dihapusbukukan")
