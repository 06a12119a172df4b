# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from koperasi_merah_putih.calculators.numbering import validate_template
from koperasi_merah_putih.exceptions import AccountSetupError, SettingsError
from koperasi_merah_putih.pinjaman.loan_quality import check_settings as check_loan_quality_settings

TEMPLATE_ERRORS = {
	"no_sequence": lambda d: _("add one sequence placeholder such as {#####}"),
	"multiple_sequences": lambda d: _("use only one sequence placeholder {#####}"),
	"unknown_token": lambda d: _("{0} is not a known token (use {{KODE}}, {{YYYY}}, {{YY}}, {{MM}})").format(
		d
	),
	"too_long": lambda d: _("the number would be longer than 140 characters"),
}


class CooperativeSettings(Document):
	def onload(self):
		from koperasi_merah_putih.setup.cooperative import can_set_up

		# The form shows "Set Up Chart of Accounts" to whoever the server lets run it.
		self.set_onload("can_setup_accounts", can_set_up())

	def validate(self):
		self.cooperative_code = (self.cooperative_code or "").strip().upper().replace(" ", "")
		problems = validate_template(self.member_number_template or "")
		if problems:
			reasons = "; ".join(
				TEMPLATE_ERRORS[code](detail) if code in TEMPLATE_ERRORS else code
				for code, detail in problems
			)
			frappe.throw(
				_("Member Number Template {0}: {1}.").format(
					frappe.bold(self.member_number_template), reasons
				),
				SettingsError,
				title=_("Member Number Template"),
			)
		if self.minimum_member_age is not None and self.minimum_member_age < 0:
			frappe.throw(
				_("Minimum Member Age cannot be negative. Enter 0 or more years."),
				SettingsError,
				title=_("Minimum Member Age (years)"),
			)
		self.validate_accounts_belong_to_company()
		check_loan_quality_settings(self.as_dict())  # kolektibilitas day ranges and PPAP percents

	def validate_accounts_belong_to_company(self):
		account_fields = [df for df in self.meta.fields if df.fieldtype == "Link" and df.options == "Account"]
		accounts = [self.get(df.fieldname) for df in account_fields if self.get(df.fieldname)]
		if not accounts:
			return
		companies = dict(
			frappe.get_all(
				"Account", filters={"name": ["in", accounts]}, fields=["name", "company"], as_list=1
			)
		)
		for df in account_fields:
			account = self.get(df.fieldname)
			if account and companies.get(account) != self.company:
				frappe.throw(
					_("{0}: account {1} belongs to another company; choose an account of {2}.").format(
						_(df.label), account, self.company
					),
					AccountSetupError,
					title=_("Wrong company"),
				)
