"""Member loans at scale: N loans x 24 monthly instalments, side by side with the per-document path.

(a) disbursement: N loans created and disbursed with their 24-row schedules. The app has no bulk
    disbursement, so its path is the per-document one (application, approval, Member Loan insert + submit:
    schedule, GL, balances), timed on SAMPLE loans and scaled to N; beside it the schedule arithmetic alone
    for N loans (calculators.loans.build_schedule) and a raw floor (executemany of the N loans' rows and
    N x 24 schedule rows). The raw rows become the fixture of (b): N active loans, backdated.
(b) the daily loan run (denda + days past due + kolektibilitas) over the N loans as of a day when most of
    them are overdue: loan_quality.run_daily, against the per-document path (each loan read with
    frappe.get_doc, its denda and class computed, the loan and its rows written back through the ORM) on
    SAMPLE loans, scaled to N.
(c) last month's interest accrual over the N loans (doctype Loan Interest Accrual, when the app has it) against
    one Journal Entry per loan on SAMPLE loans, scaled to N; run before (b), which makes overdue loans non-accrual.

Run on a throwaway site (it adds N members and N loans): see benchmarks/README.md.
	cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/loans.py SITE [N] [SAMPLE] [--profile]
"""

import os
import sys
import time

import frappe
from frappe.utils import add_days, flt, getdate, now, today

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wajib_collection import ensure_members  # the same benchmark members

PRODUCT = "Pinjaman Benchmark"
AMOUNT = 2400000
TENOR = 24
PREFIX = "PIN-BENCH-"
STANDARD_COLUMNS = ("name", "creation", "modified", "modified_by", "owner", "docstatus")
DAYS_AGO = 150  # the fixture loans were disbursed this long ago: 4-5 instalments have fallen due


def main(site: str, n: int = 5000, sample: int = 100, profile: bool = False) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	company = setup(n)
	members = ensure_members(company, n)
	cash = frappe.db.get_value("Account", {"company": company, "account_type": "Cash", "is_group": 0}, "name")
	start = getdate(add_days(today(), -DAYS_AGO))
	results = {}

	# (a) schedules: the arithmetic alone, then the per-document disbursement on a sample
	from koperasi_merah_putih.pinjaman.common import make_schedule

	product = frappe.get_doc("Member Loan Product", PRODUCT)
	t = time.perf_counter()
	schedules = [make_schedule(AMOUNT, product, TENOR, start) for _i in range(n)]
	results["schedule_math"] = time.perf_counter() - t

	profiler = start_profiler() if profile else None
	t = time.perf_counter()
	for member in members[:sample]:
		disburse_one(member, start, cash)
	per_doc = (time.perf_counter() - t) / sample
	if profiler:
		stop_profiler(profiler, "disbursement")
	frappe.db.rollback()  # the sample is only for timing
	results["disburse_per_doc"] = per_doc

	# (a) the bulk path: one Loan Disbursement Batch of N approved applications, then rolled back
	batch = None
	if frappe.db.exists("DocType", "Loan Disbursement Batch"):
		profiler = start_profiler() if profile else None
		batch = run_batch(company, members, product, start, cash)
		if profiler:
			stop_profiler(profiler, "batch disbursement")
		frappe.db.rollback()
		results["disburse_batch"] = batch["seconds"]

	# (a) raw floor, which is also the fixture of (b): N loans and N x 24 schedule rows
	remove_fixture()
	frappe.db.commit()
	t = time.perf_counter()
	names = insert_fixture(company, members, product, schedules[0], start, cash)
	frappe.db.commit()
	results["raw_insert"] = time.perf_counter() - t

	# (c) before (b): the daily run makes the overdue loans non-accrual
	accrual = (
		run_accrual(names, sample, cash) if frappe.db.exists("DocType", "Loan Interest Accrual") else None
	)

	# (b) the daily run over the N loans, against one document at a time
	from koperasi_merah_putih.pinjaman import loan_quality

	as_of = getdate(today())
	t = time.perf_counter()
	naive_sample = names[:sample]
	ranges, _percents = loan_quality.check_settings()
	for name in naive_sample:
		daily_one(name, as_of, ranges)
	naive_daily = (time.perf_counter() - t) / sample
	frappe.db.rollback()
	results["daily_per_doc"] = naive_daily

	profiler = start_profiler() if profile else None
	t = time.perf_counter()
	outcome = loan_quality.run_daily(as_of)
	frappe.db.commit()
	results["daily_run"] = time.perf_counter() - t
	if profiler:
		stop_profiler(profiler, "daily run")
	check = verify_daily(names, as_of)

	# (b') the same day's work written in bulk (a sketch of the fix, not the app's code): the run reset,
	# then the same calculators, with every loan's denda and class written by two UPDATE ... JOINs
	reset_daily()
	frappe.db.commit()
	t = time.perf_counter()
	bulk_count = bulk_daily(as_of, ranges)
	frappe.db.commit()
	results["daily_bulk"] = time.perf_counter() - t
	check_bulk = verify_daily(names, as_of)

	remove_fixture()
	frappe.db.commit()
	report(n, sample, results, outcome, check, accrual)
	if batch:
		per_doc_total = results["disburse_per_doc"] * n
		print(
			f"(a) bulk path, one Loan Disbursement Batch of {n}: {batch['seconds']:.2f} s (insert "
			f"{batch['insert']:.2f} s, submit {batch['submit']:.2f} s); per document x N / batch = "
			f"{per_doc_total / batch['seconds']:.0f}x"
		)
		print(f"check (a): {batch['check']}")
	print(
		f"(b') daily run with bulk writes (sketch): {results['daily_bulk']:.2f} s for {bulk_count} loans; "
		f"app / sketch = {results['daily_run'] / results['daily_bulk']:.1f}x (of which the calculators, "
		f"dues_of_rows and denda_increments: {BULK_SPLIT['compute']:.2f} s)"
	)
	print(f"check (b'): {check_bulk}")
	frappe.destroy()


def setup(n: int) -> str:
	from koperasi_merah_putih.setup.cooperative import setup_cooperative
	from koperasi_merah_putih.setup.test_site import (
		complete_erpnext_setup,
		ensure_fiscal_year,
		make_savings_products,
	)

	if not frappe.db.a_row_exists("Company"):
		complete_erpnext_setup("Koperasi Benchmark", "KBM")
	company = frappe.db.get_single_value("Cooperative Settings", "company") or frappe.db.get_value(
		"Company", {}, "name"
	)
	settings = frappe.get_single("Cooperative Settings")
	if not settings.company:
		settings.update({"company": company, "cooperative_name": company, "cooperative_code": "KBM"})
		settings.save()
	setup_cooperative(company)
	make_savings_products(company)
	ensure_fiscal_year(getdate(add_days(today(), -DAYS_AGO)).year)
	if not frappe.db.exists("Member Loan Product", PRODUCT):
		frappe.get_doc(
			{
				"doctype": "Member Loan Product",
				"product_name": PRODUCT,
				"interest_method": "Flat",
				"interest_rate": 12,
				"min_tenor": 1,
				"max_tenor": 36,
				"admin_fee_percent": 1,
				"denda_mode": "Percent per Day",
				"denda_rate": 0.1,
			}
		).insert()
	frappe.db.commit()
	return company


def disburse_one(member: str, start, cash: str) -> str:
	"""One loan through the API, as an officer would: application, approval, disbursement."""
	application = frappe.get_doc(
		{
			"doctype": "Member Loan Application",
			"member": member,
			"loan_product": PRODUCT,
			"loan_purpose": "Modal Usaha Perdagangan",
			"amount": AMOUNT,
			"tenor": TENOR,
			"application_date": start,
		}
	).insert()
	# approval is the officers' work, not the engine's: set as the tests do (tests/utils.approve)
	frappe.db.set_value(
		"Member Loan Application",
		application.name,
		{"workflow_state": "Disetujui", "approved_by": "Administrator"},
	)
	loan = frappe.get_doc(
		{
			"doctype": "Member Loan",
			"loan_application": application.name,
			"posting_date": start,
			"cash_account": cash,
		}
	)
	loan.insert()
	loan.submit()
	return loan.name


def run_batch(company, members, product, start, cash) -> dict:
	"""(a) bulk: N approved applications (written as rows, untimed: applying and approving is the
	officers' work), then one Loan Disbursement Batch of them inserted and submitted (timed)."""
	from koperasi_merah_putih.pinjaman.common import FEE_FIELDS, loan_fees
	from koperasi_merah_putih.utils.db import insert_rows

	fees = loan_fees(product, AMOUNT)
	ts, user = now(), "Administrator"
	columns = [
		*STANDARD_COLUMNS,
		"member",
		"member_name",
		"company",
		"application_date",
		"loan_product",
		"loan_purpose",
		"amount",
		"tenor",
		"interest_method",
		"interest_rate",
		"repayment_frequency",
		"grace_periods",
		"workflow_state",
		"approved_by",
		"net_disbursement",
		*FEE_FIELDS,
	]
	names = [f"PJB-BENCH-{i + 1:06d}" for i in range(len(members))]
	net = AMOUNT - sum(fees.values())
	insert_rows(
		"Member Loan Application",
		columns,
		[
			[
				*(
					name,
					ts,
					ts,
					user,
					user,
					0,
					member,
					member,
					company,
					start,
					PRODUCT,
					"Modal Usaha Perdagangan",
				),
				*(AMOUNT, TENOR, product.interest_method, product.interest_rate, "Monthly", 0, "Disetujui"),
				*("Administrator", net, *(fees[f] for f in FEE_FIELDS)),
			]
			for name, member in zip(names, members)
		],
	)
	t = time.perf_counter()
	batch = frappe.get_doc(
		{
			"doctype": "Loan Disbursement Batch",
			"posting_date": start,
			"cash_account": cash,
			"items": [{"loan_application": name} for name in names],
		}
	).insert()
	inserted = time.perf_counter()
	batch.submit()
	done = time.perf_counter()
	loans = [row.member_loan for row in batch.items]
	gle = frappe.qb.DocType("GL Entry")
	from frappe.query_builder.functions import Count, Sum

	receivable = (
		frappe.qb.from_(gle)
		.select(Sum(gle.debit), Count("*"))
		.where(
			(gle.voucher_type == "Member Loan") & gle.voucher_no.isin(loans) & (gle.party_type.isnotnull())
		)
	).run()[0]
	rows = frappe.db.count("Member Loan Schedule", {"parent": ["in", loans]})
	ok = receivable == (AMOUNT * len(loans), len(loans)) and rows == TENOR * len(loans)
	return {
		"seconds": done - t,
		"insert": inserted - t,
		"submit": done - inserted,
		"check": f"{'OK' if ok else 'MISMATCH'}: {len(loans)} loans, {rows} schedule rows, receivable "
		f"{flt(receivable[0]):,.0f} on {receivable[1]} member rows",
	}


def insert_fixture(company, members, product, schedule, start, cash) -> list[str]:
	"""N submitted, active loans with their schedules, written as rows (the raw floor of (a))."""
	from koperasi_merah_putih.utils.db import insert_rows

	ts, user = now(), "Administrator"
	totals_interest = sum(r.interest for r in schedule)
	loan_columns = [
		"name",
		"creation",
		"modified",
		"modified_by",
		"owner",
		"docstatus",
		"member",
		"member_name",
		"posting_date",
		"loan_product",
		"status",
		"company",
		"loan_amount",
		"tenor",
		"interest_method",
		"interest_rate",
		"repayment_frequency",
		"grace_periods",
		"allocation_order",
		"net_disbursement",
		"cash_account",
		"total_interest",
		"total_repayment",
		"outstanding_principal",
		"outstanding_interest",
		"kolektibilitas",
		"days_past_due",
		"non_accrual",
		"loan_receivable_account",
		"interest_income_account",
		"denda_income_account",
	]
	row_columns = [
		"name",
		"creation",
		"modified",
		"modified_by",
		"owner",
		"docstatus",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"instalment",
		"due_date",
		"period_start",
		"principal",
		"interest",
		"total",
		"outstanding",
		"grace",
		"denda",
		"paid_principal",
		"paid_interest",
		"paid_denda",
		"waived_interest",
	]
	loans, rows, names = [], [], []
	for i, member in enumerate(members):
		name = f"{PREFIX}{i + 1:06d}"
		names.append(name)
		loans.append(
			[
				name,
				ts,
				ts,
				user,
				user,
				1,
				member,
				member,
				start,
				PRODUCT,
				"Aktif",
				company,
				AMOUNT,
				TENOR,
				product.interest_method,
				product.interest_rate,
				"Monthly",
				0,
				"Denda, Interest, Principal",
				AMOUNT,
				cash,
				totals_interest,
				AMOUNT + totals_interest,
				AMOUNT,
				totals_interest,
				"Lancar",
				0,
				0,
				product.loan_receivable_account
				or frappe.db.get_single_value("Cooperative Settings", "loan_receivable_account"),
				product.interest_income_account
				or frappe.db.get_single_value("Cooperative Settings", "loan_interest_income_account"),
				product.denda_income_account
				or frappe.db.get_single_value("Cooperative Settings", "loan_penalty_income_account"),
			]
		)
		for r in schedule:
			rows.append(
				[
					f"{name}-{r.number:02d}",
					ts,
					ts,
					user,
					user,
					1,
					name,
					"Member Loan",
					"schedule",
					r.number,
					r.number,
					r.due_date,
					r.period_start,
					r.principal,
					r.interest,
					r.total,
					r.outstanding,
					r.grace or None,
					0,
					0,
					0,
					0,
					0,
				]
			)
	insert_rows("Member Loan", loan_columns, loans)
	insert_rows("Member Loan Schedule", row_columns, rows)
	return names


def remove_fixture() -> None:
	frappe.db.sql("DELETE FROM `tabMember Loan Schedule` WHERE parent LIKE %s", (PREFIX + "%",))
	frappe.db.sql("DELETE FROM `tabMember Loan` WHERE name LIKE %s", (PREFIX + "%",))


def daily_one(name: str, as_of, ranges) -> None:
	"""The daily run of one loan through the ORM: read the document, compute, write it back."""
	from koperasi_merah_putih.calculators import kolektibilitas as kol
	from koperasi_merah_putih.pinjaman.loan_balance import dues_of_rows
	from koperasi_merah_putih.pinjaman.loan_quality import denda_increments

	loan = frappe.get_doc("Member Loan", name)
	product = frappe.get_cached_doc("Member Loan Product", loan.loan_product)
	last_run = getdate(loan.denda_accrued_to) if loan.denda_accrued_to else None
	increments = denda_increments(loan.schedule, product, last_run, as_of)
	for row in loan.schedule:
		if increments.get(row.instalment):
			row.denda = flt(row.denda) + increments[row.instalment]
			row.db_update()
	dpd = kol.days_past_due(dues_of_rows(loan.schedule), as_of)
	loan.days_past_due = dpd
	loan.kolektibilitas = kol.classify(dpd, ranges)
	loan.non_accrual = int(kol.is_non_accrual(loan.kolektibilitas, ranges))
	loan.denda_accrued_to = as_of
	loan.db_update()


BULK_SPLIT = {}


def reset_daily() -> None:
	"""Undo the daily run on the fixture loans (denda, class, last run), as if it had not run."""
	frappe.db.sql("UPDATE `tabMember Loan Schedule` SET denda = 0 WHERE parent LIKE %s", (PREFIX + "%",))
	frappe.db.sql(
		"UPDATE `tabMember Loan` SET denda_accrued_to = NULL, days_past_due = 0, kolektibilitas = 'Lancar', "
		"non_accrual = 0 WHERE name LIKE %s",
		(PREFIX + "%",),
	)


def bulk_daily(as_of, ranges) -> int:
	"""The daily run's arithmetic (loan_quality's calculators) over the fixture loans, written in bulk:
	the results go into two temporary tables (multi-row INSERTs) and reach the loans and their schedule
	rows through one UPDATE ... JOIN each. What loan_quality.run_daily does per loan with one UPDATE per
	overdue instalment, one per loan and a savepoint around each."""
	from koperasi_merah_putih.calculators import kolektibilitas as kol
	from koperasi_merah_putih.pinjaman.loan_balance import dues_of_rows, lock_loans, schedules_of
	from koperasi_merah_putih.pinjaman.loan_quality import denda_increments

	loans = frappe.get_all(
		"Member Loan",
		filters={"name": ["like", PREFIX + "%"], "docstatus": 1, "status": "Aktif"},
		fields=["name", "loan_product", "denda_accrued_to"],
		order_by="name",
	)
	names = [loan.name for loan in loans]
	lock_loans(names)
	rows = schedules_of(names, for_update=True)
	product = frappe.get_doc("Member Loan Product", PRODUCT)
	denda, classes = [], []
	t = time.perf_counter()
	for loan in loans:
		last_run = getdate(loan.denda_accrued_to) if loan.denda_accrued_to else None
		loan_rows = rows[loan.name]
		for number, amount in denda_increments(loan_rows, product, last_run, as_of).items():
			denda.append((f"{loan.name}-{number:02d}", amount))  # the fixture's row names
		dpd = kol.days_past_due(dues_of_rows(loan_rows), as_of)
		grade = kol.classify(dpd, ranges)
		classes.append((loan.name, dpd, grade, int(kol.is_non_accrual(grade, ranges))))
	BULK_SPLIT["compute"] = time.perf_counter() - t
	cursor = frappe.db._cursor
	frappe.db.sql(
		"CREATE TEMPORARY TABLE `_bench_denda` (name VARCHAR(140) PRIMARY KEY, amount DECIMAL(21,9))"
	)
	frappe.db.sql(
		"CREATE TEMPORARY TABLE `_bench_class` (name VARCHAR(140) PRIMARY KEY, dpd INT, grade VARCHAR(140), "
		"non_accrual INT)"
	)
	cursor.executemany("INSERT INTO `_bench_denda` (name, amount) VALUES (%s, %s)", denda)
	cursor.executemany(
		"INSERT INTO `_bench_class` (name, dpd, grade, non_accrual) VALUES (%s, %s, %s, %s)", classes
	)
	frappe.db.sql(
		"UPDATE `tabMember Loan Schedule` s JOIN `_bench_denda` d ON d.name = s.name SET s.denda = s.denda + d.amount"
	)
	frappe.db.sql(
		"UPDATE `tabMember Loan` l JOIN `_bench_class` c ON c.name = l.name SET l.days_past_due = c.dpd, "
		"l.kolektibilitas = c.grade, l.non_accrual = c.non_accrual, l.denda_accrued_to = %s",
		(as_of,),
	)
	# the temporary tables go with the connection (Frappe refuses a DROP inside a transaction)
	return len(loans)


def verify_daily(names, as_of) -> str:
	"""Every fixture loan classified as of the day, and the denda it accrued equal to the calculators'."""
	from koperasi_merah_putih.calculators.loans import penalty

	loan = frappe.qb.DocType("Member Loan")
	row = frappe.qb.DocType("Member Loan Schedule")
	from frappe.query_builder.functions import Count, Sum

	classified, dpd_sum = (
		frappe.qb.from_(loan)
		.select(Count("*"), Sum(loan.days_past_due))
		.where(loan.name.like(PREFIX + "%") & (loan.denda_accrued_to == as_of))
	).run()[0]
	denda = (frappe.qb.from_(row).select(Sum(row.denda)).where(row.parent.like(PREFIX + "%"))).run()[0][0]
	first = frappe.get_all(
		"Member Loan Schedule",
		filters={"parent": names[0]},
		fields=["due_date", "principal", "interest"],
		order_by="instalment",
	)
	one = sum(
		penalty(
			flt(r.principal) + flt(r.interest), (as_of - getdate(r.due_date)).days, "percent_per_day", "0.1"
		)
		for r in first
		if getdate(r.due_date) < as_of
	)
	expected_dpd = (as_of - getdate(first[0].due_date)).days
	ok = classified == len(names) and flt(denda) == one * len(names) and dpd_sum == expected_dpd * len(names)
	return (
		f"{'OK' if ok else 'MISMATCH'}: {classified} loans classified as of {as_of}, "
		f"{expected_dpd} days past due each, denda {flt(denda):,.0f} (= {one:,.0f} x {len(names)})"
	)


def run_accrual(names, sample, cash) -> dict:
	"""(c) Last month's interest accrual over the fixture loans (each has one unpaid instalment due in it):
	a Loan Interest Accrual (one voucher) against one Journal Entry per loan on a sample, scaled to N."""
	from koperasi_merah_putih.calculators.periods import add_months, period_key
	from koperasi_merah_putih.utils.settings import get_settings

	settings = get_settings()
	receivable = settings.get("loan_interest_receivable_account")
	income = frappe.db.get_value("Member Loan", names[0], "interest_income_account")
	period = add_months(period_key(getdate(today())), -1)
	party = frappe.db.get_value("Account", receivable, "account_type") in ("Receivable", "Payable")
	interest = frappe.db.get_value(
		"Member Loan Schedule", {"parent": names[0], "instalment": 1}, "interest"
	)  # flat: every instalment's interest is the same
	t = time.perf_counter()
	for name in names[:sample]:
		member = frappe.db.get_value("Member Loan", name, "member")
		je = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": settings.company,
				"posting_date": today(),
				"accounts": [
					{
						"account": receivable,
						"debit_in_account_currency": interest,
						**({"party_type": "Cooperative Member", "party": member} if party else {}),
					},
					{"account": income, "credit_in_account_currency": interest},
				],
			}
		)
		je.insert()
		je.submit()
	per_doc = (time.perf_counter() - t) / sample
	frappe.db.rollback()

	for other in frappe.get_all(
		"Loan Interest Accrual", filters={"period": period, "docstatus": 1}, pluck="name"
	):  # a rerun: the month's accrual of an earlier run goes first, as a cancel would
		frappe.get_doc("Loan Interest Accrual", other).cancel()
	frappe.db.commit()
	t = time.perf_counter()
	doc = frappe.get_doc({"doctype": "Loan Interest Accrual", "period": period})
	doc.insert()
	t_insert = time.perf_counter() - t
	t = time.perf_counter()
	doc.submit()
	frappe.db.commit()
	t_submit = time.perf_counter() - t
	app = t_insert + t_submit
	expected = interest * len(names)
	t = time.perf_counter()
	doc.reload()
	doc.cancel()
	frappe.db.commit()
	t_cancel = time.perf_counter() - t
	n = len(names)
	return {
		"lines": [
			f"(c) accrual, one Journal Entry per loan: {per_doc * 1000:.1f} ms/loan on {sample}, x N = {per_doc * n:.1f} s",
			f"(c) accrual, the app (Loan Interest Accrual {period}): insert {t_insert:.2f} s + submit {t_submit:.2f} s"
			f" = {app:.2f} s for {doc.loan_count} loans; ratio per document / app = {per_doc * n / app:.0f}x;"
			f" cancel {t_cancel:.2f} s",
			f"check (c): {'OK' if doc.loan_count >= n and flt(doc.total_accrued) >= expected else 'MISMATCH'}:"
			f" accrued {flt(doc.total_accrued):,.0f} (fixture loans: {n} x {interest:,.0f} = {expected:,.0f})",
		]
	}


def start_profiler():
	try:
		from pyinstrument import Profiler
	except ImportError:
		print("pyinstrument is not installed in the bench's env: no profile")
		return None
	profiler = Profiler()
	profiler.start()
	return profiler


def stop_profiler(profiler, what: str) -> None:
	profiler.stop()
	print(f"---- profile: {what} ----")
	print(profiler.output_text(unicode=False, color=False, show_all=False))


def report(n, sample, results, outcome, check, accrual) -> None:
	per_doc_total = results["disburse_per_doc"] * n
	daily_naive_total = results["daily_per_doc"] * n
	print(f"loans N x {TENOR} instalments             : {n}")
	print(f"(a) schedule arithmetic for N          : {results['schedule_math']:.2f} s")
	print(
		f"(a) per document (application + loan insert + submit): {results['disburse_per_doc'] * 1000:.1f} ms/loan "
		f"on {sample}, x N = {per_doc_total:.1f} s"
	)
	print(
		f"(a) raw floor: N loans + {n * TENOR} schedule rows by executemany: {results['raw_insert']:.2f} s "
		f"(per document / raw = {per_doc_total / results['raw_insert']:.0f}x)"
	)
	print(
		f"(b) daily run, per document (get_doc, compute, db_update): {results['daily_per_doc'] * 1000:.1f} ms/loan "
		f"on {sample}, x N = {daily_naive_total:.1f} s"
	)
	print(
		f"(b) daily run, the app (loan_quality.run_daily): {results['daily_run']:.2f} s for {outcome['loans']} "
		f"loans ({len(outcome['failed'])} failed); ratio per document / app = "
		f"{daily_naive_total / results['daily_run']:.1f}x"
	)
	print(f"check: {check}")
	if accrual:
		for line in accrual.get("lines", []):
			print(line)
	else:
		print("(c) monthly accrual: not measured (no Loan Interest Accrual in the app yet)")


if __name__ == "__main__":
	args = [a for a in sys.argv[1:] if not a.startswith("--")]
	main(
		args[0],
		int(args[1]) if len(args) > 1 else 5000,
		int(args[2]) if len(args) > 2 else 100,
		profile="--profile" in sys.argv,
	)
