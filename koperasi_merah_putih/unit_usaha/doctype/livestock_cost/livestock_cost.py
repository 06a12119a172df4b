# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A feed, veterinary or other cost of a livestock unit, paid from a cash or bank account.

Submitting posts a Journal Entry: the unit's expense account (its cost center and the "Unit Usaha"
dimension) against the cash/bank account; cancelling cancels it. With an ear tag the cost is also
attributed to that animal (the Herd Report adds it to the animal's carrying cost). The cost is expensed,
not capitalised: see unit_usaha.livestock.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from koperasi_merah_putih.exceptions import AmountError, CashAccountError
from koperasi_merah_putih.unit_usaha.livestock import animal_in_herd, unit_records, with_dimension


class LivestockCost(Document):
	def validate(self):
		if flt(self.amount) <= 0:
			frappe.throw(_("Amount must be more than 0."), AmountError, title=_("Amount"))
		unit = unit_records(self.business_unit)
		self.company = unit.company
		self.cost_center = unit.cost_center
		self.expense_account = unit.expense_account
		self.item_code = (
			animal_in_herd(self.serial_no, self.business_unit).item_code if self.serial_no else None
		)
		account = frappe.db.get_value(
			"Account", self.paid_from, ["company", "account_type", "is_group"], as_dict=True
		)
		if (
			not account
			or account.company != self.company
			or account.is_group
			or account.account_type
			not in (
				"Cash",
				"Bank",
			)
		):
			frappe.throw(
				_("Paid From must be a cash or bank account of company {0}.").format(self.company),
				CashAccountError,
				title=_("Paid From (Cash/Bank)"),
			)

	def on_submit(self):
		remark = _("{0} of business unit {1}").format(_(self.cost_type), self.business_unit)
		if self.serial_no:
			remark += " · " + _("animal {0}").format(self.serial_no)
		journal = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"voucher_type": "Journal Entry",
				"company": self.company,
				"posting_date": self.posting_date,
				"user_remark": f"{remark} ({self.name})",
				"accounts": [
					with_dimension(
						{
							"account": self.expense_account,
							"debit_in_account_currency": self.amount,
							"cost_center": self.cost_center,
						},
						self.business_unit,
					),
					with_dimension(
						{
							"account": self.paid_from,
							"credit_in_account_currency": self.amount,
							"cost_center": self.cost_center,
						},
						self.business_unit,
					),
				],
			}
		)
		# The submitter's right on Livestock Cost was checked by Frappe; the voucher is the system's.
		journal.insert(ignore_permissions=True)
		journal.submit()
		self.db_set("journal_entry", journal.name)

	def on_cancel(self):
		if self.journal_entry:
			journal = frappe.get_doc("Journal Entry", self.journal_entry)
			if journal.docstatus == 1:
				journal.flags.ignore_permissions = True
				journal.cancel()
