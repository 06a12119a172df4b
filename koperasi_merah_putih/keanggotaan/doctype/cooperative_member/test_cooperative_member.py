# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.tests.utils import make_member, make_user

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

	def test_nik_rules_name_the_field(self):
		cases = {
			"12345": "must have exactly 16 digits",
			"3204101403850A01": "digits only",
			"9904101403850001": "not an Indonesian province code",
			"3204101403860001": "encodes birth date",
			"3204105403850001": "encodes a woman",
		}
		for nik, message in cases.items():
			with self.subTest(nik=nik):
				with self.assertRaises(frappe.ValidationError) as ctx:
					make_member(nik=nik)
				self.assertIn(message, str(ctx.exception))
				self.assertIn("NIK", str(ctx.exception))
				self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": nik}))

	def test_duplicate_nik_in_cooperative_refused(self):
		first = make_member()
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_member(nik=first.nik)
		self.assertIn(first.name, str(ctx.exception))

	def test_minimum_age(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_member(date_of_birth=date.fromisoformat(add_days(today(), -365 * 10)))
		self.assertIn("Minimum Member Age", str(ctx.exception))

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
		member.status = "Aktif"
		with self.assertRaises(frappe.ValidationError) as ctx:
			member.save()
		self.assertIn("Activate or Record Exit", str(ctx.exception))

	def test_exit_records_date_reason_and_disables_portal_user(self):
		member = make_member(email=f"c.{frappe.generate_hash(length=6)}@koperasi.test")
		member.activate()
		with self.assertRaises(frappe.ValidationError) as ctx:
			member.record_exit("Keluar", today(), "  ")
		self.assertIn("Exit Reason is required", str(ctx.exception))
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
			with self.assertRaises(frappe.ValidationError) as ctx:
				member.record_exit("Keluar", today(), "Mengundurkan diri")
		self.assertIn("Pinjaman belum lunas", str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Cooperative Member", member.name, "status"), "Aktif")

	def test_heir_shares_cannot_exceed_hundred_percent(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_member(
				heirs=[
					{"heir_name": "Siti", "relationship": "Istri", "share_percent": 60},
					{"heir_name": "Andi", "relationship": "Anak", "share_percent": 50},
				]
			)
		self.assertIn("110", str(ctx.exception))
