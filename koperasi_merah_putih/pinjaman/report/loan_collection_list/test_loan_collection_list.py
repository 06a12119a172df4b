# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, date_diff, getdate, today

from koperasi_merah_putih.pinjaman.report.loan_collection_list.loan_collection_list import execute
from koperasi_merah_putih.tests.utils import (
	active_member,
	approve,
	company,
	draft_loan,
	loan_application,
	loan_product,
	repay,
)


def loan_disbursed_on(member: str, product: str, posting_date):
	application = loan_application(member, product, application_date=posting_date)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=posting_date)
	loan.submit()
	return loan


class TestLoanCollectionList(FrappeTestCase):
	def test_due_and_overdue_instalments_per_rw(self):
		product = loan_product()
		start = add_days(today(), -70)  # two instalments fell due
		rw = f"9{frappe.generate_hash(length=2)}"
		first = active_member(rw=rw, rt="001", full_name="Asep Sunandar")
		second = active_member(rw=rw, rt="002", full_name="Bambang Wijaya")
		elsewhere = active_member(rw=f"8{frappe.generate_hash(length=2)}")
		loan = loan_disbursed_on(first.name, product, start)
		paid = loan_disbursed_on(second.name, product, start)
		loan_disbursed_on(elsewhere.name, product, start)
		repay(paid.name, 112000 * 2)  # both due instalments paid

		_c, data, _m, _ch, summary = execute(
			{"company": company(), "as_of_date": today(), "loan_product": product, "rw": rw}
		)
		rows = [r for r in data if not r.get("is_subtotal")]
		due_dates = [getdate(r.due_date) for r in loan.schedule[:2]]
		self.assertEqual(
			[(r.member, r.loan, r.instalment, getdate(r.due_date), r.total_due) for r in rows],
			[
				(first.name, loan.name, 1, due_dates[0], 112000),
				(first.name, loan.name, 2, due_dates[1], 112000),
			],
		)
		self.assertEqual(
			[(r.principal_due, r.interest_due, r.denda_due) for r in rows], [(100000, 12000, 0)] * 2
		)
		self.assertEqual(rows[0].days_overdue, date_diff(today(), due_dates[0]))
		(subtotal,) = [r for r in data if r.get("is_subtotal")]
		self.assertEqual((subtotal.rw, subtotal.total_due, subtotal.principal_due), (rw, 224000, 200000))
		totals = {s["label"]: s["value"] for s in summary}
		self.assertEqual((totals["Instalments Due"], totals["Members to Visit"]), (2, 1))
		self.assertEqual(totals["Total Due"], 224000)

		# Without the RW filter the other area has its own subtotal; before the first due date nothing is due.
		_c, data, *_r = execute({"company": company(), "as_of_date": today(), "loan_product": product})
		self.assertEqual(
			[(r.rw, r.total_due) for r in data if r.get("is_subtotal")],
			sorted([(rw, 224000), (elsewhere.rw, 224000)]),
		)
		_c, data, *_r = execute(
			{"company": company(), "as_of_date": add_days(due_dates[0], -1), "loan_product": product}
		)
		self.assertEqual(data, [])

	def test_company_is_required(self):
		with self.assertRaises(frappe.MandatoryError):
			execute({"as_of_date": today()})
