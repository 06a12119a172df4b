# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Cooperative Borrowing: the cooperative's own loan from a Himbara bank, LPDB or another lender.

The schedule is made by the same calculator as a member loan's (calculators.loans.build_schedule), monthly,
on the payable side. Submitting is the drawdown: debit cash/bank, credit the borrowings payable account
with the lender (a Supplier) as party. Instalments are paid with Cooperative Borrowing Payment, which
updates the schedule rows; the borrowing is Lunas once every instalment is paid.

Terms beyond the ceilings in Cooperative Settings (PMK 49/2025 Himbara terms by default: Rp3 miliar, 6% a
year, 72 months, 6 to 8 months of grace, Rp500 juta for operating costs) are warnings, not refusals
(calculators.loans.check_borrowing_terms): shown to the officer and kept in Warnings.
"""

from dataclasses import asdict

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import (
	BorrowingCeilings,
	LoanInputError,
	build_schedule,
	check_borrowing_terms,
)
from koperasi_merah_putih.calculators.money import whole_rupiah
from koperasi_merah_putih.exceptions import AccountSetupError, AmountError, BorrowingError, CannotCancelError
from koperasi_merah_putih.pinjaman.common import (
	GRACE_TYPES,
	METHODS,
	LoanVoucher,
	schedule_error_message,
	summarise,
)
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_account, get_settings

DRAFT = "Draft"
ACTIVE = "Aktif"
PAID_OFF = "Lunas"
CANCELLED = "Dibatalkan"
LENDER_PARTY = "Supplier"
SCHEDULE = "Cooperative Borrowing Schedule"
# Cooperative Settings field -> BorrowingCeilings field
CEILING_FIELDS = {
	"borrowing_max_amount": "max_amount",
	"borrowing_max_rate": "max_rate",
	"borrowing_max_tenor_months": "max_tenor_months",
	"borrowing_min_grace_months": "min_grace_months",
	"borrowing_max_grace_months": "max_grace_months",
	"borrowing_max_operating_amount": "max_operating_amount",
}


class CooperativeBorrowing(LoanVoucher):
	def loan_name(self) -> str | None:
		return None  # the party rows are the lender's, made by lender_gl_row

	def validate(self):
		validate_posting_date(self)
		self.company = get_settings().company
		if flt(self.amount) <= 0:
			frappe.throw(
				_("Amount must be more than zero. Enter the amount drawn down."),
				AmountError,
				title=_("Amount"),
			)
		if flt(self.operating_amount) > flt(self.amount):
			frappe.throw(
				_("Part for Operating Costs ({0}) cannot be more than the Amount ({1}).").format(
					rupiah(self.operating_amount), rupiah(self.amount)
				),
				BorrowingError,
				title=_("Part for Operating Costs"),
			)
		if flt(self.interest_rate) < 0:
			frappe.throw(
				_("Interest Rate cannot be negative. Enter the lender's rate a year."),
				BorrowingError,
				title=_("Interest Rate"),
			)
		self.set_accounts()
		set_cash_account(
			self,
			_(
				"Choose the Cash/Bank Account the money is paid into (or a Mode of Payment that has one for {0})."
			).format(self.company),
		)
		self.make_schedule()
		self.status = DRAFT
		self.warn_beyond_ceilings()

	def set_accounts(self) -> None:
		self.payable_account = get_account("borrowing_payable_account")
		self.interest_expense_account = get_account("borrowing_interest_expense_account")
		account_type = frappe.get_cached_value("Account", self.payable_account, "account_type")
		if account_type != "Payable":
			frappe.throw(
				_(
					"Borrowings Payable Account {0} in Cooperative Settings must be of type Payable (the lender is its party). Choose a Payable account."
				).format(self.payable_account),
				AccountSetupError,
				title=_("Account"),
			)

	def make_schedule(self) -> None:
		try:
			rows = build_schedule(
				whole_rupiah(flt(self.amount)),
				flt(self.interest_rate),
				int(self.tenor_months or 0),
				frequency="monthly",
				method=METHODS.get(self.interest_method),
				start_date=getdate(self.posting_date),
				grace_periods=int(self.grace_months or 0),
				grace_type=GRACE_TYPES.get(self.grace_type or "Interest Only", "interest_only"),
			)
		except LoanInputError as e:
			terms = {"grace_periods": self.grace_months}
			frappe.throw(
				schedule_error_message(e, self.amount, self.tenor_months, terms),
				BorrowingError,
				title=_("Schedule"),
			)
		self.set(
			"schedule",
			[
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
			],
		)
		totals = summarise(rows)
		self.total_interest = totals["total_interest"]
		self.total_repayment = totals["total_repayment"]
		self.outstanding_principal = whole_rupiah(flt(self.amount))
		self.paid_principal = self.paid_interest = 0

	def warn_beyond_ceilings(self) -> None:
		problems = check_borrowing_terms(
			whole_rupiah(flt(self.amount)),
			flt(self.interest_rate),
			int(self.tenor_months or 0),
			int(self.grace_months or 0),
			ceilings_from_settings(),
			operating_amount=whole_rupiah(flt(self.operating_amount)),
		)
		messages = [warning_message(code, params) for code, params in problems]
		self.warnings = "\n".join(messages) or None
		if messages:
			frappe.msgprint(
				"<br>".join(messages),
				title=_("Beyond the borrowing ceilings"),
				indicator="orange",
			)

	def on_submit(self):
		post_gl(self.get_gl_entries())
		self.db_set("status", ACTIVE)

	def before_cancel(self):
		super().before_cancel()
		frappe.db.get_value(self.doctype, self.name, "name", for_update=True)
		payments = frappe.get_all(
			"Cooperative Borrowing Payment",
			filters={"cooperative_borrowing": self.name, "docstatus": 1},
			pluck="name",
		)
		if payments:
			frappe.throw(
				_("Cannot cancel: {0} has payments ({1}). Cancel the payments first.").format(
					self.name, ", ".join(payments)
				),
				CannotCancelError,
				title=_("Cannot cancel"),
			)

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)
		self.db_set("status", CANCELLED)

	def lender_gl_row(self, account, debit=0, credit=0, **extra) -> dict:
		return self.plain_gl_row(
			account,
			debit,
			credit,
			party_type=LENDER_PARTY,
			party=self.lender,
			against_voucher_type=self.doctype,
			against_voucher=self.name,
			**extra,
		)

	def get_gl_entries(self) -> list[dict]:
		amount = flt(self.amount)
		return [
			self.plain_gl_row(self.cash_account, debit=amount, against=self.lender),
			self.lender_gl_row(self.payable_account, credit=amount, against=self.cash_account),
		]


def ceilings_from_settings() -> BorrowingCeilings:
	"""The ceilings set in Cooperative Settings; a field left empty keeps the Himbara default, a maximum of
	0 means no ceiling for it."""
	settings = get_settings()
	values = {}
	for fieldname, key in CEILING_FIELDS.items():
		value = settings.get(fieldname)
		if value in (None, ""):
			continue
		if key == "max_rate":
			values[key] = flt(value) or None
		elif key.startswith("max_"):
			values[key] = int(flt(value)) or None
		else:
			values[key] = int(flt(value))
	return BorrowingCeilings(**{**asdict(BorrowingCeilings()), **values})


def warning_message(code: str, params: dict) -> str:
	if code == "amount_over_ceiling":
		return _("Amount {0} is above the ceiling of {1}.").format(
			rupiah(params["amount"]), rupiah(params["maximum"])
		)
	if code == "rate_over_ceiling":
		return _("Interest Rate {0}% a year is above the ceiling of {1}%.").format(
			flt(params["rate"]), flt(params["maximum"])
		)
	if code == "tenor_over_ceiling":
		return _("Tenor of {0} months is longer than the ceiling of {1} months.").format(
			params["tenor"], params["maximum"]
		)
	if code == "grace_outside_range":
		return _("Grace of {0} months is outside {1} to {2} months.").format(
			params["grace"],
			params["minimum"] if params["minimum"] is not None else 0,
			params["maximum"] or "-",
		)
	if code == "operating_over_ceiling":
		return _("Part for Operating Costs {0} is above the ceiling of {1}.").format(
			rupiah(params["amount"]), rupiah(params["maximum"])
		)
	return _("Beyond the borrowing ceilings ({0}).").format(code)
