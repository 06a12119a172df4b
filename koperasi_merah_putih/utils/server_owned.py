# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Fields the server owns, and the guard every app document passes before `validate`.

Balances, statuses, the links that fix whose money it is and which ledger it sits in, and amounts or rates
computed or copied from a product are the server's. No client path may set them: not the desk form, not
REST (`POST`/`PUT /api/resource`), not `frappe.client.set_value`, not `run_doc_method` with a doctored
document, not Data Import. Two locks hold them:

1. In the DocType JSON they sit at permission level ``SERVER_PERMLEVEL``, where roles have read and no role
   has write, so Frappe itself resets them for every user but Administrator (`validate_higher_perm_levels`).
2. :func:`guard` (hooked as ``before_validate`` of every app DocType) puts them back for everyone,
   Administrator and `ignore_permissions` callers included: a new document starts from the field's default,
   a saved one from what the database holds. The controller's ``validate`` then computes them from server
   data. Server code that must change one through ``save()`` names it with :func:`allow_server_write`; most
   server changes (balances, statuses of vouchers) are SQL updates that never pass through a client.

``SET_ONCE`` fields are chosen by whoever creates the record and never change afterwards (a savings
account's member and product); the JSON marks them ``set_only_once`` (not on a Single, where Frappe would
refuse the first value too) and :func:`guard` restores them once they hold a value.

The guard also refuses fractions of a rupiah in every Currency field a client enters (see
:func:`koperasi_merah_putih.calculators.money.is_whole_rupiah`). Later modules add their doctypes to these
tables and the generic test (`tests/test_server_owned.py`) walks them all.
"""

import frappe
from frappe import _

from koperasi_merah_putih.calculators.money import is_whole_rupiah
from koperasi_merah_putih.exceptions import WholeRupiahError

SERVER_PERMLEVEL = 7

# doctype -> fields only the server sets. A Table field here is rebuilt by the controller on every save.
OWNED: dict[str, tuple[str, ...]] = {
	"Cooperative Member": (
		"member_number",
		"company",
		"status",
		"membership_application",
		"exit_date",
		"exit_reason",
		"activated_on",
		"customer",
		"user",
	),
	"Membership Application": ("company", "member", "verified_by", "approved_by"),
	"Savings Account": (
		"title",
		"member_name",
		"savings_type",
		"company",
		"account",
		"status",
		"closed_on",
		"balance",
		"held_amount",
		"interest_rate",
		"deposit_date",
		"maturity_date",
		"matured",
	),
	"Savings Transaction": ("member", "member_name", "product", "company", "penalty_amount"),
	"Savings Billing Run": ("company", "bills_created", "total_billed", "run_key"),
	"Savings Collection": ("company", "total_amount", "member_count"),
	"Savings Collection Item": ("member_name", "savings_account", "allocation"),
	"Savings Interest Run": (
		"company",
		"interest_rate",
		"interest_basis",
		"total_interest",
		"total_tax",
		"total_net",
		"items",
		"run_key",
	),
	"Savings Interest Item": (
		"savings_account",
		"member",
		"balance_basis",
		"interest",
		"tax",
		"net_interest",
	),
	"Member Exit Settlement": (
		"member_name",
		"company",
		"items",
		"total_savings",
		"obligations",
		"net_refund",
	),
	"Exit Settlement Item": ("savings_account", "product", "savings_type", "account", "balance"),
	# loans (pinjaman): the product's terms and fees, eligibility, approvals, balances and the schedule
	"Member Loan Application": (
		"member_name",
		"purpose_category",
		"company",
		"guarantor_name",
		"interest_method",
		"interest_rate",
		"repayment_frequency",
		"grace_periods",
		"grace_type",
		"admin_fee",
		"provisi_fee",
		"insurance_fee",
		"net_disbursement",
		"instalment_amount",
		"total_interest",
		"total_repayment",
		"months_of_membership",
		"savings_balance",
		"plafon",
		"needs_second_approval",
		"verified_by",
		"approved_by",
		"second_approved_by",
		"member_loan",
		"savings_hold_amount",
	),
	"Member Loan": (
		"member",
		"member_name",
		"loan_product",
		"loan_purpose",
		"status",
		"company",
		"loan_amount",
		"tenor",
		"interest_method",
		"interest_rate",
		"repayment_frequency",
		"grace_periods",
		"grace_type",
		"allocation_order",
		"admin_fee",
		"provisi_fee",
		"insurance_fee",
		"net_disbursement",
		"schedule",
		"total_interest",
		"total_repayment",
		"outstanding_principal",
		"outstanding_interest",
		"closed_on",
		"closed_by",
		"paid_principal",
		"paid_interest",
		"paid_denda",
		"loan_receivable_account",
		"interest_income_account",
		"denda_income_account",
		"admin_fee_income_account",
		"provisi_income_account",
		"insurance_payable_account",
		"kolektibilitas",
		"days_past_due",
		"non_accrual",
		"denda_accrued_to",
		"payoff_rule",
		"payoff_interest_periods",
		"hold_savings_account",
		"savings_hold_amount",
		"savings_held",
		# restructure and write-off (issue 7)
		"is_restructured",
		"restructure_count",
		"kolektibilitas_floor",
		"written_off_on",
		"written_off_amount",
		"recovered_amount",
	),
	"Member Loan Schedule": (
		"instalment",
		"due_date",
		"principal",
		"interest",
		"total",
		"outstanding",
		"period_start",
		"grace",
		"denda",
		"paid_principal",
		"paid_interest",
		"paid_denda",
		"waived_interest",
		"accrued_interest",
	),
	"Member Loan Repayment": (
		"member",
		"member_name",
		"company",
		"allocation",
		"denda_amount",
		"interest_amount",
		"principal_amount",
		"interest_waived",
		"payoff_amount",
		"interest_receivable_amount",
		"interest_income_amount",
		"interest_reversed",
	),
	"Member Loan Repayment Allocation": (
		"instalment",
		"due_date",
		"denda",
		"interest",
		"principal",
		"total",
		"advance",
		"closes",
		"interest_waived",
		"interest_receivable",
		"interest_reversed",
	),
	"Loan Interest Accrual": (
		"company",
		"receivable_account",
		"loan_count",
		"instalment_count",
		"non_accrual_count",
		"total_accrued",
		"items",
		"run_key",
	),
	"Loan Interest Accrual Account": ("income_account", "loan_count", "amount"),
	"Loan Loss Provision": (
		"company",
		"expense_account",
		"allowance_account",
		"items",
		"total_outstanding",
		"npl_outstanding",
		"npl_ratio",
		"required_allowance",
		"previous_allowance",
		"provision_amount",
		"run_key",
	),
	"Loan Loss Provision Class": (
		"kolektibilitas",
		"loan_count",
		"outstanding_principal",
		"ppap_percent",
		"allowance",
	),
	# business units: the ERPNext records set_up_unit made for the unit
	"Business Unit": (
		"accounting_dimension",
		"cost_center",
		"warehouse",
		"pos_profile",
		"member_income_account",
		"non_member_income_account",
		"expense_account",
		"cogs_account",
	),
	# livestock and catfish units: what the animal, the unit and the vouchers made on submit decide
	"Livestock Weight": ("item_code", "business_unit"),
	"Livestock Cost": ("company", "item_code", "expense_account", "cost_center", "journal_entry"),
	"Pond Cycle": (
		"status",
		"company",
		"warehouse",
		"stock_entry",
		"feed_kg",
		"fcr",
		"fingerling_cost",
		"feed_cost",
		"other_costs_total",
		"total_cost",
		"cost_per_kg",
	),
	# loans, issue 7 (collection sheets, restructure, write-off, recovery, the cooperative's borrowings)
	"Member Loan Collection": ("company", "total_amount", "loan_count"),
	"Member Loan Collection Item": ("member", "member_name", "repayment"),
	"Member Loan Restructure": (
		"member",
		"member_name",
		"company",
		"outstanding_principal",
		"arrears_interest",
		"arrears_denda",
		"total_interest",
		"instalment_amount",
		"kolektibilitas_before",
		"first_new_instalment",
		"restructured_at",
		"new_schedule",
		"old_schedule",
	),
	"Member Loan Write Off": (
		"member",
		"member_name",
		"company",
		"outstanding_principal",
		"outstanding_interest",
		"open_denda",
		"accrued_interest",
		"allowance_balance",
		"allowance_amount",
		"expense_amount",
		"loan_receivable_account",
		"allowance_account",
		"expense_account",
		"interest_receivable_account",
		"interest_income_account",
	),
	"Member Loan Recovery": (
		"member",
		"member_name",
		"company",
		"written_off_amount",
		"recovered_before",
		"recovery_income_account",
	),
	"Loan Disbursement Batch": ("company", "loan_count", "total_amount", "total_net_disbursement"),
	"Loan Disbursement Batch Item": (
		"member",
		"member_name",
		"loan_product",
		"amount",
		"net_disbursement",
		"member_loan",
	),
	"Cooperative Borrowing": (
		"status",
		"company",
		"warnings",
		"payable_account",
		"interest_expense_account",
		"schedule",
		"total_interest",
		"total_repayment",
		"outstanding_principal",
		"paid_principal",
		"paid_interest",
		"closed_on",
	),
	"Cooperative Borrowing Schedule": (
		"instalment",
		"due_date",
		"principal",
		"interest",
		"total",
		"outstanding",
		"period_start",
		"grace",
		"paid_principal",
		"paid_interest",
	),
	"Cooperative Borrowing Payment": ("company", "allocation", "interest_amount", "principal_amount"),
	"Cooperative Borrowing Payment Allocation": ("instalment", "due_date", "interest", "principal", "total"),
}

# doctype -> fields set when the record is created and never changed afterwards.
SET_ONCE: dict[str, tuple[str, ...]] = {
	"Savings Account": ("member", "product"),
	"Savings Product": ("company", "savings_type", "account"),
	"Cooperative Settings": ("company",),
	"Member Loan Product": ("company",),
	"Member Loan": ("loan_application",),
	"Business Unit": ("company",),
}

# Written by the server only: no role has write, create or delete on them at any level.
SERVER_ONLY_DOCTYPES = (
	"Savings Bill",
	"Savings Bill Payment",
	"Savings Ledger Entry",
	"Subsidised Quota Usage",
)

# Nothing in them is the server's: officers edit every field (reviewed; keep the reason current).
CLIENT_EDITABLE_DOCTYPES = {
	"Cooperative Member Heir": "the member's heirs, kept by the Sekretaris",
	"Loan Purpose": "loan purposes (produktif/konsumtif and the business), a list officers extend",
	"Business Unit Type": "kinds of business unit (Gerai Sembako, Apotek, ...), a list officers extend",
	"Pond Cycle Feed": "the feed a pond consumed, entered by officers while the cycle runs",
	"Pond Cycle Cost": "a pond cycle's other costs (labour, electricity), entered by officers",
	"Subsidised Item Quota": "the programme's quota per item, basis and period, set by the Ketua or Bendahara",
}


def guard(doc, method=None) -> None:
	"""`before_validate` of every app doctype: restore server-owned fields, refuse fractions of a rupiah."""
	restore_server_owned(doc)
	validate_whole_rupiah(doc)


def allow_server_write(doc, *fieldnames: str) -> None:
	"""Let the server's own ``doc.save()`` change these owned fields (e.g. status on activation): past the
	guard, and past Frappe's reset of permission-level fields, which ``save()`` runs for every user but
	Administrator before the guard (`Document.validate_higher_perm_levels`)."""
	allowed = set(doc.flags.server_owned_writable or ())
	allowed.update(fieldnames)
	doc.flags.server_owned_writable = allowed
	doc.flags.ignore_permlevel_for_fields = [*(doc.flags.ignore_permlevel_for_fields or ()), *fieldnames]


def restore_server_owned(doc) -> None:
	owned = OWNED.get(doc.doctype, ())
	set_once = SET_ONCE.get(doc.doctype, ())
	allowed = doc.flags.server_owned_writable or set()
	before = None if doc.is_new() else _saved_version(doc)
	for fieldname in owned:
		if fieldname in allowed:
			continue
		df = doc.meta.get_field(fieldname)
		if df.fieldtype == "Table":
			doc.set(fieldname, [])  # the controller rebuilds the rows from server data
		elif before is None:
			doc.set(fieldname, default_value(df))
		else:
			doc.set(fieldname, before.get(fieldname))
	if before is not None:
		for fieldname in set_once:
			if fieldname not in allowed and before.get(fieldname):
				doc.set(fieldname, before.get(fieldname))
	for table in doc.meta.get_table_fields():
		child_owned = OWNED.get(table.options, ())
		if child_owned and table.fieldname not in owned:
			child_meta = frappe.get_meta(table.options)
			for row in doc.get(table.fieldname):
				for fieldname in child_owned:
					row.set(fieldname, default_value(child_meta.get_field(fieldname)))


def _saved_version(doc):
	return doc.get_doc_before_save() or frappe.get_doc(doc.doctype, doc.name)


def default_value(df):
	"""What a new document holds in this field before the server fills it."""
	if df.fieldtype in ("Currency", "Float", "Int", "Percent", "Check"):
		return (
			frappe.utils.cint(df.default)
			if df.fieldtype in ("Int", "Check")
			else frappe.utils.flt(df.default)
		)
	return df.default or None


def validate_whole_rupiah(doc) -> None:
	"""Amounts a client enters are whole rupiah: a fraction is refused, naming the field (and the row).
	Server-computed amounts (at SERVER_PERMLEVEL) are rounded by the calculators instead."""
	for d in [doc, *doc.get_all_children()]:
		for df in d.meta.get("fields", {"fieldtype": "Currency", "permlevel": 0}):
			value = d.get(df.fieldname)
			if value and not is_whole_rupiah(value):
				label = _(df.label)
				where = label if d is doc else _("{0}, row {1}").format(label, d.idx)
				frappe.throw(
					_("{0}: {1} has a fraction of a rupiah. Enter whole rupiah, without cents.").format(
						where, frappe.format(value, {"fieldtype": "Float", "precision": 2})
					),
					WholeRupiahError,
					title=_("Whole rupiah"),
				)


def reload_locked(doc) -> None:
	"""For whitelisted document methods: lock the row, then reload the document from the database.

	`run_doc_method` builds ``doc`` from what the client posted; nothing in it (a stale status, a doctored
	balance) may decide what the method does. After this call the document is what the database holds,
	and no other transaction can change it until this one ends.
	"""
	if doc.is_new():
		frappe.throw(_("Save the document first."), frappe.ValidationError, title=_("Not saved"))
	frappe.db.get_value(doc.doctype, doc.name, "name", for_update=True)
	doc.load_from_db()
