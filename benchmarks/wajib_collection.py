"""Simpanan wajib billing + collection for N members in one period, side by side with two baselines.

(a) naive: one Journal Entry per member through ERPNext's API (measured on a sample, per member, scaled to N)
(b) raw: one executemany INSERT of the same number of GL-shaped rows into a scratch copy of `tabGL Entry`
(c) the app: a Savings Billing Run for the period + one Savings Collection with N rows (insert + submit)

Run on a dedicated site (it adds N members): see benchmarks/README.md.
	cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/wajib_collection.py SITE [N] [SAMPLE]
"""

import sys
import time

import frappe
from frappe.utils import flt, getdate, now, today

AMOUNT = 50000


def main(site: str, n: int = 10000, sample: int = 200) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	from koperasi_merah_putih.calculators.periods import period_key
	from koperasi_merah_putih.setup.cooperative import setup_cooperative
	from koperasi_merah_putih.setup.test_site import complete_erpnext_setup, make_savings_products

	if not frappe.db.a_row_exists("Company"):
		complete_erpnext_setup("Koperasi Benchmark", "KBM")
	company = frappe.db.get_value("Company", {}, "name")
	settings = frappe.get_single("Cooperative Settings")
	if not settings.company:
		settings.update({"company": company, "cooperative_name": company, "cooperative_code": "KBM"})
		settings.save()
	setup_cooperative(company)
	make_savings_products(company)
	frappe.db.commit()

	members = ensure_members(company, n)
	product = "Simpanan Wajib"
	wajib_account = frappe.db.get_value("Savings Product", product, "account")
	cash = frappe.db.get_value("Account", {"company": company, "account_type": "Cash", "is_group": 0}, "name")
	period = period_key(getdate(today()))
	cleanup_period(product, period)
	frappe.db.commit()

	# (b) raw executemany of 2N GL-shaped rows
	raw_seconds = raw_insert(2 * n, wajib_account, cash, company)

	# (a) naive: one Journal Entry per member, on a sample
	t = time.perf_counter()
	journals = []
	for m in members[:sample]:
		je = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": company,
				"posting_date": today(),
				"accounts": [
					{"account": cash, "debit_in_account_currency": AMOUNT},
					{
						"account": wajib_account,
						"party_type": "Cooperative Member",
						"party": m,
						"credit_in_account_currency": AMOUNT,
					},
				],
			}
		)
		je.insert()
		je.submit()
		journals.append(je.name)
	naive_per_member = (time.perf_counter() - t) / sample
	frappe.db.rollback()  # the sample is only for timing

	# (c) the app's path: billing run + one collection for all N
	t = time.perf_counter()
	run = frappe.get_doc(
		{"doctype": "Savings Billing Run", "company": company, "product": product, "period": period}
	)
	run.insert()
	run.submit()
	t_bill = time.perf_counter() - t
	t = time.perf_counter()
	collection = frappe.get_doc(
		{
			"doctype": "Savings Collection",
			"company": company,
			"product": product,
			"posting_date": today(),
			"cash_account": cash,
			"items": [{"member": m, "amount": AMOUNT} for m in members],
		}
	)
	collection.insert()
	t_insert = time.perf_counter() - t
	t = time.perf_counter()
	collection.submit()
	t_submit = time.perf_counter() - t
	frappe.db.commit()
	app_seconds = t_bill + t_insert + t_submit

	check = verify(product, period, wajib_account, collection.name, members)

	t = time.perf_counter()
	collection.reload()
	collection.cancel()
	frappe.db.commit()
	t_cancel = time.perf_counter() - t
	cleanup_period(product, period)
	frappe.db.commit()

	naive_total = naive_per_member * n
	print(f"members N                          : {n}")
	print(
		f"(a) naive, Journal Entry per member: {naive_per_member * 1000:.1f} ms/member on {sample}, x N = {naive_total:.1f} s"
	)
	print(f"(b) raw executemany {2 * n} rows      : {raw_seconds:.2f} s")
	print(f"(c) app: billing run                : {t_bill:.2f} s ({run.bills_created} bills)")
	print(f"    app: collection insert          : {t_insert:.2f} s")
	print(f"    app: collection submit          : {t_submit:.2f} s")
	print(f"    app: total billing + collection : {app_seconds:.2f} s")
	print(f"    app: collection cancel          : {t_cancel:.2f} s")
	print(
		f"ratio (a)/(c): {naive_total / app_seconds:.0f}x faster than naive; (c)/(b): {app_seconds / raw_seconds:.1f}x the raw insert"
	)
	print(f"check: {check}")
	frappe.destroy()


def ensure_members(company: str, n: int) -> list[str]:
	"""N active benchmark members with Simpanan Wajib accounts (inserted in bulk: fixture, not measured)."""
	existing = frappe.get_all(
		"Cooperative Member", filters={"full_name": ["like", "Anggota Uji %"]}, pluck="name", order_by="name"
	)
	missing = n - len(existing)
	if missing > 0:
		ts, user = now(), "Administrator"
		start = len(existing)
		member_rows, account_rows = [], []
		for i in range(start, start + missing):
			name = f"BM-{i + 1:06d}"
			nik = f"3273071503{80 + i % 20:02d}{(i % 9999) + 1:04d}"
			member_rows.append(
				[
					name,
					ts,
					ts,
					user,
					user,
					0,
					name,
					f"Anggota Uji {i + 1:06d}",
					nik,
					"1980-03-15",
					"Laki-laki",
					"Jl. Uji",
					"Sukamaju",
					company,
					"Aktif",
					"2024-01-01",
				]
			)
			account_rows.append(
				[
					f"SIM-BM-{i + 1:06d}",
					ts,
					ts,
					user,
					user,
					0,
					name,
					f"Anggota Uji {i + 1:06d}",
					"Simpanan Wajib",
					"Wajib",
					company,
					frappe.db.get_value("Savings Product", "Simpanan Wajib", "account"),
					"Aktif",
					"2024-01-01",
					0,
					0,
				]
			)
		frappe.db.bulk_insert(
			"Cooperative Member",
			[
				"name",
				"creation",
				"modified",
				"modified_by",
				"owner",
				"docstatus",
				"member_number",
				"full_name",
				"nik",
				"date_of_birth",
				"gender",
				"address",
				"desa_kelurahan",
				"company",
				"status",
				"join_date",
			],
			member_rows,
		)
		frappe.db.bulk_insert(
			"Savings Account",
			[
				"name",
				"creation",
				"modified",
				"modified_by",
				"owner",
				"docstatus",
				"member",
				"member_name",
				"product",
				"savings_type",
				"company",
				"account",
				"status",
				"opened_on",
				"balance",
				"held_amount",
			],
			account_rows,
		)
		frappe.db.commit()
	return frappe.get_all(
		"Cooperative Member", filters={"full_name": ["like", "Anggota Uji %"]}, pluck="name", order_by="name"
	)[:n]


def raw_insert(rows: int, account: str, cash: str, company: str) -> float:
	frappe.db.sql("DROP TABLE IF EXISTS `_bench_gl`")
	frappe.db.sql("CREATE TABLE `_bench_gl` LIKE `tabGL Entry`")
	ts = now()
	values = [
		(
			f"RAW-{i:07d}",
			ts,
			ts,
			"Administrator",
			"Administrator",
			1,
			today(),
			account if i % 2 else cash,
			"Cooperative Member" if i % 2 else None,
			f"BM-{i // 2 + 1:06d}" if i % 2 else None,
			0 if i % 2 else AMOUNT,
			AMOUNT if i % 2 else 0,
			"Savings Collection",
			"RAW",
			company,
		)
		for i in range(rows)
	]
	sql = (
		"INSERT INTO `_bench_gl` (name, creation, modified, modified_by, owner, docstatus, posting_date, account, party_type, party, debit, credit, voucher_type, voucher_no, company) "
		"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
	)
	t = time.perf_counter()
	frappe.db._cursor.executemany(sql, values)
	frappe.db.commit()
	seconds = time.perf_counter() - t
	frappe.db.sql("DROP TABLE `_bench_gl`")
	return seconds


def verify(product, period, gl_account, voucher, members) -> str:
	gle = frappe.qb.DocType("GL Entry")
	from frappe.query_builder.functions import Count, Sum

	gl_rows, gl_credit = (
		frappe.qb.from_(gle)
		.select(Count("*"), Sum(gle.credit))
		.where((gle.voucher_no == voucher) & (gle.account == gl_account) & (gle.is_cancelled == 0))
	).run()[0]
	bill = frappe.qb.DocType("Savings Bill")
	paid, bills = (
		frappe.qb.from_(bill)
		.select(Sum(bill.paid_amount), Count("*"))
		.where((bill.product == product) & (bill.period == period) & bill.member.isin(members))
	).run()[0]
	sa = frappe.qb.DocType("Savings Account")
	balances = (
		frappe.qb.from_(sa)
		.select(Sum(sa.balance))
		.where(sa.member.isin(members))
		.where(sa.product == product)
	).run()[0][0]
	ok = (
		gl_rows == len(members)
		and flt(gl_credit) == flt(paid) == flt(balances) == AMOUNT * len(members) == AMOUNT * bills
	)
	return f"{'OK' if ok else 'MISMATCH'}: {gl_rows} member GL rows, GL credit {flt(gl_credit):,.0f}, bills paid {flt(paid):,.0f} on {bills} bills, balances {flt(balances):,.0f}"


def cleanup_period(product, period):
	bill = frappe.qb.DocType("Savings Bill")
	frappe.qb.from_(bill).delete().where((bill.product == product) & (bill.period == period)).run()
	for name in frappe.get_all(
		"Savings Billing Run",
		filters={"product": product, "period": period, "docstatus": [">", 0]},
		pluck="name",
	):
		# as a cancel would: the run gives up its product/period key (simpanan/runs.py)
		frappe.db.set_value("Savings Billing Run", name, {"docstatus": 2, "run_key": None})


if __name__ == "__main__":
	main(
		sys.argv[1],
		int(sys.argv[2]) if len(sys.argv) > 2 else 10000,
		int(sys.argv[3]) if len(sys.argv) > 3 else 200,
	)
