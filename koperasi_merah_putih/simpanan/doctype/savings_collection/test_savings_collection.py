# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_key
from koperasi_merah_putih.exceptions import CollectionRowsError
from koperasi_merah_putih.simpanan.billing import create_bills
from koperasi_merah_putih.tests.utils import (
	WAJIB,
	active_member,
	balance,
	cash_account,
	company,
	gl_balance,
	savings_account,
)

GL_FIELDS = [
	"account",
	"party_type",
	"party",
	"debit",
	"credit",
	"debit_in_account_currency",
	"credit_in_account_currency",
	"debit_in_transaction_currency",
	"credit_in_transaction_currency",
	"account_currency",
	"transaction_currency",
	"transaction_exchange_rate",
	"cost_center",
	"fiscal_year",
	"posting_date",
	"company",
	"voucher_type",
	"is_opening",
	"is_advance",
	"is_cancelled",
	"against",
	"docstatus",
	"remarks",
]


def collection(rows, posting_date=None, submit=True):
	doc = frappe.get_doc(
		{
			"doctype": "Savings Collection",
			"company": company(),
			"product": WAJIB,
			"posting_date": posting_date or today(),
			"cash_account": cash_account(),
			"collector": "Pak RT 03",
			"items": [{"member": m, "amount": a} for m, a in rows],
		}
	).insert()
	if submit:
		doc.submit()
	return doc


class TestSavingsCollection(FrappeTestCase):
	def setUp(self):
		self.period = period_key(getdate(today()))

	def test_billing_twice_creates_nothing_new(self):
		members = [active_member() for _ in range(3)]
		first, total = create_bills(WAJIB, self.period)
		self.assertGreaterEqual(first, 3)
		self.assertEqual(total, first * 50000)
		again, _total = create_bills(WAJIB, self.period)
		self.assertEqual(again, 0)
		for m in members:
			self.assertEqual(frappe.db.count("Savings Bill", {"member": m.name, "period": self.period}), 1)
		run = frappe.get_doc(
			{"doctype": "Savings Billing Run", "company": company(), "product": WAJIB, "period": self.period}
		)
		run.insert()
		run.submit()
		self.assertEqual(run.bills_created, 0)

	def test_collection_pays_arrears_oldest_first_then_in_advance(self):
		member = active_member(join_date=add_days(today(), -70))
		account = savings_account(member.name, WAJIB)
		previous = add_months(self.period, -1)
		create_bills(WAJIB, previous)
		create_bills(WAJIB, self.period)
		doc = collection([(member.name, 175000)])
		bills = {
			b.period: b
			for b in frappe.get_all(
				"Savings Bill",
				filters={"savings_account": account},
				fields=["period", "paid_amount", "outstanding_amount", "status"],
			)
		}
		self.assertEqual(bills[previous].status, "Lunas")
		self.assertEqual(bills[self.period].status, "Lunas")
		next_period = add_months(self.period, 1)
		next2 = add_months(self.period, 2)
		self.assertEqual((bills[next_period].paid_amount, bills[next_period].status), (50000, "Lunas"))
		self.assertEqual(
			(bills[next2].paid_amount, bills[next2].outstanding_amount, bills[next2].status),
			(25000, 25000, "Sebagian"),
		)
		doc.reload()
		self.assertEqual(doc.items[0].allocation, f"{previous}, {self.period}, {next_period}, {next2}")
		self.assertEqual(balance(account), 175000)
		# Next month's billing run finds the prepaid bill already there.
		create_bills(WAJIB, next_period)
		self.assertEqual(
			frappe.db.count("Savings Bill", {"savings_account": account, "period": next_period}), 1
		)
		self.assertEqual(
			frappe.db.get_value("Savings Bill", f"{account}-{next_period}", "paid_amount"), 50000
		)
		doc.cancel()
		self.assertEqual(balance(account), 0)
		self.assertFalse(frappe.db.exists("Savings Bill", f"{account}-{next_period}"))
		self.assertEqual(
			frappe.db.get_value("Savings Bill", f"{account}-{self.period}", "status"), "Belum Bayar"
		)

	def test_bad_rows_named(self):
		member = active_member()
		with self.assertRaises(CollectionRowsError):
			collection([(member.name, 50000), (member.name, 50000)])
		with self.assertRaises(CollectionRowsError) as ctx:
			collection([(member.name, 0)])
		self.assertIn(member.name, str(ctx.exception))  # the row's member is named

	def test_bulk_path_writes_what_erpnext_writes(self):
		"""The same collection through ERPNext's make_gl_entries and through the bulk path: same GL rows."""
		members = [active_member() for _ in range(4)]
		rows = [(m.name, 50000 * (i + 1)) for i, m in enumerate(members)]
		create_bills(WAJIB, self.period)
		standard = collection(rows)
		standard.cancel()
		with patch("koperasi_merah_putih.simpanan.gl.BULK_THRESHOLD", 1):
			bulk = collection(rows)

		def gl_rows(voucher):
			return sorted(
				tuple(str(r[f]) for f in GL_FIELDS)
				for r in frappe.get_all(
					"GL Entry", filters={"voucher_no": voucher, "is_cancelled": 0}, fields=GL_FIELDS
				)
			)

		standard_rows = sorted(
			tuple(str(r[f]) for f in GL_FIELDS)
			for r in frappe.get_all(
				"GL Entry",
				filters={
					"voucher_no": standard.name,
					"is_cancelled": 1,
					"remarks": ["not like", "On cancellation%"],
				},
				fields=GL_FIELDS,
			)
		)
		bulk_rows = gl_rows(bulk.name)
		self.assertEqual(len(bulk_rows), 5)
		# Identical apart from the cancellation flag of the standard voucher.
		self.assertEqual([r[:19] + r[20:] for r in bulk_rows], [r[:19] + r[20:] for r in standard_rows])
		names = frappe.get_all("GL Entry", filters={"voucher_no": bulk.name}, pluck="name")
		self.assertTrue(all(n.startswith("ACC-GLE-") for n in names))
		wajib_account = frappe.db.get_value("Savings Product", WAJIB, "account")
		for (member, amount), m in zip(rows, members):
			self.assertEqual(gl_balance(wajib_account, party=member), amount)
			self.assertEqual(balance(savings_account(m.name, WAJIB)), amount)
		with patch("koperasi_merah_putih.simpanan.gl.BULK_THRESHOLD", 1):
			bulk.cancel()
		for member, _amount in rows:
			self.assertEqual(gl_balance(wajib_account, party=member), 0)
		self.assertEqual(flt(frappe.db.count("GL Entry", {"voucher_no": bulk.name, "is_cancelled": 1})), 10)


class TestScheduledBilling(FrappeTestCase):
	def test_daily_job_bills_a_month_once(self):
		from koperasi_merah_putih.simpanan.doctype.savings_billing_run.savings_billing_run import (
			run_monthly_billing,
		)

		member = active_member()
		period = period_key(getdate(today()))
		first = run_monthly_billing()
		second = run_monthly_billing()
		self.assertEqual(second, [])
		self.assertLessEqual(len(first), 1)  # a run may already exist for this month from other tests
		self.assertEqual(frappe.db.count("Savings Bill", {"member": member.name, "period": period}), 1)
		self.assertEqual(
			frappe.db.count("Savings Billing Run", {"product": WAJIB, "period": period, "docstatus": 1}), 1
		)
