# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Shared pieces of the loan doctypes: the product's terms as the calculators take them, eligibility with
translated refusals, the rate cap, and the base controller of the loan vouchers.

The arithmetic is in :mod:`koperasi_merah_putih.calculators.loans`; this module only reads the database,
maps the doctypes' Select values to the calculators' codes and the calculators' problem codes to a
translated message and a named exception.
"""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, getdate

from erpnext.controllers.accounts_controller import AccountsController

from koperasi_merah_putih.calculators.loans import (
	STATUTORY_LOAN_RATE_CAP,
	Instalment,
	LoanInputError,
	LoanProblem,
	build_schedule,
	check_eligibility,
	complete_months,
	fee_amount,
	rate_problems,
	schedule_totals,
)
from koperasi_merah_putih.calculators.money import to_decimal, whole_rupiah
from koperasi_merah_putih.exceptions import (
	AmountError,
	CollateralRequiredError,
	GuarantorError,
	InterestRateCapError,
	LoanEligibilityError,
	LoanProductError,
	LoanScheduleError,
	MemberNotActiveError,
	MembershipTooShortError,
	PlafonExceededError,
	TenorOutOfRangeError,
)
from koperasi_merah_putih.simpanan.common import PARTY_TYPE, default_cost_center
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_settings

ACTIVE_MEMBER = "Aktif"

# Select values of the doctypes -> the calculators' codes.
METHODS = {"Flat": "flat", "Efektif": "efektif", "Anuitas": "anuitas"}
FREQUENCIES = {"Monthly": "monthly", "Weekly": "weekly"}
GRACE_TYPES = {"Interest Only": "interest_only", "Nothing Due": "none_due"}
PENALTY_MODES = {
	"Percent per Day": "percent_per_day",
	"Percent per Month": "percent_per_month",
	"Fixed Amount": "fixed",
}
PAYOFF_RULES = {
	"All Remaining Interest": "all_interest",
	"Interest to Date": "interest_to_date",
	"Current Period Interest": "current_period_interest",
	"Interest of N Periods": "n_months_interest",
}
DEFAULT_ALLOCATION_ORDER = "Denda, Interest, Principal"

# The product's terms an application copies, and a loan copies from its application.
TERM_FIELDS = ("interest_method", "interest_rate", "repayment_frequency", "grace_periods", "grace_type")
FEE_FIELDS = ("admin_fee", "provisi_fee", "insurance_fee")
# Loan accounts of a product, each with its default in Cooperative Settings.
PRODUCT_ACCOUNTS = {
	"loan_receivable_account": "loan_receivable_account",
	"interest_income_account": "loan_interest_income_account",
	"admin_fee_income_account": "loan_admin_fee_income_account",
	"provisi_income_account": "loan_provisi_income_account",
	"denda_income_account": "loan_penalty_income_account",
	"insurance_payable_account": "loan_insurance_payable_account",
}


def loan_rate_cap() -> Decimal:
	"""The cap on loan interest from Cooperative Settings; the statutory 24% when it is not set."""
	cap = get_settings().get("loan_rate_cap")
	return to_decimal(flt(cap)) if flt(cap) > 0 else STATUTORY_LOAN_RATE_CAP


def validate_rate(rate, what: str) -> None:
	"""Refuse a negative rate or one above the cap, naming where the rate comes from (`what`)."""
	for code, params in rate_problems(flt(rate), loan_rate_cap()):
		if code == "rate_over_cap":
			frappe.throw(
				_(
					"Interest Rate {0}% a year of {1} is above the cap of {2}% (Permenkop UKM 8/2023, set in Cooperative Settings > Loans). Lower the rate of the loan product."
				).format(flt(rate), what, flt(params["cap"])),
				InterestRateCapError,
				title=_("Interest Rate"),
			)
		frappe.throw(
			_("Interest Rate of {0} cannot be negative. Enter 0 or more.").format(what),
			LoanProductError,
			title=_("Interest Rate"),
		)


# ---------------------------------------------------------------- schedules and fees
def make_schedule(principal, terms, tenor, start_date) -> list[Instalment]:
	"""The repayment schedule of `principal` over `tenor` instalments on `terms` (a product, an application
	or a loan: anything with the TERM_FIELDS), starting at `start_date` (the disbursement)."""
	try:
		return build_schedule(
			whole_rupiah(flt(principal)),
			flt(terms.get("interest_rate")),
			int(tenor or 0),
			frequency=FREQUENCIES.get(terms.get("repayment_frequency"), "monthly"),
			method=METHODS.get(terms.get("interest_method"), terms.get("interest_method")),
			start_date=getdate(start_date),
			grace_periods=int(terms.get("grace_periods") or 0),
			grace_type=GRACE_TYPES.get(terms.get("grace_type") or "Interest Only", "interest_only"),
		)
	except LoanInputError as e:
		frappe.throw(
			schedule_error_message(e, principal, tenor, terms), LoanScheduleError, title=_("Schedule")
		)


def schedule_error_message(error: LoanInputError, principal, tenor, terms) -> str:
	if error.code in ("amount_not_positive", "negative_amount"):
		return _("Amount must be more than zero to make a repayment schedule.")
	if error.code == "tenor_out_of_range":
		return _("Tenor must be at least 1 instalment. Enter the number of instalments.")
	if error.code == "grace_out_of_range":
		return _(
			"The grace period ({0} instalments) must be shorter than the tenor ({1}). Choose a longer tenor."
		).format(terms.get("grace_periods") or 0, tenor)
	if error.code == "principal_too_small":
		return _(
			"{0} cannot be split into {1} instalments. Enter a larger amount or a shorter tenor."
		).format(rupiah(principal), tenor)
	return _(
		"No repayment schedule can be made from these terms ({0}). Check the amount, tenor and product."
	).format(error.code)


def loan_fees(product, principal) -> dict[str, int]:
	"""Administration fee, provisi and insurance of `principal` on `product` (whole rupiah)."""
	amount = whole_rupiah(flt(principal)) if flt(principal) > 0 else 0
	return {
		"admin_fee": fee_amount(amount, product.admin_fee_percent, product.admin_fee_amount),
		"provisi_fee": fee_amount(amount, product.provisi_percent, product.provisi_amount),
		"insurance_fee": fee_amount(amount, product.insurance_percent, product.insurance_amount),
	}


def schedule_rows(rows: list[Instalment]) -> list[dict]:
	"""Schedule rows as the child doctype Member Loan Schedule holds them."""
	return [
		{
			"instalment": row.number,
			"due_date": row.due_date,
			"period_start": row.period_start,
			"principal": row.principal,
			"interest": row.interest,
			"total": row.total,
			"outstanding": row.outstanding,
			"grace": row.grace,
		}
		for row in rows
	]


def summarise(rows: list[Instalment]) -> dict[str, int]:
	totals = schedule_totals(rows)
	regular = [row.total for row in rows if not row.grace]
	return {
		"total_interest": totals["interest"],
		"total_repayment": totals["total"],
		"instalment_amount": regular[0] if regular else (rows[0].total if rows else 0),
	}


# ---------------------------------------------------------------- eligibility
def member_savings(member: str) -> int:
	"""What the member's savings count for the plafon: balance less holds, over their active accounts."""
	sa = frappe.qb.DocType("Savings Account")
	rows = (
		frappe.qb.from_(sa)
		.select(sa.balance, sa.held_amount)
		.where((sa.member == member) & (sa.status == "Aktif"))
	).run(as_dict=True)
	return sum(whole_rupiah(flt(r.balance)) - whole_rupiah(flt(r.held_amount)) for r in rows)


def eligibility_facts(doc, product) -> dict:
	"""What the member's eligibility depends on, read from the database (never from the client)."""
	member = frappe.db.get_value("Cooperative Member", doc.member, ["status", "join_date"], as_dict=True)
	as_of = getdate(doc.get("application_date") or doc.get("posting_date"))
	return {
		"member_status": member.status if member else None,
		"months_of_membership": complete_months(getdate(member.join_date), as_of)
		if member and member.join_date
		else 0,
		"savings_balance": member_savings(doc.member),
		"guarantor_active": (
			frappe.db.get_value("Cooperative Member", doc.guarantor, "status") == ACTIVE_MEMBER
			if doc.get("guarantor")
			else None
		),
	}


def eligibility_problems(doc, product, facts: dict) -> list[LoanProblem]:
	return check_eligibility(
		member_active=facts["member_status"] == ACTIVE_MEMBER,
		amount=flt(doc.get("amount") or doc.get("loan_amount")),
		months_of_membership=facts["months_of_membership"],
		min_months=int(product.min_membership_months or 0),
		savings_balance=facts["savings_balance"],
		plafon_multiple=flt(product.plafon_savings_multiple) or None,
		absolute_max=flt(product.max_amount) or None,
		min_amount=flt(product.min_amount) or None,
		tenor=int(doc.tenor or 0),
		min_tenor=int(product.min_tenor or 0) or None,
		max_tenor=int(product.max_tenor or 0) or None,
		annual_rate=flt(doc.interest_rate),
		rate_cap=loan_rate_cap(),
		borrower=doc.member,
		guarantor_required=bool(product.requires_guarantor),
		guarantor=doc.get("guarantor") or None,
		guarantor_active=facts["guarantor_active"],
		collateral_required=bool(product.requires_collateral),
		has_collateral=bool((doc.get("collateral_description") or "").strip()),
	)


def refuse_ineligible(doc, product, facts: dict) -> None:
	"""Throw every eligibility problem in one translated message, as the first problem's named exception."""
	problems = eligibility_problems(doc, product, facts)
	if not problems:
		return
	messages = [problem_message(code, params, doc, product, facts) for code, params in problems]
	exception = PROBLEM_EXCEPTIONS.get(problems[0].code, LoanEligibilityError)
	frappe.throw(
		"<br>".join(messages) if len(messages) > 1 else messages[0],
		exception,
		title=_("Not eligible for this loan"),
	)


PROBLEM_EXCEPTIONS = {
	"member_not_active": MemberNotActiveError,
	"membership_too_short": MembershipTooShortError,
	"amount_not_positive": AmountError,
	"amount_below_minimum": PlafonExceededError,
	"amount_over_plafon": PlafonExceededError,
	"tenor_out_of_range": TenorOutOfRangeError,
	"negative_rate": LoanProductError,
	"rate_over_cap": InterestRateCapError,
	"guarantor_required": GuarantorError,
	"guarantor_is_borrower": GuarantorError,
	"guarantor_not_active": GuarantorError,
	"collateral_required": CollateralRequiredError,
}


def problem_message(code: str, params: dict, doc, product, facts: dict) -> str:
	if code == "member_not_active":
		return _(
			"{0} is not an active member (status {1}). Only active members may borrow (UU 4/2023, closed loop): choose an active member."
		).format(doc.member, _(facts["member_status"] or "-"))
	if code == "membership_too_short":
		return _(
			"{0} has been a member for {1} months; {2} requires at least {3}. Choose another product or apply when the membership is long enough."
		).format(doc.member, params["months"], product.name, params["min_months"])
	if code == "amount_not_positive":
		return _("Amount must be more than zero. Enter the amount the member asks for.")
	if code == "amount_below_minimum":
		return _("Amount {0} is below the minimum of {1} for {2}. Enter at least {1}.").format(
			rupiah(params["amount"]), rupiah(params["minimum"]), product.name
		)
	if code == "amount_over_plafon":
		basis = []
		if params.get("multiple"):
			basis.append(
				_("{0} times the savings of {1}").format(
					flt(params["multiple"]), rupiah(params["savings_balance"])
				)
			)
		if params.get("absolute_max"):
			basis.append(_("the product's maximum of {0}").format(rupiah(params["absolute_max"])))
		return _("Amount {0} is over the plafon of {1} ({2}). Enter at most {1}.").format(
			rupiah(params["amount"]), rupiah(params["plafon"]), "; ".join(basis)
		)
	if code == "tenor_out_of_range":
		return _(
			"Tenor {0} is outside the {1} to {2} instalments {3} allows. Enter a tenor in that range."
		).format(params["tenor"], params["minimum"] or 1, params["maximum"] or "-", product.name)
	if code == "rate_over_cap":
		return _(
			"Interest Rate {0}% a year is above the cap of {1}% (Permenkop UKM 8/2023, set in Cooperative Settings > Loans). Lower the rate of the loan product."
		).format(flt(params["rate"]), flt(params["cap"]))
	if code == "negative_rate":
		return _("Interest Rate cannot be negative. Correct the loan product.")
	if code == "guarantor_required":
		return _("{0} requires a guarantor: choose another active member as Guarantor.").format(product.name)
	if code == "guarantor_is_borrower":
		return _("The borrower cannot be their own guarantor. Choose another active member as Guarantor.")
	if code == "guarantor_not_active":
		return _("Guarantor {0} is not an active member. Choose an active member as Guarantor.").format(
			doc.guarantor
		)
	if code == "collateral_required":
		return _("{0} requires collateral: describe it in Collateral Description.").format(product.name)
	return _("The member is not eligible for this loan ({0}).").format(code)


# ---------------------------------------------------------------- the vouchers' base
class LoanVoucher(AccountsController):
	"""A submittable loan document that posts to the GL (disbursement, repayment)."""

	def get_gl_entries(self) -> list[dict]:
		raise NotImplementedError

	def member_gl_row(self, account, debit=0, credit=0, **extra) -> dict:
		"""A GL row on the loan receivable with the member as party, against the loan (so ERPNext's
		receivable reports and the Payment Ledger group the rows per loan)."""
		return self.plain_gl_row(
			account,
			debit,
			credit,
			party_type=PARTY_TYPE,
			party=self.member,
			against_voucher_type="Member Loan",
			against_voucher=self.loan_name(),
			**extra,
		)

	def plain_gl_row(self, account, debit=0, credit=0, **extra) -> dict:
		return self.get_gl_dict(
			{
				"account": account,
				"debit": flt(debit),
				"credit": flt(credit),
				"debit_in_account_currency": flt(debit),
				"credit_in_account_currency": flt(credit),
				"cost_center": self.get("cost_center") or default_cost_center(self.company),
				**extra,
			}
		)

	def loan_name(self) -> str:
		raise NotImplementedError
