"""Validation of a person's identity data, shared by Cooperative Member and Membership Application.

The rules themselves are pure functions in calculators/nik.py; this module turns their problem codes
into translated messages that name the field and the fix.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from koperasi_merah_putih.calculators.nik import NikProblem, check_kk, check_nik, normalize_nik
from koperasi_merah_putih.exceptions import InvalidNIKError, InvalidPersonError

FEMALE = "Perempuan"
ACTIVE_MEMBER_STATUSES = ("Calon", "Aktif")


def nik_message(problem: NikProblem, label: str) -> str:
	p = dict(problem.params or {})
	messages = {
		"empty": _("{0} is required: enter the 16-digit number.").format(label),
		"length": _("{0} must have exactly 16 digits; it has {1}. Check the number against the card.").format(
			label, p.get("length")
		),
		"digits": _("{0} may contain digits only (0-9). Remove letters and other characters.").format(label),
		"province": _("{0}: the first two digits ({1}) are not an Indonesian province code.").format(
			label, p.get("code")
		),
		"regency": _("{0}: digits 3-4 (regency/city code) cannot be 00.").format(label),
		"district": _("{0}: digits 5-6 (district code) cannot be 00.").format(label),
		"birth_date": _(
			"{0}: digits 7-12 ({1}) are not a valid birth date DDMMYY (women add 40 to the day)."
		).format(label, p.get("digits")),
		"birth_date_mismatch": _(
			"{0} encodes birth date {1} but Date of Birth is {2}. Correct one of them."
		).format(label, _fmt(p.get("nik_date")), _fmt(p.get("birth_date"))),
		"gender_mismatch": (
			_("{0} encodes a woman (day of birth plus 40) but Gender is {1}. Correct one of them.")
			if p.get("nik_gender") == "female"
			else _("{0} encodes a man (day of birth under 40) but Gender is {1}. Correct one of them.")
		).format(label, _("Perempuan") if p.get("gender") == "female" else _("Laki-laki")),
		"serial": _("{0}: the last four digits (serial number) cannot be 0000.").format(label),
	}
	return messages.get(problem.code) or _("{0} is not valid ({1}).").format(label, problem.code)


def _fmt(value) -> str:
	return frappe.format(getdate(value), {"fieldtype": "Date"}) if value else ""


def validate_person(doc, min_age: int) -> None:
	"""Normalise and check NIK, No. KK, date of birth and age on a member or an application."""
	doc.nik = normalize_nik(doc.nik)
	doc.no_kk = normalize_nik(doc.no_kk) or None
	doc.full_name = " ".join((doc.full_name or "").split())

	nik_label = _(doc.meta.get_label("nik"))
	problems = check_nik(
		doc.nik,
		birth_date=getdate(doc.date_of_birth) if doc.date_of_birth else None,
		female=(doc.gender == FEMALE) if doc.gender else None,
	)
	if problems:
		frappe.throw(
			"<br>".join(nik_message(p, nik_label) for p in problems),
			InvalidNIKError,
			title=_("NIK is not valid"),
		)

	if doc.no_kk:
		kk_problems = check_kk(doc.no_kk)
		if kk_problems:
			kk_label = _(doc.meta.get_label("no_kk"))
			frappe.throw(
				"<br>".join(nik_message(p, kk_label) for p in kk_problems),
				InvalidNIKError,
				title=_("No. KK is not valid"),
			)

	reference = getdate(doc.get("join_date") or doc.get("application_date") or frappe.utils.today())
	birth = getdate(doc.date_of_birth)
	if birth > reference:
		frappe.throw(
			_("Date of Birth cannot be after {0}. Check the date against the KTP.").format(_fmt(reference)),
			InvalidPersonError,
			title=_("Date of Birth"),
		)
	age = reference.year - birth.year - ((reference.month, reference.day) < (birth.month, birth.day))
	if min_age and age < min_age:
		frappe.throw(
			_(
				"{0} is {1} years old; members must be at least {2} (Minimum Member Age in Cooperative Settings)."
			).format(doc.full_name, age, min_age),
			InvalidPersonError,
			title=_("Too young to join"),
		)


def find_member_with_nik(nik: str, company: str, exclude: str | None = None) -> str | None:
	"""A current (Calon or Aktif) member of the cooperative with this NIK, if any."""
	filters = {"nik": nik, "company": company, "status": ["in", ACTIVE_MEMBER_STATUSES]}
	if exclude:
		filters["name"] = ["!=", exclude]
	return frappe.db.get_value("Cooperative Member", filters, "name")


def find_user(email: str | None) -> str | None:
	"""The User whose name or email is this address, if any."""
	email = (email or "").strip().lower()
	if not email:
		return None
	return frappe.db.get_value("User", email) or frappe.db.get_value("User", {"email": email})
