# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member Loan Collection: a collector's sheet of loan instalments collected in one area (RW) on one day.

The sheet posts nothing itself. On submit every row becomes a Member Loan Repayment, created and submitted
through that doctype's own controller, so the allocation over the instalments, the loan's lock and the GL
stay in one place; the row links to its repayment. The rows are checked first, all of them, against the
loans' open instalments, and the repayments are made inside a savepoint: a row that would fail (a closed
loan, more than the payoff) refuses the whole sheet, naming the row, and nothing is left half-written.
Cancel cancels the repayments, newest first.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.exceptions import CollectionRowsError
from koperasi_merah_putih.pinjaman.loan_balance import ACTIVE, lock_loans, schedules_of
from koperasi_merah_putih.simpanan.common import set_cash_account, validate_posting_date
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_settings

REPAYMENT = "Member Loan Repayment"
MAX_PROBLEMS = 20


class MemberLoanCollection(Document):
	def validate(self):
		validate_posting_date(self)
		self.company = get_settings().company
		set_cash_account(
			self,
			_(
				"Choose the Cash/Bank Account the collected money went into (or a Mode of Payment that has one for {0})."
			).format(self.company),
		)
		if not self.items:
			frappe.throw(
				_("Add at least one loan to the sheet, or use Get Instalments Due."),
				CollectionRowsError,
				title=_("Loans"),
			)
		self.check_rows()
		self.total_amount = sum(flt(row.amount) for row in self.items)
		self.loan_count = len(self.items)

	def check_rows(self, for_update: bool = False) -> None:
		"""Every row: an active loan of the company, once on the sheet, an amount above zero and at most
		what is still owed on the loan. All problems are reported at once."""
		names = list({row.member_loan for row in self.items if row.member_loan})
		if for_update:
			lock_loans(names)
		loans = {
			loan.name: loan
			for loan in frappe.get_all(
				"Member Loan",
				filters={"name": ["in", names]},
				fields=["name", "docstatus", "status", "member", "member_name", "company", "posting_date"],
			)
		}
		owed = {name: payoff(rows) for name, rows in schedules_of(names, for_update).items()}
		problems, seen = [], set()
		for row in self.items:
			loan = loans.get(row.member_loan)
			if loan:
				row.member = loan.member
				row.member_name = loan.member_name
			problem = self.row_problem(row, loan, owed.get(row.member_loan, 0), seen)
			seen.add(row.member_loan)
			if problem:
				problems.append(problem)
			if len(problems) >= MAX_PROBLEMS:
				break
		if problems:
			frappe.throw("<br>".join(problems), CollectionRowsError, title=_("Fix these rows"))

	def row_problem(self, row, loan, owed: int, seen: set) -> str | None:
		if flt(row.amount) <= 0:
			return _("Row {0} ({1}): Amount must be more than zero.").format(row.idx, row.member_loan)
		if row.member_loan in seen:
			return _("Row {0}: {1} appears twice; put the whole amount on one row.").format(
				row.idx, row.member_loan
			)
		if not loan or loan.docstatus != 1 or loan.status != ACTIVE or loan.company != self.company:
			state = _(loan.status) if loan else _("not found")
			return _("Row {0}: Member Loan {1} is {2}; there is nothing to collect. Remove the row.").format(
				row.idx, row.member_loan, state
			)
		if getdate(self.posting_date) < getdate(loan.posting_date):
			return _("Row {0}: {1} was disbursed after the sheet's Posting Date. Remove the row.").format(
				row.idx, row.member_loan
			)
		if flt(row.amount) > owed:
			return _(
				"Row {0}: {1} is more than everything still owed on {2} ({3}). Enter at most {3}."
			).format(row.idx, rupiah(row.amount), row.member_loan, rupiah(owed))
		return None

	def before_submit(self):
		self.check_rows(for_update=True)

	def on_submit(self):
		"""One repayment per row, through the repayment's own controller, all or nothing."""
		savepoint = f"kmp_collection_{frappe.generate_hash(length=10)}"
		frappe.db.savepoint(savepoint)
		made = {}
		for row in self.items:
			try:
				made[row.name] = self.make_repayment(row)
			except frappe.ValidationError as e:
				frappe.db.rollback(save_point=savepoint)
				frappe.clear_last_message()
				frappe.throw(
					_("Row {0} ({1}) cannot be collected: {2} Nothing on the sheet was posted.").format(
						row.idx, row.member_loan, str(e)
					),
					CollectionRowsError,
					title=_("Fix this row"),
				)
		item = frappe.qb.DocType("Member Loan Collection Item")
		for row in self.items:
			row.repayment = made[row.name]
			frappe.qb.update(item).set(item.repayment, row.repayment).where(item.name == row.name).run()

	def make_repayment(self, row) -> str:
		repayment = frappe.get_doc(
			{
				"doctype": REPAYMENT,
				"member_loan": row.member_loan,
				"posting_date": self.posting_date,
				"amount": row.amount,
				"mode_of_payment": self.mode_of_payment,
				"cash_account": self.cash_account,
				"cost_center": self.cost_center,
				"remarks": _("Collection sheet {0}, row {1} ({2})").format(
					self.name, row.idx, self.collector
				),
			}
		)
		repayment.insert()
		repayment.submit()
		return repayment.name

	def on_cancel(self):
		for row in reversed(self.items):
			if row.repayment and frappe.db.get_value(REPAYMENT, row.repayment, "docstatus") == 1:
				frappe.get_doc(REPAYMENT, row.repayment).cancel()


def payoff(rows) -> int:
	"""Everything still owed on a loan's schedule rows (principal, interest, denda)."""
	return sum(
		flt(r.principal)
		- flt(r.paid_principal)
		+ flt(r.interest)
		- flt(r.paid_interest)
		- flt(r.waived_interest)
		+ flt(r.denda)
		- flt(r.paid_denda)
		for r in rows
	)


@frappe.whitelist()
def get_instalments_due(rw: str | None = None, as_of_date: str | None = None) -> list[dict]:
	"""Rows for a collector's sheet: every active loan with instalments due by the date in the area (RW),
	with what is due on it now, from the Loan Collection List."""
	frappe.has_permission("Member Loan Collection", "create", throw=True)
	from koperasi_merah_putih.pinjaman.report.loan_collection_list.loan_collection_list import get_rows

	filters = frappe._dict(company=get_settings().company, as_of_date=getdate(as_of_date or today()), rw=rw)
	due: dict[str, dict] = {}
	for r in get_rows(filters):
		entry = due.setdefault(
			r.loan, {"member_loan": r.loan, "member": r.member, "member_name": r.member_name, "amount": 0}
		)
		entry["amount"] += flt(r.total_due)
	return list(due.values())
