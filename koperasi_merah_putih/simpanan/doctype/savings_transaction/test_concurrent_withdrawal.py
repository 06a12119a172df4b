# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Two cashiers withdraw from one account at the same moment, from two processes: never an overdraft."""

import multiprocessing

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.simpanan.ledger import ledger_balance
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	balance,
	gl_balance,
	make_user,
	savings_account,
	transact,
)

KASIR_A = "kasir.a@koperasi.test"
KASIR_B = "kasir.b@koperasi.test"


def _withdraw(site: str, sites_path: str, user: str, draft: str, barrier, results) -> None:
	"""Child process: connect on its own, wait for the other cashier, then submit the withdrawal."""
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		frappe.set_user(user)
		doc = frappe.get_doc("Savings Transaction", draft)
		barrier.wait(timeout=30)
		doc.submit()
		frappe.db.commit()
		results.put((user, "ok", ""))
	except Exception as e:
		frappe.db.rollback()
		results.put((user, "refused", str(e)))
	finally:
		frappe.destroy()


class TestConcurrentWithdrawal(FrappeTestCase):
	def test_two_cashiers_cannot_overdraw(self):
		for user in (KASIR_A, KASIR_B):
			make_user(user, "Kasir", "Accounts User")
		member = active_member()
		account = savings_account(member.name, SUKARELA)
		transact(account, 100000)
		drafts = [transact(account, 80000, "Penarikan", submit=False).name for _ in range(2)]
		frappe.db.commit()  # the other processes must see the account, its balance and the drafts

		ctx = multiprocessing.get_context("spawn")
		barrier = ctx.Manager().Barrier(2)
		results = ctx.Queue()
		processes = [
			ctx.Process(
				target=_withdraw,
				args=(frappe.local.site, frappe.local.sites_path, user, draft, barrier, results),
			)
			for user, draft in zip((KASIR_A, KASIR_B), drafts)
		]
		for p in processes:
			p.start()
		for p in processes:
			p.join(timeout=120)
		outcomes = [results.get(timeout=5) for _ in processes]

		self.assertEqual(sorted(o[1] for o in outcomes), ["ok", "refused"], outcomes)
		refusal = next(o[2] for o in outcomes if o[1] == "refused")
		self.assertIn("available balance", refusal)
		frappe.db.rollback()  # see what the children committed
		sukarela_account = frappe.db.get_value("Savings Product", SUKARELA, "account")
		self.assertEqual(balance(account), 20000)
		self.assertEqual(ledger_balance(account), 20000)
		self.assertEqual(gl_balance(sukarela_account, party=member.name), 20000)
		self.assertEqual(
			sorted(
				frappe.get_all("Savings Transaction", filters={"name": ["in", drafts]}, pluck="docstatus")
			),
			[0, 1],
		)
