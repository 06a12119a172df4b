"""Helpers for the app's Frappe tests."""

import random
from datetime import date

import frappe

from koperasi_merah_putih.calculators.nik import check_nik

_rng = random.Random()


def make_nik(birth: date, female: bool = False, area: str = "320410") -> str:
	"""A NIK that passes validation, unique within a test run."""
	day = birth.day + (40 if female else 0)
	serial = _rng.randint(1, 9999)
	for _attempt in range(10000):
		nik = f"{area}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
		if not frappe.db.exists("Cooperative Member", {"nik": nik}) and not frappe.db.exists(
			"Membership Application", {"nik": nik}
		):
			assert not check_nik(nik, birth, female)
			return nik
		serial = serial % 9999 + 1
	raise AssertionError("no free NIK")


def person(**overrides) -> dict:
	birth = overrides.pop("date_of_birth", date(1985, 3, 14))
	female = overrides.get("gender") == "Perempuan"
	data = {
		"full_name": "Budi Santoso",
		"nik": make_nik(birth, female),
		"date_of_birth": birth,
		"gender": "Laki-laki",
		"place_of_birth": "Bandung",
		"address": "Jl. Merdeka No. 1",
		"rt": "001",
		"rw": "002",
		"desa_kelurahan": "Sukamaju",
		"kecamatan": "Cibeunying Kaler",
		"kabupaten_kota": "Kota Bandung",
		"provinsi": "Jawa Barat",
	}
	data.update(overrides)
	return data


def make_member(status: str = "Calon", **overrides):
	doc = frappe.get_doc({"doctype": "Cooperative Member", "status": status, **person(**overrides)})
	doc.insert()
	return doc


def make_user(email: str, *roles: str, user_type: str = "System User") -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": user_type,
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		).insert()
	return email


def fake_open_loan(member, exit_date) -> list[str]:
	"""A stand-in exit check, as the loans feature will register: one open obligation."""
	return [f"Pinjaman belum lunas: Rp1.000.000 ({member.name})"]


# ---------------------------------------------------------------- savings
POKOK = "Simpanan Pokok"
WAJIB = "Simpanan Wajib"
SUKARELA = "Simpanan Sukarela"
BERJANGKA = "Simpanan Berjangka 6 Bulan"


def company() -> str:
	return frappe.db.get_single_value("Cooperative Settings", "company")


def cash_account() -> str:
	return frappe.db.get_value(
		"Account", {"company": company(), "account_type": "Cash", "is_group": 0}, "name", order_by="lft"
	)


def active_member(**overrides):
	"""An active member, with Pokok and Wajib accounts opened automatically."""
	member = make_member(**overrides)
	member.activate()
	member.reload()
	return member


def savings_account(member: str, product: str) -> str:
	name = frappe.db.get_value("Savings Account", {"member": member, "product": product, "status": "Aktif"})
	if name:
		return name
	return frappe.get_doc({"doctype": "Savings Account", "member": member, "product": product}).insert().name


def transact(account: str, amount, transaction_type: str = "Setoran", submit: bool = True, **extra):
	doc = frappe.get_doc(
		{
			"doctype": "Savings Transaction",
			"transaction_type": transaction_type,
			"savings_account": account,
			"amount": amount,
			"cash_account": None if transaction_type == "Transfer" else cash_account(),
			**extra,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def balance(account: str) -> float:
	return frappe.utils.flt(frappe.db.get_value("Savings Account", account, "balance"))


def gl_balance(account_name: str, party: str | None = None, voucher_no: str | None = None) -> float:
	"""credit - debit on a GL account (optionally one member's), non-cancelled rows."""
	gle = frappe.qb.DocType("GL Entry")
	from frappe.query_builder.functions import Coalesce, Sum

	query = (
		frappe.qb.from_(gle)
		.select(Coalesce(Sum(gle.credit - gle.debit), 0))
		.where((gle.account == account_name) & (gle.is_cancelled == 0))
	)
	if party:
		query = query.where((gle.party_type == "Cooperative Member") & (gle.party == party))
	if voucher_no:
		query = query.where(gle.voucher_no == voucher_no)
	return frappe.utils.flt(query.run()[0][0])


# ---------------------------------------------------------------- runs (interest, billing)
def _submit_in_child(
	site: str, sites_path: str, user: str, doctype: str, name: str, barrier, results
) -> None:
	"""Child process of submit_at_once: connect on its own, read the draft, wait for the others, submit."""
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		frappe.set_user(user)
		doc = frappe.get_doc(doctype, name)
		barrier.wait(timeout=30)
		doc.submit()
		frappe.db.commit()
		results.put((name, "ok", ""))
	except Exception as e:
		frappe.db.rollback()
		results.put((name, type(e).__name__, str(e)))
	finally:
		frappe.destroy()


def submit_at_once(doctype: str, names: list[str], user: str = "Administrator") -> dict[str, tuple[str, str]]:
	"""Submit saved drafts from one process each, at the same moment (commit the drafts first: the
	processes see only what is committed). Returns {name: (outcome, message)}, outcome "ok" or the class
	name of the exception that refused it."""
	import multiprocessing

	ctx = multiprocessing.get_context("spawn")
	barrier = ctx.Manager().Barrier(len(names))
	results = ctx.Queue()
	processes = [
		ctx.Process(
			target=_submit_in_child,
			args=(frappe.local.site, frappe.local.sites_path, user, doctype, name, barrier, results),
		)
		for name in names
	]
	for p in processes:
		p.start()
	for p in processes:
		p.join(timeout=180)
	outcomes = [results.get(timeout=5) for _ in processes]
	return {name: (outcome, message) for name, outcome, message in outcomes}


def savings_product(savings_type: str, **fields) -> str:
	"""A new Savings Product of the type (Sukarela, Wajib, ...) for one test, named uniquely."""
	return (
		frappe.get_doc(
			{
				"doctype": "Savings Product",
				"product_name": f"Uji {savings_type} {frappe.generate_hash(length=6)}",
				"savings_type": savings_type,
				"company": company(),
				**fields,
			}
		)
		.insert()
		.name
	)


# ---------------------------------------------------------------- loans (pinjaman)
LOAN_PURPOSE = "Modal Usaha Perdagangan"
APPLICATION_APPROVED = "Disetujui"


def loan_product(**fields) -> str:
	"""A new Member Loan Product for one test (flat 12% a year, 1..24 monthly instalments unless given)."""
	return (
		frappe.get_doc(
			{
				"doctype": "Member Loan Product",
				"product_name": f"Pinjaman Uji {frappe.generate_hash(length=6)}",
				"interest_method": "Flat",
				"interest_rate": 12,
				"min_tenor": 1,
				"max_tenor": 24,
				**fields,
			}
		)
		.insert()
		.name
	)


def loan_application(member: str, product: str, amount=1200000, tenor: int = 12, **fields):
	"""A loan application, inserted (state Disiapkan)."""
	return frappe.get_doc(
		{
			"doctype": "Member Loan Application",
			"member": member,
			"loan_product": product,
			"loan_purpose": LOAN_PURPOSE,
			"amount": amount,
			"tenor": tenor,
			**fields,
		}
	).insert()


def approve(application: str) -> None:
	"""Mark an application approved without walking the workflow (tests of what follows approval)."""
	frappe.db.set_value(
		"Member Loan Application",
		application,
		{"workflow_state": APPLICATION_APPROVED, "approved_by": "Administrator"},
	)


def draft_loan(application: str, posting_date=None, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Member Loan",
			"loan_application": application,
			"posting_date": posting_date or frappe.utils.today(),
			"cash_account": cash_account(),
			**fields,
		}
	)
	return doc.insert()


def disbursed_loan(
	member: str | None = None, product: str | None = None, amount=1200000, tenor: int = 12, **fields
):
	"""An approved application of an active member, disbursed: the submitted Member Loan."""
	member = member or active_member().name
	product = product or loan_product()
	application = loan_application(member, product, amount, tenor)
	approve(application.name)
	loan = draft_loan(application.name, **fields)
	loan.submit()
	return loan


def repay(loan: str, amount, posting_date=None, submit: bool = True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Member Loan Repayment",
			"member_loan": loan,
			"amount": amount,
			"posting_date": posting_date or frappe.utils.today(),
			"cash_account": cash_account(),
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def gl_debit_balance(account_name: str, party: str | None = None) -> float:
	"""debit - credit on a GL account (optionally one member's), non-cancelled rows: an asset's balance."""
	return -gl_balance(account_name, party=party)


# ---------------------------------------------------------------- the cooperative's borrowings (pinjaman)
def lender(name: str = "Bank Uji") -> str:
	"""A Supplier to borrow from (a Himbara bank in the tests)."""
	if frappe.db.exists("Supplier", name):
		return name
	group = frappe.db.get_value("Supplier Group", {"is_group": 0}) or frappe.db.get_value(
		"Supplier Group", {}
	)
	return (
		frappe.get_doc({"doctype": "Supplier", "supplier_name": name, "supplier_group": group}).insert().name
	)
