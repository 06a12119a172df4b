"""Helpers for the app's Frappe tests."""

import random
from datetime import date

import frappe

from koperasi_merah_putih.calculators.nik import check_nik

_rng = random.Random()


def make_nik(birth: date, female: bool = False, area: str = "320410") -> str:
	"""A NIK that passes validation, unique within a test run."""
	day = birth.day + (40 if female else 0)
	serial = _rng.randint(1, 9999)
	for _attempt in range(10000):
		nik = f"{area}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
		if not frappe.db.exists("Cooperative Member", {"nik": nik}) and not frappe.db.exists(
			"Membership Application", {"nik": nik}
		):
			assert not check_nik(nik, birth, female)
			return nik
		serial = serial % 9999 + 1
	raise AssertionError("no free NIK")


def person(**overrides) -> dict:
	birth = overrides.pop("date_of_birth", date(1985, 3, 14))
	female = overrides.get("gender") == "Perempuan"
	data = {
		"full_name": "Budi Santoso",
		"nik": make_nik(birth, female),
		"date_of_birth": birth,
		"gender": "Laki-laki",
		"place_of_birth": "Bandung",
		"address": "Jl. Merdeka No. 1",
		"rt": "001",
		"rw": "002",
		"desa_kelurahan": "Sukamaju",
		"kecamatan": "Cibeunying Kaler",
		"kabupaten_kota": "Kota Bandung",
		"provinsi": "Jawa Barat",
	}
	data.update(overrides)
	return data


def make_member(status: str = "Calon", **overrides):
	doc = frappe.get_doc({"doctype": "Cooperative Member", "status": status, **person(**overrides)})
	doc.insert()
	return doc


def make_user(email: str, *roles: str, user_type: str = "System User") -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": user_type,
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		).insert()
	return email


def fake_open_loan(member, exit_date) -> list[str]:
	"""A stand-in exit check, as the loans feature will register: one open obligation."""
	return [f"Pinjaman belum lunas: Rp1.000.000 ({member.name})"]
