# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import getseries
from frappe.utils import getdate, sbool, today

from koperasi_merah_putih.calculators.numbering import format_member_number, render_series_key
from koperasi_merah_putih.exceptions import (
	DuplicateMemberError,
	ExitBlockedError,
	ExitDetailsError,
	HeirsError,
	MemberStatusError,
	PortalUserError,
)
from koperasi_merah_putih.keanggotaan.identity import find_member_with_nik, find_user, validate_person
from koperasi_merah_putih.utils.roles import ANGGOTA, KETUA, SEKRETARIS, has_any_role, is_member_only
from koperasi_merah_putih.utils.server_owned import allow_server_write, reload_locked
from koperasi_merah_putih.utils.settings import get_settings

CANDIDATE = "Calon"
ACTIVE = "Aktif"
EXIT_STATUSES = ("Keluar", "Meninggal", "Diberhentikan")
# Who may activate a member or record an exit (System Manager always may, see utils.roles).
LIFECYCLE_ROLES = (KETUA, SEKRETARIS)
# What a row of the paper register brings along when officers import it with Data Import.
REGISTER_FIELDS = ("status", "exit_date", "exit_reason")


class CooperativeMember(Document):
	def autoname(self):
		settings = get_settings()
		join_date = getdate(self.join_date or today())
		key = render_series_key(settings.member_number_template, join_date, settings.cooperative_code or "")
		counter = f"{key.prefix}#{key.suffix}"
		seq = int(getseries(counter, key.digits))
		self.name = format_member_number(
			settings.member_number_template, seq, join_date, settings.cooperative_code or ""
		)

	def before_insert(self):
		if frappe.flags.in_import and has_any_role(*LIFECYCLE_ROLES):
			# Members from the paper register keep the status they had there (an officer's Data Import).
			allow_server_write(self, *REGISTER_FIELDS)
			if self.status in EXIT_STATUSES and not (self.exit_date and self.exit_reason):
				frappe.throw(
					_(
						"A member imported with status {0} needs Exit Date and Exit Reason. Fill in both "
						"columns of this row, or import the member as Aktif."
					).format(_(self.status)),
					ExitDetailsError,
					title=_("Exit details missing"),
				)
		# Frappe resets fields at permission level 7 after this method for everyone but Administrator, and
		# utils.server_owned.guard() resets them again: keep what the server chose, for validate().
		self.flags.server_chosen = {f: self.get(f) for f in (self.flags.server_owned_writable or ())}

	def validate(self):
		if self.is_new():
			self.set_new_member_fields()
		settings = get_settings()
		validate_person(self, settings.minimum_member_age)
		self.validate_unique_nik()
		self.validate_unique_user()
		self.validate_heirs()
		if self.exit_date and getdate(self.exit_date) < getdate(self.join_date):
			frappe.throw(
				_("Exit Date cannot be before Join Date ({0}). Correct the Exit Date.").format(
					frappe.format(getdate(self.join_date), {"fieldtype": "Date"})
				),
				ExitDetailsError,
				title=_("Exit Date"),
			)

	def set_new_member_fields(self) -> None:
		"""The fields the server owns on a new member: every member starts as a candidate (Calon)."""
		chosen = self.flags.server_chosen or {}
		for fieldname, value in chosen.items():
			self.set(fieldname, value)
		self.company = get_settings().company
		self.member_number = self.name
		self.status = chosen.get("status") or CANDIDATE

	def onload(self):
		"""Which lifecycle buttons the form shows, from the same checks the methods make."""
		may = self.may_change_lifecycle()
		self.set_onload("can_activate", may and self.status == CANDIDATE)
		self.set_onload("can_record_exit", may and self.status in (CANDIDATE, ACTIVE))
		if may and self.status == CANDIDATE and self.email and not self.user:
			self.set_onload("email_has_user", bool(find_user(self.email)))

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
			# Only officers create members (see the DocType's permissions), so the member number may be named.
			frappe.throw(
				_(
					"NIK {0} already belongs to member {1} of this cooperative. A person can be a member only once."
				).format(self.nik, existing),
				DuplicateMemberError,
				title=_("Duplicate NIK"),
			)

	def validate_unique_user(self):
		"""One user account maps to exactly one member (the column is unique too)."""
		if not self.user:
			return
		other = frappe.db.get_value("Cooperative Member", {"user": self.user, "name": ["!=", self.name]})
		if other:
			frappe.throw(
				_(
					"The user account {0} already belongs to member {1}; one account can belong to one member "
					"only. Give {2} another email address."
				).format(self.user, other, self.full_name),
				PortalUserError,
				title=_("User account in use"),
			)

	def validate_heirs(self):
		total = sum(h.share_percent or 0 for h in self.heirs)
		if total > 100:
			frappe.throw(
				_("Heirs: the shares add up to {0}%; they may not exceed 100%.").format(total),
				HeirsError,
				title=_("Heirs"),
			)
		for heir in self.heirs:
			if heir.nik and heir.nik == self.nik:
				frappe.throw(
					_("Heirs row {0}: the heir's NIK is the member's own NIK.").format(heir.idx),
					HeirsError,
					title=_("Heirs"),
				)

	# ------------------------------------------------------------------ lifecycle
	def may_change_lifecycle(self) -> bool:
		"""Ketua or Sekretaris (or System Manager) with write permission on this member."""
		return has_any_role(*LIFECYCLE_ROLES) and bool(self.has_permission("write"))

	def check_may_change_lifecycle(self) -> None:
		if not self.may_change_lifecycle():
			frappe.throw(
				_("Only {0} may activate a member or record an exit.").format(
					", ".join(_(r) for r in LIFECYCLE_ROLES)
				),
				frappe.PermissionError,
				title=_("Not permitted"),
			)

	@frappe.whitelist()
	def activate(self, link_existing_user: bool = False) -> None:
		"""Calon → Aktif: creates or links the member's Customer and, with an email, a portal user.

		`link_existing_user`: the officer chose to give the member the user account that already has this
		email (see ensure_portal_user)."""
		reload_locked(self)  # the posted document (a stale status) decides nothing
		self.check_may_change_lifecycle()
		if self.status != CANDIDATE:
			frappe.throw(
				_("Only a candidate member (status Calon) can be activated; {0} is {1}.").format(
					self.name, _(self.status)
				),
				MemberStatusError,
				title=_("Cannot activate"),
			)
		self.status = ACTIVE
		self.activated_on = today()
		self.link_customer_and_user(link_existing_user=sbool(link_existing_user))
		allow_server_write(self, "status", "activated_on", "customer", "user")
		self.save()
		self.run_activation_hooks()

	@frappe.whitelist()
	def record_exit(self, exit_status: str, exit_date: str, exit_reason: str) -> None:
		"""Aktif/Calon → Keluar, Meninggal or Diberhentikan, blocked while obligations remain."""
		reload_locked(self)  # the posted document (a stale status) decides nothing
		if not self.flags.exit_settlement:  # a submitted Member Exit Settlement carries its own permission
			self.check_may_change_lifecycle()
		if exit_status not in EXIT_STATUSES:
			frappe.throw(
				_("Exit status must be one of: {0}.").format(", ".join(_(s) for s in EXIT_STATUSES)),
				ExitDetailsError,
				title=_("Exit status"),
			)
		if self.status not in (CANDIDATE, ACTIVE):
			frappe.throw(
				_("{0} already left the cooperative (status {1}).").format(self.name, _(self.status)),
				MemberStatusError,
				title=_("Already exited"),
			)
		if not (exit_reason or "").strip():
			frappe.throw(
				_("Exit Reason is required: write why the member leaves."),
				ExitDetailsError,
				title=_("Exit Reason"),
			)
		if not exit_date:
			frappe.throw(
				_("Exit Date is required: enter the day the member leaves."),
				ExitDetailsError,
				title=_("Exit Date"),
			)
		if getdate(exit_date) > getdate(today()):
			frappe.throw(
				_("Exit Date cannot be in the future. Record the exit on or after the day itself."),
				ExitDetailsError,
				title=_("Exit Date"),
			)

		obligations = get_exit_obligations(self, getdate(exit_date))
		if obligations:
			frappe.throw(
				_("{0} cannot leave yet. Settle these first:").format(self.name)
				+ "<ul>"
				+ "".join(f"<li>{o}</li>" for o in obligations)
				+ "</ul>",
				ExitBlockedError,
				title=_("Obligations remain"),
			)

		self.status = exit_status
		self.exit_date = getdate(exit_date)
		self.exit_reason = exit_reason.strip()
		allow_server_write(self, "status", "exit_date", "exit_reason")
		self.save()
		if self.user and is_member_only(self.user):
			# The former member keeps their history but can no longer sign in to the portal. An officer's
			# account that is also a member's stays enabled: it still serves the cooperative.
			disable_portal_user(self.user)

	# ------------------------------------------------------------------ Customer and portal user
	def link_customer_and_user(self, link_existing_user: bool = False) -> None:
		self.customer = self.customer or ensure_customer(self)
		settings = get_settings()
		if self.email and settings.create_portal_user and not self.user:
			self.user = ensure_portal_user(self, link_existing_user=link_existing_user)


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
	allow_server_write(customer, "kmp_member")  # see keep_customer_member_link
	# The approving officer (Ketua/Sekretaris) has no Selling role; the Customer is created by the
	# system as part of an approval they are permitted to make (checked in activate()).
	customer.flags.ignore_permissions = True
	# Named after the member number: namesakes are common, and ERPNext's name-based naming refuses a
	# second "Siti Aminah" during imports.
	customer.insert(set_name=member.name)
	return customer.name


def keep_customer_member_link(doc, method=None) -> None:
	"""Customer `validate` (hooks.py): which member a Customer is (kmp_member) is set by the server only.

	A client could otherwise make any Customer "a member" (member prices, member-only sales) or move a
	member's purchases, which count for the SHU, to another person. ensure_customer() names the field with
	allow_server_write(); every other save keeps what the database holds."""
	if not doc.meta.has_field("kmp_member") or "kmp_member" in (doc.flags.server_owned_writable or ()):
		return
	doc.kmp_member = None if doc.is_new() else frappe.db.get_value("Customer", doc.name, "kmp_member")


def ensure_portal_user(member, link_existing_user: bool = False) -> str:
	"""The member's portal account: a new Website User with role Anggota, or an existing User when that is
	safe. An existing User is never handed a member's record silently:

	a) it belongs to another current (Calon/Aktif) member: refused, one account is one member;
	b) it belonged only to former members with the same NIK (the person rejoins): it moves to the new
	member and is enabled again;
	c) anyone else's account (an officer's, a stranger's): refused unless an officer chose to link it
	(`link_existing_user`, from the membership application or the Activate dialog).
	"""
	email = member.email.strip().lower()
	existing = find_user(email)
	if existing:
		user = link_existing_portal_user(member, existing, link_existing_user)
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


def link_existing_portal_user(member, user_name: str, link_existing_user: bool):
	"""Decide whether `member` may have the existing User `user_name` (cases a-c of ensure_portal_user)."""
	others = frappe.get_all(
		"Cooperative Member",
		filters={"user": user_name, "name": ["!=", member.name]},
		fields=["name", "status", "nik"],
	)
	current = [m.name for m in others if m.status in (CANDIDATE, ACTIVE)]
	if current:
		frappe.throw(
			_(
				"The email {0} is the portal account of member {1}. One account belongs to one member only: "
				"enter another email for {2}, or leave Email empty and activate without portal access."
			).format(member.email, ", ".join(current), member.full_name),
			PortalUserError,
			title=_("User account in use"),
		)
	rejoining = bool(others) and all(m.nik == member.nik for m in others)
	if not rejoining and not sbool(link_existing_user):
		frappe.throw(
			_(
				"The email {0} already belongs to the user account {1}, which is not {2}'s. Check with the "
				"person: to give them portal access with that account, tick {3} (on the membership "
				"application, or when activating); otherwise enter another email."
			).format(
				member.email,
				user_name,
				member.full_name,
				frappe.bold(_("Link to the existing user account with this email")),
			),
			PortalUserError,
			title=_("Existing user account"),
		)

	for former in others:
		# One user account maps to exactly one member: the former membership lets go of it.
		frappe.db.set_value("Cooperative Member", former.name, "user", None, update_modified=False)
		for perm in frappe.get_all(
			"User Permission",
			filters={"user": user_name, "allow": "Cooperative Member", "for_value": former.name},
			pluck="name",
		):
			# System-made restriction of the account to the former membership (see ensure_portal_user).
			frappe.delete_doc("User Permission", perm, ignore_permissions=True)

	user = frappe.get_doc("User", user_name)
	changed = False
	if ANGGOTA not in [r.role for r in user.roles]:
		user.append("roles", {"role": ANGGOTA})
		changed = True
	if rejoining and not user.enabled:
		set_notifications(user_name, enabled=True)
		user.enabled = 1  # disabled when the person left (disable_portal_user); they are back
		changed = True
	if changed:
		# Role grant and re-enabling by the system, on an activation the officer is permitted to make.
		user.save(ignore_permissions=True)
	return user


def disable_portal_user(user_name: str) -> None:
	"""A former member's portal account: disabled through the User document, with its sessions ended.

	User.validate ends the user's sessions only inside a web request (it needs frappe.local.login_manager),
	and frappe.sessions.delete_session commits the transaction halfway through the exit. So the sessions
	are deleted here first, inside this transaction; Frappe then finds none left to end and commits
	nothing. A rolled-back exit restores the session rows and the account stays enabled."""
	end_sessions(user_name)
	user = frappe.get_doc("User", user_name)
	if user.enabled:
		set_notifications(user_name, enabled=False)
		user.enabled = 0
		# Disabling the account of a person who left is part of the exit the officer may record; officers
		# have no right on User documents (System Manager's).
		user.save(ignore_permissions=True)


def set_notifications(user_name: str, enabled: bool) -> None:
	"""Switch the user's Notification Settings as User.validate would when `enabled` changes.

	Frappe saves them with the session user's rights, which an officer does not have on another person's
	settings; done here first, Frappe finds nothing left to change."""
	if not frappe.db.exists("Notification Settings", user_name):
		return
	settings = frappe.get_doc("Notification Settings", user_name)
	if bool(settings.enabled) != enabled:
		settings.enabled = int(enabled)
		settings.save(ignore_permissions=True)  # part of the exit or rejoining the officer may record


def end_sessions(user_name: str) -> None:
	"""Delete every session of the user: the database rows and the cached copies Frappe resumes from."""
	sessions = frappe.qb.DocType("Sessions")
	sids = frappe.qb.from_(sessions).select(sessions.sid).where(sessions.user == user_name).run(pluck=True)
	if not sids:
		return
	frappe.qb.from_(sessions).delete().where(sessions.user == user_name).run()
	for sid in sids:
		frappe.cache.hdel("session", sid)
		frappe.cache.hdel("last_db_session_update", sid)


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
