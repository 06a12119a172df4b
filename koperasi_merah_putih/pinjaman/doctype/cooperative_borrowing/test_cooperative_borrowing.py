# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, today

from koperasi_merah_putih.exceptions import (
	AmountError,
	BorrowingError,
	CannotCancelError,
	PaymentTooLargeError,
)
from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts
from koperasi_merah_putih.tests.utils import cash_account, company, lender, make_user

BENDAHARA = "bendahara.pinjamanbank@koperasi.test"
PENGAWAS = "pengawas.pinjamanbank@koperasi.test"


def borrowing(submit: bool = True, **fields):
	bank = fields.pop("lender", None) or lender(f"Bank Himbara Uji {frappe.generate_hash(length=5)}")
	doc = frappe.get_doc(
		{
			"doctype": "Cooperative Borrowing",
			"lender": bank,
			"lender_type": "Bank Himbara",
			"purpose": "Modal gerai sembako dan apotek",
			"posting_date": add_days(today(), -70),
			"amount": 12000000,
			"interest_rate": 6,
			"interest_method": "Flat",
			"tenor_months": 12,
			"grace_months": 6,
			"grace_type": "Interest Only",
			"cash_account": cash_account(),
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def pay(name: str, amount, submit: bool = True):
	doc = frappe.get_doc(
		{
			"doctype": "Cooperative Borrowing Payment",
			"cooperative_borrowing": name,
			"amount": amount,
			"cash_account": cash_account(),
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def gl_rows(voucher: str) -> list[tuple]:
	return sorted(
		(r.account, r.debit, r.credit, r.party_type or None, r.party or None)
		for r in frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party_type", "party"],
		)
	)


def lender_balance(account: str, supplier: str) -> float:
	"""What the cooperative owes the lender on the payable account (credit - debit)."""
	rows = frappe.get_all(
		"GL Entry",
		filters={"account": account, "party_type": "Supplier", "party": supplier, "is_cancelled": 0},
		fields=["debit", "credit"],
	)
	return sum(flt(r.credit) - flt(r.debit) for r in rows)


class TestCooperativeBorrowing(FrappeTestCase):
	def setUp(self):
		make_user(BENDAHARA, "Bendahara", "Accounts User")
		make_user(PENGAWAS, "Pengawas")
		make_borrowing_accounts(company())
		settings = frappe.get_single("Cooperative Settings")
		self.payable = settings.borrowing_payable_account
		self.expense = settings.borrowing_interest_expense_account

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_drawdown_schedule_payments_and_close(self):
		bank = lender(f"Bank Himbara Uji {frappe.generate_hash(length=5)}")
		frappe.set_user(BENDAHARA)
		doc = borrowing(lender=bank)
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual(doc.status, "Aktif")
		self.assertFalse(doc.warnings)
		# 6 grace months of interest only (60.000), then 6 x (2.000.000 + 60.000)
		self.assertEqual([r.principal for r in doc.schedule], [0] * 6 + [2000000] * 6)
		self.assertEqual({r.interest for r in doc.schedule}, {60000})
		self.assertEqual((doc.total_interest, doc.outstanding_principal), (720000, 12000000))
		lender_name = doc.lender
		self.assertEqual(
			gl_rows(doc.name),
			sorted(
				[
					(cash_account(), 12000000, 0, None, None),
					(self.payable, 0, 12000000, "Supplier", lender_name),
				]
			),
		)

		frappe.set_user(BENDAHARA)
		first = pay(doc.name, 120000)  # two grace instalments: interest only
		second = pay(doc.name, 4 * 60000 + 2060000)  # the other four grace instalments and the 7th
		frappe.set_user("Administrator")
		self.assertEqual((first.interest_amount, first.principal_amount), (120000, 0))
		self.assertEqual(
			gl_rows(second.name),
			sorted(
				[
					(cash_account(), 0, 2300000, None, None),
					(self.payable, 2000000, 0, "Supplier", lender_name),
					(self.expense, 240000 + 60000, 0, None, None),
				]
			),
		)
		doc.reload()
		self.assertEqual((doc.outstanding_principal, doc.paid_interest), (10000000, 420000))
		self.assertEqual([flt(r.paid_principal) for r in doc.schedule][:8], [0] * 6 + [2000000, 0])
		self.assertEqual(lender_balance(self.payable, lender_name), 10000000)

		with self.assertRaises(PaymentTooLargeError):
			pay(doc.name, 5 * 2060000 + 1, submit=False)
		with self.assertRaises(CannotCancelError):
			doc.cancel()
		last = pay(doc.name, 5 * 2060000)
		doc.reload()
		self.assertEqual((doc.status, doc.outstanding_principal, str(doc.closed_on)), ("Lunas", 0, today()))
		with self.assertRaises(BorrowingError):
			pay(doc.name, 1000, submit=False)

		last.cancel()
		doc.reload()
		self.assertEqual((doc.status, doc.outstanding_principal), ("Aktif", 10000000))
		self.assertFalse(frappe.get_all("GL Entry", filters={"voucher_no": last.name, "is_cancelled": 0}))

	def test_terms_beyond_the_ceilings_warn_without_refusing(self):
		doc = borrowing(
			submit=False,
			amount=3500000000,
			interest_rate=8,
			tenor_months=84,
			grace_months=2,
			operating_amount=600000000,
		)
		self.assertEqual(len(doc.warnings.splitlines()), 5)
		doc.submit()
		self.assertEqual(frappe.db.get_value("Cooperative Borrowing", doc.name, "status"), "Aktif")

	def test_refusals(self):
		with self.assertRaises(AmountError):
			borrowing(submit=False, amount=0)
		with self.assertRaises(BorrowingError):
			borrowing(submit=False, operating_amount=13000000)
		with self.assertRaises(BorrowingError):
			borrowing(submit=False, tenor_months=6, grace_months=6)
		draft = borrowing(submit=False)
		with self.assertRaises(BorrowingError):  # not drawn down
			pay(draft.name, 1000, submit=False)

	def test_the_pengawas_reads_only(self):
		doc = borrowing()
		frappe.set_user(PENGAWAS)
		self.assertTrue(frappe.get_doc("Cooperative Borrowing", doc.name).has_permission("read"))
		with self.assertRaises(frappe.PermissionError):
			pay(doc.name, 1000, submit=False)
