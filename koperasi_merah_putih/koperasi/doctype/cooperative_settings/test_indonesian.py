# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Indonesian for everyone: the site language an Indonesian cooperative's setup leaves, and Frappe's own
messages that members and guests see."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_language, get_user_lang
from frappe.utils import set_request

from koperasi_merah_putih.patches.v0_2 import use_indonesian as patch
from koperasi_merah_putih.setup.cooperative import setup_cooperative, use_indonesian
from koperasi_merah_putih.tests.utils import make_user


def site_in_english():
	"""What the setup left before 0.2: System Settings and the global default "lang" in English."""
	frappe.db.set_single_value("System Settings", "language", "en")
	frappe.db.set_default("language", "en")
	frappe.db.set_default("lang", "en")


class TestIndonesianSite(FrappeTestCase):
	def setUp(self):
		self.company = frappe.db.get_single_value("Cooperative Settings", "company")
		self.request = getattr(frappe.local, "request", None)
		self.form_dict = frappe.local.form_dict
		self.lang = frappe.local.lang

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request = self.request
		frappe.local.form_dict = self.form_dict
		frappe.local.lang = self.lang
		use_indonesian()

	def guest_request(self, **headers):
		frappe.set_user("Guest")
		set_request(method="GET", path="/daftar-anggota", headers=list(headers.items()))
		frappe.local.form_dict = frappe._dict()

	def test_setup_makes_the_site_indonesian_as_frappes_wizard_does(self):
		site_in_english()
		result = setup_cooperative(self.company)
		self.assertTrue(result["language_set"])
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "id")
		self.assertEqual(frappe.db.get_default("lang"), "id")
		self.assertEqual(frappe.db.get_default("language"), "id")
		self.assertFalse(setup_cooperative(self.company)["language_set"])  # a second run changes nothing
		self.assertEqual(frappe.local.lang, self.lang)  # the request that ran it keeps its language

	def test_guest_without_accept_language_gets_indonesian(self):
		site_in_english()
		self.guest_request()
		self.assertEqual(get_language(), "en")  # the defect: English for every guest
		frappe.set_user("Administrator")
		setup_cooperative(self.company)
		self.guest_request()
		self.assertEqual(get_language(), "id")
		self.guest_request(**{"Accept-Language": "en"})
		self.assertEqual(get_language(), "en")  # a browser that asks for English still gets it

	def test_new_portal_user_gets_indonesian(self):
		site_in_english()
		self.assertEqual(get_user_lang(make_user("anggota.en@koperasi.test", user_type="Website User")), "en")
		setup_cooperative(self.company)
		email = make_user("anggota.bahasa@koperasi.test", user_type="Website User")
		# A new User takes the "language" default (as after Frappe's wizard); without one, get_user_lang
		# falls back to the global default "lang". Either way: Indonesian.
		self.assertIn(frappe.db.get_value("User", email, "language"), (None, "id"))
		self.assertEqual(get_user_lang(email), "id")

	def test_patch_switches_an_existing_site(self):
		site_in_english()
		patch.execute()
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "id")
		self.assertEqual(frappe.db.get_default("lang"), "id")

	def test_a_language_chosen_by_the_administrator_is_kept(self):
		frappe.db.set_single_value("System Settings", "language", "fr")
		try:
			self.assertFalse(use_indonesian())
			self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "fr")
		finally:
			frappe.db.set_single_value("System Settings", "language", "id")


class TestFrappeMessagesInIndonesian(FrappeTestCase):
	"""Frappe v15 has no Indonesian for these; the app's locale/id.po supplies them (Frappe merges the
	translations of every installed app over its own)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# `bench build` compiles locale/id.po; do it here too when the .po is newer than the .mo.
		from frappe.gettext.translate import _compile_translation

		_compile_translation("koperasi_merah_putih", "id")
		frappe.translate.clear_cache()

	def test_permission_messages(self):
		expected = {
			"You hit the rate limit because of too many requests. Please try after sometime.": (
				"Terlalu banyak permintaan dalam waktu singkat. Silakan coba lagi beberapa saat lagi."
			),
			"Method Not Allowed": "Metode Tidak Diizinkan",
			"You must be logged in to use this form.": (
				"Anda harus masuk (login) untuk menggunakan formulir ini."
			),
			"There's nothing here": "Tidak ada apa-apa di sini",
		}
		for message, indonesian in expected.items():
			with self.subTest(message=message):
				self.assertEqual(_(message, lang="id"), indonesian)
		self.assertEqual(
			_("You need the '{0}' permission on {1} {2} to perform this action.", lang="id").format(
				"write", "Savings Account", "SA-0001"
			),
			"Anda memerlukan izin 'write' pada Savings Account SA-0001 untuk melakukan tindakan ini.",
		)

	def test_frappes_own_translations_still_apply(self):
		self.assertEqual(_("Not permitted", lang="id"), "Tidak diizinkan")  # the app's wording wins
		frappes_only = "You need to be logged in to access this page"  # not in the app's id.po
		self.assertEqual(_(frappes_only, lang="id"), "Anda harus login untuk mengakses halaman ini")
