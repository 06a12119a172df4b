# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The monthly loss allowance (PPAP) on member loans.

The allowance each class needs is ``kolektibilitas.allowance`` of the outstanding principal of the active
loans in that class (as the daily loan run classified them), at the percents set in Cooperative Settings.
What is posted is the difference against the allowance already provided (the balance of the allowance
account on the posting date): more needed is provision expense (debit) against the allowance (credit),
less needed releases allowance the other way. One submitted provision per company and month, kept by the
unique `run_key` as in `simpanan/runs.py`. The NPL ratio is stored with it.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.calculators.money import round_rupiah, whole_rupiah
from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key
from koperasi_merah_putih.exceptions import AlreadyPostedError, NothingToPostError, PostingDateError
from koperasi_merah_putih.pinjaman.common import LoanVoucher
from koperasi_merah_putih.pinjaman.loan_quality import check_settings, portfolio_by_class
from koperasi_merah_putih.pinjaman.runs import CompanyMonthRun
from koperasi_merah_putih.simpanan.common import validate_posting_date
from koperasi_merah_putih.simpanan.gl import cancel_gl, post_gl
from koperasi_merah_putih.simpanan.runs import validate_period
from koperasi_merah_putih.utils.settings import get_account, get_settings


class LoanLossProvision(CompanyMonthRun, LoanVoucher):
	def loan_name(self) -> str:  # no single loan: the rows are plain GL rows
		return None

	def validate(self):
		validate_period(self)
		self.company = get_settings().company
		self.posting_date = self.posting_date or period_end(self.period)
		validate_posting_date(self)
		if getdate(self.posting_date) < getdate(period_end(self.period)):
			frappe.throw(
				_("Post the provision for {0} on or after the last day of that month.").format(self.period),
				PostingDateError,
				title=_("Posting Date"),
			)
		self.check_not_posted()
		self.expense_account = get_settings().get("loan_provision_expense_account")
		self.allowance_account = get_settings().get("loan_allowance_account")
		self.calculate()

	def calculate(self):
		"""Rows per class, the required allowance, what is already provided and the difference to post."""
		_ranges, percents = check_settings()
		portfolio = portfolio_by_class(self.company)
		outstanding = {name: entry["outstanding"] for name, entry in portfolio.items()}
		needed = kol.allowance(outstanding, percents)
		self.set("items", [])
		for name, entry in portfolio.items():
			self.append(
				"items",
				{
					"kolektibilitas": name,
					"loan_count": entry["count"],
					"outstanding_principal": entry["outstanding"],
					"ppap_percent": flt(percents[name]),
					"allowance": needed[name],
				},
			)
		self.total_outstanding = sum(outstanding.values())
		self.npl_outstanding = sum(outstanding[name] for name in kol.NPL_CLASSES)
		self.npl_ratio = flt(kol.npl_ratio(outstanding) * 100, 2)
		self.required_allowance = sum(needed.values())
		self.previous_allowance = self.allowance_balance()
		self.provision_amount = self.required_allowance - self.previous_allowance

	def allowance_balance(self) -> int:
		"""Credit balance of the allowance account on the posting date, this voucher's rows left out."""
		if not self.allowance_account:
			return 0
		gle = frappe.qb.DocType("GL Entry")
		balance = (
			frappe.qb.from_(gle)
			.select(Coalesce(Sum(gle.credit - gle.debit), 0))
			.where(
				(gle.account == self.allowance_account)
				& (gle.company == self.company)
				& (gle.is_cancelled == 0)
				& (gle.posting_date <= getdate(self.posting_date))
				& ((gle.voucher_type != self.doctype) | (gle.voucher_no != (self.name or "")))
			)
		).run()[0][0]
		return round_rupiah(flt(balance))

	def already_posted(self, other):
		frappe.throw(
			_(
				"Loan Loss Provision {0} already posted the allowance for {1}; only one can be submitted per "
				"month. Open {0} to see it, and cancel it first if the month must be posted again."
			).format(other, self.period),
			AlreadyPostedError,
			title=_("Already posted"),
		)

	def before_submit(self):
		self.expense_account = get_account("loan_provision_expense_account")
		self.allowance_account = get_account("loan_allowance_account")
		self.calculate()
		if not whole_rupiah(flt(self.provision_amount)):
			frappe.throw(
				_(
					"The allowance already provided ({0}) is what {1} needs; there is nothing to post. "
					"Run it again after the loans' kolektibilitas changes."
				).format(frappe.format(self.previous_allowance, {"fieldtype": "Currency"}), self.period),
				NothingToPostError,
				title=_("Nothing to post"),
			)

	def on_submit(self):
		self.claim_run_key()
		post_gl(self.get_gl_entries())

	def before_cancel(self):
		super().before_cancel()
		self.run_key = None

	def on_cancel(self):
		self.ignore_linked_doctypes = ("GL Entry", "Payment Ledger Entry")
		cancel_gl(self.doctype, self.name)

	def get_gl_entries(self) -> list[dict]:
		amount = flt(self.provision_amount)
		if amount > 0:
			return [
				self.plain_gl_row(self.expense_account, debit=amount, against=self.allowance_account),
				self.plain_gl_row(self.allowance_account, credit=amount, against=self.expense_account),
			]
		return [
			self.plain_gl_row(self.allowance_account, debit=-amount, against=self.expense_account),
			self.plain_gl_row(self.expense_account, credit=-amount, against=self.allowance_account),
		]


def post_monthly_provision(on=None) -> str | None:
	"""Scheduled (daily, after the daily loan run): post last month's allowance once, when not yet posted.
	A failure is logged in the Error Log; the next day's job tries again."""
	period = add_months(period_key(getdate(on or today())), -1)
	settings = get_settings()
	if not settings.company or not settings.get("loan_provision_expense_account"):
		return None
	if frappe.db.exists("Loan Loss Provision", {"period": period, "docstatus": 1}):
		return None
	doc = frappe.get_doc({"doctype": "Loan Loss Provision", "period": period})
	doc.company = settings.company
	doc.posting_date = period_end(period)
	doc.allowance_account = settings.get("loan_allowance_account")
	doc.calculate()
	if not whole_rupiah(flt(doc.provision_amount)):
		return None  # the allowance already provided is what the month needs
	savepoint = f"kmp_ppap_{frappe.generate_hash(length=10)}"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert()  # scheduler job: runs as Administrator
		doc.submit()
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(title=_("Loan Loss Provision for {0} failed").format(period))
		return None
	frappe.db.release_savepoint(savepoint)
	return doc.name
