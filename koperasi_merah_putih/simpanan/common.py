"""Shared pieces of the savings vouchers: the base controller, account lookups, messages."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from erpnext.controllers.accounts_controller import AccountsController

from koperasi_merah_putih.exceptions import AmountError, CashAccountError, PostingDateError
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.simpanan.ledger import cancel_ledger_entries, make_ledger_entries
from koperasi_merah_putih.utils.db import insert_rows

PARTY_TYPE = "Cooperative Member"
POKOK = "Pokok"
WAJIB = "Wajib"
SUKARELA = "Sukarela"
BERJANGKA = "Berjangka"
LOCKED_WHILE_MEMBER = (POKOK, WAJIB)  # UU 25/1992, Penjelasan Pasal 41
TYPE_ACCOUNT_FIELD = {
	POKOK: "simpanan_pokok_account",
	WAJIB: "simpanan_wajib_account",
	SUKARELA: "simpanan_sukarela_account",
	BERJANGKA: "simpanan_berjangka_account",
}
TYPE_ROOT = {POKOK: "Equity", WAJIB: "Equity", SUKARELA: "Liability", BERJANGKA: "Liability"}


class SavingsVoucher(AccountsController):
	"""A submittable document that moves savings money: GL rows plus savings ledger rows."""

	def get_gl_entries(self) -> list[dict]:
		raise NotImplementedError

	def get_ledger_rows(self) -> list[dict]:
		raise NotImplementedError

	def validate_amount_positive(self, fieldname: str = "amount") -> None:
		if flt(self.get(fieldname)) <= 0:
			frappe.throw(
				_("{0} must be more than zero.").format(_(self.meta.get_label(fieldname))),
				AmountError,
				title=_("Amount"),
			)

	def post_savings(self) -> None:
		post_gl(self.get_gl_entries())
		make_ledger_entries(self, self.get_ledger_rows())

	def ledger_rows_of_items(self, amount_field: str) -> list[dict]:
		"""One ledger row per item row of a one-product voucher (collection, interest run)."""
		account = frappe.get_cached_value("Savings Product", self.product, "account")
		return [
			{
				"savings_account": r.savings_account,
				"member": r.member,
				"product": self.product,
				"account": account,
				"amount": flt(r.get(amount_field)),
			}
			for r in self.items
		]

	def cancel_savings(self) -> None:
		self.ignore_linked_doctypes = (
			"GL Entry",
			"Payment Ledger Entry",
			"Savings Ledger Entry",
			"Savings Bill Payment",
		)
		cancel_gl(self.doctype, self.name)
		cancel_ledger_entries(self)

	def savings_gl_row(self, account_row, debit=0.0, credit=0.0, **extra) -> dict:
		"""A GL row on a savings account, with the member as party so the GL knows whose money it is."""
		return self.get_gl_dict(
			{
				"account": account_row.account,
				"party_type": PARTY_TYPE,
				"party": account_row.member,
				"debit": flt(debit),
				"credit": flt(credit),
				"debit_in_account_currency": flt(debit),
				"credit_in_account_currency": flt(credit),
				"cost_center": self.get("cost_center") or default_cost_center(self.company),
				**extra,
			}
		)

	def plain_gl_row(self, account, debit=0.0, credit=0.0, **extra) -> dict:
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


def default_cost_center(company: str) -> str:
	return frappe.get_cached_value("Company", company, "cost_center")


def set_cash_account(doc, missing_message: str) -> None:
	"""Fill doc.cash_account from its Mode of Payment (or the default one) and check it is a Cash/Bank
	ledger of doc.company; `missing_message` says which account to choose when none can be found."""
	doc.cash_account = doc.cash_account or cash_account_for(doc.get("mode_of_payment"), doc.company)
	if not doc.cash_account:
		frappe.throw(missing_message, CashAccountError, title=_("Cash/Bank Account"))
	validate_cash_account(doc.cash_account, doc.company, _(doc.meta.get_label("cash_account")))


def cash_account_for(mode_of_payment: str | None, company: str) -> str | None:
	"""The Mode of Payment's account for the company; without a mode, the default in Cooperative Settings."""
	mode_of_payment = mode_of_payment or frappe.db.get_single_value(
		"Cooperative Settings", "default_mode_of_payment"
	)
	if not mode_of_payment:
		return None
	return frappe.db.get_value(
		"Mode of Payment Account", {"parent": mode_of_payment, "company": company}, "default_account"
	)


def validate_cash_account(account: str, company: str, label: str) -> None:
	row = frappe.get_cached_value("Account", account, ["company", "account_type", "is_group"], as_dict=True)
	if not row or row.company != company or row.is_group or row.account_type not in ("Cash", "Bank"):
		frappe.throw(
			_(
				"{0}: {1} is not a Cash or Bank account of {2}. Choose the cash box or bank account the money moves through."
			).format(label, account, company),
			CashAccountError,
			title=_("Cash/Bank Account"),
		)


def member_is_active(member: str) -> bool:
	return frappe.db.get_value("Cooperative Member", member, "status") == "Aktif"


def validate_posting_date(doc) -> None:
	if doc.posting_date and getdate(doc.posting_date) > getdate(frappe.utils.today()):
		frappe.throw(
			_("Posting Date cannot be in the future. Enter today's date or an earlier one."),
			PostingDateError,
			title=_("Posting Date"),
		)


class BulkRowsMixin:
	"""For vouchers with thousands of rows (a collector's sheet): write the rows in one multi-row insert
	instead of one INSERT/UPDATE per row, and check the rows' links in bulk (the controller's validate
	must check what the rows link to; `set_accounts` in Savings Collection does)."""

	bulk_table = "items"

	def _validate_links(self):
		if self.flags.ignore_links or self._action == "cancel":
			return
		rows = self.get(self.bulk_table)
		self.set(self.bulk_table, [])
		try:
			super()._validate_links()
		finally:
			self.set(self.bulk_table, rows)

	def db_insert(self, *args, **kwargs):
		super().db_insert(*args, **kwargs)
		self._write_rows()
		self.flags.rows_written = True  # Document.insert() would now insert every row again, one by one

	def get_all_children(self, parenttype=None):
		children = super().get_all_children(parenttype)
		if self.flags.rows_written:
			table = self.meta.get_field(self.bulk_table).options
			children = [d for d in children if d.doctype != table]
		return children

	def after_insert(self):
		self.flags.rows_written = False

	def update_child_table(self, fieldname, df=None):
		if fieldname != self.bulk_table:
			return super().update_child_table(fieldname, df)
		if self._action in ("submit", "cancel"):
			# The rows themselves cannot change on submit or cancel; only their docstatus moves.
			table = frappe.qb.DocType(self.meta.get_field(self.bulk_table).options)
			frappe.qb.update(table).set(table.docstatus, self.docstatus).where(
				(table.parent == self.name) & (table.parenttype == self.doctype)
			).run()
			return
		self._write_rows()

	def _write_rows(self):
		table = self.meta.get_field(self.bulk_table).options
		rows = self.get(self.bulk_table)
		frappe.qb.from_(table).delete().where(
			(frappe.qb.DocType(table).parent == self.name)
			& (frappe.qb.DocType(table).parenttype == self.doctype)
		).run()
		if not rows:
			return
		valid = [d.get_valid_dict(convert_dates_to_str=True) for d in rows]
		columns = list(valid[0].keys())
		insert_rows(table, columns, [[v.get(c) for c in columns] for v in valid])
