# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Member loans for the demo cooperative (a `kmp_demo_builders` entry, run by setup.demo.make_demo after the
savings history): three products (flat, efektif, anuitas), about forty loans across the states an officer
meets, each walked through the approval workflow by the demo's officers and disbursed on a past date, with
the repayments its story needs, then the daily loan run as of today (days past due, denda, kolektibilitas),
last month's interest accrual and Loan Loss Provision, two write-offs with part recovered, and the
cooperative's own Himbara borrowing.

The stories (see LOANS): current loans paid on time; loans in arrears of every kolektibilitas class (they
paid some instalments, then stopped: the oldest unpaid instalment fell due the given days ago); two of
them restructured, two written off and partly recovered; loans paid off early (by the product's payoff
rule) and on schedule; applications still waiting and one rejected.

Safe to re-run: it does nothing when the company already has member loans. On a site that holds the demo
without loans: bench --site SITE execute koperasi_merah_putih.pinjaman.demo.make_loans_demo
"""

from datetime import date, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, flt, getdate, today

from koperasi_merah_putih.calculators.loans import add_months_clamped
from koperasi_merah_putih.calculators.periods import period_key, period_start
from koperasi_merah_putih.pinjaman import loan_quality
from koperasi_merah_putih.pinjaman.doctype.loan_interest_accrual.loan_interest_accrual import (
	run_monthly_accrual,
)
from koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.loan_loss_provision import (
	post_monthly_provision,
)
from koperasi_merah_putih.pinjaman.doctype.member_loan_repayment.member_loan_repayment import (
	get_payoff_amount,
)
from koperasi_merah_putih.pinjaman.loan_balance import schedule_of
from koperasi_merah_putih.setup.test_site import ensure_fiscal_year

FLAT = "Pinjaman Modal Usaha"
EFEKTIF = "Pinjaman Produktif Menurun"
ANUITAS = "Pinjaman Serbaguna Anuitas"
MINGGUAN = "Pinjaman Mingguan Pasar"
PRODUCTS = {
	FLAT: {
		"interest_method": "Flat",
		"interest_rate": 12,
		"min_tenor": 3,
		"max_tenor": 24,
		"max_amount": 20000000,
		"min_membership_months": 3,
		"admin_fee_percent": 1,
		"denda_mode": "Percent per Day",
		"denda_rate": 0.1,
		"denda_grace_days": 3,
		"payoff_rule": "Interest of N Periods",
		"payoff_interest_periods": 1,
	},
	EFEKTIF: {
		"interest_method": "Efektif",
		"interest_rate": 15,
		"min_tenor": 6,
		"max_tenor": 36,
		"max_amount": 30000000,
		"min_membership_months": 3,
		"provisi_percent": 0.5,
		"requires_collateral": 1,
		"denda_mode": "Percent per Month",
		"denda_rate": 2,
		"payoff_rule": "Interest to Date",
	},
	ANUITAS: {
		"interest_method": "Anuitas",
		"interest_rate": 18,
		"min_tenor": 6,
		"max_tenor": 24,
		"max_amount": 15000000,
		"min_membership_months": 3,
		"admin_fee_amount": 50000,
		"insurance_percent": 0.3,
		"denda_mode": "Fixed Amount",
		"denda_amount": 10000,
		"denda_grace_days": 5,
		"payoff_rule": "Current Period Interest",
	},
	MINGGUAN: {
		"interest_method": "Flat",
		"interest_rate": 10,
		"repayment_frequency": "Weekly",
		"min_tenor": 10,
		"max_tenor": 52,
		"max_amount": 5000000,
		"min_membership_months": 3,
		"denda_mode": "Percent per Day",
		"denda_rate": 0.1,
	},
}

# (product, amount, tenor, story, parameter, purpose)
#   current: disbursed `parameter` days ago, every instalment due so far paid on its due date
#   arrears: paid `paid` instalments, the next fell due `parameter = (days, paid)` days ago and is unpaid
#   early: disbursed `parameter = (days ago, instalments paid)`, then paid off a few days ago
#   completed: disbursed `parameter` days ago, every instalment paid
#   restructured: in arrears as above, restructured RESTRUCTURE_DAYS ago over a longer tenor, paid since
#   written_off: in arrears as above (Macet), written off against the allowance, then partly recovered
#   applied / verified / rejected: an application in that state, not disbursed
LOANS = (
	(FLAT, 5000000, 12, "current", 200, "Modal Usaha Perdagangan"),
	(FLAT, 3000000, 10, "current", 95, "Modal Usaha Perdagangan"),
	(FLAT, 10000000, 24, "current", 330, "Modal Usaha Industri Rumah Tangga"),
	(FLAT, 2000000, 6, "current", 20, "Kebutuhan Rumah Tangga"),
	(FLAT, 7500000, 18, "current", 150, "Modal Usaha Pertanian"),
	(EFEKTIF, 15000000, 24, "current", 250, "Modal Usaha Peternakan"),
	(EFEKTIF, 8000000, 12, "current", 120, "Modal Usaha Perikanan"),
	(EFEKTIF, 25000000, 36, "current", 400, "Modal Usaha Pertanian"),
	(EFEKTIF, 6000000, 12, "current", 10, "Modal Usaha Perdagangan"),
	(ANUITAS, 12000000, 24, "current", 300, "Renovasi Rumah"),
	(ANUITAS, 4000000, 12, "current", 60, "Pendidikan"),
	(ANUITAS, 6000000, 12, "current", 180, "Kesehatan"),
	(ANUITAS, 3000000, 6, "current", 5, "Kebutuhan Rumah Tangga"),
	(MINGGUAN, 2000000, 20, "current", 70, "Modal Usaha Perdagangan"),
	(MINGGUAN, 1500000, 12, "current", 30, "Modal Usaha Perdagangan"),
	(FLAT, 4000000, 12, "arrears", (8, 3), "Modal Usaha Perdagangan"),
	(ANUITAS, 5000000, 12, "arrears", (25, 2), "Pendidikan"),
	(EFEKTIF, 9000000, 18, "arrears", (50, 4), "Modal Usaha Pertanian"),
	(MINGGUAN, 1000000, 10, "arrears", (40, 3), "Modal Usaha Perdagangan"),
	(FLAT, 3500000, 12, "arrears", (80, 1), "Kebutuhan Rumah Tangga"),
	(FLAT, 3000000, 12, "arrears", (105, 2), "Modal Usaha Pertanian"),
	(ANUITAS, 2500000, 12, "arrears", (140, 1), "Renovasi Rumah"),
	(EFEKTIF, 6000000, 18, "arrears", (170, 3), "Modal Usaha Peternakan"),
	(FLAT, 2000000, 10, "arrears", (200, 1), "Modal Usaha Perdagangan"),
	(ANUITAS, 3000000, 12, "arrears", (250, 2), "Kesehatan"),
	(FLAT, 2000000, 12, "arrears", (290, 0), "Modal Usaha Perikanan"),
	(EFEKTIF, 6000000, 12, "arrears", (330, 1), "Modal Usaha Industri Rumah Tangga"),
	(FLAT, 1500000, 6, "arrears", (380, 0), "Kebutuhan Rumah Tangga"),
	(FLAT, 5000000, 12, "early", (240, 5), "Modal Usaha Perdagangan"),
	(EFEKTIF, 20000000, 24, "early", (360, 8), "Modal Usaha Pertanian"),
	(ANUITAS, 6000000, 12, "early", (150, 3), "Renovasi Rumah"),
	(FLAT, 6000000, 12, "restructured", (95, 3), "Modal Usaha Pertanian"),
	(EFEKTIF, 10000000, 18, "restructured", (70, 4), "Modal Usaha Perikanan"),
	(FLAT, 4000000, 12, "written_off", (320, 1), "Modal Usaha Perdagangan"),
	(ANUITAS, 5000000, 12, "written_off", (300, 1), "Kesehatan"),
	(FLAT, 3000000, 6, "completed", 230, "Modal Usaha Perdagangan"),
	(MINGGUAN, 1200000, 12, "completed", 120, "Modal Usaha Perdagangan"),
	(ANUITAS, 2400000, 6, "completed", 260, "Pendidikan"),
	(FLAT, 4000000, 12, "applied", 2, "Modal Usaha Perdagangan"),
	(EFEKTIF, 28000000, 24, "verified", 3, "Modal Usaha Peternakan"),
	(ANUITAS, 9000000, 18, "rejected", 6, "Renovasi Rumah"),
)
RESTRUCTURE_DAYS = 45
RECOVERED = (
	0.3,
	0.15,
)  # share of the written-off principal each written-off loan's member paid back
HIMBARA = "PT Bank Rakyat Indonesia (Persero) Tbk"
OFFICER = {
	"Kasir": "kasir@sukamaju.koperasi.id",
	"Bendahara": "bendahara@sukamaju.koperasi.id",
	"Ketua": "ketua@sukamaju.koperasi.id",
	"Sekretaris": "sekretaris@sukamaju.koperasi.id",
}


def make_loans_demo(company: str | None = None) -> dict:
	company = company or frappe.db.get_single_value("Cooperative Settings", "company")
	if frappe.db.exists("Member Loan", {"company": company}):
		print("Demo loans already present; nothing to do.")
		return {"loans": 0}
	now = getdate(today())
	cash = frappe.db.get_value("Account", {"company": company, "account_type": "Cash", "is_group": 0}, "name")
	ensure_fiscal_year(add_days(now, -450).year)
	make_products()
	# setup.demo.make_demo lets the first three members (by name) leave after the builders ran: they borrow
	# nothing, so their exit settlement has no loan to offset.
	leaving = set(frappe.get_all("Cooperative Member", pluck="name", order_by="name", limit=3))
	members = [
		m
		for m in frappe.get_all(
			"Cooperative Member",
			filters={"company": company, "status": "Aktif"},
			fields=["name", "join_date"],
			order_by="join_date, name",
		)
		if m.name not in leaving
	]
	created, restructured, written_off = [], [], []
	stories = sorted(LOANS, key=lambda spec: -_start_days(spec, now))  # oldest loans to the oldest members
	for product, amount, tenor, story, parameter, purpose in stories:
		start = add_days(now, -_start_days((product, amount, tenor, story, parameter, purpose), now))
		member = _member_for(members, start, PRODUCTS[product]["min_membership_months"])
		application = _application(member, product, amount, tenor, purpose, start)
		if story in ("applied", "verified", "rejected"):
			_walk(application, story)
			continue
		_walk(application, "approved")
		loan = _disburse(application.name, start, cash)
		created.append(loan.name)
		if story == "current":
			_pay_until(loan, now, cash)
		elif story == "completed":
			_pay_until(loan, None, cash)
		elif story in ("arrears", "restructured", "written_off"):
			_pay_first(loan, parameter[1], cash)
			{"restructured": restructured, "written_off": written_off}.get(story, []).append(loan.name)
		elif story == "early":
			_pay_first(loan, parameter[1], cash)
			_pay_off(loan.name, add_days(now, -3), cash)
	for name in restructured:
		_restructure(name, add_days(now, -RESTRUCTURE_DAYS), now, cash)
	loan_quality.run_daily(now)
	run_monthly_accrual(now)  # last month's interest due, for the loans still accruing
	post_monthly_provision(now)
	for name, share in zip(written_off, RECOVERED):
		_write_off_and_recover(name, share, now, cash)
	make_borrowing(company, now, cash)
	print(f"Demo loans: {len(created)} disbursed.")
	return {"loans": len(created)}


def make_products() -> None:
	for name, terms in PRODUCTS.items():
		if not frappe.db.exists("Member Loan Product", name):
			frappe.get_doc({"doctype": "Member Loan Product", "product_name": name, **terms}).insert()


def _start_days(spec, now: date) -> int:
	"""How many days before today the story's loan was disbursed (or its application made)."""
	product, _amount, _tenor, story, parameter, _purpose = spec
	if story not in ("arrears", "restructured", "written_off"):
		return parameter[0] if story == "early" else parameter
	days, paid = parameter
	first_unpaid_due = add_days(now, -days)
	if PRODUCTS[product].get("repayment_frequency") == "Weekly":
		return days + 7 * (paid + 1)
	return (now - add_months_clamped(getdate(first_unpaid_due), -(paid + 1))).days


def _member_for(members, start: date, min_months: int) -> str:
	"""The next member without a loan (oldest first) who had been a member long enough by `start`."""
	for index, member in enumerate(members):
		if add_months_clamped(getdate(member.join_date), min_months) <= start:
			return members.pop(index).name
	raise frappe.ValidationError("The demo has too few long-standing members for its loans.")


def _application(member, product, amount, tenor, purpose, start):
	collateral = "BPKB sepeda motor" if PRODUCTS[product].get("requires_collateral") else None
	return frappe.get_doc(
		{
			"doctype": "Member Loan Application",
			"member": member,
			"loan_product": product,
			"loan_purpose": purpose,
			"amount": amount,
			"tenor": tenor,
			"application_date": start,
			"collateral_description": collateral,
		}
	).insert()


def _walk(application, to: str) -> None:
	"""Walk the approval workflow as the officers would, up to `to`."""
	steps = [("Kasir", "Ajukan")]
	if to in ("verified", "approved", "rejected"):
		steps.append(("Bendahara", "Verifikasi"))
	if to == "rejected":
		steps.append(("Ketua", "Tolak"))
	if to == "approved":
		steps.append(("Ketua", "Setujui"))
	try:
		for role, action in steps:
			frappe.set_user(OFFICER[role])
			if action == "Tolak":
				application.rejection_reason = "Kemampuan bayar tidak mencukupi untuk angsuran yang diminta"
				application.save()
			application = apply_workflow(application, action)
		if to == "approved" and application.workflow_state != "Disetujui":
			frappe.set_user(OFFICER["Sekretaris"])  # the second approval above the amount in settings
			apply_workflow(application, "Setujui")
	finally:
		frappe.set_user("Administrator")


def _disburse(application: str, start: date, cash: str):
	loan = frappe.get_doc(
		{
			"doctype": "Member Loan",
			"loan_application": application,
			"posting_date": start,
			"cash_account": cash,
		}
	)
	loan.insert()
	loan.submit()
	return loan


def _repay(loan: str, amount, posting_date, cash: str, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Member Loan Repayment",
			"member_loan": loan,
			"amount": amount,
			"posting_date": posting_date,
			"cash_account": cash,
			**fields,
		}
	)
	doc.insert()
	doc.submit()
	return doc


def _pay_until(loan, until: date | None, cash: str) -> None:
	"""Pay each instalment on its due date, those due by `until` (all of them when None)."""
	for row in loan.schedule:
		if until and getdate(row.due_date) > until:
			break
		_repay(loan.name, flt(row.principal) + flt(row.interest), row.due_date, cash)


def _pay_first(loan, count: int, cash: str) -> None:
	"""Pay the first `count` instalments, a few days late now and then (before any denda was charged)."""
	for index, row in enumerate(loan.schedule[:count]):
		late = timedelta(days=(index * 3) % 5)
		_repay(
			loan.name,
			flt(row.principal) + flt(row.interest),
			getdate(row.due_date) + late,
			cash,
		)


def _pay_off(loan: str, on: date, cash: str) -> None:
	"""Early payoff (pelunasan dipercepat): the payoff amount by the product's rule, the rest of the
	interest waived."""
	amount = get_payoff_amount(loan, str(on))["payoff_amount"]
	_repay(loan, amount, on, cash, is_payoff=1)


def _restructure(loan: str, on: date, now: date, cash: str) -> None:
	"""A new schedule over a longer tenor from the outstanding balance, then the new instalments paid."""
	terms = frappe.db.get_value(
		"Member Loan", loan, ["interest_method", "interest_rate", "tenor"], as_dict=True
	)
	frappe.get_doc(
		{
			"doctype": "Member Loan Restructure",
			"member_loan": loan,
			"posting_date": on,
			"reason": "Usaha anggota terdampak gagal panen; angsuran diringankan dengan tenor lebih panjang",
			"interest_method": terms.interest_method,
			"interest_rate": terms.interest_rate,
			"tenor": int(terms.tenor) + 6,
		}
	).insert().submit()
	for row in schedule_of(loan):
		due = getdate(row.due_date)
		if due < on or due > now:
			continue
		owed = flt(row.principal) + flt(row.interest) - flt(row.paid_principal) - flt(row.paid_interest)
		if owed > 0:
			_repay(loan, owed, due, cash)


def _write_off_and_recover(loan: str, share: float, now: date, cash: str) -> None:
	"""Hapus buku against the allowance this month, then part of the principal paid back."""
	on = max(getdate(add_days(now, -10)), getdate(period_start(period_key(now))))
	write_off = frappe.get_doc(
		{
			"doctype": "Member Loan Write Off",
			"member_loan": loan,
			"posting_date": on,
			"reason": "Macet lebih dari 12 bulan; anggota tidak mampu membayar (keputusan rapat pengurus)",
		}
	).insert()
	write_off.submit()
	frappe.get_doc(
		{
			"doctype": "Member Loan Recovery",
			"member_loan": loan,
			"posting_date": min(getdate(add_days(on, 5)), now),
			"amount": round(flt(write_off.outstanding_principal) * share / 10000) * 10000,
			"cash_account": cash,
			"remarks": "Pembayaran sebagian dari hasil penjualan ternak anggota",
		}
	).insert().submit()


def make_borrowing(company: str, now: date, cash: str) -> None:
	"""The cooperative's Himbara loan (PMK 49/2025 terms: 6% a year, 60 months, 6 months interest-only)
	drawn 8 months ago, its instalments paid on time."""
	if not frappe.db.exists("Supplier", HIMBARA):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": HIMBARA,
				"supplier_group": frappe.db.get_value("Supplier Group", {"is_group": 0}, "name")
				or "All Supplier Groups",
				"supplier_type": "Company",
			}
		).insert()
	borrowing = frappe.get_doc(
		{
			"doctype": "Cooperative Borrowing",
			"lender": HIMBARA,
			"lender_type": "Bank Himbara",
			"purpose": "Modal kerja gerai sembako dan apotek desa",
			"posting_date": add_months_clamped(now, -8),
			"amount": 500000000,
			"interest_rate": 6,
			"interest_method": "Anuitas",
			"tenor_months": 60,
			"grace_months": 6,
			"grace_type": "Interest Only",
			"cash_account": cash,
		}
	).insert()
	borrowing.submit()
	for row in borrowing.schedule:
		if getdate(row.due_date) > now:
			break
		frappe.get_doc(
			{
				"doctype": "Cooperative Borrowing Payment",
				"cooperative_borrowing": borrowing.name,
				"posting_date": row.due_date,
				"amount": flt(row.principal) + flt(row.interest),
				"cash_account": cash,
			}
		).insert().submit()
