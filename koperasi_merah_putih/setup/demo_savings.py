"""Twelve months of savings history for the demo cooperative: pokok for everyone, monthly wajib billing and
collections with some arrears, sukarela deposits and withdrawals with monthly interest, a few time deposits."""

import random
from collections import defaultdict

import frappe
from frappe.utils import add_months as add_months_to_date
from frappe.utils import getdate, today

from koperasi_merah_putih.calculators.periods import add_months, period_end, period_key, period_start
from koperasi_merah_putih.setup.test_site import ensure_fiscal_year, make_savings_products

POKOK = "Simpanan Pokok"
WAJIB = "Simpanan Wajib"
SUKARELA = "Simpanan Sukarela"
BERJANGKA = "Simpanan Berjangka 6 Bulan"


def make_savings_demo(company: str, months: int = 12, seed: int = 41) -> None:
	rng = random.Random(seed)
	now = getdate(today())
	first_period = add_months(period_key(now), -(months - 1))
	ensure_fiscal_year(getdate(period_start(first_period)).year)
	make_savings_products(company)
	cash = frappe.db.get_value("Account", {"company": company, "account_type": "Cash", "is_group": 0}, "name")

	members = frappe.get_all(
		"Cooperative Member",
		filters={"company": company, "status": "Aktif"},
		fields=["name", "full_name", "join_date"],
		order_by="join_date, name",
	)
	for m in members:  # members joined before the products existed get their accounts now
		for product in (POKOK, WAJIB):
			_account(m.name, product, m.join_date)

	# Simpanan pokok: paid in the month of joining (or at the start of the history).
	by_month = defaultdict(list)
	for m in members:
		by_month[max(period_key(getdate(m.join_date)), first_period)].append((m.name, 100000))
	for period, rows in sorted(by_month.items()):
		_collect(company, POKOK, cash, _posting_date(period, now), rows)

	sukarela_members = [m for m in members if rng.random() < 0.35]
	for m in sukarela_members:
		_account(m.name, SUKARELA, max(getdate(m.join_date), getdate(period_start(first_period))))

	for i in range(months):
		period = add_months(first_period, i)
		posting = _posting_date(period, now)
		run = frappe.get_doc(
			{"doctype": "Savings Billing Run", "company": company, "product": WAJIB, "period": period}
		)
		run.insert()
		run.submit()
		payers = []
		for m in members:
			if period_key(getdate(m.join_date)) > period:
				continue
			roll = rng.random()
			if roll < 0.08:
				continue  # skipped this month: arrears
			amount = 100000 if roll > 0.95 else 50000  # a few pay two months (arrears or in advance)
			payers.append((m.name, amount))
		if payers:
			_collect(company, WAJIB, cash, posting, payers, collector=f"Pengumpul RW {rng.randint(1, 6):02d}")
		for m in rng.sample(sukarela_members, k=min(len(sukarela_members), 25)):
			account = _account(m.name, SUKARELA, m.join_date)
			if period_key(getdate(m.join_date)) > period:
				continue
			_transact(account, "Setoran", rng.randrange(50000, 1500000, 25000), cash, posting)
			bal = frappe.db.get_value("Savings Account", account, "balance")
			if bal > 300000 and rng.random() < 0.3:
				_transact(account, "Penarikan", rng.randrange(20000, int(bal) - 200000, 10000), cash, posting)
		if period < period_key(now):
			interest = frappe.get_doc(
				{"doctype": "Savings Interest Run", "company": company, "product": SUKARELA, "period": period}
			)
			interest.insert()
			if interest.items:
				interest.submit()

	for m in rng.sample(members, k=3):
		account = _account(m.name, BERJANGKA, m.join_date)
		start = add_months_to_date(now, -rng.randint(1, 4))
		_transact(
			account,
			"Setoran",
			rng.choice([5000000, 10000000, 25000000]),
			cash,
			max(getdate(start), getdate(m.join_date)),
		)


def _posting_date(period: str, now):
	day = getdate(period_start(period)).replace(day=10)
	return min(day, now, getdate(period_end(period)))


def _account(member: str, product: str, opened_on) -> str:
	name = frappe.db.get_value("Savings Account", {"member": member, "product": product, "status": "Aktif"})
	if name:
		return name
	return (
		frappe.get_doc(
			{"doctype": "Savings Account", "member": member, "product": product, "opened_on": opened_on}
		)
		.insert()
		.name
	)


def _collect(company, product, cash, posting_date, rows, collector=None):
	doc = frappe.get_doc(
		{
			"doctype": "Savings Collection",
			"company": company,
			"product": product,
			"posting_date": posting_date,
			"cash_account": cash,
			"collector": collector,
			"items": [{"member": member, "amount": amount} for member, amount in rows],
		}
	)
	doc.insert()
	doc.submit()
	return doc


def _transact(account, transaction_type, amount, cash, posting_date):
	doc = frappe.get_doc(
		{
			"doctype": "Savings Transaction",
			"transaction_type": transaction_type,
			"savings_account": account,
			"amount": amount,
			"cash_account": cash,
			"posting_date": posting_date,
		}
	)
	doc.insert()
	doc.submit()
	return doc
