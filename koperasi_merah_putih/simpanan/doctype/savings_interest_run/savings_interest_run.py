# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Monthly interest (jasa simpanan): on Simpanan Sukarela by balance, and on time deposits (Berjangka) that
mature in the month for their whole term; PPh Pasal 4(2) withheld above the threshold."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key, period_start
from koperasi_merah_putih.calculators.savings import (
	daily_average_balance,
	days_in_period,
	minimum_balance_in_period,
	monthly_interest,
	time_deposit_interest,
	withholding_tax,
)
from koperasi_merah_putih.exceptions import NothingToPostError, PostingDateError, SavingsProductError
from koperasi_merah_putih.simpanan.common import BERJANGKA, SUKARELA, SavingsVoucher, validate_posting_date
from koperasi_merah_putih.simpanan.runs import (
	check_not_posted,
	claim_run_key,
	for_each_product,
	release_run_key,
	validate_period,
)
from koperasi_merah_putih.utils.settings import get_account, get_settings


class SavingsInterestRun(SavingsVoucher):
	def validate(self):
		validate_period(self)
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type not in (SUKARELA, BERJANGKA):
			frappe.throw(
				_("Interest runs are for Simpanan Sukarela and Berjangka; {0} is Simpanan {1}.").format(
					self.product, product.savings_type
				),
				SavingsProductError,
				title=_("Savings Product"),
			)
		self.company = product.company
		self.posting_date = self.posting_date or period_end(self.period)
		validate_posting_date(self)
		if getdate(self.posting_date) < getdate(period_end(self.period)):
			frappe.throw(
				_("Post the interest on or after the last day of {0}.").format(self.period),
				PostingDateError,
				title=_("Posting Date"),
			)
		check_not_posted(self)
		self.calculate()

	def calculate(self):
		"""Fill the rows from the ledger (balance basis, interest, tax, net, per account) and the totals.
		Works on an unsaved document too: the daily job checks there is something to post before inserting."""
		product = frappe.get_cached_doc("Savings Product", self.product)
		start, end = getdate(period_start(self.period)), getdate(period_end(self.period))
		self.interest_rate = product.interest_rate
		self.interest_basis = product.interest_basis
		if product.savings_type == BERJANGKA:
			rows = self.maturities(start, end)
		else:
			rows = self.balances(product, start, end)
		settings = get_settings()
		threshold, rate = int(flt(settings.withholding_threshold)), flt(settings.withholding_rate)
		self.items = []
		for account, member, basis, interest in rows:
			tax = withholding_tax(interest, threshold, rate)
			self.append(
				"items",
				{
					"savings_account": account,
					"member": member,
					"balance_basis": flt(basis, 2),
					"interest": interest,
					"tax": tax,
					"net_interest": interest - tax,
				},
			)
		self.total_interest = sum(flt(r.interest) for r in self.items)
		self.total_tax = sum(flt(r.tax) for r in self.items)
		self.total_net = self.total_interest - self.total_tax

	def balances(self, product, start, end) -> list[tuple[str, str, float, int]]:
		"""Sukarela: (account, member, balance basis, interest) for the active accounts that earned interest."""
		days = days_in_period(start, end)
		opening, movements = _movements(self.product, start, end)
		rows = []
		for account, member in _accounts(self.product, end):
			moves = movements.get(account, [])
			if product.interest_basis == "Minimum Balance":
				basis = minimum_balance_in_period(int(opening.get(account, 0)), moves, start, end)
			else:
				basis = daily_average_balance(int(opening.get(account, 0)), moves, start, end)
			interest = monthly_interest(basis, flt(product.interest_rate), days)
			if interest > 0:
				rows.append((account, member, basis, interest))
		return rows

	def maturities(self, start, end) -> list[tuple[str, str, float, int]]:
		"""Berjangka: time deposits maturing in the period earn the whole term's interest at maturity."""
		sa = frappe.qb.DocType("Savings Account")
		deposits = (
			frappe.qb.from_(sa)
			.select(sa.name, sa.member, sa.balance, sa.interest_rate, sa.deposit_date, sa.maturity_date)
			.where(
				(sa.product == self.product)
				& (sa.status == "Aktif")
				& (sa.matured == 0)
				& (sa.balance > 0)
				& (sa.maturity_date >= start)
				& (sa.maturity_date <= end)
			)
			.orderby(sa.name)
		).run(as_dict=True)
		return [
			(
				d.name,
				d.member,
				flt(d.balance),
				time_deposit_interest(
					flt(d.balance), flt(d.interest_rate), getdate(d.deposit_date), getdate(d.maturity_date)
				),
			)
			for d in deposits
		]

	def before_submit(self):
		if not self.items:
			frappe.throw(
				_("No account earned interest for {0}; nothing to post.").format(self.period),
				NothingToPostError,
				title=_("Nothing to post"),
			)

	def on_submit(self):
		claim_run_key(self)
		self.post_savings()
		self.set_matured(1)

	def before_cancel(self):
		release_run_key(self)

	def on_cancel(self):
		self.cancel_savings()
		self.set_matured(0)

	def set_matured(self, value: int):
		if frappe.get_cached_value("Savings Product", self.product, "savings_type") != BERJANGKA:
			return
		sa = frappe.qb.DocType("Savings Account")
		names = [r.savings_account for r in self.items]
		if names:
			frappe.qb.update(sa).set(sa.matured, value).where(sa.name.isin(names)).run()

	def get_gl_entries(self):
		product = frappe.get_cached_doc("Savings Product", self.product)
		expense = get_account("savings_interest_expense_account")
		rows = [self.plain_gl_row(expense, debit=flt(self.total_interest), against=product.account)]
		if flt(self.total_tax):
			rows.append(
				self.plain_gl_row(
					get_account("tax_payable_account"), credit=flt(self.total_tax), against=expense
				)
			)
		for item in self.items:
			rows.append(
				self.savings_gl_row(
					frappe._dict(account=product.account, member=item.member),
					credit=flt(item.net_interest),
					against=expense,
				)
			)
		return rows

	def get_ledger_rows(self):
		return self.ledger_rows_of_items("net_interest")


def _accounts(product: str, end) -> list[tuple[str, str]]:
	sa = frappe.qb.DocType("Savings Account")
	return (
		frappe.qb.from_(sa)
		.select(sa.name, sa.member)
		.where((sa.product == product) & (sa.status == "Aktif"))
		.orderby(sa.name)
	).run()


def _movements(product: str, start, end):
	"""Opening balances before `start` and dated movements within the period, for all accounts at once."""
	sle = frappe.qb.DocType("Savings Ledger Entry")
	rows = (
		frappe.qb.from_(sle)
		.select(sle.savings_account, sle.posting_date, sle.amount)
		.where((sle.product == product) & (sle.is_cancelled == 0) & (sle.posting_date <= end))
	).run(as_dict=True)
	opening, movements = defaultdict(float), defaultdict(list)
	for r in rows:
		if getdate(r.posting_date) < start:
			opening[r.savings_account] += flt(r.amount)
		else:
			movements[r.savings_account].append((getdate(r.posting_date), int(flt(r.amount))))
	return opening, movements


def run_monthly_interest(on=None) -> list[str]:
	"""Scheduled (daily): post last month's interest for every interest-bearing product not yet posted.
	Each product in its own savepoint: one that fails is logged and reported, the others are posted."""
	period = add_months(period_key(getdate(on or today())), -1)
	products = frappe.get_all(
		"Savings Product",
		filters={"savings_type": ["in", [SUKARELA, BERJANGKA]], "is_active": 1, "interest_rate": [">", 0]},
		pluck="name",
		order_by="name",
	)
	return for_each_product("Savings Interest Run", products, period, post_interest)


def post_interest(product: str, period: str) -> str | None:
	"""Post one product's interest for the period; None when it is posted already or nothing is due.
	The rows are calculated on an unsaved run first, so a month with nothing to post inserts nothing
	(and uses no number of the series)."""
	if frappe.db.exists("Savings Interest Run", {"product": product, "period": period, "docstatus": 1}):
		return None
	run = frappe.get_doc({"doctype": "Savings Interest Run", "product": product, "period": period})
	run.calculate()
	if not run.items:
		return None
	run.insert()  # scheduler job: runs as Administrator
	run.submit()
	return run.name
