# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The savings statement (koperasi_merah_putih.simpanan.statement) and its print format."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.simpanan.statement import get_statement
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	WAJIB,
	active_member,
	balance,
	savings_account,
	transact,
)


def portal_member(**overrides):
	return active_member(email=f"rekening.{frappe.generate_hash(length=8)}@koperasi.test", **overrides)


class TestRekeningSimpanan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.d1, cls.d2, cls.d3 = (add_days(today(), -n) for n in (3, 2, 1))
		cls.member = portal_member(full_name="Rina Marlina", gender="Perempuan")
		cls.account = savings_account(cls.member.name, SUKARELA)
		cls.wajib = savings_account(cls.member.name, WAJIB)
		cls.deposit = transact(cls.account, 100000, posting_date=cls.d1, remarks="Setoran awal").name
		transact(cls.account, 50000, posting_date=cls.d2)
		transact(cls.account, 999, posting_date=cls.d2).cancel()
		cls.withdrawal = transact(cls.account, 30000, "Penarikan", posting_date=cls.d3).name
		cls.transfer = transact(
			cls.account, 10000, "Transfer", posting_date=cls.d3, to_savings_account=cls.wajib
		).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_running_balance_from_the_first_entry(self):
		st = get_statement(self.account)
		self.assertEqual(
			st.account,
			{
				"name": self.account,
				"member": self.member.name,
				"member_name": "Rina Marlina",
				"product": SUKARELA,
				"savings_type": "Sukarela",
				"status": "Aktif",
			},
		)
		self.assertEqual(st.opening_balance, 0)
		self.assertEqual(
			[(str(r.posting_date), r.debit, r.credit, r.balance) for r in st.rows],
			[
				(self.d1, 0, 100000, 100000),
				(self.d2, 0, 50000, 150000),
				(self.d3, 30000, 0, 120000),
				(self.d3, 10000, 0, 110000),
			],
		)
		self.assertEqual(st.closing_balance, 110000)
		self.assertEqual(st.closing_balance, balance(self.account))
		first, _second, third, fourth = st.rows
		self.assertEqual((first.voucher_type, first.voucher_no), ("Savings Transaction", self.deposit))
		self.assertEqual(first.description, "Setoran: Setoran awal")
		self.assertEqual((third.voucher_no, third.description), (self.withdrawal, "Penarikan"))
		self.assertEqual(
			(fourth.voucher_no, fourth.description), (self.transfer, f"Transfer to {self.wajib}")
		)

		wajib = get_statement(self.wajib)
		self.assertEqual(
			[(r.description, r.credit) for r in wajib.rows], [(f"Transfer from {self.account}", 10000)]
		)

	def test_opening_balance_and_period(self):
		st = get_statement(self.account, from_date=self.d2)
		self.assertEqual(st.opening_balance, 100000)
		self.assertEqual([r.balance for r in st.rows], [150000, 120000, 110000])
		self.assertEqual(st.closing_balance, 110000)

		st = get_statement(self.account, from_date=self.d2, to_date=self.d2)
		self.assertEqual((st.opening_balance, len(st.rows), st.closing_balance), (100000, 1, 150000))

		st = get_statement(self.account, to_date=self.d1)
		self.assertEqual(
			(st.opening_balance, [r.balance for r in st.rows], st.closing_balance), (0, [100000], 100000)
		)

		st = get_statement(self.account, from_date=today())
		self.assertEqual((st.opening_balance, st.rows, st.closing_balance), (110000, [], 110000))

		with self.assertRaises(frappe.ValidationError):
			get_statement(self.account, from_date=self.d3, to_date=self.d1)

	def test_descriptions_read_once_per_voucher_type(self):
		with patch("frappe.qb.from_", wraps=frappe.qb.from_) as from_:
			get_statement(self.account)
		tables = [str(call.args[0]) for call in from_.call_args_list]
		self.assertEqual(tables.count(str(frappe.qb.DocType("Savings Transaction"))), 1, tables)

	def test_member_reads_own_statement_only(self):
		other = portal_member()
		frappe.set_user(other.user)
		with self.assertRaises(frappe.PermissionError):
			get_statement(self.account)
		frappe.set_user(self.member.user)
		self.assertEqual(get_statement(self.account).closing_balance, 110000)

	def test_print_format(self):
		jenv = frappe.get_jenv()
		globals_ = {}
		if "get_statement" not in jenv.globals:
			# hooks.py jinja "methods" should list koperasi_merah_putih.simpanan.statement.get_statement;
			# until it does, the template falls back to frappe.call, which needs an HTTP request.
			globals_["get_statement"] = get_statement
		with patch.dict(jenv.globals, globals_):
			html = frappe.get_print("Savings Account", self.account, "Rekening Simpanan")
		for text in (
			"Rina Marlina",
			self.account,
			self.deposit,
			self.transfer,
			"Setoran awal",
			"Rp110.000",
			"Rp30.000",
		):
			self.assertIn(text, html)
		self.assertIn(frappe.db.get_single_value("Cooperative Settings", "cooperative_name"), html)
