# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import json
import random
from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.exceptions import (
	ApplicationClosedError,
	ApplicationIncompleteError,
	DuplicateMemberError,
	InvalidNIKError,
	PortalUserError,
)
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
		with self.assertRaises(ApplicationIncompleteError):
			apply_workflow(frappe.get_doc("Membership Application", app.name), "Tolak")
		app = frappe.get_doc("Membership Application", app.name)
		app.rejection_reason = "Bukan warga kelurahan"
		app.save()
		app = apply_workflow(app, "Tolak")
		self.assertEqual(app.workflow_state, "Ditolak")
		frappe.set_user("Administrator")
		# Closed applications are frozen.
		app.reload()
		app.occupation = "Petani"
		with self.assertRaises(ApplicationClosedError):
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
		with self.assertRaises(DuplicateMemberError) as ctx:
			new_application(nik=member.nik)
		self.assertIn(member.name, str(ctx.exception))  # an officer is told which member

	def test_declaration_required(self):
		with self.assertRaises(ApplicationIncompleteError):
			frappe.get_doc({"doctype": "Membership Application", "agree_to_statutes": 0, **person()}).insert()

	# ------------------------------------------------------------ guests (UU 27/2022)
	def guest_submits(self, **overrides):
		from frappe.website.doctype.web_form.web_form import accept

		data = person(**overrides)
		data.update(
			{
				"doctype": "Membership Application",
				"agree_to_statutes": 1,
				"date_of_birth": str(data["date_of_birth"]),
			}
		)
		frappe.set_user("Guest")
		try:
			return accept("daftar-anggota", json.dumps(data, default=str))
		finally:
			frappe.set_user("Administrator")

	def test_guest_is_not_told_whose_nik_it_is(self):
		member = make_member()
		pending = new_application()
		messages = []
		for nik in (member.nik, pending.nik):
			frappe.clear_messages()
			with self.assertRaises(DuplicateMemberError) as ctx:
				self.guest_submits(nik=nik)
			messages.append(str(ctx.exception))
		# One message for "already a member" and "already applied", naming no member, NIK or application.
		self.assertEqual(messages[0], messages[1])
		for secret in (member.name, member.nik, pending.name, pending.nik):
			self.assertNotIn(secret, messages[0])
			self.assertNotIn(secret, json.dumps(frappe.local.message_log, default=str))

	def test_member_signed_in_gets_the_neutral_message_too(self):
		member = make_member()
		portal = make_user(
			f"portal.{frappe.generate_hash(length=6)}@koperasi.test", "Anggota", user_type="Website User"
		)
		frappe.set_user(portal)
		try:
			with self.assertRaises(DuplicateMemberError) as ctx:
				frappe.get_doc(
					{"doctype": "Membership Application", "agree_to_statutes": 1, **person(nik=member.nik)}
				).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")
		self.assertNotIn(member.name, str(ctx.exception))

	def test_guest_submissions_are_limited_per_address(self):
		from koperasi_merah_putih.keanggotaan.doctype.membership_application.membership_application import (
			GUEST_APPLICATIONS_PER_HOUR,
		)

		address = f"198.51.100.{random.randint(1, 254)}"  # TEST-NET-2, never a real client
		key = frappe.cache.make_key(f"kmp:guest-applications:{address}")
		frappe.cache.delete(key)
		frappe.local.request_ip = address
		try:
			with self.assertRaises(InvalidNIKError):  # a typo is refused and does not count
				self.guest_submits(nik="3204101403850")
			member = make_member()
			with self.assertRaises(DuplicateMemberError):  # a probe of someone's NIK counts
				self.guest_submits(nik=member.nik)
			for _i in range(GUEST_APPLICATIONS_PER_HOUR - 1):
				self.guest_submits()
			with self.assertRaises(frappe.TooManyRequestsError) as ctx:
				self.guest_submits()
			self.assertEqual(ctx.exception.http_status_code, 429)
			self.assertGreater(frappe.cache.ttl(key), 0)  # the window ends
			# Another address, and an officer at the desk, are not held up.
			frappe.local.request_ip = "192.0.2.77"
			frappe.cache.delete(frappe.cache.make_key("kmp:guest-applications:192.0.2.77"))
			self.guest_submits()
			frappe.local.request_ip = address
			new_application()
		finally:
			frappe.local.request_ip = None
			frappe.cache.delete(key)
			frappe.cache.delete(frappe.cache.make_key("kmp:guest-applications:192.0.2.77"))

	def test_guest_cannot_choose_to_link_an_existing_account(self):
		frappe.set_user("Guest")
		try:
			app = frappe.get_doc(
				{
					"doctype": "Membership Application",
					"agree_to_statutes": 1,
					"link_existing_user": 1,
					**person(),
				}
			).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Membership Application", app.name, "link_existing_user"), 0)

	# ------------------------------------------------------------ an email that already has a user account
	def approve(self, app):
		frappe.set_user(SEKRETARIS)
		apply_workflow(frappe.get_doc("Membership Application", app.name), "Verifikasi")
		frappe.set_user(KETUA)
		try:
			return apply_workflow(frappe.get_doc("Membership Application", app.name), "Setujui")
		finally:
			frappe.set_user("Administrator")

	def test_approval_does_not_hand_over_an_existing_account(self):
		officer = make_user(f"staf.{frappe.generate_hash(length=6)}@koperasi.test", "Bendahara")
		app = new_application(email=officer)
		with self.assertRaises(PortalUserError):
			self.approve(app)
		self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": app.nik}))
		self.assertFalse(frappe.db.exists("Cooperative Member", {"user": officer}))
		self.assertEqual(
			frappe.db.get_value("Membership Application", app.name, "workflow_state"), "Diverifikasi"
		)

		# The Ketua checked with the applicant and chose to link the account.
		frappe.set_user(KETUA)
		app = frappe.get_doc("Membership Application", app.name)
		app.link_existing_user = 1
		app.save()
		app = apply_workflow(app, "Setujui")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", app.member, ["status", "user"]), ("Aktif", officer)
		)

	def test_officer_sees_that_the_email_has_an_account(self):
		from frappe.desk.form.load import run_onload

		app = new_application(email=KETUA)
		frappe.set_user(SEKRETARIS)
		doc = frappe.get_doc("Membership Application", app.name)
		run_onload(doc)
		frappe.set_user("Administrator")
		self.assertTrue(doc.get("__onload").email_has_user)
