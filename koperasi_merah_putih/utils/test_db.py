# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""insert_rows / insert_docs with ignore_duplicates: a duplicate key is ignored, a data error is not."""

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import WAJIB, active_member, company, savings_account
from koperasi_merah_putih.utils.db import insert_docs, update_rows


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


class TestUpdateRows(FrappeTestCase):
	def setUp(self):
		member = active_member()
		self.account = savings_account(member.name, WAJIB)
		self.member = member.name

	def test_each_row_gets_its_own_values_across_chunks(self):
		bills = [TestInsertIgnoringDuplicates.bill(self, f"2002-{month:02d}") for month in range(1, 6)]
		insert_docs("Savings Bill", bills)
		names = [b["name"] for b in bills]
		update_rows(
			"Savings Bill",
			["paid_amount", "status"],
			{name: [index * 1000, f"S{index}"] for index, name in enumerate(names[:4])},
			chunk=3,
		)
		update_rows("Savings Bill", ["paid_amount"], {names[0]: [7], names[1]: [8]}, add=("paid_amount",))
		got = {
			b.name: (b.paid_amount, b.status)
			for b in frappe.get_all(
				"Savings Bill", filters={"name": ["in", names]}, fields=["name", "paid_amount", "status"]
			)
		}
		self.assertEqual(got[names[0]], (7, "S0"))
		self.assertEqual(got[names[1]], (1008, "S1"))
		self.assertEqual(got[names[3]], (3000, "S3"))
		self.assertEqual(got[names[4]], (0, "Belum Bayar"))  # not named: untouched

	def test_unknown_column_is_refused(self):
		with self.assertRaises(ValueError):
			update_rows("Savings Bill", ["paid_amount`=0 --"], {"x": [1]})
