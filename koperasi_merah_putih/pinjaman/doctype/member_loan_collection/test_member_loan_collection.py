# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from koperasi_merah_putih.exceptions import CollectionRowsError
from koperasi_merah_putih.pinjaman.doctype.member_loan.test_daily_loan_run import past_loan
from koperasi_merah_putih.pinjaman.doctype.member_loan_collection.member_loan_collection import (
	get_instalments_due,
)
from koperasi_merah_putih.tests.utils import (
	cash_account,
	gl_debit_balance,
	loan_product,
	make_user,
	repay,
)

KASIR = "kasir.tagihan@koperasi.test"
BENDAHARA = "bendahara.tagihan@koperasi.test"
PENGAWAS = "pengawas.tagihan@koperasi.test"


def sheet(rows, rw=None, submit=True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Member Loan Collection",
			"collector": "Pak RW Uji",
			"rw": rw,
			"cash_account": cash_account(),
			"items": [{"member_loan": loan, "amount": amount} for loan, amount in rows],
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


class TestMemberLoanCollection(FrappeTestCase):
	def setUp(self):
		make_user(KASIR, "Kasir", "Accounts User")
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		make_user(PENGAWAS, "Pengawas")
		# flat 12% a year, 1.200.000 over 12 months: 100.000 principal + 12.000 interest each month
		self.product = loan_product()
		self.receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
		self.loans = [past_loan(self.product, 40).name for _ in range(3)]

	def tearDown(self):
		frappe.set_user("Administrator")

	def outstanding(self, loan):
		return flt(frappe.db.get_value("Member Loan", loan, "outstanding_principal"))

	def test_each_row_becomes_a_repayment_through_its_controller_and_cancel_takes_them_back(self):
		frappe.set_user(KASIR)
		doc = sheet([(self.loans[0], 112000), (self.loans[1], 50000), (self.loans[2], 12000)])
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.total_amount, doc.loan_count), (174000, 3))
		repayments = [row.repayment for row in doc.items]
		self.assertTrue(all(repayments))
		for row in doc.items:
			repayment = frappe.get_doc("Member Loan Repayment", row.repayment)
			self.assertEqual((repayment.docstatus, repayment.member_loan), (1, row.member_loan))
			self.assertEqual(flt(repayment.amount), flt(row.amount))
			self.assertIn(doc.name, repayment.remarks)
		# interest first, then principal: 112.000 pays instalment 1 in full, 50.000 pays 12.000 + 38.000
		self.assertEqual(self.outstanding(self.loans[0]), 1100000)
		self.assertEqual(self.outstanding(self.loans[1]), 1162000)
		self.assertEqual(self.outstanding(self.loans[2]), 1200000)
		member = frappe.db.get_value("Member Loan", self.loans[1], "member")
		self.assertEqual(gl_debit_balance(self.receivable, party=member), 1162000)
		cash = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": ["in", repayments], "account": cash_account(), "is_cancelled": 0},
			pluck="debit",
		)
		self.assertEqual(sum(cash), 174000)

		doc.cancel()
		for name in repayments:
			self.assertEqual(frappe.db.get_value("Member Loan Repayment", name, "docstatus"), 2)
		for loan in self.loans:
			self.assertEqual(self.outstanding(loan), 1200000)
		self.assertEqual(gl_debit_balance(self.receivable, party=member), 1200000)

	def test_a_row_over_the_payoff_refuses_the_whole_sheet_naming_it(self):
		with self.assertRaises(CollectionRowsError) as refused:
			sheet([(self.loans[0], 112000), (self.loans[1], 5000000)])
		self.assertIn("Row 2", str(refused.exception))
		self.assertFalse(frappe.get_all("Member Loan Repayment", filters={"member_loan": ["in", self.loans]}))
		self.assertEqual(self.outstanding(self.loans[0]), 1200000)

	def test_a_closed_loan_refuses_the_sheet(self):
		repay(self.loans[2], 1344000)  # everything: 1.200.000 + 12 x 12.000
		self.assertEqual(frappe.db.get_value("Member Loan", self.loans[2], "status"), "Lunas")
		with self.assertRaises(CollectionRowsError) as refused:
			sheet([(self.loans[0], 10000), (self.loans[2], 10000)])
		self.assertIn("Row 2", str(refused.exception))
		self.assertEqual(self.outstanding(self.loans[0]), 1200000)

	def test_a_repayment_that_fails_on_submit_rolls_back_the_rows_before_it(self):
		"""A refusal raised by the repayment's own controller (not foreseen by the sheet's checks) still
		leaves nothing half-written: the rows before it are rolled back."""
		doc = sheet([(self.loans[0], 112000), (self.loans[1], 50000)], submit=False)
		original = type(doc).make_repayment

		def failing(self_, row):
			if row.idx == 2:
				frappe.throw("refused by the repayment", frappe.ValidationError)
			return original(self_, row)

		type(doc).make_repayment = failing
		try:
			with self.assertRaises(CollectionRowsError) as refused:
				doc.submit()
		finally:
			type(doc).make_repayment = original
		self.assertIn("Row 2", str(refused.exception))
		self.assertFalse(frappe.get_all("Member Loan Repayment", filters={"member_loan": ["in", self.loans]}))
		self.assertEqual(self.outstanding(self.loans[0]), 1200000)

	def test_duplicate_loans_and_zero_amounts_are_refused(self):
		with self.assertRaises(CollectionRowsError):
			sheet([(self.loans[0], 10000), (self.loans[0], 10000)], submit=False)
		with self.assertRaises(CollectionRowsError):
			sheet([(self.loans[0], 0)], submit=False)

	def test_the_sheet_is_filled_from_the_collection_list_of_an_area(self):
		rw = frappe.generate_hash(length=3)
		loan = past_loan(self.product, 40)
		frappe.db.set_value("Cooperative Member", loan.member, "rw", rw)
		loan = loan.name
		frappe.set_user(KASIR)
		rows = get_instalments_due(rw=rw)
		frappe.set_user("Administrator")
		self.assertEqual([(r["member_loan"], r["amount"]) for r in rows], [(loan, 112000)])

	def test_the_pengawas_reads_but_does_not_prepare_a_sheet(self):
		frappe.set_user(PENGAWAS)
		with self.assertRaises(frappe.PermissionError):
			sheet([(self.loans[0], 10000)], submit=False)
		with self.assertRaises(frappe.PermissionError):
			get_instalments_due()
