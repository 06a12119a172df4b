# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.exceptions import (
	AmountError,
	CannotCancelError,
	InsufficientBalanceError,
	NotWithdrawableError,
	SavingsAccountError,
	TimeDepositError,
)
from koperasi_merah_putih.simpanan.ledger import ledger_balance
from koperasi_merah_putih.tests.utils import (
	BERJANGKA,
	POKOK,
	SUKARELA,
	WAJIB,
	active_member,
	balance,
	cash_account,
	gl_balance,
	make_user,
	savings_account,
	transact,
)

KASIR = "kasir.test@koperasi.test"
BENDAHARA = "bendahara.test@koperasi.test"


class TestSavingsTransaction(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KASIR, "Kasir", "Accounts User")
		make_user(BENDAHARA, "Bendahara", "Accounts User")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_activation_opens_pokok_and_wajib(self):
		member = active_member()
		products = set(frappe.get_all("Savings Account", filters={"member": member.name}, pluck="product"))
		self.assertEqual(products, {POKOK, WAJIB})

	def test_deposit_posts_gl_with_member_as_party(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		frappe.set_user(KASIR)
		doc = transact(account, 250000)
		frappe.set_user("Administrator")
		rows = frappe.get_all(
			"GL Entry",
			filters={"voucher_no": doc.name, "is_cancelled": 0},
			fields=["account", "debit", "credit", "party_type", "party"],
			order_by="debit desc",
		)
		sukarela_account = frappe.db.get_value("Savings Product", SUKARELA, "account")
		self.assertEqual(
			[(r.account, r.debit, r.credit, r.party_type, r.party) for r in rows],
			[
				(cash_account(), 250000, 0, None, None),
				(sukarela_account, 0, 250000, "Cooperative Member", member.name),
			],
		)
		self.assertEqual(balance(account), 250000)
		self.assertEqual(ledger_balance(account), 250000)
		self.assertEqual(gl_balance(sukarela_account, party=member.name), 250000)

	def test_withdrawal_over_available_refused_with_figures(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 100000)
		withdrawal = transact(account, 95000, "Penarikan", submit=False)
		with self.assertRaises(InsufficientBalanceError) as ctx:
			withdrawal.submit()
		self.assertIn("90.000", str(ctx.exception))  # 100.000 less the 10.000 minimum balance
		self.assertEqual(balance(account), 100000)
		self.assertEqual(frappe.db.get_value("Savings Transaction", withdrawal.name, "docstatus"), 0)
		transact(account, 90000, "Penarikan")
		self.assertEqual(balance(account), 10000)

	def test_held_collateral_is_not_available(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 200000)
		frappe.db.set_value("Savings Account", account, "held_amount", 150000)
		with self.assertRaises(InsufficientBalanceError) as ctx:
			transact(account, 50000, "Penarikan")
		self.assertIn("150.000", str(ctx.exception))  # the held amount is named
		transact(account, 40000, "Penarikan")
		self.assertEqual(balance(account), 160000)

	def test_pokok_and_wajib_locked_while_member(self):
		member = active_member()
		pokok = savings_account(member.name, POKOK)
		transact(pokok, 100000)
		with self.assertRaises(NotWithdrawableError):
			transact(pokok, 10000, "Penarikan")
		with self.assertRaises(AmountError):
			transact(pokok, 1000)

	def test_amount_must_be_positive(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		for amount in (0, -5000):
			with self.assertRaises(AmountError):
				transact(account, amount)

	def test_no_posting_before_frozen_date(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		frappe.db.set_single_value("Accounts Settings", "acc_frozen_upto", today())
		try:
			frappe.set_user(KASIR)
			with self.assertRaises(frappe.ValidationError):  # ERPNext's own frozen-date rule
				transact(account, 10000)
		finally:
			frappe.set_user("Administrator")
			frappe.db.set_single_value("Accounts Settings", "acc_frozen_upto", None)
		self.assertEqual(balance(account), 0)
		self.assertFalse(frappe.db.exists("Savings Ledger Entry", {"savings_account": account}))

	def test_no_posting_into_closed_accounting_period(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		period = frappe.get_doc(
			{
				"doctype": "Accounting Period",
				"period_name": f"Tutup Buku {frappe.generate_hash(length=4)}",
				"company": frappe.db.get_single_value("Cooperative Settings", "company"),
				"start_date": add_days(today(), -3),
				"end_date": add_days(today(), -1),
				# ERPNext offers the doctypes of the `period_closing_doctypes` hook, ours included
				"closed_documents": [
					{"document_type": row["document_type"], "closed": 1}
					for row in frappe.get_doc({"doctype": "Accounting Period"}).get_doctypes_for_closing()
				],
			}
		)
		period.insert()
		self.assertIn("Savings Transaction", [d.document_type for d in period.closed_documents])
		with self.assertRaises(frappe.ValidationError):  # ERPNext's ClosedAccountingPeriod
			transact(account, 10000, posting_date=add_days(today(), -2))
		self.assertEqual(balance(account), 0)
		transact(account, 10000)  # today is outside the closed period
		self.assertEqual(balance(account), 10000)

	def test_cancel_reverses_gl_and_balance(self):
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		deposit = transact(account, 70000)
		withdrawal = transact(account, 20000, "Penarikan")
		sukarela_account = frappe.db.get_value("Savings Product", SUKARELA, "account")
		with self.assertRaises(CannotCancelError):
			deposit.cancel()
		withdrawal.cancel()
		deposit.reload()
		deposit.cancel()
		self.assertEqual(balance(account), 0)
		self.assertEqual(ledger_balance(account), 0)
		self.assertEqual(gl_balance(sukarela_account, party=member.name), 0)
		self.assertEqual(
			frappe.db.count("GL Entry", {"voucher_no": deposit.name, "is_cancelled": 1}), 4
		)  # the two originals and their two reversals

	def test_transfer_between_own_accounts_pays_wajib(self):
		member = active_member()
		sukarela = savings_account(member.name, SUKARELA)
		wajib = savings_account(member.name, WAJIB)
		transact(sukarela, 200000)
		transact(sukarela, 100000, "Transfer", to_savings_account=wajib)
		self.assertEqual((balance(sukarela), balance(wajib)), (100000, 100000))
		bills = frappe.get_all(
			"Savings Bill", filters={"savings_account": wajib}, fields=["period", "paid_amount", "status"]
		)
		self.assertEqual(sum(b.paid_amount for b in bills), 100000)
		self.assertTrue(all(b.status == "Lunas" for b in bills))
		other = active_member()
		with self.assertRaises(SavingsAccountError):
			transact(sukarela, 1000, "Transfer", to_savings_account=savings_account(other.name, SUKARELA))

	def test_time_deposit_early_withdrawal_penalty(self):
		member = active_member()
		account = savings_account(member.name, BERJANGKA)
		transact(account, 1000000, posting_date=add_days(today(), -10))
		doc = frappe.get_doc("Savings Account", account)
		self.assertTrue(doc.maturity_date)
		with self.assertRaises(TimeDepositError):
			transact(account, 500000, "Penarikan")
		withdrawal = transact(account, 1000000, "Penarikan")
		self.assertEqual(withdrawal.penalty_amount, 10000)  # 1% of the principal
		penalty_account = frappe.db.get_single_value("Cooperative Settings", "penalty_income_account")
		self.assertEqual(
			frappe.db.get_value(
				"GL Entry", {"voucher_no": withdrawal.name, "account": penalty_account}, "credit"
			),
			10000,
		)
		self.assertEqual(
			frappe.db.get_value(
				"GL Entry", {"voucher_no": withdrawal.name, "account": cash_account()}, "credit"
			),
			990000,
		)

	def test_random_sequences_keep_subledger_equal_to_gl(self):
		"""Seeded random deposits, withdrawals and cancels: every balance equals its GL account."""
		rng = random.Random(20251121)
		members = [active_member() for _ in range(3)]
		accounts = [savings_account(m.name, SUKARELA) for m in members]
		sukarela_account = frappe.db.get_value("Savings Product", SUKARELA, "account")
		gl_before = gl_balance(sukarela_account)
		submitted = []
		for _step in range(40):
			account = rng.choice(accounts)
			action = rng.random()
			if action < 0.5 or balance(account) < 20000:
				submitted.append(transact(account, rng.randrange(5000, 150000, 500)))
			elif action < 0.8:
				available = balance(account) - 10000
				amount = rng.randrange(1000, int(available) + 1, 500) if available >= 1000 else 0
				if amount:
					submitted.append(transact(account, amount, "Penarikan"))
			else:
				doc = rng.choice(submitted) if submitted else None
				if doc and doc.docstatus == 1:
					try:
						doc.reload()
						doc.cancel()
					except frappe.ValidationError:
						pass  # a deposit already spent cannot be cancelled; the ledger must still agree
			for m, a in zip(members, accounts):
				self.assertEqual(balance(a), ledger_balance(a))
				self.assertEqual(balance(a), gl_balance(sukarela_account, party=m.name))
				self.assertGreaterEqual(balance(a), 0)
		self.assertAlmostEqual(
			gl_balance(sukarela_account) - gl_before, sum(balance(a) for a in accounts), places=2
		)
