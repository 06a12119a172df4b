# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_first_day, get_last_day, today

from koperasi_merah_putih.calculators.money import round_rupiah
from koperasi_merah_putih.tests.utils import cash_account, company
from koperasi_merah_putih.unit_usaha.report.business_unit_comparison import business_unit_comparison as report
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, ensure_dimension

test_ignore = ["Accounting Dimension", "POS Profile", "Warehouse"]


def set_up_unit() -> frappe._dict:
	unit = frappe.get_doc(
		{
			"doctype": "Business Unit",
			"unit_name": f"Gerai Banding {frappe.generate_hash(length=6)}",
			"unit_type": "Gerai Sembako",
			"company": company(),
			"is_selling": 1,
		}
	).insert()
	unit.set_up_unit()
	return unit.reload()


def journal(unit: str | None, debit_account: str, credit_account: str, amount) -> None:
	dimension = dimension_fieldname()
	rows = [
		{"account": debit_account, "debit_in_account_currency": amount},
		{"account": credit_account, "credit_in_account_currency": amount},
	]
	cost_center = frappe.db.get_value("Business Unit", unit, "cost_center")
	for row in rows:
		row.update({dimension: unit, "cost_center": cost_center})
	frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": company(),
			"posting_date": today(),
			"accounts": rows,
		}
	).submit()


def gl_by_unit(root_type: str, sign: int) -> dict:
	"""Independent of the report: sum of (debit - credit) * sign of a root type's GL entries, per unit."""
	gle = frappe.qb.DocType("GL Entry")
	account = frappe.qb.DocType("Account")
	unit = gle[dimension_fieldname()]
	rows = (
		frappe.qb.from_(gle)
		.join(account)
		.on(account.name == gle.account)
		.select(unit, gle.debit, gle.credit)
		.where(gle.company == company())
		.where(gle.is_cancelled == 0)
		.where(gle.posting_date[get_first_day(today()) : get_last_day(today())])
		.where(account.root_type == root_type)
		.where(gle.voucher_type != "Period Closing Voucher")
	).run()
	sums = {}
	for name, debit, credit in rows:
		sums[name or None] = sums.get(name or None, 0) + (debit - credit) * sign
	return {name: round_rupiah(value) for name, value in sums.items()}


class TestBusinessUnitComparison(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_dimension()

	def run_report(self):
		filters = {
			"company": company(),
			"from_date": get_first_day(today()),
			"to_date": get_last_day(today()),
		}
		_columns, data, message, _chart = report.execute(filters)
		return {row["business_unit"]: row for row in data if not row.get("is_total")}, data[-1], message

	def test_units_and_total_agree_with_the_gl(self):
		shop, pharmacy = set_up_unit(), set_up_unit()
		journal(shop.name, cash_account(), shop.member_income_account, 1000000)
		journal(shop.name, cash_account(), shop.non_member_income_account, 250000)
		journal(shop.name, shop.expense_account, cash_account(), 300000)
		journal(pharmacy.name, pharmacy.expense_account, cash_account(), 50000)

		rows, total, message = self.run_report()

		self.assertEqual(
			{k: rows[shop.name][k] for k in ("income", "cogs", "expenses", "result")},
			{"income": 1250000, "cogs": 0, "expenses": 300000, "result": 950000},
		)
		self.assertEqual(str(rows[shop.name]["margin"]), "76.00")
		self.assertEqual((rows[pharmacy.name]["income"], rows[pharmacy.name]["result"]), (0, -50000))
		self.assertIsNone(rows[pharmacy.name]["margin"])  # no income, no margin

		income, expense = gl_by_unit("Income", -1), gl_by_unit("Expense", 1)
		self.assertEqual(total["income"], sum(income.values()))
		self.assertEqual(total["cogs"] + total["expenses"], sum(expense.values()))
		self.assertEqual(total["result"], sum(income.values()) - sum(expense.values()))
		self.assertEqual(total["income"], sum(row["income"] for row in rows.values()))
		self.assertIn("Profit and Loss Statement", message)

	def test_every_unit_of_the_company_is_listed(self):
		idle = set_up_unit()
		rows, _total, _message = self.run_report()
		self.assertEqual(rows[idle.name]["income"], 0)
		self.assertEqual(rows[idle.name]["result"], 0)
