"""Strings used by the app's print formats (Jinja in JSON, which Frappe's extractor does not read).

Listed here in `_()` so they reach locale/main.pot and id.po; nothing imports this module at run time.
"""

from frappe import _

PRINT_FORMAT_STRINGS = (
	_("Account No."),
	_("Address"),
	_("Balance"),
	_("Closing Balance"),
	_("Credit"),
	_("Date"),
	_("Debit"),
	_("Debit is money taken out of the account, Credit is money paid in."),
	_("Description"),
	_("Held as loan collateral: {0}"),
	_("Join Date"),
	_("Legal Entity No."),
	_("Member"),
	_("Member Card"),
	_("Member Number"),
	_("NIK"),
	_("No transactions yet."),
	_("No."),
	_("Opened On"),
	_("Opening Balance"),
	_("Place/Date of Birth"),
	_("Printed on"),
	_("Savings Account Statement"),
	_("Savings Product"),
	_("Savings Type"),
	_("Simpanan {0}"),
	_("Status"),
	_("Treasurer"),
	_("Voucher"),
)
