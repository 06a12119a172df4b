# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Named errors of the app (the house style of hrms: one class per kind of refusal).

Raise them with ``frappe.throw(message, SomeError, title=...)``, the message translated: it names the field and the
fix; tests assert the class, not the English text. Every class is a ``frappe.ValidationError`` (HTTP 417)
unless it says otherwise. New modules add their classes below their own heading.
"""

import frappe


class KoperasiError(frappe.ValidationError):
	"""Base of the app's refusals."""


# ---------------------------------------------------------------- input at the boundary
class WholeRupiahError(KoperasiError):
	"""An amount with a fraction of a rupiah."""


class AmountError(KoperasiError):
	"""An amount that is zero, negative, or otherwise not allowed."""


class PostingDateError(KoperasiError):
	"""A posting date in the future or otherwise not allowed."""


class PeriodError(KoperasiError):
	"""A period that is not written YYYY-MM, or a date outside the period."""


class AccountSetupError(KoperasiError):
	"""A ledger account missing in Cooperative Settings, of another company, or of the wrong type."""


class CashAccountError(AccountSetupError):
	"""No usable Cash/Bank account for the money to move through."""


class SettingsError(KoperasiError):
	"""Cooperative Settings that cannot be saved as entered."""


# ---------------------------------------------------------------- membership
class InvalidNIKError(KoperasiError):
	"""A NIK or No. KK that fails the Dukcapil rules."""


class InvalidPersonError(KoperasiError):
	"""Date of birth, age or other personal data that cannot be right."""


class DuplicateMemberError(KoperasiError):
	"""The person is already a member, or already has an open application."""


class ApplicationClosedError(KoperasiError):
	"""A membership application that is approved or rejected and can no longer change."""


class ApplicationIncompleteError(KoperasiError):
	"""A membership application missing the declaration or a rejection reason."""


class HeirsError(KoperasiError):
	"""Heirs whose shares or NIKs are not consistent."""


class MemberStatusError(KoperasiError):
	"""A lifecycle step that the member's current status does not allow."""


class MemberNotActiveError(KoperasiError):
	"""Something only an active member may have (an account, a loan)."""


class ExitDetailsError(KoperasiError):
	"""Exit status, date or reason missing or wrong."""


class ExitBlockedError(KoperasiError):
	"""A member's exit while obligations or money remain."""


class PortalUserError(KoperasiError):
	"""The member's email belongs to a user account that cannot be linked to them."""


# ---------------------------------------------------------------- savings
class SavingsProductError(KoperasiError):
	"""A savings product set up inconsistently, or used for what it is not."""


class InterestRateCapError(KoperasiError):
	"""A rate above the statutory cap set in Cooperative Settings."""


class SavingsAccountError(KoperasiError):
	"""A savings account that is closed, duplicate, or not the member's own."""


class InsufficientBalanceError(KoperasiError):
	"""A withdrawal or transfer above the available balance."""


class NotWithdrawableError(KoperasiError):
	"""Simpanan pokok or wajib withdrawn while the person is a member."""


class TimeDepositError(KoperasiError):
	"""A time deposit topped up or withdrawn in part."""


class CannotCancelError(KoperasiError):
	"""A cancellation that would overdraw an account or undo what may not be undone."""


class AlreadyPostedError(KoperasiError):
	"""A run (interest, billing) already posted for this product and period."""


class NothingToPostError(KoperasiError):
	"""A run or voucher with no rows to post."""


class PaymentTooLargeError(KoperasiError):
	"""A payment beyond what may be paid in advance."""


class CollectionRowsError(KoperasiError):
	"""Rows of a collector's sheet that cannot be posted."""


class BalanceChangedError(KoperasiError):
	"""A balance that moved between preparing and submitting a document."""


class CollateralHeldError(KoperasiError):
	"""Savings held as loan collateral."""


class UnbalancedVoucherError(KoperasiError):
	"""GL rows whose debits and credits differ (a programming error, never the user's)."""


class LedgerPostingError(KoperasiError):
	"""GL rows the bulk ledger path cannot post as given (a programming error, never the user's)."""


# ---------------------------------------------------------------- cooperative setup and settings
class SetupNotPermittedError(frappe.PermissionError):
	"""Running the cooperative setup without the right to change Cooperative Settings (HTTP 403)."""


# ---------------------------------------------------------------- membership: guest privacy (issue 6)
class TooManyApplicationsError(frappe.TooManyRequestsError):
	"""Too many membership applications from one client address in an hour (HTTP 429, not 417)."""


# ---------------------------------------------------------------- loans (pinjaman, issue 7)
class LoanProductError(KoperasiError):
	"""A loan product set up inconsistently (tenors, grace, fees, denda, accounts)."""


class LoanEligibilityError(KoperasiError):
	"""A member who may not borrow this amount on these terms (the base of the refusals below)."""


class MembershipTooShortError(LoanEligibilityError):
	"""A member for fewer months than the product requires."""


class PlafonExceededError(LoanEligibilityError):
	"""An amount over the plafon (a multiple of savings and/or the product's maximum) or under its minimum."""


class TenorOutOfRangeError(LoanEligibilityError):
	"""A tenor outside the product's limits."""


class GuarantorError(LoanEligibilityError):
	"""A guarantor missing, the borrower themself, or not an active member."""


class CollateralRequiredError(LoanEligibilityError):
	"""No collateral described although the product requires it."""


class LoanApplicationStateError(KoperasiError):
	"""A loan application changed or used in a state that does not allow it (approved, rejected, disbursed)."""


class LoanScheduleError(KoperasiError):
	"""Terms from which no repayment schedule can be made."""


class AlreadyDisbursedError(KoperasiError):
	"""A second disbursement of one approved application."""


class LoanClosedError(KoperasiError):
	"""A repayment on a loan that is paid off, cancelled or not disbursed."""


# Business units (unit usaha)
class BusinessUnitSetupError(KoperasiError):
	"""A business unit that cannot be set up: the company's chart, cost centers, warehouses or cash mode of
	payment lack what the unit's ERPNext records need."""


class QuotaSetupError(KoperasiError):
	"""A subsidised item's quota set up inconsistently (period, anchor, days, quantity)."""


class QuotaHolderError(KoperasiError):
	"""A subsidised item sold without a valid holder: a walk-in without Nomor KK, a member without one, or
	a per-member quota sold to a walk-in."""


class OverQuotaError(KoperasiError):
	"""A sale of a subsidised item over what remains of the holder's quota in the period."""


# Business units: selling (unit_usaha/selling.py)
class SaleUnitError(KoperasiError):
	"""A sale without its business unit (Accounting Dimension Unit Usaha) in a company that has units."""


class SaleQuantityError(KoperasiError):
	"""A zero or negative quantity on a sale that is not a return."""


class MemberPriceError(KoperasiError):
	"""The member price list on a sale to someone who is not an active member."""


class SalePriceError(KoperasiError):
	"""A sale the server priced again from the member or public list, with an item that has no price there."""


class MemberCreditError(KoperasiError):
	"""A sale on credit to a non-member, or over the member credit limit."""


class MemberNotFoundError(KoperasiError):
	"""No member (or no member's Customer) for the member number typed or scanned at the till."""


# Business units: pharmacy, livestock, catfish (helper-UF)
class UnitQuantityError(KoperasiError):
	"""A quantity, weight or kilograms that is zero or negative where a positive one is needed."""


class ExpiredBatchError(KoperasiError):
	"""A sale of a medicine batch that expired before the posting date."""


class LivestockError(KoperasiError):
	"""An animal (ear tag) that is not in the unit's herd, or a livestock record that does not fit it."""


class PondCycleError(KoperasiError):
	"""A pond cycle that cannot be finished as entered (no harvest, items or unit not set up)."""


# Loans: collection sheets, restructure, write-off, recovery, the cooperative's borrowings (issue 7)
class LoanRestructureError(KoperasiError):
	"""A restructure on a loan that is not active, or on terms no schedule can be made from."""


class LaterRepaymentsError(CannotCancelError):
	"""A restructure or write-off cancelled after repayments or recoveries were made on what it set up."""


class LoanWriteOffError(KoperasiError):
	"""A write-off of a loan that is not active or has no principal left."""


class LoanRecoveryError(KoperasiError):
	"""A recovery on a loan that was not written off, or of more than is still written off."""


class BorrowingError(KoperasiError):
	"""A borrowing or borrowing payment that cannot be made (terms, lender, not drawn down, paid off)."""


class AdvancePaymentError(KoperasiError):
	"""A repayment pays more than is due without Pay in Advance ticked."""


class PayoffAmountError(AmountError):
	"""An early payoff whose amount is not the payoff amount."""


class SavingsHoldError(KoperasiError):
	"""A loan's savings hold cannot be placed: no account chosen, another member's, or too little free."""


class LoanBatchRowsError(KoperasiError):
	"""A Loan Disbursement Batch row that names no application of the company, or a batch without rows."""
