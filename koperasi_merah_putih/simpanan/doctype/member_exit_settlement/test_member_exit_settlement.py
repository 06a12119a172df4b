# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from koperasi_merah_putih.exceptions import ExitBlockedError
from koperasi_merah_putih.tests.utils import (
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


class TestMemberExitSettlement(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_exit_blocked_until_settled_then_refunds_everything(self):
		member = active_member()
		pokok, wajib, sukarela = (savings_account(member.name, p) for p in (POKOK, WAJIB, SUKARELA))
		transact(pokok, 100000)
		transact(wajib, 150000)
		transact(sukarela, 320000)
		with self.assertRaises(ExitBlockedError):
			frappe.get_doc("Cooperative Member", member.name).record_exit("Keluar", today(), "Pindah")
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Aktif")

		frappe.set_user(make_user("bendahara.exit@koperasi.test", "Bendahara", "Accounts User"))
		settlement = frappe.get_doc(
			{
				"doctype": "Member Exit Settlement",
				"member": member.name,
				"exit_status": "Keluar",
				"exit_reason": "Pindah ke Surabaya",
				"cash_account": cash_account(),
			}
		).insert()
		self.assertEqual(settlement.total_savings, 570000)
		self.assertEqual(settlement.net_refund, 570000)
		settlement.submit()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", member.name, ["status", "exit_reason"]),
			("Keluar", "Pindah ke Surabaya"),
		)
		for account, product in ((pokok, POKOK), (wajib, WAJIB), (sukarela, SUKARELA)):
			self.assertEqual(balance(account), 0)
			self.assertEqual(frappe.db.get_value("Savings Account", account, "status"), "Ditutup")
			gl_account = frappe.db.get_value("Savings Product", product, "account")
			self.assertEqual(gl_balance(gl_account, party=member.name), 0)
		self.assertEqual(
			frappe.db.get_value(
				"GL Entry", {"voucher_no": settlement.name, "account": cash_account()}, "credit"
			),
			570000,
		)

	def test_obligations_offset_the_refund(self):
		member = active_member()
		sukarela = savings_account(member.name, SUKARELA)
		transact(sukarela, 300000)
		receivable = frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account")
		customer = member.customer
		real_get_hooks = frappe.get_hooks

		def get_hooks(hook=None, *args, **kwargs):
			if hook == "kmp_member_obligations":
				return [
					"koperasi_merah_putih.simpanan.doctype.member_exit_settlement.test_member_exit_settlement.fake_loan"
				]
			return real_get_hooks(hook, *args, **kwargs)

		from unittest.mock import patch

		frappe.flags.kmp_test_loan = {"account": receivable, "party": customer}
		with patch("frappe.get_hooks", side_effect=get_hooks):
			settlement = frappe.get_doc(
				{
					"doctype": "Member Exit Settlement",
					"member": member.name,
					"exit_status": "Keluar",
					"exit_reason": "Mengundurkan diri",
					"cash_account": cash_account(),
				}
			).insert()
			self.assertEqual(
				(settlement.total_savings, settlement.obligations, settlement.net_refund),
				(300000, 120000, 180000),
			)
			settlement.submit()
		self.assertEqual(
			frappe.db.get_value(
				"GL Entry", {"voucher_no": settlement.name, "account": receivable}, ["credit", "party"]
			),
			(120000, customer),
		)


def fake_loan(member, posting_date):
	loan = frappe.flags.kmp_test_loan
	return [
		{
			"description": "Pinjaman",
			"amount": 120000,
			"account": loan["account"],
			"party_type": "Customer",
			"party": loan["party"],
		}
	]


class TestExitClosesBills(FrappeTestCase):
	def test_unpaid_wajib_months_closed_on_exit(self):
		from frappe.utils import add_days, getdate

		from koperasi_merah_putih.calculators.periods import period_key
		from koperasi_merah_putih.simpanan.billing import create_bills

		member = active_member(join_date=add_days(today(), -40))
		wajib = savings_account(member.name, WAJIB)
		create_bills(WAJIB, period_key(getdate(today())))
		frappe.get_doc(
			{
				"doctype": "Member Exit Settlement",
				"member": member.name,
				"exit_status": "Diberhentikan",
				"exit_reason": "Tidak memenuhi kewajiban",
				"cash_account": cash_account(),
			}
		).insert().submit()
		bills = frappe.get_all(
			"Savings Bill", filters={"savings_account": wajib}, fields=["status", "outstanding_amount"]
		)
		self.assertTrue(bills)
		self.assertTrue(all(b.status == "Ditutup" and b.outstanding_amount == 0 for b in bills))
