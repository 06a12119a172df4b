"""Strings used by the loan print formats (Jinja in JSON, which Frappe's extractor does not read).

Listed here in `_()` so they reach locale/main.pot and id.po; nothing imports this module at run time.
"""

from frappe import _

PRINT_FORMAT_STRINGS = (
	_("Amount"),
	_("Denda"),
	_("Disbursed On"),
	_("Due Date"),
	_("Fees at Disbursement"),
	_("Instalment"),
	_("Interest"),
	_("Loan Amount"),
	_("Loan No."),
	_("Loan Product"),
	_("Loan Statement"),
	_("Net Disbursement"),
	_("No repayments yet."),
	_("Outstanding"),
	_("Paid"),
	_("Principal"),
	_("Principal outstanding: {0}"),
	_("Repayments"),
	_("Tenor"),
	_("Total"),
	_("grace {0} ({1})"),
	_("{0} instalments, {1}"),
	_("{0}% a year, {1}"),
)
