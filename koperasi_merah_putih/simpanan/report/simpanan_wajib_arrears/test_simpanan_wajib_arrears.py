# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_key
from koperasi_merah_putih.simpanan.billing import create_bills
from koperasi_merah_putih.simpanan.report.savings_reconciliation.test_savings_reconciliation import (
	make_product,
)
from koperasi_merah_putih.simpanan.report.simpanan_wajib_arrears.simpanan_wajib_arrears import execute
from koperasi_merah_putih.tests.utils import active_member, company, savings_account, transact


class TestSimpananWajibArrears(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.product = make_product("Wajib", amount=50000).name
		cls.first = add_months(period_key(getdate(today())), -2)
		cls.second = add_months(cls.first, 1)
		joined = add_days(today(), -100)
		cls.owes_all = active_member(join_date=joined, full_name="Ujang Permana")
		cls.owes_some = active_member(join_date=joined, full_name="Euis Komalasari", gender="Perempuan")
		cls.paid_up = active_member(join_date=joined, full_name="Asep Hidayat")
		accounts = {
			m.name: savings_account(m.name, cls.product) for m in (cls.owes_all, cls.owes_some, cls.paid_up)
		}
		create_bills(cls.product, cls.first)
		create_bills(cls.product, cls.second)
		# Payments go to the oldest bill first: 70,000 pays the first month and 20,000 of the second.
		transact(accounts[cls.owes_some.name], 70000)
		transact(accounts[cls.paid_up.name], 100000)

	def run_report(self, **filters):
		return execute({"company": company(), "product": self.product, **filters})

	def test_outstanding_per_member(self):
		columns, data, _message, chart, summary = self.run_report()
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"member",
				"member_name",
				"months_unpaid",
				"oldest_unpaid_period",
				"billed_amount",
				"paid_amount",
				"outstanding_amount",
			],
		)
		rows = {r.member: r for r in data}
		self.assertEqual(set(rows), {self.owes_all.name, self.owes_some.name})
		row = rows[self.owes_all.name]
		self.assertEqual(
			(row.member_name, row.months_unpaid, row.oldest_unpaid_period),
			("Ujang Permana", 2, self.first),
		)
		self.assertEqual((row.billed_amount, row.paid_amount, row.outstanding_amount), (100000, 0, 100000))
		row = rows[self.owes_some.name]
		self.assertEqual((row.months_unpaid, row.oldest_unpaid_period), (1, self.second))
		self.assertEqual((row.billed_amount, row.paid_amount, row.outstanding_amount), (100000, 70000, 30000))
		# Longest in arrears first.
		self.assertEqual([r.member for r in data], [self.owes_all.name, self.owes_some.name])

		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], [self.first, self.second])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [50000, 80000])
		totals = {s["label"]: s["value"] for s in summary}
		self.assertEqual(totals, {"Members in arrears": 2, "Total Outstanding": 130000})

	def test_outstanding_per_period(self):
		columns, data, *_rest = self.run_report(group_by="Period")
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["period", "bills", "billed_amount", "paid_amount", "outstanding_amount", "members_unpaid"],
		)
		rows = {r.period: r for r in data}
		self.assertEqual(set(rows), {self.first, self.second})
		first, second = rows[self.first], rows[self.second]
		self.assertEqual(
			(
				first.bills,
				first.billed_amount,
				first.paid_amount,
				first.outstanding_amount,
				first.members_unpaid,
			),
			(3, 150000, 100000, 50000, 1),
		)
		self.assertEqual(
			(
				second.bills,
				second.billed_amount,
				second.paid_amount,
				second.outstanding_amount,
				second.members_unpaid,
			),
			(3, 150000, 70000, 80000, 2),
		)

	def test_period_and_member_filters(self):
		_c, data, _m, chart, summary = self.run_report(from_period=self.second)
		rows = {r.member: r for r in data}
		self.assertEqual(
			(rows[self.owes_all.name].months_unpaid, rows[self.owes_all.name].outstanding_amount), (1, 50000)
		)
		self.assertEqual(chart["data"]["labels"], [self.second])

		_c, data, _m, _chart, summary = self.run_report(to_period=self.first, member=self.owes_some.name)
		self.assertEqual(data, [])
		self.assertEqual({s["label"]: s["value"] for s in summary}["Members in arrears"], 0)

		_c, data, *_r = self.run_report(group_by="Period", member=self.owes_some.name)
		self.assertEqual(
			[(r.period, r.outstanding_amount) for r in data], [(self.first, 0), (self.second, 30000)]
		)

	def test_period_must_be_year_and_month(self):
		for bad in ("2026-13", "2026/01", "Januari"):
			with self.subTest(period=bad), self.assertRaises(frappe.ValidationError) as ctx:
				self.run_report(from_period=bad)
			self.assertIn("YYYY-MM", str(ctx.exception))
		with self.assertRaises(frappe.ValidationError):
			self.run_report(from_period=self.second, to_period=self.first)
