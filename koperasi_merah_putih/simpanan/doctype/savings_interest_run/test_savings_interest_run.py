# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key, period_start
from koperasi_merah_putih.calculators.savings import monthly_interest
from koperasi_merah_putih.exceptions import AlreadyPostedError, PeriodError
from koperasi_merah_putih.simpanan.doctype.savings_interest_run import savings_interest_run
from koperasi_merah_putih.simpanan.doctype.savings_interest_run.savings_interest_run import (
	SavingsInterestRun,
	run_monthly_interest,
)
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	balance,
	company,
	gl_balance,
	make_user,
	savings_account,
	savings_product,
	transact,
)

BENDAHARA = "bendahara.runs@koperasi.test"


def funded_product(amount: int = 10000000) -> tuple[str, str, str]:
	"""A new Sukarela product at 6% with one member's account funded from the start of last month."""
	product = savings_product("Sukarela", interest_rate=6)
	member = active_member()
	account = savings_account(member.name, product)
	transact(account, amount, posting_date=getdate(period_start(last_period())))
	return product, member.name, account


def last_period() -> str:
	return add_months(period_key(getdate(today())), -1)


def new_run(product: str, period: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Savings Interest Run",
			"product": product,
			"period": last_period() if period is None else period,
		}
	)


class TestSavingsInterestRun(FrappeTestCase):
	def test_interest_with_withholding_posted_to_gl(self):
		period = add_months(period_key(getdate(today())), -1)
		start, end = getdate(period_start(period)), getdate(period_end(period))
		days = (end - start).days + 1
		small = active_member()
		large = active_member()
		small_account = savings_account(small.name, SUKARELA)
		large_account = savings_account(large.name, SUKARELA)
		transact(small_account, 1000000, posting_date=start)
		transact(large_account, 200000000, posting_date=start)
		run = frappe.get_doc(
			{"doctype": "Savings Interest Run", "company": company(), "product": SUKARELA, "period": period}
		)
		run.insert()
		rows = {r.savings_account: r for r in run.items}
		small_interest = monthly_interest(1000000, 3, days)
		large_interest = monthly_interest(200000000, 3, days)
		self.assertEqual(rows[small_account].interest, small_interest)
		self.assertEqual(rows[small_account].tax, 0)  # below Rp240.000 a month
		self.assertGreater(large_interest, 240000)
		self.assertEqual(rows[large_account].tax, round(large_interest * 0.10))
		run.submit()
		self.assertEqual(balance(large_account), 200000000 + large_interest - rows[large_account].tax)
		tax_account = frappe.db.get_single_value("Cooperative Settings", "tax_payable_account")
		expense = frappe.db.get_single_value("Cooperative Settings", "savings_interest_expense_account")
		self.assertEqual(
			frappe.db.get_value("GL Entry", {"voucher_no": run.name, "account": tax_account}, "credit"),
			run.total_tax,
		)
		self.assertEqual(
			frappe.db.get_value("GL Entry", {"voucher_no": run.name, "account": expense}, "debit"),
			run.total_interest,
		)
		again = frappe.get_doc(
			{"doctype": "Savings Interest Run", "company": company(), "product": SUKARELA, "period": period}
		)
		with self.assertRaises(AlreadyPostedError):
			again.insert()

	def test_minimum_balance_basis(self):
		from frappe.utils import add_days

		product = frappe.get_doc(
			{
				"doctype": "Savings Product",
				"product_name": f"Sukarela Saldo Terendah {frappe.generate_hash(length=4)}",
				"savings_type": "Sukarela",
				"company": company(),
				"interest_rate": 6,
				"interest_basis": "Minimum Balance",
			}
		).insert()
		period = add_months(period_key(getdate(today())), -1)
		start, end = getdate(period_start(period)), getdate(period_end(period))
		member = active_member()
		account = savings_account(member.name, product.name)
		transact(account, 5000000, posting_date=start)
		transact(account, 4000000, "Penarikan", posting_date=add_days(start, 10))
		transact(account, 3000000, posting_date=add_days(start, 20))
		run = frappe.get_doc(
			{
				"doctype": "Savings Interest Run",
				"company": company(),
				"product": product.name,
				"period": period,
			}
		).insert()
		self.assertEqual(run.interest_basis, "Minimum Balance")
		row = next(r for r in run.items if r.savings_account == account)
		self.assertEqual(row.balance_basis, 1000000)
		self.assertEqual(row.interest, monthly_interest(1000000, 6, (end - start).days + 1))

	def test_period_must_be_a_month(self):
		for period in ("2026-13", "2026-3", "March", ""):
			with self.assertRaises(PeriodError):
				new_run(SUKARELA, period).insert()

	def test_run_key_while_submitted_and_amend_after_cancel(self):
		product, _member, account = funded_product()
		run = new_run(product).insert()
		self.assertIsNone(run.run_key)  # drafts hold no key
		run.submit()
		self.assertEqual(
			frappe.db.get_value("Savings Interest Run", run.name, "run_key"), f"{product}/{run.period}"
		)
		run.cancel()
		self.assertIsNone(frappe.db.get_value("Savings Interest Run", run.name, "run_key"))
		self.assertEqual(balance(account), 10000000)
		amended = frappe.copy_doc(run)
		amended.docstatus = 0
		amended.amended_from = run.name
		amended.insert()
		amended.submit()
		self.assertEqual(
			frappe.db.get_value("Savings Interest Run", amended.name, "run_key"), f"{product}/{run.period}"
		)
		self.assertEqual(balance(account), 10000000 + amended.total_net)

	def test_unique_key_refuses_a_second_run_past_the_check(self):
		"""What two simultaneous submissions meet (see test_concurrent_interest_run): the friendly check in
		validate passes, and the database refuses the second key before anything is posted."""
		product, member, _account = funded_product()
		first = new_run(product).insert()
		second = new_run(product).insert()
		first.submit()
		product_account = frappe.db.get_value("Savings Product", product, "account")
		with patch.object(savings_interest_run, "check_not_posted", lambda doc: None):
			frappe.db.savepoint("second_run")
			with self.assertRaises(AlreadyPostedError) as ctx:
				second.submit()
			frappe.db.rollback(save_point="second_run")  # as the request would roll back
		self.assertIn(first.name, str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Savings Interest Run", second.name, "docstatus"), 0)
		self.assertEqual(frappe.db.count("GL Entry", {"voucher_no": second.name}), 0)
		self.assertEqual(gl_balance(product_account, party=member), 10000000 + first.total_net)

	def test_daily_job_inserts_nothing_when_nothing_is_due(self):
		"""January 2001: no balances, no maturities. The old job inserted a run and deleted it again."""
		series = frappe.qb.DocType("Series")

		def counters():
			return dict(
				frappe.qb.from_(series)
				.select(series.name, series.current)
				.where(series.name.like("BNG-%"))
				.run()
			)

		before = counters()
		runs = frappe.db.count("Savings Interest Run")
		deleted = frappe.db.count("Deleted Document", {"deleted_doctype": "Savings Interest Run"})
		self.assertEqual(run_monthly_interest(on=date(2001, 2, 1)), [])
		self.assertEqual(counters(), before)
		self.assertEqual(frappe.db.count("Savings Interest Run"), runs)
		self.assertEqual(
			frappe.db.count("Deleted Document", {"deleted_doctype": "Savings Interest Run"}), deleted
		)

	def test_daily_job_one_failing_product_does_not_stop_the_others(self):
		make_user(BENDAHARA, "Bendahara")
		good, _good_member, good_account = funded_product()
		bad, bad_member, bad_account = funded_product()
		period = last_period()
		set_matured = SavingsInterestRun.set_matured

		def fail_for_bad(doc, value):
			# after the GL and ledger rows are written: the savepoint must take them back
			if doc.product == bad:
				raise RuntimeError("simulated failure")
			return set_matured(doc, value)

		with patch.object(SavingsInterestRun, "set_matured", fail_for_bad):
			posted = run_monthly_interest()
		good_run = frappe.db.get_value(
			"Savings Interest Run", {"product": good, "period": period, "docstatus": 1}
		)
		self.assertIn(good_run, posted)
		self.assertGreater(balance(good_account), 10000000)
		self.assertFalse(frappe.db.exists("Savings Interest Run", {"product": bad}))
		self.assertEqual(balance(bad_account), 10000000)
		bad_account_gl = frappe.db.get_value("Savings Product", bad, "account")
		self.assertEqual(gl_balance(bad_account_gl, party=bad_member), 10000000)
		self.assertEqual(frappe.db.count("Savings Ledger Entry", {"savings_account": bad_account}), 1)
		error = frappe.get_last_doc(
			"Error Log", filters={"reference_doctype": "Savings Product", "reference_name": bad}
		)
		self.assertIn(period, error.method)
		self.assertIn("simulated failure", error.error)
		notification = frappe.get_last_doc(
			"Notification Log", filters={"for_user": BENDAHARA, "document_name": bad}
		)
		self.assertIn(error.name, notification.subject)
		self.assertIn(period, notification.subject)
