# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from koperasi_merah_putih.keanggotaan.identity import find_member_with_nik, validate_person
from koperasi_merah_putih.utils.settings import get_settings

SUBMITTED = "Diajukan"
VERIFIED = "Diverifikasi"
APPROVED = "Disetujui"
REJECTED = "Ditolak"
OPEN_STATES = (SUBMITTED, VERIFIED)
# Fields copied from an approved application onto the new member.
PERSON_FIELDS = (
	"company",
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


class MembershipApplication(Document):
	def before_insert(self):
		# Whatever a form or API sends, a new application starts at the beginning of the workflow.
		self.workflow_state = SUBMITTED
		self.member = None
		self.verified_by = None
		self.approved_by = None
		if not self.company:
			self.company = get_settings().company

	def validate(self):
		previous = self.get_doc_before_save()
		old_state = previous.workflow_state if previous else None
		if old_state in (APPROVED, REJECTED):
			frappe.throw(
				_("Application {0} is already {1} and can no longer be changed.").format(
					self.name, _(old_state)
				),
				title=_("Application closed"),
			)

		validate_person(self, get_settings().minimum_member_age)
		if not self.agree_to_statutes:
			frappe.throw(
				_("Tick the declaration to abide by the statutes (AD/ART) to submit the application."),
				title=_("Declaration"),
			)
		self.validate_not_duplicate()

		if self.workflow_state != old_state:
			self.on_state_change()

	def validate_not_duplicate(self):
		if self.workflow_state not in OPEN_STATES:
			return
		member = find_member_with_nik(self.nik, self.company)
		if member:
			frappe.throw(
				_("NIK {0} already belongs to member {1}; no new application is needed.").format(
					self.nik, member
				),
				title=_("Already a member"),
			)
		filters = {"nik": self.nik, "company": self.company, "workflow_state": ["in", OPEN_STATES]}
		if not self.is_new():
			filters["name"] = ["!=", self.name]
		other = frappe.db.get_value("Membership Application", filters, "name")
		if other:
			frappe.throw(
				_("An application for NIK {0} is already being processed ({1}).").format(self.nik, other),
				title=_("Duplicate application"),
			)

	def on_state_change(self):
		if self.workflow_state == VERIFIED:
			self.verified_by = frappe.session.user
		elif self.workflow_state == REJECTED:
			if not (self.rejection_reason or "").strip():
				frappe.throw(
					_("Fill in Rejection Reason before rejecting the application."),
					title=_("Rejection Reason"),
				)
		elif self.workflow_state == APPROVED:
			self.approved_by = frappe.session.user
			self.member = create_member(self)


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
		for heir in application.heirs:
			member.append(
				"heirs",
				{f: heir.get(f) for f in ("heir_name", "relationship", "nik", "phone", "share_percent")},
			)
		member.status = "Calon"
		member.insert()
		member.activate()
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return member.name
