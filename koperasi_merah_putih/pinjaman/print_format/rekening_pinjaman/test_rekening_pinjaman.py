# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The loan statement print format (Rekening Pinjaman) and the loans section of the member portal."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	draft_loan,
	loan_application,
	loan_product,
	repay,
)
from koperasi_merah_putih.utils.printing import terbilang


def portal_member(**overrides):
	return active_member(email=f"pinjaman.{frappe.generate_hash(length=8)}@koperasi.test", **overrides)


def loan_disbursed_on(member: str, product: str, posting_date):
	application = loan_application(member, product, application_date=posting_date)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=posting_date)
	loan.submit()
	return loan


class TestRekeningPinjaman(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.product = loan_product()
		cls.member = portal_member(full_name="Siti Rahmawati", gender="Perempuan")
		cls.other = portal_member(full_name="Dedi Kurniawan")
		cls.loan = loan_disbursed_on(cls.member.name, cls.product, add_days(today(), -40))
		cls.repayment = repay(cls.loan.name, 112000)  # instalment 1: interest 12,000 + principal 100,000
		cls.other_loan = loan_disbursed_on(cls.other.name, cls.product, add_days(today(), -1))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_print_format_shows_terms_schedule_and_repayments(self):
		html = frappe.get_print("Member Loan", self.loan.name, "Rekening Pinjaman")
		for text in (
			"Siti Rahmawati",
			self.loan.name,
			self.repayment.name,
			"Rp1.200.000",  # loan amount and total principal
			terbilang(1200000),
			"Rp112.000",  # an instalment, the repayment
			"Rp1.100.000",  # principal outstanding after the repayment
			"Rp1.232.000",  # still to pay: 1,344,000 - 112,000
		):
			self.assertIn(text, html)
		self.assertNotIn(self.other_loan.name, html)
		self.assertIn(frappe.db.get_single_value("Cooperative Settings", "cooperative_name"), html)

	def test_member_reads_the_statement_of_own_loan_only(self):
		frappe.set_user(self.member.user)
		self.assertIn(
			self.repayment.name, frappe.get_print("Member Loan", self.loan.name, "Rekening Pinjaman")
		)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_print("Member Loan", self.other_loan.name, "Rekening Pinjaman")

	def test_portal_shows_own_loans_schedule_and_repayments_only(self):
		from frappe.website.serve import get_response_content

		from koperasi_merah_putih.www.anggota import get_context

		frappe.set_user(self.member.user)
		context = get_context(frappe._dict())
		self.assertEqual([loan.name for loan in context.loans], [self.loan.name])
		(loan,) = context.loans
		self.assertEqual([r.name for r in loan.repayments], [self.repayment.name])
		self.assertEqual(len(loan.schedule), 12)
		self.assertEqual((loan.schedule[0].open_amount, loan.schedule[1].open_amount), (0, 112000))

		frappe.set_user(self.other.user)
		context = get_context(frappe._dict())
		self.assertEqual([loan.name for loan in context.loans], [self.other_loan.name])
		self.assertEqual(context.loans[0].repayments, [])

		frappe.set_user(self.member.user)
		had_request = hasattr(frappe.local, "request")
		previous = getattr(frappe.local, "request", None)
		frappe.utils.set_request(method="GET", path="/anggota")
		try:
			html = get_response_content("/anggota")
		finally:
			if had_request:
				frappe.local.request = previous
			else:
				del frappe.local.request
		for text in (self.loan.name, self.repayment.name, "Rp1.100.000", "Rp112.000"):
			self.assertIn(text, html)
		self.assertNotIn(self.other_loan.name, html)
