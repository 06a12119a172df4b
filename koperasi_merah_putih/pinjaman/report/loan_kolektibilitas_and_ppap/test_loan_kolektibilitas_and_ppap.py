# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.calculators.loans import add_months_clamped
from koperasi_merah_putih.pinjaman import loan_quality
from koperasi_merah_putih.pinjaman.dashboard import get_npl_ratio
from koperasi_merah_putih.pinjaman.report.loan_kolektibilitas_and_ppap.loan_kolektibilitas_and_ppap import (
	execute,
)
from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	company,
	draft_loan,
	loan_application,
	loan_product,
	make_user,
	repay,
)

PERCENTS = {
	"ppap_lancar_percent": 1,
	"ppap_dpk_percent": 10,
	"ppap_kurang_lancar_percent": 50,
	"ppap_diragukan_percent": 75,
	"ppap_macet_percent": 100,
}


def loan_disbursed_days_ago(product: str, days: int, amount=1200000, tenor: int = 12):
	start = add_days(today(), -days)
	application = loan_application(active_member().name, product, amount, tenor, application_date=start)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=start)
	loan.submit()
	return loan


def days_late(loan) -> int:
	"""Days past due today of a loan that has paid nothing: since its first instalment fell due."""
	return (getdate(today()) - add_months_clamped(getdate(loan.posting_date), 1)).days


class TestLoanKolektibilitasAndPPAP(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for fieldname, value in PERCENTS.items():
			frappe.db.set_single_value("Cooperative Settings", fieldname, value)
		for fieldname, _class in loan_quality.CLASS_START_FIELDS:
			frappe.db.set_single_value("Cooperative Settings", fieldname, 0)  # the default day ranges
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		cls.product = loan_product()
		# One loan in each class as of today (first instalment due a month after disbursement, nothing
		# paid): Lancar (not yet due), DPK (~30 days), Kurang Lancar (~120), Diragukan (~210), Macet (~300).
		cls.lancar = loan_disbursed_days_ago(cls.product, 10)
		cls.dpk = loan_disbursed_days_ago(cls.product, 60)
		cls.kurang_lancar = loan_disbursed_days_ago(cls.product, 150)
		cls.diragukan = loan_disbursed_days_ago(cls.product, 240, amount=2400000, tenor=24)
		cls.macet = loan_disbursed_days_ago(cls.product, 330)
		cls.paid_off = loan_disbursed_days_ago(cls.product, 1)
		repay(cls.paid_off.name, 1344000)  # 1,200,000 + 12 x 12,000 flat interest: Lunas
		cls.other_product_loan = loan_disbursed_days_ago(loan_product(), 60)
		loan_quality.run_daily(today())

	def run_report(self, **filters):
		return execute({"company": company(), "loan_product": self.product, **filters})

	def test_loans_classified_by_the_daily_run_with_allowance_and_npl(self):
		_columns, data, message, chart, summary = self.run_report()
		loans = {r.loan: r for r in data if not r.get("is_class_total")}
		self.assertEqual(
			set(loans),
			{self.lancar.name, self.dpk.name, self.kurang_lancar.name, self.diragukan.name, self.macet.name},
		)  # not the paid-off loan, nor the other product's
		expected = {
			self.lancar.name: ("Lancar", 0, 1200000, 1, 12000),
			self.dpk.name: ("Dalam Perhatian Khusus", days_late(self.dpk), 1200000, 10, 120000),
			self.kurang_lancar.name: ("Kurang Lancar", days_late(self.kurang_lancar), 1200000, 50, 600000),
			self.diragukan.name: ("Diragukan", days_late(self.diragukan), 2400000, 75, 1800000),
			self.macet.name: ("Macet", days_late(self.macet), 1200000, 100, 1200000),
		}
		for name, (grade, dpd, outstanding, percent, allowance) in expected.items():
			row = loans[name]
			self.assertEqual(
				(row.kolektibilitas, row.days_past_due, row.outstanding_principal),
				(grade, dpd, outstanding),
				name,
			)
			self.assertEqual((row.ppap_percent, row.allowance), (percent, allowance), name)
			self.assertEqual(row.non_accrual, int(grade in ("Kurang Lancar", "Diragukan", "Macet")))
			self.assertEqual(getdate(row.classified_on), getdate(today()))
		self.assertIsNone(message)  # every loan classified today

		# Worst class first; each class closed by its total row.
		order = [(r.kolektibilitas, bool(r.get("is_class_total"))) for r in data]
		self.assertEqual(
			order,
			[
				("Macet", False),
				("Macet", True),
				("Diragukan", False),
				("Diragukan", True),
				("Kurang Lancar", False),
				("Kurang Lancar", True),
				("Dalam Perhatian Khusus", False),
				("Dalam Perhatian Khusus", True),
				("Lancar", False),
				("Lancar", True),
			],
		)
		totals = {r.kolektibilitas: r for r in data if r.get("is_class_total")}
		self.assertEqual(
			(totals["Diragukan"].loan_count, totals["Diragukan"].outstanding_principal), (1, 2400000)
		)
		self.assertEqual(totals["Diragukan"].allowance, 1800000)

		figures = {s["label"]: s["value"] for s in summary}
		self.assertEqual(figures["Loans"], 5)
		self.assertEqual(figures["Principal Outstanding"], 7200000)
		self.assertEqual(figures["Required Allowance (PPAP)"], 12000 + 120000 + 600000 + 1800000 + 1200000)
		self.assertEqual(figures["Non-Performing Loans"], 4800000)
		self.assertEqual(figures["NPL Ratio"], 66.67)  # 4.8 of 7.2 million

		self.assertEqual(
			chart["data"]["datasets"][0]["values"], [1200000, 1200000, 1200000, 2400000, 1200000]
		)
		self.assertEqual(chart["data"]["datasets"][1]["values"], [12000, 120000, 600000, 1800000, 1200000])

	def test_paying_the_arrears_moves_the_loan_back_to_lancar(self):
		product = loan_product()
		current = loan_disbursed_days_ago(product, 10)
		late = loan_disbursed_days_ago(product, 60)
		loan_quality.run_daily(today())
		_c, data, _m, _ch, summary = execute({"company": company(), "loan_product": product})
		self.assertEqual({s["label"]: s["value"] for s in summary}["NPL Ratio"], 0)  # DPK is not NPL
		self.assertEqual(
			{r.loan: r.kolektibilitas for r in data if r.get("loan")}[late.name], "Dalam Perhatian Khusus"
		)
		owed = sum(
			r.principal + r.interest + r.denda
			for r in frappe.get_all(
				"Member Loan Schedule",
				filters={"parent": late.name, "due_date": ["<", today()]},
				fields=["principal", "interest", "denda"],
			)
		)
		repay(late.name, owed)
		loan_quality.run_daily(today())
		_c, data, _m, _ch, summary = execute(
			{"company": company(), "loan_product": product, "kolektibilitas": "Lancar"}
		)
		self.assertEqual({r.loan for r in data if r.get("loan")}, {current.name, late.name})
		self.assertEqual(
			(data[-1].is_class_total, data[-1].loan_count, data[-1].outstanding_principal),
			(1, 2, 1200000 + frappe.db.get_value("Member Loan", late.name, "outstanding_principal")),
		)
		self.assertEqual({s["label"]: s["value"] for s in summary}["Loans"], 2)

	def test_a_loan_the_daily_run_has_not_seen_today_is_flagged(self):
		product = loan_product()
		loan_disbursed_days_ago(product, 40)
		loan_quality.run_daily(today())
		_c, _data, message, _ch, _s = execute({"company": company(), "loan_product": product})
		self.assertIsNone(message)
		loan_disbursed_days_ago(product, 3)  # disbursed after today's run
		_c, _data, message, _ch, _s = execute({"company": company(), "loan_product": product})
		self.assertTrue(message.startswith("1 of these loans"))

	def test_npl_number_card_and_its_permission(self):
		result = get_npl_ratio()
		self.assertEqual(result["fieldtype"], "Percent")
		outstanding = {
			name: entry["outstanding"] for name, entry in loan_quality.portfolio_by_class(company()).items()
		}
		bad = sum(outstanding[n] for n in ("Kurang Lancar", "Diragukan", "Macet"))
		self.assertGreaterEqual(bad, 4800000)  # at least this test's loans
		self.assertAlmostEqual(result["value"], round(bad * 100 / sum(outstanding.values()), 2))
		user = make_user("anggota-npl@example.com", "Anggota", user_type="Website User")
		pengawas = make_user("pengawas-npl@example.com", "Pengawas")
		try:
			frappe.set_user(pengawas)
			self.assertEqual(get_npl_ratio()["value"], result["value"])
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				get_npl_ratio()
		finally:
			frappe.set_user("Administrator")

	def test_filters_are_checked(self):
		with self.assertRaises(frappe.MandatoryError):
			execute({})
		with self.assertRaises(frappe.ValidationError):
			execute({"company": company(), "kolektibilitas": "Bagus"})
