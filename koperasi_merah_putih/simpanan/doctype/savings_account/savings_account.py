# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from koperasi_merah_putih.exceptions import MemberNotActiveError, SavingsAccountError, SavingsProductError
from koperasi_merah_putih.simpanan.common import BERJANGKA


class SavingsAccount(Document):
	def validate(self):
		# Balance, held amount, status and the deposit's dates were put back by the server-owned guard
		# (utils/server_owned.py); what follows the product and the member is copied from them here.
		product = frappe.get_cached_doc("Savings Product", self.product)
		self.company = product.company
		self.account = product.account
		self.savings_type = product.savings_type
		self.member_name = frappe.db.get_value("Cooperative Member", self.member, "full_name")
		self.title = f"{self.member_name or self.member} · {self.product}"
		if self.is_new():
			if not product.is_active:
				frappe.throw(
					_("Savings Product {0} is not active. Choose an active product.").format(self.product),
					SavingsProductError,
					title=_("Savings Product"),
				)
			status = frappe.db.get_value("Cooperative Member", self.member, "status")
			if status != "Aktif":
				frappe.throw(
					_("Savings accounts are opened for active members only; {0} is {1}.").format(
						self.member, _(status)
					),
					MemberNotActiveError,
					title=_("Member not active"),
				)
			if self.savings_type == BERJANGKA:
				self.interest_rate = product.interest_rate
		existing = frappe.db.get_value(
			"Savings Account",
			{
				"member": self.member,
				"product": self.product,
				"status": "Aktif",
				"name": ["!=", self.name or ""],
			},
		)
		if existing:
			frappe.throw(
				_("{0} already has account {1} for {2}; one account per member per product.").format(
					self.member, existing, self.product
				),
				SavingsAccountError,
				title=_("Duplicate account"),
			)

	def on_trash(self):
		if frappe.db.exists("Savings Ledger Entry", {"savings_account": self.name}):
			frappe.throw(
				_(
					"Savings Account {0} has transactions and cannot be deleted; close it with a withdrawal or an exit settlement."
				).format(self.name),
				SavingsAccountError,
				title=_("Cannot delete"),
			)


def open_default_accounts(member) -> list[str]:
	"""`kmp_on_member_activate` hook: open the auto-open products (Pokok, Wajib) for a new active member."""
	products = frappe.get_all(
		"Savings Product", filters={"auto_open": 1, "is_active": 1, "company": member.company}, pluck="name"
	)
	opened = []
	for product in products:
		if frappe.db.exists(
			"Savings Account", {"member": member.name, "product": product, "status": "Aktif"}
		):
			continue
		account = frappe.get_doc(
			{
				"doctype": "Savings Account",
				"member": member.name,
				"product": product,
				"opened_on": member.activated_on or today(),
			}
		)
		# Opened by the system as part of an activation the officer may make (checked in activate()).
		account.flags.ignore_permissions = True
		account.insert()
		opened.append(account.name)
	return opened
