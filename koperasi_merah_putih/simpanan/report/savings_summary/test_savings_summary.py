# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.simpanan.report.savings_reconciliation.test_savings_reconciliation import (
	make_product,
)
from koperasi_merah_putih.simpanan.report.savings_summary.savings_summary import execute
from koperasi_merah_putih.tests.utils import active_member, company, savings_account, transact


class TestSavingsSummary(FrappeTestCase):
	def test_balances_and_empty_accounts_per_product_as_of_date(self):
		product = make_product("Sukarela").name
		rich, poor, empty = (active_member() for _ in range(3))
		transact(savings_account(rich.name, product), 300000, posting_date=add_days(today(), -3))
		poor_account = savings_account(poor.name, product)
		transact(poor_account, 50000, posting_date=add_days(today(), -1))
		transact(poor_account, 50000, "Penarikan")
		savings_account(empty.name, product)

		columns, data, _message, chart, summary = execute({"company": company(), "as_of_date": today()})
		self.assertEqual(
			[c["fieldname"] for c in columns],
			["product", "savings_type", "active_accounts", "balance", "zero_balance_members"],
		)
		row = next(r for r in data if r.product == product)
		self.assertEqual(
			(row.savings_type, row.active_accounts, row.balance, row.zero_balance_members),
			("Sukarela", 3, 300000, 2),
		)
		self.assertEqual(chart["type"], "pie")
		self.assertEqual(
			dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"]))[product], 300000
		)
		totals = {s["label"]: s["value"] for s in summary}
		self.assertEqual(totals["Total Savings"], sum(r.balance for r in data))

		_c, data, *_rest = execute({"company": company(), "as_of_date": add_days(today(), -1)})
		row = next(r for r in data if r.product == product)
		# The empty account was opened today; the others count from their first entry.
		self.assertEqual((row.active_accounts, row.balance, row.zero_balance_members), (2, 350000, 0))
