# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import json
from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import make_member, make_user, person

KETUA = "ketua.test@koperasi.test"
SEKRETARIS = "sekretaris.test@koperasi.test"


def new_application(**overrides):
	return frappe.get_doc(
		{"doctype": "Membership Application", "agree_to_statutes": 1, **person(**overrides)}
	).insert()


class TestMembershipApplication(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KETUA, "Ketua")
		make_user(SEKRETARIS, "Sekretaris")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_guest_submits_web_form(self):
		from frappe.website.doctype.web_form.web_form import accept

		data = person(full_name="Euis Handayani", gender="Perempuan")
		data.update(
			{
				"doctype": "Membership Application",
				"agree_to_statutes": 1,
				"date_of_birth": str(data["date_of_birth"]),
			}
		)
		frappe.set_user("Guest")
		doc = accept("daftar-anggota", json.dumps(data))
		frappe.set_user("Administrator")
		saved = frappe.get_doc("Membership Application", doc.name)
		self.assertEqual(saved.workflow_state, "Diajukan")
		self.assertEqual(saved.full_name, "Euis Handayani")
		self.assertEqual(saved.company, frappe.db.get_single_value("Cooperative Settings", "company"))
		self.assertFalse(saved.member)

	def test_guest_cannot_skip_the_workflow(self):
		from frappe.website.doctype.web_form.web_form import accept

		data = person()
		data.update(
			{
				"doctype": "Membership Application",
				"agree_to_statutes": 1,
				"date_of_birth": str(data["date_of_birth"]),
				"workflow_state": "Disetujui",
			}
		)
		frappe.set_user("Guest")
		doc = accept("daftar-anggota", json.dumps(data))
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Membership Application", doc.name, "workflow_state"), "Diajukan"
		)
		self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": data["nik"]}))

	def test_verify_then_approve_creates_active_member(self):
		email = f"baru.{frappe.generate_hash(length=6)}@koperasi.test"
		app = new_application(
			email=email, heirs=[{"heir_name": "Sri", "relationship": "Istri", "share_percent": 100}]
		)
		frappe.set_user(SEKRETARIS)
		app = apply_workflow(frappe.get_doc("Membership Application", app.name), "Verifikasi")
		self.assertEqual(app.workflow_state, "Diverifikasi")
		self.assertEqual(app.verified_by, SEKRETARIS)
		# The Sekretaris may not also approve: that is the Ketua's decision.
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Membership Application", app.name), "Setujui")
		frappe.set_user(KETUA)
		app = apply_workflow(frappe.get_doc("Membership Application", app.name), "Setujui")
		frappe.set_user("Administrator")
		self.assertEqual(app.workflow_state, "Disetujui")
		member = frappe.get_doc("Cooperative Member", app.member)
		self.assertEqual(member.status, "Aktif")
		self.assertEqual(member.nik, app.nik)
		self.assertEqual(member.membership_application, app.name)
		self.assertEqual([h.heir_name for h in member.heirs], ["Sri"])
		self.assertEqual(frappe.db.get_value("Customer", member.customer, "kmp_member"), member.name)
		self.assertEqual(member.user, email)

	def test_reject_needs_reason(self):
		app = new_application()
		frappe.set_user(SEKRETARIS)
		with self.assertRaises(frappe.ValidationError) as ctx:
			apply_workflow(frappe.get_doc("Membership Application", app.name), "Tolak")
		self.assertIn("Rejection Reason", str(ctx.exception))
		app = frappe.get_doc("Membership Application", app.name)
		app.rejection_reason = "Bukan warga kelurahan"
		app.save()
		app = apply_workflow(app, "Tolak")
		self.assertEqual(app.workflow_state, "Ditolak")
		frappe.set_user("Administrator")
		# Closed applications are frozen.
		app.reload()
		app.occupation = "Petani"
		with self.assertRaises(frappe.ValidationError):
			app.save()

	def test_failed_approval_leaves_nothing_behind(self):
		app = new_application(email=f"gagal.{frappe.generate_hash(length=6)}@koperasi.test")
		apply_workflow(frappe.get_doc("Membership Application", app.name), "Verifikasi")
		customers_before = frappe.db.count("Customer")
		with patch(
			"koperasi_merah_putih.keanggotaan.doctype.cooperative_member.cooperative_member.ensure_portal_user",
			side_effect=frappe.ValidationError("mail server down"),
		):
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(frappe.get_doc("Membership Application", app.name), "Setujui")
		self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": app.nik}))
		self.assertEqual(frappe.db.count("Customer"), customers_before)
		self.assertEqual(
			frappe.db.get_value("Membership Application", app.name, "workflow_state"), "Diverifikasi"
		)

	def test_existing_member_cannot_apply_again(self):
		member = make_member()
		with self.assertRaises(frappe.ValidationError) as ctx:
			new_application(nik=member.nik)
		self.assertIn(member.name, str(ctx.exception))

	def test_declaration_required(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			frappe.get_doc({"doctype": "Membership Application", "agree_to_statutes": 0, **person()}).insert()
		self.assertIn("statutes", str(ctx.exception))
