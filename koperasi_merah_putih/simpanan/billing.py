"""Simpanan wajib bills: the monthly billing run and the allocation of payments to bills.

One bill per savings account per period, named `{savings_account}-{period}`: the primary key makes a
second billing run for the same period create nothing, even when two runs race.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.utils import flt, getdate, now

from koperasi_merah_putih.calculators.periods import add_months, allocate_payment, period_end, period_key
from koperasi_merah_putih.exceptions import PaymentTooLargeError
from koperasi_merah_putih.utils.db import insert_docs

PAID = "Lunas"
CLOSED = "Ditutup"
PARTIAL = "Sebagian"
UNPAID = "Belum Bayar"


def bill_status(amount: float, paid: float) -> str:
	if flt(paid) <= 0:
		return UNPAID
	return PAID if flt(paid) >= flt(amount) else PARTIAL


def create_bills(
	product: str, period: str, due_date=None, billing_run: str | None = None
) -> tuple[int, float]:
	"""Bill every active wajib account of `product` for `period`; existing bills are left alone."""
	doc = frappe.get_cached_doc("Savings Product", product)
	sa = frappe.qb.DocType("Savings Account")
	member = frappe.qb.DocType("Cooperative Member")
	accounts = (
		frappe.qb.from_(sa)
		.join(member)
		.on(member.name == sa.member)
		.select(sa.name, sa.member, sa.member_name)
		.where(
			(sa.product == product)
			& (sa.status == "Aktif")
			& (member.status == "Aktif")
			& (member.join_date <= period_end(period))
		)
	).run(as_dict=True)
	bill = frappe.qb.DocType("Savings Bill")
	existing = set(
		(
			frappe.qb.from_(bill)
			.select(bill.savings_account)
			.where((bill.product == product) & (bill.period == period))
		).run(pluck=True)
	)
	new = [a for a in accounts if a.name not in existing]
	_insert_bills(
		[
			{
				"savings_account": a.name,
				"member": a.member,
				"member_name": a.member_name,
				"product": product,
				"company": doc.company,
				"period": period,
				"due_date": due_date or period_end(period),
				"amount": flt(doc.amount),
				"paid_amount": 0,
				"billing_run": billing_run,
			}
			for a in new
		]
	)
	return len(new), flt(doc.amount) * len(new)


def _insert_bills(bills: list[dict]) -> None:
	# A bill that a concurrent run (or a prepayment) just made stays as it is; only that duplicate key is
	# ignored, any other error in a row raises.
	insert_docs(
		"Savings Bill",
		[
			{
				**b,
				"name": f"{b['savings_account']}-{b['period']}",
				"amount": flt(b["amount"]),
				"paid_amount": flt(b["paid_amount"]),
				"outstanding_amount": flt(b["amount"]) - flt(b["paid_amount"]),
				"status": bill_status(b["amount"], b["paid_amount"]),
			}
			for b in bills
		],
		ignore_duplicates=True,
	)


def allocate_to_bills(voucher, payments: list[dict]) -> dict[str, list[tuple[str, float]]]:
	"""Apply wajib payments to open bills (oldest first), prepaying future months with the rest.

	payments: dicts with savings_account, member, member_name, product, amount.
	Returns {savings_account: [(period, amount), ...]} for display.
	"""
	if not payments:
		return {}
	accounts = [p["savings_account"] for p in payments]
	bill = frappe.qb.DocType("Savings Bill")
	open_rows = defaultdict(list)
	last_period = {}
	for row in (
		frappe.qb.from_(bill)
		.select(bill.name, bill.savings_account, bill.period, bill.amount, bill.paid_amount)
		.where(bill.savings_account.isin(accounts))
		.for_update()
	).run(as_dict=True):
		if flt(row.paid_amount) < flt(row.amount):
			open_rows[row.savings_account].append(row)
		last_period[row.savings_account] = max(last_period.get(row.savings_account, ""), row.period)

	updates, new_bills, payment_log, result = [], [], [], {}
	monthly_amount = {
		name: flt(frappe.get_cached_value("Savings Product", name, "amount"))
		for name in {p["product"] for p in payments}
	}
	for p in payments:
		monthly = monthly_amount[p["product"]]
		bills = {b.period: b for b in open_rows.get(p["savings_account"], [])}
		last = last_period.get(p["savings_account"])
		allocation = allocate_payment(
			[(period, int(flt(b.amount) - flt(b.paid_amount))) for period, b in bills.items()],
			int(flt(p["amount"])),
			int(monthly),
			# Prepayments start after the latest bill (paid or not), or this month when there is none.
			advance_from=add_months(last, 1) if last else _period_of(voucher.posting_date),
		)
		if allocation.unallocated:
			frappe.throw(
				_(
					"{0}: {1} is more than 12 months of Simpanan Wajib in advance. Enter at most the arrears plus 12 months."
				).format(p["member"], p["amount"]),
				PaymentTooLargeError,
				title=_("Payment too large"),
			)
		lines = []
		for period, amount in allocation.lines:
			b = bills[period]
			updates.append((b.name, flt(b.paid_amount) + amount, flt(b.amount)))
			payment_log.append((b.name, p["savings_account"], period, amount))
			lines.append((period, amount))
		for period, amount in allocation.advance:
			new_bills.append(
				{
					"savings_account": p["savings_account"],
					"member": p["member"],
					"member_name": p.get("member_name"),
					"product": p["product"],
					"company": voucher.company,
					"period": period,
					"due_date": period_end(period),
					"amount": monthly,
					"paid_amount": amount,
					"prepaid_by": voucher.name,
				}
			)
			payment_log.append((f"{p['savings_account']}-{period}", p["savings_account"], period, amount))
			lines.append((period, amount))
		result[p["savings_account"]] = lines

	_insert_bills(new_bills)
	_set_paid(updates)
	_log_payments(voucher, payment_log)
	return result


def _period_of(posting_date) -> str:
	return period_key(getdate(posting_date))


def _set_paid(updates: list[tuple[str, float, float]]) -> None:
	"""Set paid_amount (and from it outstanding and status) on many bills: one UPDATE per distinct new
	paid amount (a month's payments are mostly the same few amounts)."""
	bill = frappe.qb.DocType("Savings Bill")
	by_paid = defaultdict(list)
	for name, paid, _amount in updates:
		by_paid[flt(paid, 2)].append(name)
	for paid, names in by_paid.items():
		for start in range(0, len(names), 5000):
			(
				frappe.qb.update(bill)
				.set(bill.paid_amount, paid)
				.set(bill.outstanding_amount, bill.amount - paid)
				.set(
					bill.status,
					Case().when(bill.amount <= paid, PAID).else_(PARTIAL if paid > 0 else UNPAID),
				)
				.set(bill.modified, now())
				.where(bill.name.isin(names[start : start + 5000]))
			).run()


def _log_payments(voucher, rows) -> None:
	insert_docs(
		"Savings Bill Payment",
		[
			{
				"bill": bill,
				"savings_account": account,
				"period": period,
				"amount": amount,
				"voucher_type": voucher.doctype,
				"voucher_no": voucher.name,
				"is_cancelled": 0,
			}
			for bill, account, period, amount in rows
		],
	)


def reverse_bill_payments(voucher) -> None:
	"""On cancel: take the voucher's payments off its bills; prepaid future bills left empty are removed."""
	pay = frappe.qb.DocType("Savings Bill Payment")
	rows = (
		frappe.qb.from_(pay)
		.select(pay.bill, pay.amount)
		.where(
			(pay.voucher_type == voucher.doctype) & (pay.voucher_no == voucher.name) & (pay.is_cancelled == 0)
		)
	).run(as_dict=True)
	if not rows:
		return
	bill = frappe.qb.DocType("Savings Bill")
	current = {
		r.name: r
		for r in (
			frappe.qb.from_(bill)
			.select(bill.name, bill.paid_amount, bill.amount, bill.prepaid_by)
			.where(bill.name.isin([r.bill for r in rows]))
			.for_update()
		).run(as_dict=True)
	}
	paid_back = defaultdict(float)
	for r in rows:
		paid_back[r.bill] += flt(r.amount)
	updates, orphan_advances = [], []
	for name, amount in paid_back.items():
		b = current[name]
		remaining = flt(b.paid_amount) - amount
		if remaining <= 0 and b.prepaid_by == voucher.name:
			orphan_advances.append(name)  # a future month that only this prepayment had created
		else:
			updates.append((name, remaining, flt(b.amount)))
	_set_paid(updates)
	if orphan_advances:
		frappe.qb.from_(bill).delete().where(bill.name.isin(orphan_advances)).run()
	(
		frappe.qb.update(pay)
		.set(pay.is_cancelled, 1)
		.where((pay.voucher_type == voucher.doctype) & (pay.voucher_no == voucher.name))
	).run()


def close_open_bills(savings_accounts: list[str]) -> None:
	"""A member who leaves no longer owes the unpaid months of Simpanan Wajib: close those bills."""
	bill = frappe.qb.DocType("Savings Bill")
	(
		frappe.qb.update(bill)
		.set(bill.outstanding_amount, 0)
		.set(bill.status, CLOSED)
		.set(bill.modified, now())
		.where(bill.savings_account.isin(savings_accounts) & (bill.outstanding_amount > 0))
	).run()
