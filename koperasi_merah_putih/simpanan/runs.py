# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What the monthly runs (Savings Interest Run, Savings Billing Run) share.

- The period check, with one message (the rule itself is `calculators.periods.is_period_key`).
- One submitted run per product and period, kept by the database as bills are kept by their primary key:
  `run_key` ("{product}/{period}") is a unique column, written when a run is submitted and cleared when it
  is cancelled. Drafts and cancelled runs hold NULL, which a unique index never compares, so they do not
  collide and a cancelled run can be amended. Two runs submitted at the same moment both pass the friendly
  check in `validate`; the second one's write of the key waits for the first transaction and then fails on
  the index, before it has posted anything.
- The scheduled jobs' loop over products: each product in its own savepoint, so one product's failure
  rolls back only its own run. The failure goes to the Error Log and to the Bendahara's notifications.
"""

from collections.abc import Callable

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils.user import get_users_with_role

from koperasi_merah_putih.calculators.periods import is_period_key
from koperasi_merah_putih.exceptions import AlreadyPostedError, PeriodError

NOTIFIED_ROLE = "Bendahara"


def validate_period(doc) -> None:
	if not is_period_key(doc.period):
		frappe.throw(_("Period must be written YYYY-MM, e.g. 2026-03."), PeriodError, title=_("Period"))


def run_key(doc) -> str:
	return f"{doc.product}/{doc.period}"


def check_not_posted(doc) -> None:
	"""`validate`: refuse early, with the other run's name, when one is already submitted (the unique key
	in :func:`claim_run_key` is what holds when two are submitted at once)."""
	other = frappe.db.get_value(
		doc.doctype,
		{"product": doc.product, "period": doc.period, "docstatus": 1, "name": ["!=", doc.name]},
	)
	if other:
		already_posted(doc, other)


def claim_run_key(doc) -> None:
	"""First thing in `on_submit`, before anything is posted: write the run's key to its row.

	The row exists by then, whether the run was saved as a draft first or inserted submitted. If another
	transaction holds the key, this UPDATE waits for it; once it has committed, the unique index refuses
	the second run, and the whole submission is rolled back with :class:`AlreadyPostedError`.
	"""
	doc.run_key = run_key(doc)
	table = frappe.qb.DocType(doc.doctype)
	try:
		frappe.qb.update(table).set(table.run_key, doc.run_key).where(table.name == doc.name).run()
	except Exception as e:
		if not frappe.db.is_unique_key_violation(e):
			raise
		# A locking read sees the latest committed row; a plain one reads this transaction's snapshot,
		# taken before the other run committed.
		other = frappe.db.get_value(doc.doctype, {"run_key": doc.run_key}, "name", for_update=True)
		already_posted(doc, other or _("another run"))


def release_run_key(doc) -> None:
	"""`before_cancel`: a cancelled run gives its key back (saved as NULL with the cancellation)."""
	doc.run_key = None


def already_posted(doc, other: str) -> None:
	frappe.throw(
		_(
			"{0} {1} already posted {2} for {3}; only one run per product and period can be submitted. "
			"Open {1} to see it, and cancel it first if the period must be run again."
		).format(_(doc.doctype), other, doc.product, doc.period),
		AlreadyPostedError,
		title=_("Already posted"),
	)


def for_each_product(
	doctype: str, products: list[str], period: str, post: Callable[[str, str], str | None]
) -> list[str]:
	"""For the scheduled jobs: `post(product, period)` for every product, each in its own savepoint.

	A product that fails is rolled back to its savepoint (its run, GL rows, bills and series number
	disappear), logged in the Error Log and reported to every Bendahara; the other products go on and are
	committed with the job. Returns the names of the runs posted.
	"""
	posted = []
	for product in products:
		savepoint = f"kmp_run_{frappe.generate_hash(length=10)}"
		frappe.db.savepoint(savepoint)
		try:
			name = post(product, period)
		except Exception:
			# If the database itself rolled the whole transaction back (a deadlock), the savepoint is gone
			# and this raises: the job then fails as a whole and the next day's run repeats it.
			frappe.db.rollback(save_point=savepoint)
			report_failure(doctype, product, period)
		else:
			frappe.db.release_savepoint(savepoint)
			if name:
				posted.append(name)
	return posted


def report_failure(doctype: str, product: str, period: str) -> None:
	"""Error Log (with the traceback of the exception being handled) and a bell notification per Bendahara."""
	error_log = frappe.log_error(
		title=_("{0} for {1} {2} failed").format(_(doctype), product, period),
		reference_doctype="Savings Product",
		reference_name=product,
	)
	users = get_users_with_role(NOTIFIED_ROLE)
	if not users:
		return
	emails = frappe.get_all("User", filters={"name": ["in", users]}, pluck="email")
	make_notification_logs(
		frappe._dict(
			type="Alert",
			document_type="Savings Product",
			document_name=product,
			subject=_(
				"{0} for {1} {2} failed, so nothing was posted for this product. The cause is in Error Log "
				"{3} (ask the System Manager if you cannot open it); fix it, then submit the run by hand "
				"or let the next daily job try again."
			).format(_(doctype), product, period, error_log.name if error_log else ""),
		),
		emails,
	)
