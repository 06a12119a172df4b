# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A member's portal account: one User for one member, never someone else's, closed on exit (UU 27/2022)."""

import json

import pymysql

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from koperasi_merah_putih.exceptions import PortalUserError
from koperasi_merah_putih.tests.utils import make_member, make_user
from koperasi_merah_putih.utils.server_owned import allow_server_write

SEKRETARIS = "sekretaris.test@koperasi.test"
KETUA = "ketua.test@koperasi.test"


def new_email(prefix: str = "anggota") -> str:
	return f"{prefix}.{frappe.generate_hash(length=8)}@koperasi.test"


def open_session(user: str) -> str:
	"""A signed-in session of `user`, stored the way frappe.sessions.Session.insert_session_record does."""
	sid = frappe.generate_hash()
	data = frappe._dict(
		user=user, sid=sid, data=frappe._dict(user=user, session_expiry="240:00:00", user_type="Website User")
	)
	sessions = frappe.qb.DocType("Sessions")
	frappe.qb.into(sessions).columns(
		sessions.sessiondata, sessions.user, sessions.lastupdate, sessions.sid, sessions.status
	).insert(str(data.data), user, frappe.utils.now(), sid, "Active").run()
	frappe.cache.hset("session", sid, data)
	return sid


class TestPortalUser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SEKRETARIS, "Sekretaris")
		make_user(KETUA, "Ketua")

	def tearDown(self):
		frappe.set_user("Administrator")

	def activate(self, member, **kwargs):
		frappe.set_user(SEKRETARIS)
		try:
			frappe.get_doc("Cooperative Member", member.name).activate(**kwargs)
		finally:
			frappe.set_user("Administrator")
		return frappe.get_doc("Cooperative Member", member.name)

	def test_email_of_a_current_members_account_is_refused(self):
		email = new_email()
		first = self.activate(make_member(email=email))
		second = make_member(email=email)
		with self.assertRaises(PortalUserError):
			self.activate(second)
		with self.assertRaises(PortalUserError):  # not even when an officer asks for the link
			self.activate(second, link_existing_user=True)
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", second.name, ["status", "user"]), ("Calon", None)
		)
		self.assertEqual(frappe.db.get_value("Cooperative Member", first.name, "user"), email)

	def test_someone_elses_account_needs_the_officers_choice(self):
		officer = make_user(new_email("staf"), "Kasir")
		member = make_member(email=officer)
		with self.assertRaises(PortalUserError):
			self.activate(member)
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", member.name, ["status", "user"]), ("Calon", None)
		)

		member = self.activate(member, link_existing_user=True)
		self.assertEqual((member.status, member.user), ("Aktif", officer))
		self.assertIn("Anggota", frappe.get_roles(officer))
		self.assertIn("Kasir", frappe.get_roles(officer))

	def test_rejoining_person_gets_their_account_back(self):
		email = new_email()
		former = self.activate(make_member(email=email))
		frappe.set_user(KETUA)
		frappe.get_doc("Cooperative Member", former.name).record_exit("Keluar", today(), "Pindah")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("User", email, "enabled"), 0)

		again = self.activate(make_member(nik=former.nik, email=email))
		self.assertEqual(again.user, email)
		self.assertEqual(frappe.db.get_value("User", email, "enabled"), 1)
		self.assertIsNone(frappe.db.get_value("Cooperative Member", former.name, "user"))
		self.assertEqual(
			frappe.get_all(
				"User Permission", filters={"user": email, "allow": "Cooperative Member"}, pluck="for_value"
			),
			[again.name],
		)
		frappe.set_user(email)
		try:
			self.assertEqual(frappe.get_list("Cooperative Member", pluck="name"), [again.name])
		finally:
			frappe.set_user("Administrator")

	def test_former_members_account_is_not_handed_to_another_person(self):
		email = new_email()
		former = self.activate(make_member(email=email))
		frappe.get_doc("Cooperative Member", former.name).record_exit("Keluar", today(), "Pindah")
		stranger = make_member(email=email)  # another NIK
		with self.assertRaises(PortalUserError):
			self.activate(stranger)
		self.assertEqual(frappe.db.get_value("Cooperative Member", former.name, "user"), email)
		self.assertEqual(frappe.db.get_value("User", email, "enabled"), 0)

	def test_one_user_belongs_to_one_member(self):
		email = new_email()
		first = self.activate(make_member(email=email))
		second = self.activate(make_member())
		# Server code that set someone else's account on a member is refused with a message...
		second = frappe.get_doc("Cooperative Member", second.name)
		allow_server_write(second, "user")
		second.user = email
		with self.assertRaises(PortalUserError):
			second.save()
		# ...and the database holds the line too.
		frappe.db.savepoint("duplicate_user")
		with self.assertRaises(pymysql.err.IntegrityError):
			frappe.db.set_value("Cooperative Member", second.name, "user", email)
		frappe.db.rollback(save_point="duplicate_user")
		self.assertEqual(frappe.db.get_value("Cooperative Member", {"user": email}, "name"), first.name)

	def test_exit_disables_the_account_and_ends_its_sessions(self):
		email = new_email()
		member = self.activate(make_member(email=email))
		sids = [open_session(email), open_session(email)]
		frappe.set_user(KETUA)
		frappe.get_doc("Cooperative Member", member.name).record_exit("Keluar", today(), "Pindah")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("User", email, "enabled"), 0)
		self.assertFalse(frappe.db.exists("Sessions", {"user": email}))
		for sid in sids:
			self.assertIsNone(frappe.cache.hget("session", sid))

	def test_personal_data_download_includes_the_members_nik(self):
		from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
			get_user_data,
		)

		email = new_email()
		member = self.activate(make_member(email=email, no_kk="3204102008090003"))
		data = json.loads(get_user_data(email))
		rows = data["Cooperative Member"]
		self.assertEqual([r["name"] for r in rows], [member.name])
		self.assertEqual((rows[0]["nik"], rows[0]["no_kk"]), (member.nik, "3204102008090003"))

	def test_personal_data_hooks_name_real_fields(self):
		hooks = [
			h
			for h in frappe.get_hooks("user_data_fields")
			if h["doctype"]
			in (
				"Cooperative Member",
				"Membership Application",
			)
		]
		self.assertEqual({h["doctype"] for h in hooks}, {"Cooperative Member", "Membership Application"})
		for hook in hooks:
			meta = frappe.get_meta(hook["doctype"])
			for fieldname in [hook["filter_by"], *hook["redact_fields"]]:
				self.assertTrue(meta.has_field(fieldname), (hook["doctype"], fieldname))
			self.assertTrue(
				{"nik", "no_kk", "address", "phone", "date_of_birth"} <= set(hook["redact_fields"])
			)
