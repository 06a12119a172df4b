# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A batch of approved applications gives loans identical to ones disbursed one by one; never twice."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, today

from koperasi_merah_putih.exceptions import AlreadyDisbursedError, CannotCancelError
from koperasi_merah_putih.pinjaman.doctype.loan_disbursement_batch.loan_disbursement_batch import (
	get_approved_applications,
)
from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	cash_account,
	draft_loan,
	gl_debit_balance,
	loan_application,
	loan_product,
	repay,
)

LOAN_FIELDS = (
	"member",
	"company",
	"loan_product",
	"status",
	"loan_amount",
	"tenor",
	"interest_method",
	"interest_rate",
	"admin_fee",
	"provisi_fee",
	"insurance_fee",
	"net_disbursement",
	"total_interest",
	"total_repayment",
	"outstanding_principal",
	"outstanding_interest",
	"paid_principal",
	"kolektibilitas",
	"allocation_order",
	"payoff_rule",
	"loan_receivable_account",
	"interest_income_account",
	"admin_fee_income_account",
	"insurance_payable_account",
	"cash_account",
	"docstatus",
)
SCHEDULE_FIELDS = ("instalment", "due_date", "period_start", "principal", "interest", "total", "outstanding")


def loan_values(name: str) -> dict:
	values = frappe.db.get_value("Member Loan", name, LOAN_FIELDS, as_dict=True)
	values.pop("member")
	return values


def schedule(name: str) -> list:
	return frappe.get_all(
		"Member Loan Schedule",
		filters={"parent": name},
		fields=SCHEDULE_FIELDS,
		order_by="instalment",
		as_list=True,
	)


def gl_rows(name: str) -> list:
	rows = frappe.get_all(
		"GL Entry",
		filters={"voucher_type": "Member Loan", "voucher_no": name, "is_cancelled": 0},
		fields=[
			"account",
			"debit",
			"credit",
			"party_type",
			"against_voucher_type",
			"against_voucher",
			"party",
		],
		order_by="account, debit",
	)
	return [(r.account, r.debit, r.credit, r.party_type, r.against_voucher == name) for r in rows]


class TestLoanDisbursementBatch(FrappeTestCase):
	def setUp(self):
		self.product = loan_product(interest_method="Efektif", admin_fee_percent=1, insurance_amount=5000)
		self.day = add_days(today(), -3)
		self.members = [active_member().name for _ in range(3)]

	def approved(self, member: str, amount=1500000, tenor=12) -> str:
		application = loan_application(member, self.product, amount, tenor, application_date=self.day)
		approve(application.name)
		return application.name

	def batch(self, applications, submit=True):
		doc = frappe.get_doc(
			{
				"doctype": "Loan Disbursement Batch",
				"posting_date": self.day,
				"cash_account": cash_account(),
				"items": [{"loan_application": a} for a in applications],
			}
		).insert()
		if submit:
			doc.submit()
		return doc

	def test_batch_loans_are_the_loans_disbursed_one_by_one(self):
		amounts = (1500000, 2400000, 1000000)
		batch_apps = [self.approved(m, a) for m, a in zip(self.members, amounts)]
		single_loans = []
		for member, amount in zip(self.members, amounts):
			loan = draft_loan(self.approved(member, amount), posting_date=self.day)
			loan.submit()
			single_loans.append(loan.name)
		cash_before = gl_debit_balance(cash_account())
		batch = self.batch(batch_apps)
		self.assertEqual(batch.loan_count, 3)
		self.assertEqual(batch.total_amount, sum(amounts))
		for row, single in zip(batch.items, single_loans):
			loan = row.member_loan
			self.assertEqual(
				frappe.db.get_value("Member Loan Application", row.loan_application, "member_loan"), loan
			)
			self.assertEqual(frappe.db.get_value("Member Loan", loan, "member"), row.member)
			self.assertEqual(loan_values(loan), loan_values(single))
			self.assertEqual(loan_values(loan)["status"], "Aktif")
			self.assertEqual(schedule(loan), schedule(single))
			self.assertEqual(len(schedule(loan)), 12)
			self.assertEqual(gl_rows(loan), gl_rows(single))
			receivable = frappe.db.get_value("Member Loan", loan, "loan_receivable_account")
			self.assertEqual(
				frappe.get_all(
					"Payment Ledger Entry",
					filters={"voucher_no": loan, "delinked": 0},
					fields=["party", "amount", "against_voucher_no", "account"],
				),
				[
					{
						"party": row.member,
						"amount": row.amount,
						"against_voucher_no": loan,
						"account": receivable,
					}
				],
			)
		self.assertEqual(gl_debit_balance(cash_account()) - cash_before, -flt(batch.total_net_disbursement))

	def test_an_application_is_disbursed_once(self):
		application = self.approved(self.members[0])
		waiting = get_approved_applications(self.day)
		self.assertIn(application, [r.loan_application for r in waiting])
		batch = self.batch([application])
		self.assertNotIn(application, [r.loan_application for r in get_approved_applications(self.day)])
		with self.assertRaises(AlreadyDisbursedError):
			self.batch([application], submit=False)
		with self.assertRaises(AlreadyDisbursedError):
			draft_loan(application, posting_date=self.day)
		other = self.approved(self.members[1])
		with self.assertRaises(AlreadyDisbursedError):
			self.batch([other, other], submit=False)
		# a draft batch whose application another path disbursed meanwhile is refused on submit
		late = self.batch([other], submit=False)
		loan = draft_loan(other, posting_date=self.day)
		loan.submit()
		with self.assertRaises(AlreadyDisbursedError):
			late.submit()
		self.assertEqual(frappe.db.count("Member Loan", {"loan_application": application, "docstatus": 1}), 1)
		self.assertEqual(
			batch.items[0].member_loan,
			frappe.db.get_value("Member Loan Application", application, "member_loan"),
		)

	def test_cancel_reverses_the_loans_and_is_refused_after_a_repayment(self):
		apps = [self.approved(m) for m in self.members[:2]]
		batch = self.batch(apps)
		loans = [row.member_loan for row in batch.items]
		receivable = frappe.db.get_value("Member Loan", loans[0], "loan_receivable_account")
		repayment = repay(loans[0], 50000, posting_date=today())
		with self.assertRaises(CannotCancelError):
			frappe.get_doc("Loan Disbursement Batch", batch.name).cancel()
		self.assertEqual(frappe.db.get_value("Member Loan", loans[1], "status"), "Aktif")
		repayment.cancel()
		frappe.get_doc("Loan Disbursement Batch", batch.name).cancel()
		for loan, application, member in zip(loans, apps, self.members):
			self.assertEqual(
				frappe.db.get_value("Member Loan", loan, ["docstatus", "status"]), (2, "Dibatalkan")
			)
			self.assertIsNone(frappe.db.get_value("Member Loan Application", application, "member_loan"))
			self.assertEqual(gl_debit_balance(receivable, party=member), 0)
		# the applications can be disbursed again
		self.assertEqual(len(self.batch(apps).items), 2)
