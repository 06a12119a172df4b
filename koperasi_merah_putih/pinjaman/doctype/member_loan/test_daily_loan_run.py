# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, today

from koperasi_merah_putih.calculators.loans import add_months_clamped, penalty
from koperasi_merah_putih.exceptions import SettingsError
from koperasi_merah_putih.pinjaman import loan_quality
from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	draft_loan,
	loan_application,
	loan_product,
	repay,
)

INSTALMENT = 112000  # 1,200,000 flat 12% over 12 months: 100,000 principal + 12,000 interest


def past_loan(product: str, days_ago: int) -> frappe._dict:
	"""A loan disbursed `days_ago` days before today."""
	start = add_days(today(), -days_ago)
	application = loan_application(active_member().name, product, 1200000, 12, application_date=start)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=start)
	loan.submit()
	return loan


def quality(loan: str) -> tuple:
	return tuple(frappe.db.get_value("Member Loan", loan, ["days_past_due", "kolektibilitas", "non_accrual"]))


def denda_by_instalment(loan: str) -> dict[int, float]:
	return {
		r.instalment: flt(r.denda)
		for r in frappe.get_all(
			"Member Loan Schedule", filters={"parent": loan}, fields=["instalment", "denda"]
		)
	}


class TestDailyLoanRun(FrappeTestCase):
	def setUp(self):
		self.product = loan_product(denda_mode="Percent per Day", denda_rate=0.1)

	def test_denda_accrues_and_class_moves_as_days_pass_and_a_payment_brings_it_back(self):
		loan = past_loan(self.product, 150)
		start = getdate(loan.posting_date)
		first_due = add_months_clamped(start, 1)
		self.assertEqual(quality(loan.name), (0, "Lancar", 0))

		day = add_days(first_due, 10)
		loan_quality.run_daily(day)
		self.assertEqual(quality(loan.name), (10, "Dalam Perhatian Khusus", 0))
		expected = penalty(INSTALMENT, 10, "percent_per_day", "0.1")
		self.assertEqual(expected, 1120)
		self.assertEqual(denda_by_instalment(loan.name)[1], expected)

		loan_quality.run_daily(day)  # the same day again adds nothing
		loan_quality.run_daily(add_days(day, -5))  # nor does an earlier day
		self.assertEqual(denda_by_instalment(loan.name)[1], expected)

		day = getdate(add_days(first_due, 100))
		loan_quality.run_daily(day)
		self.assertEqual(quality(loan.name), (100, "Kurang Lancar", 1))
		denda = denda_by_instalment(loan.name)
		for number in range(1, 13):
			due = add_months_clamped(start, number)
			late = (day - due).days
			want = penalty(INSTALMENT, late, "percent_per_day", "0.1") if late > 0 else 0
			self.assertEqual(denda[number], want, f"instalment {number}")
		self.assertGreater(denda[2], 0)

		# Paying every instalment due by today (with its denda) makes the loan current again.
		owed = sum(
			flt(r.principal) + flt(r.interest) + flt(r.denda)
			for r in frappe.get_all(
				"Member Loan Schedule",
				filters={"parent": loan.name, "due_date": ["<", today()]},
				fields=["principal", "interest", "denda"],
			)
		)
		repay(loan.name, owed)
		loan_quality.run_daily(today())
		self.assertEqual(quality(loan.name), (0, "Lancar", 0))
		self.assertEqual(denda_by_instalment(loan.name), denda)  # nothing accrues on paid instalments

	def test_macet_after_the_last_range_starts(self):
		loan = past_loan(self.product, 60)
		first_due = add_months_clamped(getdate(loan.posting_date), 1)
		loan_quality.run_daily(add_days(first_due, 271))
		self.assertEqual(quality(loan.name), (271, "Macet", 1))

	def test_one_failing_loan_is_skipped_alone_and_logged(self):
		good = past_loan(self.product, 60)
		bad = past_loan(self.product, 60)
		day = add_days(add_months_clamped(getdate(good.posting_date), 1), 20)
		original = loan_quality.loan_day

		def failing(loan, *args):
			result = original(loan, *args)  # computes its denda and class, then fails: none of it written
			if loan.name == bad.name:
				raise RuntimeError("simulated failure")
			return result

		with patch.object(loan_quality, "loan_day", failing):
			result = loan_quality.run_daily(day)
		self.assertIn(bad.name, result["failed"])
		self.assertNotIn(good.name, result["failed"])
		self.assertEqual(quality(good.name), (20, "Dalam Perhatian Khusus", 0))
		self.assertGreater(denda_by_instalment(good.name)[1], 0)
		self.assertEqual(quality(bad.name), (0, "Lancar", 0))
		self.assertEqual(denda_by_instalment(bad.name)[1], 0)
		self.assertIsNone(frappe.db.get_value("Member Loan", bad.name, "denda_accrued_to"))
		self.assertTrue(
			frappe.db.exists("Error Log", {"reference_doctype": "Member Loan", "reference_name": bad.name})
		)
		# The next run picks the failed loan up.
		loan_quality.run_daily(day)
		self.assertEqual(quality(bad.name), (20, "Dalam Perhatian Khusus", 0))

	def test_day_ranges_and_percents_come_from_settings_and_are_checked(self):
		ranges_default, percents_default = loan_quality.check_settings({})
		self.assertEqual(tuple(ranges_default), loan_quality.kol.DEFAULT_RANGES)
		self.assertEqual(percents_default, loan_quality.kol.DEFAULT_PPAP_PERCENTS)
		ranges, _ = loan_quality.check_settings({"dpk_from_days": 31, "kurang_lancar_from_days": 61})
		self.assertEqual(loan_quality.kol.classify(30, ranges), "Lancar")
		self.assertEqual(loan_quality.kol.classify(61, ranges), "Kurang Lancar")
		with self.assertRaises(SettingsError):
			loan_quality.check_settings({"dpk_from_days": 100, "kurang_lancar_from_days": 91})
		with self.assertRaises(SettingsError):
			loan_quality.check_settings({"macet_from_days": 150})
		# Settings saved before the fields existed hold 0: the defaults apply.
		zeros = {field: 0 for _name, field in loan_quality.CLASS_START_FIELDS + loan_quality.PPAP_FIELDS}
		self.assertEqual(loan_quality.check_settings(zeros), (ranges_default, percents_default))
		with self.assertRaises(SettingsError):
			loan_quality.check_settings({"ppap_macet_percent": 120})
