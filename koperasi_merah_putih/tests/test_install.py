# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.install import delete_workflows, shipped_fixture


class TestUninstall(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()  # put the shipped workflows back for the other tests
		frappe.clear_cache()

	def test_uninstall_removes_the_workflows_their_states_and_actions_but_not_others_in_use(self):
		workflows = shipped_fixture("workflow.json")
		self.assertIn("Persetujuan Pinjaman Anggota", workflows)
		self.assertIn("Persetujuan Pendaftaran Anggota", workflows)
		self.assertIn("Ajukan", shipped_fixture("workflow_action_master.json"))
		for name in workflows:
			self.assertTrue(frappe.db.exists("Workflow", name))
		# Someone's own workflow that reuses a state and an action of the app's: those two stay.
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": "Uji Alur Lain",
				"document_type": "Membership Application",
				"workflow_state_field": "workflow_state",  # a field it has: no custom field (DDL) is made
				"is_active": 0,
				"states": [
					{"state": "Diajukan", "doc_status": "0", "allow_edit": "System Manager"},
					{"state": "Approved", "doc_status": "0", "allow_edit": "System Manager"},
				],
				"transitions": [
					{
						"state": "Diajukan",
						"action": "Ajukan",
						"next_state": "Approved",
						"allowed": "System Manager",
					}
				],
			}
		).insert()

		delete_workflows()

		for name in workflows:
			self.assertFalse(frappe.db.exists("Workflow", name), name)
		for state in ("Disiapkan", "Persetujuan Kedua", "Diverifikasi", "Disetujui", "Ditolak"):
			self.assertFalse(frappe.db.exists("Workflow State", state), state)
		for action in ("Verifikasi", "Setujui", "Tolak"):
			self.assertFalse(frappe.db.exists("Workflow Action Master", action), action)
		self.assertTrue(frappe.db.exists("Workflow State", "Diajukan"))
		self.assertTrue(frappe.db.exists("Workflow Action Master", "Ajukan"))
