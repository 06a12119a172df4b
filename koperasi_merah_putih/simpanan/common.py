"""Shared pieces of the savings vouchers: the base controller, account lookups, messages."""

import frappe
from frappe import _
from frappe.utils import flt, fmt_money, getdate

from erpnext.controllers.accounts_controller import AccountsController

from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.simpanan.ledger import cancel_ledger_entries, make_ledger_entries

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


def rupiah(amount) -> str:
	return fmt_money(flt(amount), precision=0, currency="IDR")


class SavingsVoucher(AccountsController):
	"""A submittable document that moves savings money: GL rows plus savings ledger rows."""

	def get_gl_entries(self) -> list[dict]:
		raise NotImplementedError

	def get_ledger_rows(self) -> list[dict]:
		raise NotImplementedError

	def validate_amount_positive(self, fieldname: str = "amount") -> None:
		if flt(self.get(fieldname)) <= 0:
			frappe.throw(
				_("{0} must be more than zero.").format(_(self.meta.get_label(fieldname))), title=_("Amount")
			)

	def post_savings(self) -> None:
		post_gl(self.get_gl_entries())
		make_ledger_entries(self, self.get_ledger_rows())

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


def cash_account_for(mode_of_payment: str | None, company: str) -> str | None:
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
			title=_("Cash/Bank Account"),
		)


def member_is_active(member: str) -> bool:
	return frappe.db.get_value("Cooperative Member", member, "status") == "Aktif"


def validate_posting_date(doc) -> None:
	if doc.posting_date and getdate(doc.posting_date) > getdate(frappe.utils.today()):
		frappe.throw(_("Posting Date cannot be in the future."), title=_("Posting Date"))
