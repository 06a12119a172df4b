# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import make_user
from koperasi_merah_putih.utils.roles import OFFICER_ROLES


class TestWorkspace(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_officer_finds_the_koperasi_workspace(self):
		"""Frappe shows a workspace only to users who can read a doctype of its module (Koperasi): a Kasir
		without read on Cooperative Settings got "no permission for Page" at /app/koperasi."""
		for role in OFFICER_ROLES:
			with self.subTest(role=role):
				frappe.set_user(make_user(f"ws-{role.lower()}@koperasi.test", role))
				frappe.clear_cache(user=frappe.session.user)
				pages = [p["name"] for p in get_workspace_sidebar_items()["pages"]]
				frappe.set_user("Administrator")
				self.assertIn("Koperasi", pages)
