# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Checks shared by the vouchers that act on a disbursed loan or borrowing (restructure, write-off,
recovery, borrowing payment): the state it must be in and the earliest posting date."""

import frappe
from frappe import _
from frappe.utils import getdate

from koperasi_merah_putih.exceptions import PostingDateError


def refuse_unless(record, status: str, name: str, message: str, error, title: str) -> None:
	"""Refuse unless `record` (a dict with docstatus and status, or None) is submitted and in `status`.
	`message` takes the record's name and its state, e.g. "Member Loan {0} is {1}; ..."."""
	if record and record.docstatus == 1 and record.status == status:
		return
	if not record:
		state = _("not found")
	elif record.docstatus != 1:
		state = _("not submitted")
	else:
		state = _(record.status)
	frappe.throw(message.format(name, state), error, title=title)


def refuse_posting_before(doc, earliest, what: str) -> None:
	"""Posting Date on or after `earliest`, the day of `what` (the disbursement, the write-off...)."""
	if earliest and getdate(doc.posting_date) < getdate(earliest):
		frappe.throw(
			_("Posting Date cannot be before {0} ({1}).").format(
				what, frappe.format(getdate(earliest), {"fieldtype": "Date"})
			),
			PostingDateError,
			title=_("Posting Date"),
		)
