# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from koperasi_merah_putih.exceptions import (
	ApplicationClosedError,
	ApplicationIncompleteError,
	DuplicateMemberError,
	TooManyApplicationsError,
)
from koperasi_merah_putih.keanggotaan.identity import find_member_with_nik, find_user, validate_person
from koperasi_merah_putih.utils.roles import is_officer
from koperasi_merah_putih.utils.server_owned import allow_server_write
from koperasi_merah_putih.utils.settings import get_settings

SUBMITTED = "Diajukan"
VERIFIED = "Diverifikasi"
APPROVED = "Disetujui"
REJECTED = "Ditolak"
OPEN_STATES = (SUBMITTED, VERIFIED)
# Fields copied from an approved application onto the new member.
PERSON_FIELDS = (
	"full_name",
	"nik",
	"no_kk",
	"place_of_birth",
	"date_of_birth",
	"gender",
	"occupation",
	"address",
	"rt",
	"rw",
	"desa_kelurahan",
	"kecamatan",
	"kabupaten_kota",
	"provinsi",
	"phone",
	"email",
)

# At most this many applications a guest may send from one client IP address in an hour (the public form
# /daftar-anggota). Frappe's own limit on the web form endpoint (`accept`: 10 calls a minute per address
# and form, frappe.rate_limiter) still lets one address try 600 NIKs an hour; this one counts every
# well-formed application, including those refused as duplicates, which are what a search for whose NIK is
# a member's would send. Malformed data (a mistyped NIK) is refused before it counts. A household or a
# village office sharing one address rarely sends more than a few an hour; officers enter larger batches in
# the desk, where no limit applies. A constant, not a Cooperative Settings field: raise it here if a
# village registers through one shared network.
GUEST_APPLICATIONS_PER_HOUR = 5
GUEST_WINDOW_SECONDS = 60 * 60


class MembershipApplication(Document):
	def before_insert(self):
		# Whatever a form or API sends, a new application starts at the beginning of the workflow.
		self.workflow_state = SUBMITTED
		if not is_officer():
			self.link_existing_user = 0  # an officer's decision, never the applicant's

	def onload(self):
		if self.email and not self.member and is_officer():
			self.set_onload("email_has_user", bool(find_user(self.email)))

	def validate(self):
		if self.is_new() or not self.company:
			self.company = get_settings().company
		previous = self.get_doc_before_save()
		old_state = previous.workflow_state if previous else None
		if old_state in (APPROVED, REJECTED):
			frappe.throw(
				_("Application {0} is already {1} and can no longer be changed.").format(
					self.name, _(old_state)
				),
				ApplicationClosedError,
				title=_("Application closed"),
			)

		validate_person(self, get_settings().minimum_member_age)
		if not self.agree_to_statutes:
			frappe.throw(
				_("Tick the declaration to abide by the statutes (AD/ART) to submit the application."),
				ApplicationIncompleteError,
				title=_("Declaration"),
			)
		if self.is_new():
			check_guest_rate_limit()  # after the checks of the data itself: a typo costs no attempt
		self.validate_not_duplicate()

		if self.workflow_state != old_state:
			self.on_state_change()

	def validate_not_duplicate(self):
		if self.workflow_state not in OPEN_STATES:
			return
		member = find_member_with_nik(self.nik, self.company)
		filters = {"nik": self.nik, "company": self.company, "workflow_state": ["in", OPEN_STATES]}
		if not self.is_new():
			filters["name"] = ["!=", self.name]
		other = None if member else frappe.db.get_value("Membership Application", filters, "name")
		if not (member or other):
			return
		if not is_officer():
			# UU 27/2022: a guest (or a member) must not learn that a NIK is someone's membership or
			# application, nor any member number. One message for both cases.
			frappe.throw(
				_(
					"We cannot process a registration with these data. Please contact the cooperative's "
					"officers (the Sekretaris) in person."
				),
				DuplicateMemberError,
				title=_("Registration not processed"),
			)
		if member:
			frappe.throw(
				_("NIK {0} already belongs to member {1}; no new application is needed.").format(
					self.nik, member
				),
				DuplicateMemberError,
				title=_("Already a member"),
			)
		frappe.throw(
			_("An application for NIK {0} is already being processed ({1}). Continue with that one.").format(
				self.nik, other
			),
			DuplicateMemberError,
			title=_("Duplicate application"),
		)

	def on_state_change(self):
		if self.workflow_state == VERIFIED:
			self.verified_by = frappe.session.user
		elif self.workflow_state == REJECTED:
			if not (self.rejection_reason or "").strip():
				frappe.throw(
					_("Fill in Rejection Reason before rejecting the application."),
					ApplicationIncompleteError,
					title=_("Rejection Reason"),
				)
		elif self.workflow_state == APPROVED:
			self.approved_by = frappe.session.user
			self.member = create_member(self)


def check_guest_rate_limit() -> None:
	"""Refuse a guest's application beyond GUEST_APPLICATIONS_PER_HOUR from one client address (HTTP 429).

	Only web requests carry an address (`frappe.local.request_ip`), and a guest reaches this only through
	one; the count lives in Redis with the window's expiry, started and incremented in one transaction."""
	ip = getattr(frappe.local, "request_ip", None)
	if frappe.session.user != "Guest" or not ip:
		return
	key = frappe.cache.make_key(f"kmp:guest-applications:{ip}")
	pipe = frappe.cache.pipeline()
	pipe.set(key, 0, ex=GUEST_WINDOW_SECONDS, nx=True)
	pipe.incr(key)
	count = pipe.execute()[-1]
	if count > GUEST_APPLICATIONS_PER_HOUR:
		frappe.throw(
			_(
				"Too many registrations were sent from your network in the last hour. Try again in an hour, "
				"or register at the cooperative's office."
			),
			TooManyApplicationsError,
			title=_("Too many registrations"),
		)


def create_member(application) -> str:
	"""Make the active member (with Customer and portal user) for an approved application.

	All or nothing: if any step fails, no member, Customer or user is left behind.
	"""
	savepoint = "kmp_approve_application"
	frappe.db.savepoint(savepoint)
	try:
		member = frappe.new_doc("Cooperative Member")
		for field in PERSON_FIELDS:
			member.set(field, application.get(field))
		member.join_date = frappe.utils.today()
		member.membership_application = application.name
		allow_server_write(member, "membership_application")
		for heir in application.heirs:
			member.append(
				"heirs",
				{f: heir.get(f) for f in ("heir_name", "relationship", "nik", "phone", "share_percent")},
			)
		member.insert()
		member.activate(link_existing_user=bool(application.link_existing_user))
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return member.name
