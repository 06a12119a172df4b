# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""insert_rows / insert_docs with ignore_duplicates: a duplicate key is ignored, a data error is not."""

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import WAJIB, active_member, company, savings_account
from koperasi_merah_putih.utils.db import insert_docs


class TestInsertIgnoringDuplicates(FrappeTestCase):
	def setUp(self):
		member = active_member()
		self.account = savings_account(member.name, WAJIB)
		self.member = member.name

	def bill(self, period: str, **overrides) -> dict:
		return {
			"name": f"{self.account}-{period}",
			"savings_account": self.account,
			"member": self.member,
			"product": WAJIB,
			"company": company(),
			"period": period,
			"due_date": f"{period}-28",
			"amount": 50000,
			"paid_amount": 0,
			"outstanding_amount": 50000,
			"status": "Belum Bayar",
			**overrides,
		}

	def test_duplicate_key_is_left_alone(self):
		insert_docs("Savings Bill", [self.bill("2001-01")], ignore_duplicates=True)
		insert_docs(
			"Savings Bill",
			[self.bill("2001-01", amount=99999, outstanding_amount=99999), self.bill("2001-02")],
			ignore_duplicates=True,
		)
		self.assertEqual(
			frappe.get_all(
				"Savings Bill",
				filters={"savings_account": self.account, "period": ["in", ["2001-01", "2001-02"]]},
				fields=["period", "amount"],
				order_by="period",
			),
			[{"period": "2001-01", "amount": 50000}, {"period": "2001-02", "amount": 50000}],
		)

	def test_data_errors_still_raise(self):
		"""INSERT IGNORE turned these into warnings: a truncated period, an amount of 0."""
		too_long = self.bill("2001-03", status="x" * 200)
		not_a_number = self.bill("2001-04", amount="lima puluh ribu")
		for row in (too_long, not_a_number):
			with self.assertRaises(frappe.db.DataError):
				insert_docs("Savings Bill", [row], ignore_duplicates=True)
		self.assertFalse(
			frappe.db.exists("Savings Bill", {"name": ["in", [too_long["name"], not_a_number["name"]]]})
		)
