# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from koperasi_merah_putih.calculators.savings import check_rate_cap
from koperasi_merah_putih.exceptions import AccountSetupError, InterestRateCapError, SavingsProductError
from koperasi_merah_putih.simpanan.common import BERJANGKA, POKOK, TYPE_ACCOUNT_FIELD, TYPE_ROOT, WAJIB
from koperasi_merah_putih.utils.settings import get_settings


class SavingsProduct(Document):
	def validate(self):
		settings = get_settings()
		self.company = self.company or settings.company
		if not self.account:
			self.account = settings.get(TYPE_ACCOUNT_FIELD[self.savings_type])
		if not self.account:
			frappe.throw(
				_("Set the Ledger Account, or the {0} account in Cooperative Settings.").format(
					_(self.savings_type)
				),
				AccountSetupError,
				title=_("Ledger Account"),
			)
		self.validate_account()
		if self.savings_type in (POKOK, WAJIB) and flt(self.amount) <= 0:
			frappe.throw(
				_("Amount is required for Simpanan {0}: the amount every member pays.").format(
					self.savings_type
				),
				SavingsProductError,
				title=_("Amount"),
			)
		if flt(self.interest_rate) < 0:
			frappe.throw(
				_("Interest Rate cannot be negative. Enter 0 for savings without interest."),
				SavingsProductError,
				title=_("Interest Rate"),
			)
		cap = flt(settings.savings_interest_cap)
		if not check_rate_cap(flt(self.interest_rate), cap):
			frappe.throw(
				_(
					"Interest Rate {0}% a year is above the cap of {1}% (Permenkop UKM 8/2023, set in Cooperative Settings > Savings Interest Cap). Lower the rate."
				).format(flt(self.interest_rate), cap),
				InterestRateCapError,
				title=_("Interest Rate"),
			)
		if self.savings_type == BERJANGKA and (self.term_months or 0) <= 0:
			frappe.throw(
				_("Term (months) is required for a time deposit (Simpanan Berjangka)."),
				SavingsProductError,
				title=_("Term"),
			)
		if self.savings_type == POKOK and self.is_active:
			other = frappe.db.get_value(
				"Savings Product",
				{"savings_type": POKOK, "is_active": 1, "company": self.company, "name": ["!=", self.name]},
			)
			if other:
				frappe.throw(
					_(
						"Simpanan Pokok is the same for every member; {0} is already the active Pokok product."
					).format(other),
					SavingsProductError,
					title=_("Duplicate Simpanan Pokok"),
				)

	def validate_account(self):
		row = frappe.db.get_value("Account", self.account, ["company", "root_type", "is_group"], as_dict=True)
		expected = TYPE_ROOT[self.savings_type]
		if not row or row.company != self.company or row.is_group or row.root_type != expected:
			frappe.throw(
				_(
					"Ledger Account {0} must be a ledger (not group) {1} account of {2}: Simpanan {3} is {1}."
				).format(self.account, _(expected), self.company, self.savings_type),
				AccountSetupError,
				title=_("Ledger Account"),
			)
