# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, today

from koperasi_merah_putih.simpanan.common import PARTY_TYPE, TYPE_ACCOUNT_FIELD
from koperasi_merah_putih.simpanan.report.savings_reconciliation.savings_reconciliation import execute
from koperasi_merah_putih.tests.utils import active_member, cash_account, company, savings_account, transact


def make_product(savings_type: str, account: str | None = None, **fields):
	"""A savings product on a GL account of its own (or `account`), so the test's figures stand alone."""
	if not account:
		template = frappe.db.get_single_value("Cooperative Settings", TYPE_ACCOUNT_FIELD[savings_type])
		account = (
			frappe.get_doc(
				{
					"doctype": "Account",
					"account_name": f"Uji {savings_type} {frappe.generate_hash(length=6)}",
					"parent_account": frappe.db.get_value("Account", template, "parent_account"),
					"company": company(),
					"is_group": 0,
				}
			)
			.insert()
			.name
		)
	return frappe.get_doc(
		{
			"doctype": "Savings Product",
			"product_name": f"Uji {savings_type} {frappe.generate_hash(length=6)}",
			"savings_type": savings_type,
			"company": company(),
			"account": account,
			"is_active": 1,
			"auto_open": 0,
			**fields,
		}
	).insert()


def journal_entry(account: str, debit: float = 0, credit: float = 0, member: str | None = None):
	"""A Journal Entry straight on a savings GL account, against cash: what the report must catch."""
	party = {"party_type": PARTY_TYPE, "party": member} if member else {}
	cost_center = frappe.get_cached_value("Company", company(), "cost_center")
	je = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": company(),
			"posting_date": today(),
			"user_remark": "Koreksi manual",
			"accounts": [
				{
					"account": account,
					"debit_in_account_currency": debit,
					"credit_in_account_currency": credit,
					"cost_center": cost_center,
					**party,
				},
				{
					"account": cash_account(),
					"debit_in_account_currency": credit,
					"credit_in_account_currency": debit,
					"cost_center": cost_center,
				},
			],
		}
	)
	je.insert()
	je.submit()
	return je


class TestSavingsReconciliation(FrappeTestCase):
	def run_report(self, **filters):
		return execute({"company": company(), "as_of_date": today(), **filters})

	def account_row(self, account, **filters):
		_columns, data, *_rest = self.run_report(**filters)
		rows = [r for r in data if r.account == account]
		self.assertEqual(len(rows), 1, data)
		return rows[0]

	def test_deposit_reconciles_and_journal_entry_shows_as_difference(self):
		product = make_product("Sukarela")
		member = active_member()
		account = savings_account(member.name, product.name)
		transact(account, 250000, posting_date=add_days(today(), -1))

		row = self.account_row(product.account)
		self.assertEqual((row.products, row.savings_type, row.account_count), (product.name, "Sukarela", 1))
		self.assertEqual((row.subledger_balance, row.gl_balance, row.difference), (250000, 250000, 0))
		self.assertEqual((row.flag, row.mismatch), ("Matched", 0))
		before = self.account_row(product.account, as_of_date=add_days(today(), -2))
		self.assertEqual((before.subledger_balance, before.gl_balance, before.difference), (0, 0, 0))

		# Members' view: a matched member shows only with "include matched".
		_c, data, *_r = self.run_report(show_members=1)
		self.assertFalse([r for r in data if r.account == product.account])
		_c, data, *_r = self.run_report(show_members=1, show_all=1)
		(mine,) = [r for r in data if r.account == product.account]
		self.assertEqual((mine.member, mine.member_name), (member.name, member.full_name))
		self.assertEqual((mine.subledger_balance, mine.gl_balance, mine.difference), (250000, 250000, 0))

		# A Journal Entry straight on the savings account (with the member as party) is not in the subledger.
		journal_entry(product.account, debit=20000, member=member.name)
		row = self.account_row(product.account)
		self.assertEqual((row.subledger_balance, row.gl_balance, row.difference), (250000, 230000, -20000))
		self.assertEqual((row.flag, row.mismatch), ("Difference", 1))
		_c, data, message, _chart, summary = self.run_report()
		self.assertIn("Show Members", message)
		totals = {s["label"]: s for s in summary}
		self.assertEqual(totals["Total Difference"]["indicator"], "Red")
		self.assertEqual(totals["Total Subledger"]["value"], flt(sum(r.subledger_balance for r in data), 2))
		self.assertEqual(totals["Total GL"]["value"], flt(sum(r.gl_balance for r in data), 2))
		self.assertEqual(
			totals["Total Difference"]["value"],
			flt(totals["Total GL"]["value"] - totals["Total Subledger"]["value"], 2),
		)

		# ... and one without a party shows on a row of its own in the members' view.
		journal_entry(product.account, credit=5000)
		_c, data, _m, _ch, summary = self.run_report(show_members=1)
		rows = {r.member: r for r in data if r.account == product.account}
		self.assertEqual(set(rows), {member.name, None})
		self.assertEqual((rows[member.name].gl_balance, rows[member.name].difference), (230000, -20000))
		self.assertEqual(
			(rows[None].subledger_balance, rows[None].gl_balance, rows[None].difference), (0, 5000, 5000)
		)
		self.assertEqual(rows[None].member_name, "(no member as party)")
		self.assertGreaterEqual({s["label"]: s["value"] for s in summary}["Members with a difference"], 2)
		row = self.account_row(product.account)
		self.assertEqual((row.gl_balance, row.difference), (235000, -15000))

	def test_products_sharing_a_gl_account_are_reconciled_together(self):
		first = make_product("Sukarela")
		second = make_product("Sukarela", account=first.account)
		member = active_member()
		transact(savings_account(member.name, first.name), 100000)
		transact(savings_account(member.name, second.name), 40000)
		other = active_member()
		withdrawn = savings_account(other.name, second.name)
		transact(withdrawn, 60000)
		transact(withdrawn, 10000, "Penarikan")

		row = self.account_row(first.account)
		self.assertEqual(row.products, ", ".join(sorted([first.name, second.name])))
		self.assertEqual(row.account_count, 3)
		self.assertEqual((row.subledger_balance, row.gl_balance, row.difference), (190000, 190000, 0))

		_c, data, *_r = self.run_report(show_members=1, show_all=1)
		by_member = {r.member: r.subledger_balance for r in data if r.account == first.account}
		self.assertEqual(by_member, {member.name: 140000, other.name: 50000})

	def test_company_is_required(self):
		with self.assertRaises(frappe.ValidationError):
			execute({"as_of_date": today()})
