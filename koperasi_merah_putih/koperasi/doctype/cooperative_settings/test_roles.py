# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.utils.roles import ALL_ROLES

APP_MODULES = ("Koperasi", "Keanggotaan", "Simpanan", "Pinjaman")


class TestRoles(FrappeTestCase):
	def app_doctypes(self):
		return frappe.get_all(
			"DocType", filters={"module": ["in", APP_MODULES], "istable": 0}, pluck="name", order_by="name"
		)

	def test_roles_exist_and_members_have_no_desk(self):
		for role in ALL_ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
		self.assertEqual(frappe.db.get_value("Role", "Anggota", "desk_access"), 0)
		self.assertEqual(frappe.db.get_value("Role", "Ketua", "desk_access"), 1)

	def test_pengawas_reads_everything_writes_nothing(self):
		doctypes = self.app_doctypes()
		self.assertGreaterEqual(len(doctypes), 13)
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				perms = [p for p in frappe.get_meta(doctype).permissions if p.role == "Pengawas"]
				self.assertTrue(perms, f"{doctype}: Pengawas has no permission row")
				self.assertTrue(any(p.read for p in perms))
				for right in ("write", "create", "delete", "submit", "cancel", "amend"):
					self.assertFalse(any(p.get(right) for p in perms), f"{doctype}: Pengawas may {right}")

	def test_every_doctype_is_reachable_by_an_officer(self):
		officers = {"Ketua", "Bendahara", "Sekretaris", "Kasir"}
		for doctype in self.app_doctypes():
			with self.subTest(doctype=doctype):
				roles = {p.role for p in frappe.get_meta(doctype).permissions if p.read}
				self.assertTrue(roles & officers, f"{doctype}: no officer role can read it")
