# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The defects found on the demo site, replayed the way a client sends them (issue: server-owned state)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from koperasi_merah_putih.exceptions import (
	InsufficientBalanceError,
	UnbalancedVoucherError,
	WholeRupiahError,
)
from koperasi_merah_putih.simpanan.gl import check_balanced
from koperasi_merah_putih.simpanan.ledger import ledger_balance
from koperasi_merah_putih.simpanan.report.savings_reconciliation.savings_reconciliation import (
	execute as reconciliation,
)
from koperasi_merah_putih.tests.utils import (
	BERJANGKA,
	SUKARELA,
	active_member,
	balance,
	cash_account,
	company,
	gl_balance,
	make_user,
	savings_account,
	transact,
)
from koperasi_merah_putih.utils.printing import rupiah, terbilang

KASIR = "kasir.owned@koperasi.test"


def put(doctype: str, name: str, data: dict):
	"""What `PUT /api/resource/<doctype>/<name>` does with a JSON body."""
	doc = frappe.get_doc(doctype, name)
	doc.update(data)
	doc.save()
	return doc


class TestSavingsAccountServerOwned(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KASIR, "Kasir", "Accounts User")

	def tearDown(self):
		frappe.set_user("Administrator")

	def sukarela_gl(self) -> str:
		return frappe.db.get_value("Savings Product", SUKARELA, "account")

	def test_kasir_cannot_raise_a_balance_and_withdraw_it(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 100000)
		frappe.set_user(KASIR)
		put("Savings Account", account, {"balance": 4100000})
		self.assertEqual(balance(account), 100000)
		with self.assertRaises(InsufficientBalanceError):
			transact(account, 4000000, "Penarikan")
		frappe.set_user("Administrator")
		self.assertEqual(balance(account), 100000)
		self.assertEqual(ledger_balance(account), 100000)
		self.assertEqual(gl_balance(self.sukarela_gl(), party=member.name), 100000)
		rows = reconciliation({"company": company()})[1]
		self.assertTrue(all(flt(r.get("difference")) == 0 for r in rows), rows)

	def test_hold_status_owner_product_and_rate_stay_the_servers(self):
		member, other = active_member(), active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 300000)
		frappe.db.set_value("Savings Account", account, "held_amount", 200000)  # a loan's collateral
		deposit = savings_account(member.name, BERJANGKA)
		rate = frappe.db.get_value("Savings Account", deposit, "interest_rate")
		frappe.set_user(KASIR)
		for data in (
			{"held_amount": 0},
			{"status": "Ditutup"},
			{"member": other.name},
			{"product": BERJANGKA},
		):
			with self.subTest(data=data):
				try:
					put("Savings Account", account, data)
				except frappe.ValidationError:
					pass  # refused is as good as ignored
		frappe.client.set_value("Savings Account", deposit, "interest_rate", 24)
		frappe.set_user("Administrator")
		row = frappe.db.get_value(
			"Savings Account", account, ["held_amount", "status", "member", "product"], as_dict=True
		)
		self.assertEqual(
			(row.held_amount, row.status, row.member, row.product), (200000, "Aktif", member.name, SUKARELA)
		)
		self.assertEqual(frappe.db.get_value("Savings Account", deposit, "interest_rate"), rate)
		with self.assertRaises(InsufficientBalanceError):
			frappe.set_user(KASIR)
			transact(account, 150000, "Penarikan")  # 300.000 - 10.000 minimum - 200.000 held = 90.000

	def test_closed_account_is_not_reopened(self):
		account = savings_account(active_member().name, SUKARELA)
		frappe.db.set_value("Savings Account", account, "status", "Ditutup")
		frappe.set_user(KASIR)
		frappe.client.set_value("Savings Account", account, "status", "Aktif")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Savings Account", account, "status"), "Ditutup")

	def test_new_account_cannot_start_with_money(self):
		member = active_member()
		frappe.set_user(KASIR)
		doc = frappe.get_doc(
			{
				"doctype": "Savings Account",
				"member": member.name,
				"product": SUKARELA,
				"balance": 5000000,
				"held_amount": -100,
				"status": "Ditutup",
				"account": cash_account(),
			}
		).insert()
		frappe.set_user("Administrator")
		row = frappe.db.get_value(
			"Savings Account", doc.name, ["balance", "held_amount", "status", "account"], as_dict=True
		)
		self.assertEqual((row.balance, row.held_amount, row.status), (0, 0, "Aktif"))
		self.assertEqual(row.account, self.sukarela_gl())
		self.assertEqual(ledger_balance(doc.name), 0)

	def test_penalty_on_a_sukarela_withdrawal_comes_from_the_server(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 100000)
		cash_before = gl_balance(cash_account())
		frappe.set_user(KASIR)
		withdrawal = transact(account, 10000, "Penarikan", penalty_amount=-1000000)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Savings Transaction", withdrawal.name, "penalty_amount"), 0)
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": withdrawal.name, "is_cancelled": 0},
			fields=["account", "debit", "credit"],
		)
		self.assertEqual(len(rows), 2)  # savings debit, cash credit; no penalty row
		self.assertEqual(gl_balance(cash_account()) - cash_before, 10000)  # cash credited exactly 10.000
		self.assertEqual(balance(account), 90000)

	def test_fractions_of_a_rupiah_are_refused_and_nothing_is_written(self):
		account = savings_account(active_member().name, SUKARELA)
		frappe.set_user(KASIR)
		with self.assertRaises(WholeRupiahError):
			transact(account, 1500.5)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Savings Transaction", {"savings_account": account}))
		self.assertEqual(balance(account), 0)

	def test_a_voucher_posts_only_when_balanced_in_whole_rupiah(self):
		with self.assertRaises(UnbalancedVoucherError):
			check_balanced([frappe._dict(debit=1000, credit=0), frappe._dict(debit=0, credit=999)])
		with self.assertRaises(UnbalancedVoucherError):
			check_balanced([frappe._dict(debit=1000.5, credit=0), frappe._dict(debit=0, credit=1000.5)])
		check_balanced([frappe._dict(debit=1000, credit=0), frappe._dict(debit=0, credit=1000)])

	def test_print_helpers_round_half_up(self):
		self.assertEqual(rupiah(1500.5), "Rp1.501")
		self.assertEqual(terbilang(1500.5), terbilang(1501))
		self.assertEqual(rupiah(2500.5), "Rp2.501")  # Python's round() would give 2.500
