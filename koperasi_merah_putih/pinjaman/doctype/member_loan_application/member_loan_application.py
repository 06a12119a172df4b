# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A member's loan application: amount, tenor, purpose, guarantor or collateral; the product's terms,
fees and the instalment worked out by the server; eligibility checked on every save; approved through the
workflow "Persetujuan Pinjaman Anggota" (Kasir prepares, Bendahara verifies, Ketua approves; above the
amount in Cooperative Settings a second approval by the Sekretaris); disbursed by a Member Loan."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators.loans import plafon
from koperasi_merah_putih.calculators.money import is_whole_rupiah
from koperasi_merah_putih.exceptions import (
	AlreadyDisbursedError,
	AmountError,
	LoanApplicationStateError,
	LoanProductError,
	WholeRupiahError,
)
from koperasi_merah_putih.pinjaman.collateral import check_hold_account, hold_amount
from koperasi_merah_putih.pinjaman.common import (
	TERM_FIELDS,
	eligibility_facts,
	loan_fees,
	make_schedule,
	refuse_ineligible,
	schedule_rows,
	summarise,
	validate_rate,
)
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.server_owned import reload_locked
from koperasi_merah_putih.utils.settings import get_settings

PREPARED = "Disiapkan"
SUBMITTED = "Diajukan"
VERIFIED = "Diverifikasi"
SECOND_APPROVAL = "Persetujuan Kedua"
APPROVED = "Disetujui"
REJECTED = "Ditolak"
CLOSED_STATES = (APPROVED, REJECTED)


class MemberLoanApplication(Document):
	def before_insert(self):
		# Whatever a form or the API sends, a new application starts at the beginning of the workflow.
		self.workflow_state = PREPARED

	def validate(self):
		previous = self.get_doc_before_save()
		old_state = previous.workflow_state if previous else None
		if old_state in CLOSED_STATES:
			frappe.throw(
				_("Loan application {0} is already {1} and can no longer be changed.").format(
					self.name, _(old_state)
				),
				LoanApplicationStateError,
				title=_("Application closed"),
			)
		self.company = get_settings().company
		self.member_name = frappe.db.get_value("Cooperative Member", self.member, "full_name")
		self.guarantor_name = (
			frappe.db.get_value("Cooperative Member", self.guarantor, "full_name") if self.guarantor else None
		)
		self.purpose_category = frappe.db.get_value("Loan Purpose", self.loan_purpose, "category")
		product = frappe.get_doc("Member Loan Product", self.loan_product)
		if not product.is_active:
			frappe.throw(
				_("Loan product {0} is not active. Choose an active product.").format(product.name),
				LoanProductError,
				title=_("Loan Product"),
			)
		self.set_terms(product)
		facts = eligibility_facts(self, product)
		self.months_of_membership = facts["months_of_membership"]
		self.savings_balance = facts["savings_balance"]
		self.plafon = (
			plafon(
				max(facts["savings_balance"], 0),
				flt(product.plafon_savings_multiple) or None,
				flt(product.max_amount) or None,
			)
			or 0
		)
		refuse_ineligible(self, product, facts)
		self.set_amounts(product)
		self.savings_hold_amount = hold_amount(product, self.amount)
		# the savings may still be deposited before disbursement, which checks the free balance
		check_hold_account(self.member, self.hold_savings_account, self.savings_hold_amount, check_free=False)
		threshold = flt(get_settings().get("loan_second_approval_amount"))
		self.needs_second_approval = int(bool(threshold) and flt(self.amount) > threshold)
		if self.workflow_state != old_state and not self.is_new():
			self.on_state_change()

	def set_terms(self, product):
		"""The product's terms, as they stand until the application is approved."""
		for fieldname in TERM_FIELDS:
			self.set(fieldname, product.get(fieldname))
		validate_rate(self.interest_rate, _("loan product {0}").format(product.name))

	def set_amounts(self, product):
		fees = loan_fees(product, self.amount)
		self.update(fees)
		self.net_disbursement = flt(self.amount) - sum(fees.values())
		if self.net_disbursement <= 0:
			frappe.throw(
				_("The fees ({0}) take the whole amount. Enter a larger amount.").format(
					rupiah(sum(fees.values()))
				),
				AmountError,
				title=_("Amount"),
			)
		rows = make_schedule(self.amount, self, self.tenor, self.application_date)
		self.update(summarise(rows))

	def on_state_change(self):
		user = frappe.session.user
		if self.workflow_state == VERIFIED:
			self.verified_by = user
		elif self.workflow_state == SECOND_APPROVAL:
			self.approved_by = user
		elif self.workflow_state == APPROVED:
			if self.needs_second_approval:
				if not self.approved_by:
					frappe.throw(
						_(
							"Amount {0} is above {1} (Cooperative Settings > Loans): the Ketua approves first, then a second officer."
						).format(rupiah(self.amount), rupiah(get_settings().loan_second_approval_amount)),
						LoanApplicationStateError,
						title=_("Second approval needed"),
					)
				if self.approved_by == user:
					frappe.throw(
						_("The second approval must come from another officer than the first ({0}).").format(
							self.approved_by
						),
						LoanApplicationStateError,
						title=_("Second approval needed"),
					)
				self.second_approved_by = user
			else:
				self.approved_by = user
		elif self.workflow_state == REJECTED and not (self.rejection_reason or "").strip():
			frappe.throw(
				_("Fill in Rejection Reason before rejecting the application."),
				LoanApplicationStateError,
				title=_("Rejection Reason"),
			)

	@frappe.whitelist()
	def make_loan(self) -> str:
		"""The draft Member Loan (the disbursement) of this approved application; an existing draft is reused."""
		reload_locked(self)
		frappe.has_permission("Member Loan", "create", throw=True)
		if self.workflow_state != APPROVED:
			frappe.throw(
				_("Loan application {0} is {1}; only an approved application is disbursed.").format(
					self.name, _(self.workflow_state)
				),
				LoanApplicationStateError,
				title=_("Not approved"),
			)
		if self.member_loan:
			frappe.throw(
				_("Loan application {0} was already disbursed with {1}.").format(self.name, self.member_loan),
				AlreadyDisbursedError,
				title=_("Already disbursed"),
			)
		draft = frappe.db.get_value("Member Loan", {"loan_application": self.name, "docstatus": 0})
		if draft:
			return draft
		loan = frappe.new_doc("Member Loan")
		loan.loan_application = self.name
		loan.posting_date = today()
		loan.insert()
		return loan.name


@frappe.whitelist()
def get_schedule_preview(loan_product: str, amount: float, tenor: int, start_date: str | None = None) -> dict:
	"""The repayment schedule, fees and totals a loan of `amount` over `tenor` instalments on `loan_product`
	would have, disbursed on `start_date` (default today): what the member is told before approval."""
	frappe.has_permission("Member Loan Application", "read", throw=True)
	product = frappe.get_doc("Member Loan Product", loan_product)
	product.check_permission("read")
	if not is_whole_rupiah(flt(amount)):
		frappe.throw(
			_("Amount: {0} has a fraction of a rupiah. Enter whole rupiah, without cents.").format(amount),
			WholeRupiahError,
			title=_("Whole rupiah"),
		)
	if flt(amount) <= 0:
		frappe.throw(_("Enter the Amount to see its schedule."), AmountError, title=_("Amount"))
	validate_rate(product.interest_rate, _("loan product {0}").format(product.name))
	rows = make_schedule(amount, product, int(tenor), getdate(start_date or today()))
	fees = loan_fees(product, amount)
	return {
		"rows": schedule_rows(rows),
		**summarise(rows),
		**fees,
		"net_disbursement": flt(amount) - sum(fees.values()),
	}
