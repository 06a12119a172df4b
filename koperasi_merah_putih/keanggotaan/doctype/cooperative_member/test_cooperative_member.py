# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.exceptions import (
	DuplicateMemberError,
	ExitBlockedError,
	ExitDetailsError,
	HeirsError,
	InvalidNIKError,
	InvalidPersonError,
	MemberStatusError,
)
from koperasi_merah_putih.tests.utils import make_member, make_user, person
from koperasi_merah_putih.utils.server_owned import allow_server_write

KETUA = "ketua.test@koperasi.test"
SEKRETARIS = "sekretaris.test@koperasi.test"
PENGAWAS = "pengawas.test@koperasi.test"


class TestCooperativeMember(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KETUA, "Ketua")
		make_user(SEKRETARIS, "Sekretaris")
		make_user(PENGAWAS, "Pengawas")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_member_number_follows_template(self):
		settings = frappe.get_single("Cooperative Settings")
		first = make_member()
		second = make_member()
		year = str(date.fromisoformat(str(first.join_date)).year)
		self.assertTrue(first.name.startswith(f"{settings.cooperative_code}-{year}-"), first.name)
		self.assertEqual(first.name, first.member_number)
		self.assertEqual(int(second.name.rsplit("-", 1)[1]), int(first.name.rsplit("-", 1)[1]) + 1)

	def test_nik_rules_refuse_bad_numbers(self):
		# too short, a letter, no such province, birth date and gender not matching the person
		for nik in ("12345", "3204101403850A01", "9904101403850001", "3204101403860001", "3204105403850001"):
			with self.subTest(nik=nik):
				with self.assertRaises(InvalidNIKError):
					make_member(nik=nik)
				self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": nik}))
		with self.assertRaises(InvalidNIKError):
			make_member(no_kk="320410")

	def test_duplicate_nik_in_cooperative_refused(self):
		first = make_member()
		with self.assertRaises(DuplicateMemberError) as ctx:
			make_member(nik=first.nik)
		self.assertIn(first.name, str(ctx.exception))  # officers are told which member

	def test_minimum_age(self):
		with self.assertRaises(InvalidPersonError):
			make_member(date_of_birth=date.fromisoformat(add_days(today(), -365 * 10)))

	def test_activate_creates_customer_user_and_restriction(self):
		email = f"anggota.{frappe.generate_hash(length=6)}@koperasi.test"
		member = make_member(email=email)
		frappe.set_user(SEKRETARIS)
		member.activate()
		frappe.set_user("Administrator")
		member.reload()
		self.assertEqual(member.status, "Aktif")
		self.assertEqual(frappe.db.get_value("Customer", member.customer, "kmp_member"), member.name)
		self.assertEqual(
			frappe.db.get_value("Customer", member.customer, "customer_group"), "Anggota Koperasi"
		)
		self.assertEqual(member.user, email)
		self.assertEqual(frappe.db.get_value("User", email, "user_type"), "Website User")
		self.assertIn("Anggota", frappe.get_roles(email))
		self.assertTrue(
			frappe.db.exists(
				"User Permission", {"user": email, "allow": "Cooperative Member", "for_value": member.name}
			)
		)

	def test_member_sees_only_own_record(self):
		mine = make_member(email=f"a.{frappe.generate_hash(length=6)}@koperasi.test")
		other = make_member(email=f"b.{frappe.generate_hash(length=6)}@koperasi.test")
		mine.activate()
		other.activate()
		mine.reload()
		frappe.set_user(mine.user)
		visible = frappe.get_list("Cooperative Member", pluck="name")
		self.assertEqual(visible, [mine.name])
		self.assertTrue(frappe.has_permission("Cooperative Member", "read", doc=mine.name))
		self.assertFalse(frappe.has_permission("Cooperative Member", "read", doc=other.name))
		self.assertFalse(frappe.has_permission("Cooperative Member", "write", doc=mine.name))
		from frappe.client import get as client_get

		self.assertEqual(client_get("Cooperative Member", mine.name)["name"], mine.name)
		with self.assertRaises(frappe.PermissionError):
			client_get("Cooperative Member", other.name)

	def test_pengawas_reads_but_cannot_write(self):
		member = make_member()
		frappe.set_user(PENGAWAS)
		self.assertTrue(frappe.has_permission("Cooperative Member", "read", doc=member.name))
		self.assertFalse(frappe.has_permission("Cooperative Member", "write", doc=member.name))
		self.assertFalse(frappe.has_permission("Cooperative Member", "create"))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Cooperative Member", member.name).activate()
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Calon")

	def test_status_cannot_be_edited_directly(self):
		member = make_member()
		frappe.set_user(SEKRETARIS)
		member = frappe.get_doc("Cooperative Member", member.name)
		member.status = "Aktif"
		member.occupation = "Petani"
		member.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", member.name, ["status", "occupation", "customer"]),
			("Calon", "Petani", None),
		)

	def test_exit_records_date_reason_and_disables_portal_user(self):
		member = make_member(email=f"c.{frappe.generate_hash(length=6)}@koperasi.test")
		member.activate()
		with self.assertRaises(ExitDetailsError):
			member.record_exit("Keluar", today(), "  ")
		member.reload()
		frappe.set_user(KETUA)
		member.record_exit("Keluar", today(), "Pindah domisili")
		frappe.set_user("Administrator")
		member.reload()
		self.assertEqual(
			(member.status, str(member.exit_date), member.exit_reason), ("Keluar", today(), "Pindah domisili")
		)
		self.assertEqual(frappe.db.get_value("User", member.user, "enabled"), 0)
		# A former member's NIK may join again as a new member.
		again = make_member(nik=member.nik)
		self.assertNotEqual(again.name, member.name)

	def test_exit_blocked_by_hook_obligations(self):
		member = make_member()
		member.activate()
		real_get_hooks = frappe.get_hooks

		def get_hooks(hook=None, *args, **kwargs):
			if hook == "kmp_member_exit_checks":
				return ["koperasi_merah_putih.tests.utils.fake_open_loan"]
			return real_get_hooks(hook, *args, **kwargs)

		with patch("frappe.get_hooks", side_effect=get_hooks):
			with self.assertRaises(ExitBlockedError) as ctx:
				member.record_exit("Keluar", today(), "Mengundurkan diri")
		self.assertIn("Pinjaman belum lunas", str(ctx.exception))  # the hook's own sentence is shown
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Aktif")

	def test_heir_shares_cannot_exceed_hundred_percent(self):
		with self.assertRaises(HeirsError):
			make_member(
				heirs=[
					{"heir_name": "Siti", "relationship": "Istri", "share_percent": 60},
					{"heir_name": "Andi", "relationship": "Anak", "share_percent": 50},
				]
			)

	# ------------------------------------------------------------ the server decides, not the posted document
	def _posted(self, member_name: str, **doctored):
		"""What `run_doc_method` builds from a client's POST: the document as the client sends it."""
		data = frappe.get_doc("Cooperative Member", member_name).as_dict(convert_dates_to_str=True)
		data.update(doctored)
		doc = frappe.get_doc(data)
		doc._original_modified = doc.modified
		doc.check_if_latest()  # run_doc_method's own check passes: the timestamp is current
		return doc

	def _exited_member(self):
		member = make_member()
		member.activate()
		member.reload()
		member.record_exit("Keluar", today(), "Pindah domisili")
		return frappe.get_doc("Cooperative Member", member.name)

	def test_activate_ignores_a_stale_status_in_the_posted_document(self):
		member = self._exited_member()
		frappe.set_user(SEKRETARIS)
		with self.assertRaises(MemberStatusError):
			self._posted(member.name, status="Calon").run_method("activate")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", member.name, ["status", "exit_reason"]),
			("Keluar", "Pindah domisili"),
		)

	def test_record_exit_ignores_a_stale_status_in_the_posted_document(self):
		member = self._exited_member()
		frappe.set_user(SEKRETARIS)
		with self.assertRaises(MemberStatusError):
			self._posted(member.name, status="Aktif").run_method(
				"record_exit", exit_status="Diberhentikan", exit_date=today(), exit_reason="Lain"
			)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", member.name, ["status", "exit_reason"]),
			("Keluar", "Pindah domisili"),
		)

	def test_activate_as_sekretaris_through_the_posted_document(self):
		member = make_member()
		frappe.set_user(SEKRETARIS)
		self._posted(member.name).run_method("activate")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Aktif")

	def test_form_buttons_come_from_the_server(self):
		from frappe.desk.form.load import run_onload

		member = make_member()
		for user, can in ((SEKRETARIS, True), (KETUA, True), (PENGAWAS, False)):
			with self.subTest(user=user):
				frappe.set_user(user)
				doc = frappe.get_doc("Cooperative Member", member.name)
				run_onload(doc)
				onload = doc.get("__onload")
				self.assertEqual((onload.can_activate, onload.can_record_exit), (can, can))
		frappe.set_user("Administrator")
		exited = self._exited_member()
		frappe.set_user(SEKRETARIS)
		doc = frappe.get_doc("Cooperative Member", exited.name)
		run_onload(doc)
		self.assertEqual(
			(doc.get("__onload").can_activate, doc.get("__onload").can_record_exit), (False, False)
		)

	def test_customer_member_link_is_the_servers(self):
		member = make_member()
		member.activate()
		member.reload()
		other = make_member()
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": "Toko Sebelah",
				"customer_type": "Company",
				"kmp_member": other.name,
			}
		).insert()
		self.assertIsNone(frappe.db.get_value("Customer", customer.name, "kmp_member"))
		existing = frappe.get_doc("Customer", member.customer)
		existing.kmp_member = other.name
		existing.save()
		self.assertEqual(frappe.db.get_value("Customer", member.customer, "kmp_member"), member.name)

	def test_data_import_keeps_the_register_status_only_for_imports(self):
		frappe.set_user(SEKRETARIS)
		direct = make_member(status="Keluar", exit_date=today(), exit_reason="Pindah")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", direct.name, ["status", "exit_date"]), ("Calon", None)
		)
		frappe.set_user(SEKRETARIS)
		frappe.flags.in_import = True
		try:
			imported = make_member(
				status="Keluar", join_date=add_days(today(), -30), exit_date=today(), exit_reason="Pindah"
			)
			with self.assertRaises(ExitDetailsError):
				make_member(status="Keluar", join_date=add_days(today(), -30))
		finally:
			frappe.flags.in_import = False
			frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", imported.name, ["status", "exit_reason", "company"]),
			("Keluar", "Pindah", frappe.db.get_single_value("Cooperative Settings", "company")),
		)
		self.assertEqual(
			frappe.db.get_value("Cooperative Member", imported.name, "member_number"), imported.name
		)

	def test_server_code_may_create_an_active_member(self):
		"""What the demo builder does for members of the paper register: it names the status it sets."""
		member = frappe.get_doc({"doctype": "Cooperative Member", "status": "Aktif", **person()})
		allow_server_write(member, "status")
		frappe.set_user(SEKRETARIS)
		member.insert()
		frappe.set_user("Administrator")
		member.reload()
		self.assertEqual(member.status, "Aktif")
		self.assertTrue(member.customer)
		self.assertEqual(member.activated_on, member.join_date)
