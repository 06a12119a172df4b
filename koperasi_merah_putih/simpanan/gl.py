"""Posting savings vouchers to ERPNext's general ledger.

Small vouchers go through ERPNext's own `make_gl_entries` / `make_reverse_gl_entries`. Large batch
vouchers (a collector's sheet for thousands of members) would take minutes that way, because ERPNext
inserts and validates every GL Entry as its own document. For those, `bulk_make_gl_entries` runs the
same ledger-level checks once for the batch (accounting period, frozen date, closed books, disabled
accounts, dimensions, and GL Entry's own row validation for one row of every account), then writes
the rows in one multi-row insert. The rows it writes are the rows ERPNext would write: same fields,
same values, same names from the GL Entry naming series (tests compare both paths).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, now

from erpnext.accounts.doctype.gl_entry.gl_entry import validate_balance_type, validate_frozen_account
from erpnext.accounts.general_ledger import (
	check_freezing_date,
	get_dimension_filter_map,
	make_acc_dimensions_offsetting_entry,
	make_gl_entries,
	make_reverse_gl_entries,
	process_debit_credit_difference,
	process_gl_map,
	toggle_debit_credit_if_negative,
	validate_accounting_period,
	validate_against_pcv,
	validate_allowed_dimensions,
	validate_disabled_accounts,
)

from koperasi_merah_putih.calculators.money import ledger_difference
from koperasi_merah_putih.exceptions import LedgerPostingError, UnbalancedVoucherError
from koperasi_merah_putih.utils.db import insert_rows, reserve_names

BULK_THRESHOLD = 200
GL_SERIES = "ACC-GLE-.YYYY.-"


def post_gl(gl_map: list[dict]) -> None:
	check_balanced(gl_map)
	if len(gl_map) <= BULK_THRESHOLD:
		make_gl_entries(gl_map)
	else:
		bulk_make_gl_entries(gl_map)


def check_balanced(gl_map: list[dict]) -> None:
	"""Every voucher of the app posts whole rupiah with debits equal to credits, exactly: a difference is
	a bug in the voucher, never something to round off silently."""
	difference = ledger_difference([r.get("debit") for r in gl_map], [r.get("credit") for r in gl_map])
	if difference != 0:
		voucher = f"{gl_map[0].get('voucher_type')} {gl_map[0].get('voucher_no')}" if gl_map else ""
		frappe.throw(
			_(
				"{0} does not balance in whole rupiah (debit minus credit: {1}); nothing was posted. Report this to the app's developers."
			).format(voucher, difference if difference is not None else _("fraction of a rupiah")),
			UnbalancedVoucherError,
			title=_("Unbalanced voucher"),
		)


def cancel_gl(voucher_type: str, voucher_no: str) -> None:
	count = frappe.db.count(
		"GL Entry", {"voucher_type": voucher_type, "voucher_no": voucher_no, "is_cancelled": 0}
	)
	if count <= BULK_THRESHOLD:
		make_reverse_gl_entries(voucher_type=voucher_type, voucher_no=voucher_no)
	else:
		bulk_reverse_gl_entries(voucher_type, voucher_no)


def post_gl_vouchers(gl_map: list[dict]) -> None:
	"""The GL rows of many vouchers at once (a batch disbursement writes every loan's own voucher, as one
	submitted by itself would): each voucher balanced on its own, then the bulk path below, which also
	writes the Payment Ledger Entries ERPNext makes for rows on receivable/payable accounts (the rows may
	be against a voucher: a loan's receivable row is against the loan)."""
	by_voucher = defaultdict(list)
	for entry in gl_map:
		by_voucher[(entry.get("voucher_type"), entry.get("voucher_no"))].append(entry)
	for rows in by_voucher.values():
		check_balanced(rows)
	if gl_map:
		bulk_make_gl_entries(gl_map, payment_ledger=True)


def bulk_make_gl_entries(gl_map: list[dict], payment_ledger: bool = False) -> None:
	make_acc_dimensions_offsetting_entry(gl_map)
	validate_accounting_period(gl_map)
	validate_disabled_accounts(gl_map)
	if frappe.db.exists("Cost Center Allocation", {"company": gl_map[0]["company"], "docstatus": 1}):
		gl_map = process_gl_map(gl_map, merge_entries=False)
	else:
		# process_gl_map without its per-row Cost Center Allocation lookup (one query per row), which
		# can only matter when an allocation exists.
		gl_map = toggle_debit_credit_if_negative(gl_map)
	_refuse_duplicates(gl_map)
	process_debit_credit_difference(gl_map)
	check_freezing_date(gl_map[0]["posting_date"])
	validate_against_pcv(False, gl_map[0]["posting_date"], gl_map[0]["company"])
	dimension_filter_map = get_dimension_filter_map()
	for entry in gl_map:
		validate_allowed_dimensions(entry, dimension_filter_map)
	_validate_like_gl_entry(gl_map)
	_validate_parties(gl_map, against_vouchers=payment_ledger)
	_insert_gl_rows(gl_map)
	if payment_ledger:
		_insert_payment_ledger_rows(gl_map)


def bulk_reverse_gl_entries(voucher_type: str, voucher_no: str) -> None:
	gle = frappe.qb.DocType("GL Entry")
	entries = (
		frappe.qb.from_(gle)
		.select("*")
		.where((gle.voucher_type == voucher_type) & (gle.voucher_no == voucher_no) & (gle.is_cancelled == 0))
		.for_update()
	).run(as_dict=True)
	if not entries:
		return
	validate_accounting_period(entries)
	check_freezing_date(entries[0]["posting_date"])
	validate_against_pcv(False, entries[0]["posting_date"], entries[0]["company"])
	(
		frappe.qb.update(gle)
		.set(gle.is_cancelled, 1)
		.set(gle.modified, now())
		.set(gle.modified_by, frappe.session.user)
		.where((gle.voucher_type == voucher_type) & (gle.voucher_no == voucher_no) & (gle.is_cancelled == 0))
	).run()
	reversed_entries = []
	for entry in entries:
		new = frappe._dict(entry)
		new.name = None
		new.debit, new.credit = entry.credit, entry.debit
		new.debit_in_account_currency, new.credit_in_account_currency = (
			entry.credit_in_account_currency,
			entry.debit_in_account_currency,
		)
		new.debit_in_transaction_currency, new.credit_in_transaction_currency = (
			entry.credit_in_transaction_currency,
			entry.debit_in_transaction_currency,
		)
		new.remarks = "On cancellation of " + entry.voucher_no
		new.is_cancelled = 1
		reversed_entries.append(new)
	_insert_gl_rows(reversed_entries)


def _refuse_duplicates(gl_map):
	seen = set()
	for entry in gl_map:
		key = (
			entry.voucher_type,
			entry.voucher_no,
			entry.account,
			entry.party_type,
			entry.party,
			entry.cost_center,
			entry.against_voucher,
		)
		if key in seen:
			frappe.throw(
				_("Internal error: two ledger rows for {0} {1}; merge them first.").format(
					entry.account, entry.party
				),
				LedgerPostingError,
			)
		seen.add(key)


def _validate_like_gl_entry(gl_map):
	"""GL Entry's own row validation (mandatory fields, cost center, P&L, party, currency, account
	details, balance type, frozen account) on one row of every account/party-type combination."""
	representatives = {}
	for entry in gl_map:
		representatives.setdefault((entry.account, entry.party_type), entry)
	for entry in representatives.values():
		gle = frappe.new_doc("GL Entry")
		gle.update(entry)
		gle.flags.ignore_permissions = True
		gle.flags.adv_adj = False
		gle.validate()
		gle.validate_account_details(False)
		gle.validate_dimensions_for_pl_and_bs()
		validate_balance_type(gle.account, False)
		validate_frozen_account(gle.account, False)
		entry.fiscal_year = entry.fiscal_year or gle.fiscal_year


def _validate_parties(gl_map, against_vouchers: bool = False):
	by_type = defaultdict(set)
	for entry in gl_map:
		if entry.party_type and entry.party:
			by_type[entry.party_type].add(entry.party)
		if entry.get("against_voucher") and not against_vouchers:
			frappe.throw(
				_("Internal error: the bulk ledger path cannot post against vouchers."), LedgerPostingError
			)
	for party_type, parties in by_type.items():
		found = set(frappe.get_all(party_type, filters={"name": ["in", list(parties)]}, pluck="name"))
		missing = parties - found
		if missing:
			frappe.throw(
				_("{0} not found: {1}").format(_(party_type), ", ".join(sorted(missing)[:10])),
				frappe.LinkValidationError,
			)


def _insert_gl_rows(gl_map):
	meta = frappe.get_meta("GL Entry")
	columns = ["name", "creation", "modified", "modified_by", "owner", "docstatus", "idx"] + [
		df.fieldname for df in meta.fields if df.fieldtype not in frappe.model.no_value_fields
	]
	# What a new GL Entry document starts with (Select fields take their first option, etc.).
	template = frappe.new_doc("GL Entry").get_valid_dict(convert_dates_to_str=True)
	defaults = {k: v for k, v in template.items() if v is not None and k not in ("name", "doctype")}
	timestamp = now()
	user = frappe.session.user
	names = _reserve_names(len(gl_map), gl_map[0]["posting_date"])
	values = []
	for name, entry in zip(names, gl_map):
		row = {
			**defaults,
			**{k: v for k, v in entry.items() if v is not None},
			"name": name,
			"creation": timestamp,
			"modified": timestamp,
			"modified_by": user,
			"owner": user,
			"docstatus": 1,
			"idx": 0,
		}
		row["debit"] = flt(row.get("debit"))
		row["credit"] = flt(row.get("credit"))
		values.append([row.get(c) for c in columns])
	insert_rows("GL Entry", columns, values)


def _insert_payment_ledger_rows(gl_map):
	"""The Payment Ledger Entries ERPNext's make_gl_entries would make for these rows (its own
	get_payment_ledger_entries), written in one multi-row insert. A Payment Ledger Entry's own checks
	(account of its type, not frozen) are the GL rows' checks done above; its on_update changes
	outstanding amounts of invoices only, which these vouchers are not."""
	from erpnext.accounts import utils as account_utils

	# get_payment_ledger_entries reads the accounting dimensions again for every row (a query each);
	# they do not change within the call, so it is given them once.
	dimensions = account_utils.get_dimensions()
	original = account_utils.get_dimensions
	account_utils.get_dimensions = lambda with_cost_center_and_project=False: (
		original(True) if with_cost_center_and_project else dimensions
	)
	try:
		entries = account_utils.get_payment_ledger_entries([frappe._dict(e) for e in gl_map])
	finally:
		account_utils.get_dimensions = original
	if not entries:
		return
	if any(e.voucher_type in ("Sales Invoice", "Purchase Invoice", "Fees") for e in entries):
		frappe.throw(_("Internal error: the bulk ledger path cannot post invoices."), LedgerPostingError)
	meta = frappe.get_meta("Payment Ledger Entry")
	columns = ["name", "creation", "modified", "modified_by", "owner", "docstatus"] + [
		df.fieldname for df in meta.fields if df.fieldtype not in frappe.model.no_value_fields
	]
	template = frappe.new_doc("Payment Ledger Entry").get_valid_dict(convert_dates_to_str=True)
	defaults = {k: v for k, v in template.items() if v is not None and k not in ("name", "doctype")}
	timestamp = now()
	user = frappe.session.user
	values = []
	for entry in entries:
		row = {
			**defaults,
			**{k: v for k, v in entry.items() if v is not None and k != "doctype"},
			"name": frappe.generate_hash(length=10),
			"creation": timestamp,
			"modified": timestamp,
			"modified_by": user,
			"owner": user,
			"docstatus": 1,
		}
		values.append([row.get(c) for c in columns])
	insert_rows("Payment Ledger Entry", columns, values)


def _reserve_names(count: int, posting_date) -> list[str]:
	"""Take `count` consecutive names from GL Entry's naming series, as `getseries` would one by one."""
	gle = frappe.new_doc("GL Entry")
	gle.posting_date = posting_date
	return reserve_names(GL_SERIES, count, gle)
