# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import getseries
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.numbering import format_member_number, render_series_key
from koperasi_merah_putih.keanggotaan.identity import find_member_with_nik, validate_person
from koperasi_merah_putih.utils.roles import ANGGOTA, KETUA, SEKRETARIS, is_member_only, require_roles
from koperasi_merah_putih.utils.settings import get_settings

CANDIDATE = "Calon"
ACTIVE = "Aktif"
EXIT_STATUSES = ("Keluar", "Meninggal", "Diberhentikan")


class CooperativeMember(Document):
	def autoname(self):
		settings = get_settings()
		join_date = getdate(self.join_date or today())
		key = render_series_key(settings.member_number_template, join_date, settings.cooperative_code or "")
		counter = f"{key.prefix}#{key.suffix}"
		seq = int(getseries(counter, key.digits))
		self.member_number = format_member_number(
			settings.member_number_template, seq, join_date, settings.cooperative_code or ""
		)
		self.name = self.member_number

	def before_insert(self):
		if not self.company:
			self.company = get_settings().company
		if self.status in EXIT_STATUSES and not (self.exit_date and self.exit_reason):
			frappe.throw(
				_("A member imported with status {0} needs Exit Date and Exit Reason.").format(
					_(self.status)
				),
				title=_("Exit details missing"),
			)

	def validate(self):
		settings = get_settings()
		validate_person(self, settings.minimum_member_age)
		self.validate_unique_nik()
		self.validate_heirs()
		self.validate_status_change()
		if self.exit_date and getdate(self.exit_date) < getdate(self.join_date):
			frappe.throw(_("Exit Date cannot be before Join Date."), title=_("Exit Date"))

	def after_insert(self):
		if self.status == ACTIVE:
			# Members imported as already active (from the paper register) get their Customer and user now.
			self.activated_on = self.activated_on or self.join_date
			self.link_customer_and_user()
			self.db_update()
			self.run_activation_hooks()

	def run_activation_hooks(self):
		"""`kmp_on_member_activate`: features that act on a new active member (savings opens accounts)."""
		for method in frappe.get_hooks("kmp_on_member_activate"):
			frappe.get_attr(method)(self)

	def validate_unique_nik(self):
		if self.status not in (CANDIDATE, ACTIVE):
			return
		existing = find_member_with_nik(self.nik, self.company, exclude=None if self.is_new() else self.name)
		if existing:
			frappe.throw(
				_(
					"NIK {0} already belongs to member {1} of this cooperative. A person can be a member only once."
				).format(self.nik, existing),
				title=_("Duplicate NIK"),
			)

	def validate_heirs(self):
		total = sum(h.share_percent or 0 for h in self.heirs)
		if total > 100:
			frappe.throw(
				_("Heirs: the shares add up to {0}%; they may not exceed 100%.").format(total),
				title=_("Heirs"),
			)
		for heir in self.heirs:
			if heir.nik and heir.nik == self.nik:
				frappe.throw(
					_("Heirs row {0}: the heir's NIK is the member's own NIK.").format(heir.idx),
					title=_("Heirs"),
				)

	def validate_status_change(self):
		"""Status moves only through activate() and record_exit(), never by editing the field."""
		if self.is_new() or self.flags.status_change_allowed:
			return
		before = self.get_doc_before_save()
		if before and before.status != self.status:
			frappe.throw(
				_("Status cannot be edited directly. Use the Activate or Record Exit button."),
				title=_("Status"),
			)

	# ------------------------------------------------------------------ lifecycle
	@frappe.whitelist()
	def activate(self) -> None:
		"""Calon → Aktif: creates or links the member's Customer and, with an email, a portal user."""
		require_roles(KETUA, SEKRETARIS)
		self.check_permission("write")
		if self.status != CANDIDATE:
			frappe.throw(
				_("Only a candidate member (status Calon) can be activated; {0} is {1}.").format(
					self.name, _(self.status)
				),
				title=_("Cannot activate"),
			)
		self.status = ACTIVE
		self.activated_on = today()
		self.link_customer_and_user()
		self.flags.status_change_allowed = True
		self.save()
		self.run_activation_hooks()

	@frappe.whitelist()
	def record_exit(self, exit_status: str, exit_date: str, exit_reason: str) -> None:
		"""Aktif/Calon → Keluar, Meninggal or Diberhentikan, blocked while obligations remain."""
		if not self.flags.exit_settlement:  # a submitted Member Exit Settlement carries its own permission
			require_roles(KETUA, SEKRETARIS)
			self.check_permission("write")
		if exit_status not in EXIT_STATUSES:
			frappe.throw(
				_("Exit status must be one of: {0}.").format(", ".join(EXIT_STATUSES)), title=_("Exit status")
			)
		if self.status not in (CANDIDATE, ACTIVE):
			frappe.throw(
				_("{0} already left the cooperative (status {1}).").format(self.name, _(self.status)),
				title=_("Already exited"),
			)
		if not (exit_reason or "").strip():
			frappe.throw(_("Exit Reason is required: write why the member leaves."), title=_("Exit Reason"))
		if not exit_date:
			frappe.throw(_("Exit Date is required."), title=_("Exit Date"))
		if getdate(exit_date) > getdate(today()):
			frappe.throw(_("Exit Date cannot be in the future."), title=_("Exit Date"))

		obligations = get_exit_obligations(self, getdate(exit_date))
		if obligations:
			frappe.throw(
				_("{0} cannot leave yet. Settle these first:").format(self.name)
				+ "<ul>"
				+ "".join(f"<li>{o}</li>" for o in obligations)
				+ "</ul>",
				title=_("Obligations remain"),
			)

		self.status = exit_status
		self.exit_date = getdate(exit_date)
		self.exit_reason = exit_reason.strip()
		self.flags.status_change_allowed = True
		self.save()
		if self.user and is_member_only(self.user):
			# The former member keeps their history but can no longer sign in to the portal.
			frappe.db.set_value("User", self.user, "enabled", 0)

	# ------------------------------------------------------------------ Customer and portal user
	def link_customer_and_user(self) -> None:
		self.customer = self.customer or ensure_customer(self)
		settings = get_settings()
		if self.email and settings.create_portal_user and not self.user:
			self.user = ensure_portal_user(self)


def get_exit_obligations(member, exit_date) -> list[str]:
	"""Ask every installed feature (savings, loans, ...) what the member still owes or holds."""
	obligations = []
	for method in frappe.get_hooks("kmp_member_exit_checks"):
		obligations.extend(frappe.get_attr(method)(member, exit_date) or [])
	return obligations


def ensure_customer(member) -> str:
	existing = frappe.db.get_value("Customer", {"kmp_member": member.name}, "name")
	if existing:
		return existing
	settings = get_settings()
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": member.full_name,
			"customer_type": "Individual",
			"customer_group": settings.customer_group
			or frappe.db.get_single_value("Selling Settings", "customer_group"),
			"territory": settings.territory or frappe.db.get_single_value("Selling Settings", "territory"),
			"kmp_member": member.name,
			"mobile_no": member.phone,
			"email_id": member.email,
		}
	)
	# The approving officer (Ketua/Sekretaris) has no Selling role; the Customer is created by the
	# system as part of an approval they are permitted to make (checked in activate()).
	customer.flags.ignore_permissions = True
	# Named after the member number: namesakes are common, and ERPNext's name-based naming refuses a
	# second "Siti Aminah" during imports.
	customer.insert(set_name=member.name)
	return customer.name


def ensure_portal_user(member) -> str:
	email = member.email.strip().lower()
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		if ANGGOTA not in [r.role for r in user.roles]:
			user.append("roles", {"role": ANGGOTA})
			user.flags.ignore_permissions = True  # role grant by the system on activation
			user.save()
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": member.full_name,
				"mobile_no": member.phone,
				"user_type": "Website User",
				"send_welcome_email": 0 if frappe.flags.in_test or frappe.flags.in_import else 1,
				"roles": [{"role": ANGGOTA}],
			}
		)
		# Creating users is System Manager's right; here the system creates the member's own portal
		# account on an activation the officer is permitted to make.
		user.flags.ignore_permissions = True
		user.insert()

	if is_member_only(user.name) and not frappe.db.exists(
		"User Permission", {"user": user.name, "allow": "Cooperative Member", "for_value": member.name}
	):
		perm = frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user.name,
				"allow": "Cooperative Member",
				"for_value": member.name,
				"apply_to_all_doctypes": 1,
			}
		)
		perm.flags.ignore_permissions = True  # restricts the member to their own records; system-made
		perm.insert()
	return user.name


# ---------------------------------------------------------------------- permission hooks
def get_permission_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_member_only(user):
		return f"`tabCooperative Member`.`user` = {frappe.db.escape(user)}"
	return ""


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_member_only(user):
		return doc.user == user and ptype in ("read", "print", None)
	return None
