# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Monthly interest (jasa simpanan): on Simpanan Sukarela by balance, and on time deposits (Berjangka) that
mature in the month for their whole term; PPh Pasal 4(2) withheld above the threshold."""

import re
from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.periods import period_end, period_start
from koperasi_merah_putih.calculators.savings import (
	daily_average_balance,
	days_in_period,
	minimum_balance_in_period,
	monthly_interest,
	time_deposit_interest,
	withholding_tax,
)
from koperasi_merah_putih.simpanan.common import BERJANGKA, SUKARELA, SavingsVoucher, validate_posting_date
from koperasi_merah_putih.utils.settings import get_account, get_settings

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class SavingsInterestRun(SavingsVoucher):
	def validate(self):
		if not PERIOD.match(self.period or ""):
			frappe.throw(_("Period must be written YYYY-MM, e.g. 2026-03."), title=_("Period"))
		product = frappe.get_cached_doc("Savings Product", self.product)
		if product.savings_type not in (SUKARELA, BERJANGKA):
			frappe.throw(
				_("Interest runs are for Simpanan Sukarela and Berjangka; {0} is Simpanan {1}.").format(
					self.product, product.savings_type
				),
				title=_("Savings Product"),
			)
		self.company = product.company
		self.posting_date = self.posting_date or period_end(self.period)
		validate_posting_date(self)
		if getdate(self.posting_date) < getdate(period_end(self.period)):
			frappe.throw(
				_("Post the interest on or after the last day of {0}.").format(self.period),
				title=_("Posting Date"),
			)
		other = frappe.db.get_value(
			"Savings Interest Run",
			{"product": self.product, "period": self.period, "docstatus": 1, "name": ["!=", self.name]},
		)
		if other:
			frappe.throw(
				_("Interest for {0} {1} was already posted by {2}.").format(self.product, self.period, other),
				title=_("Already posted"),
			)
		self.calculate()

	def calculate(self):
		"""Fill the rows from the ledger: balance basis, interest, tax, net, per account."""
		product = frappe.get_cached_doc("Savings Product", self.product)
		settings = get_settings()
		start, end = getdate(period_start(self.period)), getdate(period_end(self.period))
		days = days_in_period(start, end)
		self.interest_rate = product.interest_rate
		self.interest_basis = product.interest_basis
		opening, movements = _movements(self.product, start, end)
		self.items = []
		if product.savings_type == BERJANGKA:
			self.calculate_maturities(start, end, settings)
			return
		for account, member in _accounts(self.product, end):
			moves = movements.get(account, [])
			if product.interest_basis == "Minimum Balance":
				basis = minimum_balance_in_period(int(opening.get(account, 0)), moves, start, end)
			else:
				basis = daily_average_balance(int(opening.get(account, 0)), moves, start, end)
			interest = monthly_interest(basis, flt(product.interest_rate), days)
			if interest <= 0:
				continue
			tax = withholding_tax(
				interest, int(flt(settings.withholding_threshold)), flt(settings.withholding_rate)
			)
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

	def calculate_maturities(self, start, end, settings):
		"""Time deposits maturing in the period earn the whole term's interest at maturity."""
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
		for d in deposits:
			interest = time_deposit_interest(
				flt(d.balance), flt(d.interest_rate), getdate(d.deposit_date), getdate(d.maturity_date)
			)
			tax = withholding_tax(
				interest, int(flt(settings.withholding_threshold)), flt(settings.withholding_rate)
			)
			self.append(
				"items",
				{
					"savings_account": d.name,
					"member": d.member,
					"balance_basis": flt(d.balance),
					"interest": interest,
					"tax": tax,
					"net_interest": interest - tax,
				},
			)
		self.total_interest = sum(flt(r.interest) for r in self.items)
		self.total_tax = sum(flt(r.tax) for r in self.items)
		self.total_net = self.total_interest - self.total_tax

	def before_submit(self):
		if not self.items:
			frappe.throw(
				_("No account earned interest for {0}; nothing to post.").format(self.period),
				title=_("Nothing to post"),
			)

	def on_submit(self):
		self.post_savings()
		self.set_matured(1)

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
	"""Scheduled: on the first days of a month, post last month's interest for every interest-bearing product."""
	from koperasi_merah_putih.calculators.periods import add_months, period_key

	period = add_months(period_key(getdate(on or frappe.utils.today())), -1)
	runs = []
	products = frappe.get_all(
		"Savings Product",
		filters={"savings_type": ["in", [SUKARELA, BERJANGKA]], "is_active": 1, "interest_rate": [">", 0]},
		fields=["name", "company"],
	)
	for product in products:
		if frappe.db.exists(
			"Savings Interest Run", {"product": product.name, "period": period, "docstatus": 1}
		):
			continue
		run = frappe.get_doc(
			{
				"doctype": "Savings Interest Run",
				"company": product.company,
				"product": product.name,
				"period": period,
			}
		)
		run.insert()
		if run.items:
			run.submit()
			runs.append(run.name)
		else:
			run.delete()
	return runs
