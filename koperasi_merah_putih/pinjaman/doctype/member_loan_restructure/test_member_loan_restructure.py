# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, today

from koperasi_merah_putih.exceptions import (
	InterestRateCapError,
	LaterRepaymentsError,
	LoanRestructureError,
)
from koperasi_merah_putih.pinjaman import loan_quality
from koperasi_merah_putih.pinjaman.doctype.member_loan.test_daily_loan_run import past_loan
from koperasi_merah_putih.tests.utils import gl_debit_balance, loan_product, make_user, repay

BENDAHARA = "bendahara.restrukturisasi@koperasi.test"
KASIR = "kasir.restrukturisasi@koperasi.test"


def restructure(loan: str, submit: bool = True, **terms):
	doc = frappe.get_doc(
		{
			"doctype": "Member Loan Restructure",
			"member_loan": loan,
			"reason": "Gagal panen",
			"interest_method": "Flat",
			"interest_rate": 6,
			"tenor": 10,
			**terms,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def schedule(loan: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Member Loan Schedule",
		filters={"parent": loan, "parenttype": "Member Loan", "parentfield": "schedule"},
		fields=["instalment", "due_date", "principal", "interest", "paid_principal", "paid_interest", "idx"],
		order_by="instalment",
	)


class TestMemberLoanRestructure(FrappeTestCase):
	def setUp(self):
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		make_user(KASIR, "Kasir", "Accounts User")
		# flat 12% a year, 1.200.000 over 12 months: 100.000 + 12.000 a month; disbursed 100 days ago,
		# so instalments 1 to 3 are due and unpaid
		self.product = loan_product(denda_mode="Percent per Day", denda_rate=0.1)
		self.loan = past_loan(self.product, 100).name
		self.receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_new_schedule_from_the_outstanding_principal_keeps_the_history(self):
		repay(self.loan, 112000)  # instalment 1 paid in full
		before = schedule(self.loan)
		loan_quality.run_daily(today())
		grade_before = frappe.db.get_value("Member Loan", self.loan, "kolektibilitas")
		self.assertEqual(grade_before, "Dalam Perhatian Khusus")

		frappe.set_user(BENDAHARA)
		doc = restructure(self.loan)
		frappe.set_user("Administrator")

		self.assertEqual(doc.outstanding_principal, 1100000)
		self.assertEqual(doc.arrears_interest, 24000)  # instalments 2 and 3: due, unpaid, still due
		self.assertEqual(doc.first_new_instalment, 13)
		self.assertEqual(len(doc.old_schedule), 12)
		self.assertEqual([flt(r.principal) for r in doc.old_schedule], [flt(r.principal) for r in before])
		self.assertEqual(len(doc.new_schedule), 10)
		self.assertEqual(sum(flt(r.principal) for r in doc.new_schedule), 1100000)
		self.assertEqual(doc.new_schedule[0].interest, 5500)  # 1.100.000 x 6% / 12

		rows = schedule(self.loan)
		kept = [r for r in rows if r.instalment < 13]
		# instalment 1 as paid; 2 and 3 keep only their interest (due); 4..12 had nothing and are removed
		self.assertEqual(
			[(r.instalment, r.principal, r.interest) for r in kept],
			[(1, 100000, 12000), (2, 0, 12000), (3, 0, 12000)],
		)
		self.assertEqual([r.instalment for r in rows[3:]], list(range(13, 23)))
		self.assertEqual([r.idx for r in rows], list(range(1, 14)))

		loan = frappe.get_doc("Member Loan", self.loan)
		self.assertEqual((loan.is_restructured, loan.restructure_count), (1, 1))
		self.assertEqual(loan.outstanding_principal, 1100000)
		self.assertEqual(loan.outstanding_interest, 24000 + 10 * 5500)
		self.assertEqual(loan.kolektibilitas_floor, grade_before)
		# the same principal, owed on new dates: the ledger is unchanged
		self.assertFalse(frappe.get_all("GL Entry", filters={"voucher_no": doc.name}))
		self.assertEqual(gl_debit_balance(self.receivable, party=loan.member), 1100000)

		# nothing is overdue any more but the arrears of instalments 2 and 3: the class stays no better
		repay(self.loan, 24000 + self.open_denda())
		loan_quality.run_daily(today())
		self.assertEqual(frappe.db.get_value("Member Loan", self.loan, "kolektibilitas"), grade_before)

	def open_denda(self) -> int:
		rows = frappe.get_all(
			"Member Loan Schedule", filters={"parent": self.loan}, fields=["denda", "paid_denda"]
		)
		return int(sum(flt(r.denda) - flt(r.paid_denda) for r in rows))

	def test_cancel_restores_the_old_schedule(self):
		before = [(r.instalment, r.principal, r.interest) for r in schedule(self.loan)]
		doc = restructure(self.loan)
		doc.cancel()
		self.assertEqual([(r.instalment, r.principal, r.interest) for r in schedule(self.loan)], before)
		loan = frappe.get_doc("Member Loan", self.loan)
		self.assertEqual(
			(loan.is_restructured, loan.restructure_count, loan.outstanding_principal), (0, 0, 1200000)
		)
		self.assertFalse(loan.kolektibilitas_floor)

	def test_cancel_is_refused_once_a_repayment_followed(self):
		doc = restructure(self.loan)
		repay(self.loan, 5000)
		with self.assertRaises(LaterRepaymentsError):
			doc.cancel()
		self.assertEqual(frappe.db.get_value("Member Loan Restructure", doc.name, "docstatus"), 1)

	def test_refusals(self):
		with self.assertRaises(InterestRateCapError):
			restructure(self.loan, submit=False, interest_rate=30)
		with self.assertRaises(LoanRestructureError):
			restructure(self.loan, submit=False, tenor=4, grace_periods=4)
		repay(self.loan, 1344000 + self.open_denda())
		with self.assertRaises(LoanRestructureError):
			restructure(self.loan, submit=False)

	def test_only_the_bendahara_restructures(self):
		frappe.set_user(KASIR)
		with self.assertRaises(frappe.PermissionError):
			restructure(self.loan, submit=False)
