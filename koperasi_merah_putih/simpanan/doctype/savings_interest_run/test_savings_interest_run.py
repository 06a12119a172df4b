# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key, period_start
from koperasi_merah_putih.calculators.savings import monthly_interest
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	balance,
	company,
	savings_account,
	transact,
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
		with self.assertRaises(frappe.ValidationError) as ctx:
			again.insert()
		self.assertIn("already posted", str(ctx.exception))

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
