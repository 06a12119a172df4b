# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, flt, getdate, today

from koperasi_merah_putih.calculators.periods import period_end, period_key
from koperasi_merah_putih.exceptions import (
	AlreadyPostedError,
	CannotCancelError,
	PeriodError,
	PostingDateError,
)
from koperasi_merah_putih.pinjaman.doctype.loan_interest_accrual.loan_interest_accrual import (
	run_monthly_accrual,
)
from koperasi_merah_putih.pinjaman.loan_balance import accrued_interest_open
from koperasi_merah_putih.pinjaman.setup import make_interest_receivable_account
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	approve,
	cash_account,
	draft_loan,
	gl_balance,
	gl_debit_balance,
	loan_application,
	loan_product,
	make_user,
	repay,
	savings_account,
	transact,
)

BENDAHARA = "bendahara.akrual@koperasi.test"


def months_ago(n: int) -> date:
	"""The 10th of the month `n` months back: every instalment then falls due on a 10th."""
	first = getdate(today()).replace(day=1)
	return add_days(add_months(first, -n), 9)


class TestLoanInterestAccrual(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		cls.receivable = make_interest_receivable_account()
		cls.income = frappe.db.get_single_value("Cooperative Settings", "loan_interest_income_account")
		# flat 12% a year, 1.200.000 over 12 months: 100.000 principal + 12.000 interest each month
		cls.product = loan_product()

	def tearDown(self):
		frappe.set_user("Administrator")

	def loan(self, start: date):
		application = loan_application(active_member().name, self.product, application_date=start)
		approve(application.name)
		loan = draft_loan(application.name, posting_date=start)
		loan.submit()
		return loan

	def row(self, loan: str, instalment: int) -> frappe._dict:
		return frappe.get_all(
			"Member Loan Schedule",
			filters={"parent": loan, "instalment": instalment},
			fields=["due_date", "interest", "paid_interest", "accrued_interest"],
		)[0]

	def accrue(self, period: str, submit: bool = True):
		doc = frappe.get_doc({"doctype": "Loan Interest Accrual", "period": period}).insert()
		if submit:
			doc.submit()
		return doc

	def gl(self, voucher: str) -> dict[str, tuple]:
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit"],
		)
		totals: dict[str, list] = {}
		for r in rows:
			entry = totals.setdefault(r.account, [0, 0])
			entry[0] += flt(r.debit)
			entry[1] += flt(r.credit)
		return {account: tuple(v) for account, v in totals.items()}

	def accrued_in(self, period: str) -> float:
		"""Interest accrued on every instalment of the company's loans due in `period`."""
		start = getdate(f"{period}-01")
		rows = frappe.get_all(
			"Member Loan Schedule",
			filters={"due_date": ["between", [start, period_end(period)]], "parenttype": "Member Loan"},
			fields=["accrued_interest"],
		)
		return sum(flt(r.accrued_interest) for r in rows)

	def test_accrues_the_months_interest_once_and_cancel_takes_it_back(self):
		start = months_ago(3)
		accruing = self.loan(start)
		non_accrual = self.loan(start)
		frappe.db.set_value(
			"Member Loan", non_accrual.name, {"non_accrual": 1, "kolektibilitas": "Kurang Lancar"}
		)
		prepaid = self.loan(start)
		repay(prepaid.name, 112000, posting_date=start)  # the first instalment, before it falls due
		period = period_key(getdate(self.row(accruing.name, 1).due_date))

		frappe.set_user(BENDAHARA)
		accrual = self.accrue(period)
		frappe.set_user("Administrator")

		self.assertEqual(getdate(accrual.posting_date), period_end(period))
		self.assertEqual(self.row(accruing.name, 1).accrued_interest, 12000)
		self.assertEqual(self.row(accruing.name, 2).accrued_interest, 0)  # falls due next month
		self.assertEqual(self.row(non_accrual.name, 1).accrued_interest, 0)  # Kurang Lancar: cash basis
		self.assertEqual(self.row(prepaid.name, 1).accrued_interest, 0)  # already income when paid
		self.assertGreaterEqual(accrual.non_accrual_count, 1)
		total = self.accrued_in(period)
		self.assertGreaterEqual(total, 12000)
		self.assertEqual(accrual.total_accrued, total)
		self.assertEqual(
			self.gl(accrual.name), {self.receivable: (total, 0), self.income: (0, total)}
		)  # the test product posts to the default income account

		with self.assertRaises(AlreadyPostedError):
			self.accrue(period)
		self.assertIsNone(run_monthly_accrual(add_months(period_end(period), 1)))  # already posted

		accrual.cancel()
		self.assertEqual(self.row(accruing.name, 1).accrued_interest, 0)
		self.assertEqual(self.gl(accrual.name), {})
		again = self.accrue(period)  # a cancelled month can be accrued again
		self.assertEqual(self.row(accruing.name, 1).accrued_interest, 12000)
		again.cancel()

	def test_refuses_a_bad_period_or_posting_date(self):
		with self.assertRaises(PeriodError):
			self.accrue("2026-13", submit=False)
		period = period_key(getdate(months_ago(2)))
		with self.assertRaises(PostingDateError):
			frappe.get_doc(
				{
					"doctype": "Loan Interest Accrual",
					"period": period,
					"posting_date": add_days(period_end(period), -1),
				}
			).insert()

	def test_repayment_settles_the_receivable_then_income_and_cancel_reverses(self):
		start = months_ago(6)
		loan = self.loan(start)
		first_period = period_key(getdate(self.row(loan.name, 1).due_date))
		second_period = period_key(getdate(self.row(loan.name, 2).due_date))
		receivable_before = gl_debit_balance(self.receivable)
		accrual = self.accrue(first_period)
		self.assertEqual(self.row(loan.name, 1).accrued_interest, 12000)

		self.assertEqual(accrued_interest_open(loan.name), 12000)
		# instalment 1 (accrued): its interest settles the receivable
		first = repay(loan.name, 112000)
		self.assertEqual(accrued_interest_open(loan.name), 0)
		self.assertEqual(
			(
				first.interest_receivable_amount,
				first.interest_income_amount,
				first.allocation[0].interest_receivable,
			),
			(12000, 0, 12000),
		)
		self.assertEqual(self.gl(first.name)[self.receivable], (0, 12000))
		self.assertNotIn(self.income, self.gl(first.name))
		self.assertEqual(gl_debit_balance(self.receivable) - receivable_before, accrual.total_accrued - 12000)

		# part of instalment 2's interest paid before its month is accrued: income when paid
		early = repay(loan.name, 5000)
		self.assertEqual((early.interest_receivable_amount, early.interest_income_amount), (0, 5000))
		second = self.accrue(second_period)
		self.assertEqual(self.row(loan.name, 2).accrued_interest, 7000)  # only what was still unpaid
		with self.assertRaises(CannotCancelError):  # the accrual counted the 5.000 as paid
			early.cancel()
		rest = repay(loan.name, 7000)
		self.assertEqual((rest.interest_receivable_amount, rest.interest_income_amount), (7000, 0))

		# an accrual whose receivable was settled cannot be cancelled before those repayments
		with self.assertRaises(CannotCancelError):
			accrual.cancel()
		first.cancel()
		self.assertEqual(
			gl_debit_balance(self.receivable) - receivable_before,
			accrual.total_accrued + second.total_accrued - 7000,
		)
		accrual.reload()  # the refused cancel left the document in memory changed
		accrual.cancel()
		self.assertEqual(self.row(loan.name, 1).accrued_interest, 0)
		rest.cancel()
		second.cancel()
		early.reload()
		early.cancel()
		self.assertEqual(gl_debit_balance(self.receivable), receivable_before)
		self.assertEqual(
			frappe.db.get_value("Member Loan", loan.name, ["outstanding_principal", "outstanding_interest"]),
			(1200000, 144000),
		)

	def test_non_accrual_loan_interest_is_income_when_paid(self):
		start = months_ago(9)
		loan = self.loan(start)
		frappe.db.set_value("Member Loan", loan.name, {"non_accrual": 1, "kolektibilitas": "Macet"})
		period = period_key(getdate(self.row(loan.name, 1).due_date))
		accrual = self.accrue(period, submit=False)
		self.assertEqual(self.row(loan.name, 1).accrued_interest, 0)
		if accrual.total_accrued:
			accrual.submit()
		self.assertEqual(self.row(loan.name, 1).accrued_interest, 0)
		repayment = repay(loan.name, 112000)
		self.assertEqual((repayment.interest_receivable_amount, repayment.interest_income_amount), (0, 12000))
		self.assertEqual(self.gl(repayment.name)[self.income], (0, 12000))
		self.assertNotIn(self.receivable, self.gl(repayment.name))

	def test_kasir_cannot_run_the_accrual(self):
		kasir = make_user("kasir.akrual@koperasi.test", "Kasir", "Accounts User")
		frappe.set_user(kasir)
		with self.assertRaises(frappe.PermissionError):
			self.accrue(period_key(getdate(months_ago(11))), submit=False)

	def test_exit_settlement_closes_the_accrued_interest_receivable(self):
		start = months_ago(4)
		member = active_member()
		transact(savings_account(member.name, SUKARELA), 2000000)
		application = loan_application(member.name, self.product, application_date=start)
		approve(application.name)
		loan = draft_loan(application.name, posting_date=start)
		loan.submit()
		period = period_key(getdate(self.row(loan.name, 1).due_date))
		receivable_before = gl_debit_balance(self.receivable)
		accrual = self.accrue(period)
		self.assertEqual(self.row(loan.name, 1).accrued_interest, 12000)
		doc = frappe.get_doc(
			{
				"doctype": "Member Exit Settlement",
				"member": member.name,
				"exit_status": "Keluar",
				"exit_reason": "Pindah domisili",
				"cash_account": cash_account(),
			}
		).insert()
		doc.submit()
		self.assertEqual(frappe.db.get_value("Member Loan", loan.name, "status"), "Lunas")
		self.assertEqual(gl_balance(self.receivable, voucher_no=doc.name), 12000)  # credited: closed
		self.assertEqual(gl_debit_balance(self.receivable) - receivable_before, accrual.total_accrued - 12000)
