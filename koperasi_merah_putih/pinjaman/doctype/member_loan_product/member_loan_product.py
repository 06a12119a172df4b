# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A loan product: interest method and rate (under the cap), tenor and grace, fees, denda, eligibility
rules, payoff rule and the accounts its loans post to."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from koperasi_merah_putih.calculators.loans import LoanInputError, fee_amount
from koperasi_merah_putih.exceptions import AccountSetupError, LoanProductError
from koperasi_merah_putih.pinjaman.common import PRODUCT_ACCOUNTS, validate_rate
from koperasi_merah_putih.utils.settings import get_settings

FEES = (
	("admin_fee_percent", "admin_fee_amount", "admin_fee_income_account"),
	("provisi_percent", "provisi_amount", "provisi_income_account"),
	("insurance_percent", "insurance_amount", "insurance_payable_account"),
)
# What each account must be: (root type, account types allowed).
ACCOUNT_RULES = {
	"loan_receivable_account": ("Asset", ("Receivable",)),
	"interest_income_account": ("Income", None),
	"admin_fee_income_account": ("Income", None),
	"provisi_income_account": ("Income", None),
	"denda_income_account": ("Income", None),
	"insurance_payable_account": ("Liability", ("", None)),
}


class MemberLoanProduct(Document):
	def validate(self):
		settings = get_settings()
		self.company = self.company or settings.company
		validate_rate(self.interest_rate, _("loan product {0}").format(self.product_name))
		self.validate_tenor()
		self.validate_amounts()
		self.validate_fees()
		self.validate_denda()
		if self.payoff_rule == "Interest of N Periods" and cint(self.payoff_interest_periods) < 1:
			self.throw(
				_("Enter how many periods of interest an early payoff charges (1 or more)."),
				_("Interest Periods Charged on Payoff"),
			)
		if self.requires_savings_hold and not 0 < flt(self.savings_hold_percent) <= 100:
			self.throw(
				_(
					"Enter the savings held as collateral as a percent of the loan amount, more than 0 and at most 100."
				),
				_("Savings Hold (% of Loan Amount)"),
			)
		self.set_accounts(settings)

	def throw(self, message, title, exception=LoanProductError):
		frappe.throw(message, exception, title=title)

	def validate_tenor(self):
		if cint(self.min_tenor) < 1:
			self.throw(_("Minimum Tenor must be at least 1 instalment."), _("Minimum Tenor"))
		if cint(self.max_tenor) < cint(self.min_tenor):
			self.throw(
				_("Maximum Tenor ({0}) cannot be less than Minimum Tenor ({1}).").format(
					cint(self.max_tenor), cint(self.min_tenor)
				),
				_("Maximum Tenor"),
			)
		if cint(self.grace_periods) < 0:
			self.throw(_("Grace Period cannot be negative. Enter 0 for none."), _("Grace Period"))
		if cint(self.grace_periods) >= cint(self.min_tenor):
			self.throw(
				_(
					"Grace Period ({0}) must be shorter than Minimum Tenor ({1}), so every loan repays its principal. Shorten the grace or raise the minimum tenor."
				).format(cint(self.grace_periods), cint(self.min_tenor)),
				_("Grace Period"),
			)

	def validate_amounts(self):
		for fieldname in ("min_amount", "max_amount", "plafon_savings_multiple", "min_membership_months"):
			if flt(self.get(fieldname)) < 0:
				self.throw(
					_("{0} cannot be negative. Enter 0 for no limit.").format(
						_(self.meta.get_label(fieldname))
					),
					_(self.meta.get_label(fieldname)),
				)
		if flt(self.max_amount) and flt(self.min_amount) > flt(self.max_amount):
			self.throw(
				_("Minimum Amount cannot be more than Maximum Amount."),
				_("Minimum Amount"),
			)

	def validate_fees(self):
		for percent_field, amount_field, _account in FEES:
			label = _(self.meta.get_label(percent_field))
			if flt(self.get(percent_field)) < 0 or flt(self.get(amount_field)) < 0:
				self.throw(_("{0} cannot be negative.").format(label), label)
			try:
				fee_amount(1000000, self.get(percent_field), self.get(amount_field))
			except LoanInputError:
				self.throw(
					_("{0}: enter a percent or a fixed amount, not both.").format(label),
					label,
				)
			if flt(self.get(percent_field)) >= 100:
				self.throw(_("{0} must be less than 100%.").format(label), label)

	def validate_denda(self):
		if not self.denda_mode:
			return
		if cint(self.denda_grace_days) < 0:
			self.throw(_("Denda Grace Days cannot be negative."), _("Denda Grace Days"))
		if self.denda_mode == "Fixed Amount":
			if flt(self.denda_amount) <= 0:
				self.throw(_("Enter the Denda Amount charged on an overdue instalment."), _("Denda Amount"))
		elif flt(self.denda_rate) <= 0:
			self.throw(_("Enter the Denda Rate (percent of the overdue instalment)."), _("Denda Rate"))

	def set_accounts(self, settings):
		for fieldname, settings_field in PRODUCT_ACCOUNTS.items():
			if not self.get(fieldname):
				self.set(fieldname, settings.get(settings_field))
		needed = ["loan_receivable_account", "interest_income_account"]
		needed += [
			account for percent, amount, account in FEES if flt(self.get(percent)) or flt(self.get(amount))
		]
		if self.denda_mode:
			needed.append("denda_income_account")
		for fieldname in PRODUCT_ACCOUNTS:
			if self.get(fieldname):
				self.validate_account(fieldname)
			elif fieldname in needed:
				label = _(self.meta.get_label(fieldname))
				self.throw(
					_(
						"Set {0} here, or its default in Cooperative Settings (run Set Up Chart of Accounts there)."
					).format(label),
					label,
					AccountSetupError,
				)

	def validate_account(self, fieldname):
		account = self.get(fieldname)
		root_type, account_types = ACCOUNT_RULES[fieldname]
		row = frappe.db.get_value(
			"Account", account, ["company", "root_type", "account_type", "is_group"], as_dict=True
		)
		if (
			not row
			or row.company != self.company
			or row.is_group
			or row.root_type != root_type
			or (account_types is not None and row.account_type not in account_types)
		):
			label = _(self.meta.get_label(fieldname))
			if fieldname == "loan_receivable_account":
				message = _(
					"{0}: {1} must be a ledger account of type Receivable of {2}, so the GL knows which member owes it."
				)
			elif root_type == "Income":
				message = _("{0}: {1} must be a ledger Income account of {2}.")
			else:
				message = _("{0}: {1} must be a ledger Liability account of {2} without an account type.")
			self.throw(message.format(label, account, self.company), label, AccountSetupError)
