# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Pencairan massal: many approved loan applications disbursed at once.

Each row becomes a Member Loan exactly as one disbursed by itself would be: the Member Loan controller's own
steps fill it (``take_application``, ``check_member``, ``take_product``, ``set_schedule``; the schedule from
``calculators.loans.build_schedule``), its balances come from ``loan_balance.balance_of_rows`` and its GL rows
from its own ``get_gl_entries`` (voucher Member Loan / the loan, the receivable row against the loan with the
member as party), so the loan's reports, repayments and cancellation find them as usual. Only the writing is
in bulk: the loans and their schedule rows in multi-row INSERTs (docstatus 1), every loan's GL rows and
Payment Ledger Entries through ``simpanan/gl.py post_gl_vouchers``, the applications linked in one UPDATE.

Disbursing twice is impossible: the applications' rows are locked (``for_update``, in name order) before
they are checked on submit, an application already linked to a loan is refused, and one row per application.
Cancelling the batch is refused while any of its loans has a repayment; otherwise each loan is cancelled as
a Member Loan is (its GL reversed, its application free again, savings held released).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, now, today

from koperasi_merah_putih.exceptions import AlreadyDisbursedError, CannotCancelError, LoanBatchRowsError
from koperasi_merah_putih.pinjaman.collateral import check_free_for_hold, place_savings_hold
from koperasi_merah_putih.pinjaman.doctype.member_loan.member_loan import (
	APPROVED,
	cash_account_message,
	check_application,
	check_member_status,
)
from koperasi_merah_putih.pinjaman.loan_balance import SCHEDULE, balance_of_rows
from koperasi_merah_putih.simpanan.common import BulkRowsMixin, set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import post_gl_vouchers
from koperasi_merah_putih.utils.db import insert_rows, reserve_names, update_rows
from koperasi_merah_putih.utils.settings import get_settings

APPLICATION = "Member Loan Application"
APPLICATION_FIELDS = (
	"name",
	"workflow_state",
	"member_loan",
	"application_date",
	"member",
	"member_name",
	"company",
	"loan_product",
	"loan_purpose",
	"amount",
	"tenor",
	"interest_method",
	"interest_rate",
	"repayment_frequency",
	"grace_periods",
	"grace_type",
	"admin_fee",
	"provisi_fee",
	"insurance_fee",
	"net_disbursement",
	"hold_savings_account",
)


class LoanDisbursementBatch(BulkRowsMixin, Document):
	"""Thousands of rows: written in one multi-row insert, their links checked by read_applications."""

	def validate(self):
		self.posting_date = self.posting_date or today()
		validate_posting_date(self)
		self.company = get_settings().company
		set_cash_account(self, cash_account_message(self.company))
		applications = self.read_applications()
		statuses = self.member_statuses(applications.values())
		for row in self.items:
			app = applications[row.loan_application]
			check_application(app.name, app.workflow_state, app.member_loan)
			check_member_status(app.member, statuses.get(app.member))
			row.member, row.member_name, row.loan_product = app.member, app.member_name, app.loan_product
			row.amount, row.net_disbursement = app.amount, app.net_disbursement
			row.member_loan = None
		self.loan_count = len(self.items)
		self.total_amount = sum(flt(row.amount) for row in self.items)
		self.total_net_disbursement = sum(flt(row.net_disbursement) for row in self.items)

	def read_applications(self, for_update: bool = False) -> dict[str, frappe._dict]:
		"""The rows' applications in one query (locked in name order on submit); every row names one
		application of the company, and no application twice."""
		names = [row.loan_application for row in self.items]
		if not names:
			frappe.throw(
				_("Add at least one approved loan application (Get Approved Applications)."),
				LoanBatchRowsError,
				title=_("Applications"),
			)
		repeated = (
			sorted({name for name in names if names.count(name) > 1}) if len(set(names)) < len(names) else []
		)
		if repeated:
			frappe.throw(
				_("Loan application {0} is in the batch more than once; keep one row for it.").format(
					", ".join(repeated)
				),
				AlreadyDisbursedError,
				title=_("Applications"),
			)
		app = frappe.qb.DocType(APPLICATION)
		query = (
			frappe.qb.from_(app)
			.select(*(app[f] for f in APPLICATION_FIELDS))
			.where((app.name.isin(names)) & (app.docstatus < 2))
			.orderby(app.name)
		)
		if for_update:
			query = query.for_update()
		found = {r.name: r for r in query.run(as_dict=True)}
		for row in self.items:
			application = found.get(row.loan_application)
			if not application or application.company != self.company:
				frappe.throw(
					_("Row {0}: loan application {1} does not exist in {2}. Remove the row.").format(
						row.idx, row.loan_application, self.company
					),
					LoanBatchRowsError,
					title=_("Applications"),
				)
		return found

	def member_statuses(self, applications) -> dict[str, str]:
		members = list({a.member for a in applications})
		return dict(
			frappe.get_all(
				"Cooperative Member",
				filters={"name": ["in", members]},
				fields=["name", "status"],
				as_list=True,
			)
		)

	def before_submit(self):
		"""Lock the applications, then build every loan as the Member Loan controller builds one (nothing
		is written yet: one refused loan refuses the batch)."""
		frappe.has_permission("Member Loan", "submit", throw=True)
		applications = self.read_applications(for_update=True)
		statuses = self.member_statuses(applications.values())
		products = {
			name: frappe.get_cached_doc("Member Loan Product", name)
			for name in {a.loan_product for a in applications.values()}
		}
		self._loans = []
		for row in self.items:
			application = applications[row.loan_application]
			loan = frappe.new_doc("Member Loan")
			loan.loan_application = application.name
			loan.posting_date = self.posting_date
			loan.mode_of_payment = self.mode_of_payment
			loan.cash_account = self.cash_account
			loan.cost_center = self.cost_center
			loan.take_application(application)
			loan.check_member(statuses.get(application.member))
			loan.take_product(products[application.loan_product])
			loan.flags.schedule = [frappe._dict(r) for r in loan.schedule_and_totals()]
			check_free_for_hold(loan.hold_savings_account, loan.savings_hold_amount)
			self._loans.append(loan)
		if self._loans:
			series = self._loans[0].naming_series
			for loan, name in zip(self._loans, reserve_names(series, len(self._loans), self._loans[0])):
				loan.name = name
		for row, loan in zip(self.items, self._loans):
			row.member_loan = loan.name

	def on_submit(self):
		loans = getattr(self, "_loans", None) or []
		write_loans(loans)
		post_gl_vouchers([entry for loan in loans for entry in loan.get_gl_entries()])
		update_rows(APPLICATION, ["member_loan"], {loan.loan_application: [loan.name] for loan in loans})
		# the rows are not written again on submit (BulkRowsMixin): their loans go in one UPDATE
		update_rows(
			"Loan Disbursement Batch Item", ["member_loan"], {r.name: [r.member_loan] for r in self.items}
		)
		for loan in loans:
			if loan.hold_savings_account and flt(loan.savings_hold_amount):
				place_savings_hold(loan.name)

	def before_cancel(self):
		loans = [row.member_loan for row in self.items if row.member_loan]
		ml = frappe.qb.DocType("Member Loan")
		frappe.qb.from_(ml).select(ml.name).where(ml.name.isin(loans or [""])).orderby(
			ml.name
		).for_update().run()
		repaid = frappe.get_all(
			"Member Loan Repayment",
			filters={"member_loan": ["in", loans or [""]], "docstatus": 1},
			pluck="member_loan",
			distinct=True,
		)
		if repaid:
			frappe.throw(
				_(
					"Cannot cancel: loans {0} of this batch have repayments. Cancel the repayments first."
				).format(", ".join(sorted(set(repaid)))),
				CannotCancelError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		for row in self.items:
			if not row.member_loan:
				continue
			loan = frappe.get_doc("Member Loan", row.member_loan)
			if loan.docstatus == 1:
				loan.cancel()


def write_loans(loans) -> None:
	"""Insert the built loans and their schedule rows (``loan.flags.schedule``) as submitted documents, Aktif
	with the balances their schedule gives (what the Member Loan's on_submit sets through
	refresh_loan_balance)."""
	if not loans:
		return
	timestamp, user = now(), frappe.session.user
	standard = {
		"docstatus": 1,
		"owner": user,
		"modified_by": user,
		"creation": timestamp,
		"modified": timestamp,
	}
	parents, children = [], []
	for loan in loans:
		loan.update(balance_of_rows(loan.flags.schedule))
		loan.update(standard)
		parents.append(loan)
		for idx, row in enumerate(loan.flags.schedule, start=1):
			row.update(standard)
			row.update(
				{
					"name": frappe.generate_hash(length=10),
					"parent": loan.name,
					"parenttype": "Member Loan",
					"parentfield": "schedule",
					"idx": idx,
				}
			)
			children.append(row)
	for doctype, rows in (("Member Loan", parents), (SCHEDULE, children)):
		insert_rows(doctype, *_columns_and_values(doctype, rows))


def _columns_and_values(doctype: str, rows) -> tuple[list[str], list[list]]:
	"""The table's columns that some row fills and each row's values, empty numbers and checks as 0 (what
	get_valid_dict would give, without its cost for a hundred thousand rows); a column no row fills is left
	to its default (0 for numbers and checks)."""
	meta = frappe.get_meta(doctype)
	columns = [c for c in frappe.db.get_table_columns(doctype) if any(row.get(c) is not None for row in rows)]
	zero = {
		df.fieldname
		for df in meta.fields
		if df.fieldtype in ("Int", "Check", *frappe.model.float_like_fields)
	}
	values = [[(0 if row.get(c) is None and c in zero else row.get(c)) for c in columns] for row in rows]
	return columns, values


@frappe.whitelist()
def get_approved_applications(posting_date: str | None = None) -> list[dict]:
	"""Rows for a batch: every approved application of the company not yet disbursed (applied on or before
	`posting_date`, when given)."""
	frappe.has_permission("Loan Disbursement Batch", "create", throw=True)
	frappe.has_permission(APPLICATION, "read", throw=True)
	filters = {
		"company": get_settings().company,
		"workflow_state": APPROVED,
		"member_loan": ["is", "not set"],
		"docstatus": ["<", 2],
	}
	if posting_date:
		filters["application_date"] = ["<=", posting_date]
	return frappe.get_list(
		APPLICATION,
		filters=filters,
		fields=[
			"name as loan_application",
			"member",
			"member_name",
			"loan_product",
			"amount",
			"net_disbursement",
		],
		order_by="name",
	)
