# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""No client can set a field the server owns: the generic walk over every app doctype.

For every doctype of the app, every role that may write or create it (and Administrator, whom Frappe's
permission levels do not stop), and every field in utils/server_owned.py's OWNED and SET_ONCE tables, the
test tries the three client paths as that user:

- ``frappe.client.set_value`` (what the desk and `/api/method/frappe.client.set_value` do);
- load, update with the tampered value, ``save()`` (what ``PUT /api/resource/<doctype>/<name>`` does);
- ``insert()`` of a new record carrying the value (what ``POST /api/resource/<doctype>`` does);

and asserts each attempt is refused (an exception) or ignored (the database holds the server's value).
A control save and a control insert without tampering must succeed for the same user, so a refusal is
never an accident of a document that cannot be saved at all. Later modules add their doctypes to the
OWNED/SET_ONCE tables and a factory to FACTORIES below.
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, flt, getdate, today

from koperasi_merah_putih.calculators.periods import period_key
from koperasi_merah_putih.pinjaman.setup_borrowing import make_borrowing_accounts
from koperasi_merah_putih.tests.utils import (
	BERJANGKA,
	SUKARELA,
	WAJIB,
	active_member,
	approve,
	cash_account,
	company,
	draft_loan,
	lender,
	loan_application,
	loan_product,
	make_user,
	person,
	savings_account,
	transact,
)
from koperasi_merah_putih.utils.roles import ALL_ROLES
from koperasi_merah_putih.utils.server_owned import (
	CLIENT_EDITABLE_DOCTYPES,
	OWNED,
	SERVER_ONLY_DOCTYPES,
	SERVER_PERMLEVEL,
	SET_ONCE,
)

APP_MODULES = ("Koperasi", "Keanggotaan", "Simpanan", "Pinjaman", "Unit Usaha")
TAMPERED_TEXT = "tampered"
TAMPERED_DATE = "2001-02-03"


# ---------------------------------------------------------------- factories: a valid new record, as a dict
def _member() -> dict:
	return {"doctype": "Cooperative Member", **person()}


def _application() -> dict:
	return {"doctype": "Membership Application", "agree_to_statutes": 1, **person()}


def _savings_account() -> dict:
	return {"doctype": "Savings Account", "member": active_member().name, "product": SUKARELA}


def _funded_account() -> str:
	"""A Sukarela account holding money since before last month (so last month's interest run has rows)."""
	account = savings_account(active_member().name, SUKARELA)
	transact(account, 500000, posting_date=add_days(today(), -70))
	return account


def _transaction() -> dict:
	return {
		"doctype": "Savings Transaction",
		"transaction_type": "Penarikan",
		"savings_account": _funded_account(),
		"amount": 10000,
		"cash_account": cash_account(),
	}


def _billing_run() -> dict:
	return {"doctype": "Savings Billing Run", "product": WAJIB, "period": "2001-01"}


def _collection() -> dict:
	return {
		"doctype": "Savings Collection",
		"product": WAJIB,
		"cash_account": cash_account(),
		"items": [{"member": active_member().name, "amount": 50000}],
	}


def _interest_run() -> dict:
	last_month = period_key(getdate(add_months(today(), -1)))
	return {
		"doctype": "Savings Interest Run",
		"product": SUKARELA,
		"period": last_month,
		"items": [{"savings_account": _funded_account(), "interest": 9999999, "net_interest": 9999999}],
	}


def _exit_settlement() -> dict:
	return {
		"doctype": "Member Exit Settlement",
		"member": active_member().name,
		"exit_status": "Keluar",
		"exit_reason": "Pindah domisili",
		"cash_account": cash_account(),
		"items": [{"savings_account": _funded_account(), "balance": 9999999}],
	}


def _savings_product() -> dict:
	return {
		"doctype": "Savings Product",
		"product_name": f"Sukarela Uji {frappe.generate_hash(length=6)}",
		"savings_type": "Sukarela",
		"company": company(),
	}


# Loans: one borrower and one product serve every factory call (each call still gets its own application).
_LOANS: dict[str, str] = {}


def _loan_fixture(key: str, make) -> str:
	name = _LOANS.get(key)
	doctype = {
		"member": "Cooperative Member",
		"product": "Member Loan Product",
		"loan": "Member Loan",
		"written_off": "Member Loan",
		"lender": "Supplier",
		"borrowing": "Cooperative Borrowing",
	}[key]
	if not (name and frappe.db.exists(doctype, name)):
		name = _LOANS[key] = make()
	return name


def _borrower() -> str:
	return _loan_fixture("member", lambda: active_member(full_name="Peminjam Uji").name)


def _loan_product_for_walk() -> str:
	return _loan_fixture("product", lambda: loan_product(admin_fee_percent=1, insurance_amount=5000))


def _loan_product() -> dict:
	return {
		"doctype": "Member Loan Product",
		"product_name": f"Pinjaman Uji {frappe.generate_hash(length=6)}",
		"interest_method": "Efektif",
		"interest_rate": 18,
		"min_tenor": 3,
		"max_tenor": 12,
		"provisi_percent": 1,
	}


def _loan_purpose() -> dict:
	return {
		"doctype": "Loan Purpose",
		"purpose_name": f"Tujuan Uji {frappe.generate_hash(length=6)}",
		"category": "Produktif",
	}


def _loan_application() -> dict:
	return {
		"doctype": "Member Loan Application",
		"member": _borrower(),
		"loan_product": _loan_product_for_walk(),
		"loan_purpose": "Modal Usaha Perdagangan",
		"amount": 1000000,
		"tenor": 10,
	}


def _member_loan() -> dict:
	application = loan_application(_borrower(), _loan_product_for_walk(), 1000000, 10)
	approve(application.name)
	return {
		"doctype": "Member Loan",
		"loan_application": application.name,
		"cash_account": cash_account(),
	}


def _overdue_loan() -> str:
	"""Disbursed 40 days ago: its first instalment is overdue, so a repayment is not an advance."""
	start = add_days(today(), -40)
	application = loan_application(_borrower(), _loan_product_for_walk(), 1000000, 10, application_date=start)
	approve(application.name)
	loan = draft_loan(application.name, posting_date=start)
	loan.submit()
	return loan.name


def _loan_disbursement_batch() -> dict:
	application = loan_application(_borrower(), _loan_product_for_walk(), 1000000, 10)
	approve(application.name)
	return {
		"doctype": "Loan Disbursement Batch",
		"cash_account": cash_account(),
		"items": [{"loan_application": application.name}],
	}


def _loan_repayment() -> dict:
	loan = _loan_fixture("loan", _overdue_loan)
	return {
		"doctype": "Member Loan Repayment",
		"member_loan": loan,
		"amount": 50000,
		"cash_account": cash_account(),
	}


# Loans, issue 7: a written-off loan for recoveries, a lender and a drawn-down borrowing for payments.
def _loan_collection() -> dict:
	return {
		"doctype": "Member Loan Collection",
		"collector": "Penagih Uji",
		"rw": "01",
		"cash_account": cash_account(),
		"items": [{"member_loan": _loan_fixture("loan", _overdue_loan), "amount": 50000}],
	}


def _loan_restructure() -> dict:
	return {
		"doctype": "Member Loan Restructure",
		"member_loan": _loan_fixture("loan", _overdue_loan),
		"reason": "Usaha sepi",
		"interest_method": "Flat",
		"interest_rate": 12,
		"tenor": 6,
	}


def _loan_write_off() -> dict:
	return {
		"doctype": "Member Loan Write Off",
		"member_loan": _loan_fixture("loan", _overdue_loan),
		"reason": "Anggota pindah tanpa alamat",
	}


def _written_off_loan() -> str:
	make_borrowing_accounts(company())
	loan = _overdue_loan()
	write_off = frappe.get_doc({"doctype": "Member Loan Write Off", "member_loan": loan, "reason": "Uji"})
	write_off.insert().submit()
	return loan


def _loan_recovery() -> dict:
	return {
		"doctype": "Member Loan Recovery",
		"member_loan": _loan_fixture("written_off", _written_off_loan),
		"amount": 10000,
		"cash_account": cash_account(),
	}


def _borrowing_values() -> dict:
	make_borrowing_accounts(company())
	return {
		"doctype": "Cooperative Borrowing",
		"lender": _loan_fixture("lender", lambda: lender("Bank Uji")),
		"purpose": "Modal gerai sembako",
		"amount": 120000000,
		"interest_rate": 6,
		"interest_method": "Anuitas",
		"tenor_months": 24,
		"grace_months": 6,
		"cash_account": cash_account(),
	}


def _drawn_borrowing() -> str:
	doc = frappe.get_doc(_borrowing_values()).insert()
	doc.submit()
	return doc.name


def _borrowing_payment() -> dict:
	return {
		"doctype": "Cooperative Borrowing Payment",
		"cooperative_borrowing": _loan_fixture("borrowing", _drawn_borrowing),
		"amount": 100000,
		"cash_account": cash_account(),
	}


def _business_unit(**fields) -> dict:
	return {
		"doctype": "Business Unit",
		"unit_name": f"Unit Uji {frappe.generate_hash(length=6)}",
		"unit_type": "Gerai Sembako",
		"company": company(),
		**fields,
	}


def _loan_loss_provision() -> dict:
	return {"doctype": "Loan Loss Provision", "period": period_key(getdate(add_months(today(), -1)))}


def _livestock_weight() -> dict:
	from koperasi_merah_putih.unit_usaha.testing import livestock_fixture

	return {"doctype": "Livestock Weight", "serial_no": livestock_fixture().animal, "weight_kg": 25}


def _livestock_cost() -> dict:
	from koperasi_merah_putih.unit_usaha.testing import livestock_fixture

	fixture = livestock_fixture()
	return {
		"doctype": "Livestock Cost",
		"business_unit": fixture.unit.name,
		"cost_type": "Pakan",
		"serial_no": fixture.animal,
		"amount": 50000,
		"paid_from": cash_account(),
	}


def _pond_cycle() -> dict:
	from koperasi_merah_putih.unit_usaha.testing import pond_fixture

	fixture = pond_fixture()
	return {
		"doctype": "Pond Cycle",
		"business_unit": fixture.unit.name,
		"pond": "Kolam Uji",
		"fingerling_item": fixture.fingerling,
		"fingerling_qty": 1000,
		"harvest_item": fixture.harvest,
		"feed": [{"item_code": fixture.feed, "qty": 100}],
	}


def _loan_interest_accrual() -> dict:
	return {"doctype": "Loan Interest Accrual", "period": period_key(getdate(add_months(today(), -1)))}


FACTORIES = {
	"Cooperative Member": _member,
	"Membership Application": _application,
	"Savings Account": _savings_account,
	"Savings Transaction": _transaction,
	"Savings Billing Run": _billing_run,
	"Savings Collection": _collection,
	"Savings Interest Run": _interest_run,
	"Member Exit Settlement": _exit_settlement,
	"Savings Product": _savings_product,
	"Member Loan Product": _loan_product,
	"Member Loan Application": _loan_application,
	"Member Loan": _member_loan,
	"Member Loan Repayment": _loan_repayment,
	"Loan Loss Provision": _loan_loss_provision,
	"Loan Interest Accrual": _loan_interest_accrual,
	"Business Unit": _business_unit,
	"Member Loan Collection": _loan_collection,
	"Member Loan Restructure": _loan_restructure,
	"Member Loan Write Off": _loan_write_off,
	"Member Loan Recovery": _loan_recovery,
	"Cooperative Borrowing": _borrowing_values,
	"Cooperative Borrowing Payment": _borrowing_payment,
	"Livestock Weight": _livestock_weight,
	"Livestock Cost": _livestock_cost,
	"Pond Cycle": _pond_cycle,
	"Loan Disbursement Batch": _loan_disbursement_batch,
}
# Child doctypes are tampered with through their parent.
CHILD_PARENT = {
	"Savings Collection Item": ("Savings Collection", "items"),
	"Savings Interest Item": ("Savings Interest Run", "items"),
	"Exit Settlement Item": ("Member Exit Settlement", "items"),
	"Member Loan Schedule": ("Member Loan", "schedule"),
	"Member Loan Repayment Allocation": ("Member Loan Repayment", "allocation"),
	"Loan Loss Provision Class": ("Loan Loss Provision", "items"),
	"Loan Interest Accrual Account": ("Loan Interest Accrual", "items"),
	"Member Loan Collection Item": ("Member Loan Collection", "items"),
	"Loan Disbursement Batch Item": ("Loan Disbursement Batch", "items"),
	"Cooperative Borrowing Schedule": ("Cooperative Borrowing", "schedule"),
	"Cooperative Borrowing Payment Allocation": ("Cooperative Borrowing Payment", "allocation"),
}


def app_doctypes(istable: int | None = None) -> list[str]:
	filters = {"module": ["in", APP_MODULES]}
	if istable is not None:
		filters["istable"] = istable
	return frappe.get_all("DocType", filters=filters, pluck="name", order_by="name")


def _comparable(value, fieldtype):
	if fieldtype in ("Currency", "Float", "Percent", "Int", "Check"):
		return flt(value)
	if fieldtype in ("Date", "Datetime"):
		return str(getdate(value)) if value else None
	return value or None


class TestServerOwnedFields(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = {
			role: make_user(f"so-{role.lower().replace(' ', '-')}@koperasi.test", role) for role in ALL_ROLES
		}
		cls.users["System Manager"] = make_user("so-system-manager@koperasi.test", "System Manager")
		cls.users["Administrator"] = "Administrator"
		make_sentinels()

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------ the registry and the JSON agree
	def test_every_app_doctype_is_classified(self):
		classified = set(OWNED) | set(SET_ONCE) | set(SERVER_ONLY_DOCTYPES) | set(CLIENT_EDITABLE_DOCTYPES)
		missing = set(app_doctypes()) - classified
		self.assertFalse(missing, f"decide which fields the server owns for: {sorted(missing)}")
		for doctype in set(OWNED) | set(SET_ONCE):
			self.assertTrue(
				doctype in FACTORIES or doctype in CHILD_PARENT or frappe.get_meta(doctype).issingle,
				f"{doctype}: add a factory to FACTORIES so the walk below covers it",
			)

	def test_owned_fields_sit_at_a_permlevel_no_role_writes(self):
		for doctype, fields in OWNED.items():
			meta = frappe.get_meta(doctype)
			for fieldname in fields:
				df = meta.get_field(fieldname)
				self.assertIsNotNone(df, f"{doctype}.{fieldname} does not exist")
				self.assertEqual(df.permlevel, SERVER_PERMLEVEL, f"{doctype}.{fieldname}")
				self.assertTrue(df.read_only, f"{doctype}.{fieldname} must be read only in the form")
			stray = [
				df.fieldname
				for df in meta.fields
				if df.permlevel == SERVER_PERMLEVEL and df.fieldname not in fields
			]
			self.assertFalse(stray, f"{doctype}: fields at the server's level but not in OWNED: {stray}")
		for doctype in app_doctypes(istable=0):
			perms = frappe.get_meta(doctype).permissions
			writers = [
				p.role
				for p in perms
				if p.permlevel == SERVER_PERMLEVEL and (p.write or p.create or p.submit or p.delete)
			]
			self.assertFalse(writers, f"{doctype}: {writers} may write the server's fields")
			readers0 = {p.role for p in perms if p.permlevel == 0 and p.read}
			readers7 = {p.role for p in perms if p.permlevel == SERVER_PERMLEVEL and p.read}
			if any(frappe.get_meta(doctype).get_field(f) for f in self._owned_of(doctype)):
				self.assertEqual(readers0, readers7, f"{doctype}: who reads the record reads its balances")

	def test_set_once_fields_are_marked_in_the_form(self):
		for doctype, fields in SET_ONCE.items():
			meta = frappe.get_meta(doctype)
			if meta.issingle:
				continue  # Frappe's set_only_once refuses a Single's first value; the guard alone keeps it
			for fieldname in fields:
				self.assertTrue(meta.get_field(fieldname).set_only_once, f"{doctype}.{fieldname}")

	def test_server_only_doctypes_have_no_writer(self):
		for doctype in SERVER_ONLY_DOCTYPES:
			for p in frappe.get_meta(doctype).permissions:
				for right in ("write", "create", "delete", "submit", "cancel", "amend", "import"):
					self.assertFalse(p.get(right), f"{doctype}: {p.role} may {right}")

	def _owned_of(self, doctype):
		owned = list(OWNED.get(doctype, ()))
		for table in frappe.get_meta(doctype).get_table_fields():
			owned += list(OWNED.get(table.options, ()))
		return owned

	# ------------------------------------------------------------ the walk
	def writers(self, doctype: str, right: str) -> list[str]:
		roles = {
			p.role
			for p in frappe.get_meta(doctype).permissions
			if p.permlevel == 0 and p.get(right) and p.role in self.users
		}
		return [*sorted(roles), "Administrator"]

	def test_no_client_sets_a_server_owned_field(self):
		tried = 0
		for doctype, factory in FACTORIES.items():
			fields = list(OWNED.get(doctype, ())) + list(SET_ONCE.get(doctype, ()))
			children = [(c, f) for c, (p, f) in CHILD_PARENT.items() if p == doctype]
			for role in self.writers(doctype, "write"):
				existing = factory_insert(factory)
				for fieldname in fields:
					if frappe.get_meta(doctype).get_field(fieldname).fieldtype == "Table":
						continue  # its rows are tampered with one by one below
					with self.subTest(doctype=doctype, role=role, field=fieldname, path="set_value/save"):
						tried += self.try_update(doctype, existing, fieldname, role)
				for child, tablefield in children:
					for fieldname in OWNED[child]:
						with self.subTest(doctype=child, role=role, field=fieldname, path="save"):
							tried += self.try_update_child(doctype, existing, tablefield, fieldname, role)
			for role in self.writers(doctype, "create"):
				for fieldname in OWNED.get(doctype, ()):
					with self.subTest(doctype=doctype, role=role, field=fieldname, path="insert"):
						tried += self.try_insert(factory, fieldname, role)
				for child, tablefield in children:
					for fieldname in OWNED[child]:
						with self.subTest(doctype=child, role=role, field=fieldname, path="insert"):
							tried += self.try_insert_child(factory, tablefield, fieldname, role)
		self.assertGreater(tried, 300)

	def test_cooperative_settings_company_is_set_once(self):
		other = other_company()
		for role in self.writers("Cooperative Settings", "write"):
			with self.subTest(role=role):
				before = frappe.db.get_single_value("Cooperative Settings", "company")
				self.as_user(role, lambda: frappe.get_single("Cooperative Settings").save())  # control
				settings = frappe.get_single("Cooperative Settings")
				settings.company = other
				self.attempt(role, settings.save)
				self.assertEqual(frappe.db.get_single_value("Cooperative Settings", "company"), before)

	# ------------------------------------------------------------ one attempt each
	def as_user(self, role, fn):
		frappe.set_user(self.users[role])
		try:
			return fn()
		finally:
			frappe.set_user("Administrator")

	def attempt(self, role, fn) -> bool:
		"""Run fn as the role's user in a savepoint; True when it raised (refused)."""
		frappe.db.savepoint("server_owned_attempt")
		try:
			self.as_user(role, fn)
		except Exception:
			frappe.db.rollback(save_point="server_owned_attempt")
			frappe.clear_messages()
			return True
		return False

	def try_update(self, doctype, name, fieldname, role) -> int:
		df = frappe.get_meta(doctype).get_field(fieldname)
		original = frappe.db.get_value(doctype, name, fieldname)
		bogus = bogus_value(df, original)
		self.as_user(role, lambda: frappe.get_doc(doctype, name).save())  # control: the record saves

		self.attempt(role, lambda: frappe.client.set_value(doctype, name, fieldname, bogus))
		self.assertEqual(
			_comparable(frappe.db.get_value(doctype, name, fieldname), df.fieldtype),
			_comparable(original, df.fieldtype),
			f"set_value changed {doctype}.{fieldname} to {bogus!r} as {role}",
		)

		def put():
			doc = frappe.get_doc(doctype, name)
			doc.update({fieldname: bogus})
			doc.save()

		self.attempt(role, put)
		self.assertEqual(
			_comparable(frappe.db.get_value(doctype, name, fieldname), df.fieldtype),
			_comparable(original, df.fieldtype),
			f"save changed {doctype}.{fieldname} to {bogus!r} as {role}",
		)
		return 2

	def try_insert(self, factory, fieldname, role) -> int:
		values = factory()
		doctype = values["doctype"]
		df = frappe.get_meta(doctype).get_field(fieldname)
		control_values = factory()
		control = self.as_user(role, lambda: frappe.get_doc(control_values).insert())  # control: inserts
		bogus = bogus_value(df, control.get(fieldname))
		values[fieldname] = bogus if df.fieldtype != "Table" else [bogus_row(df)]
		inserted = {}

		def post():
			inserted["name"] = frappe.get_doc(values).insert().name

		refused = self.attempt(role, post)
		if not refused:
			if df.fieldtype == "Table":
				amounts = [
					f.fieldname
					for f in frappe.get_meta(df.options).fields
					if f.fieldtype in ("Currency", "Float")
				]
				rows = frappe.get_all(df.options, filters={"parent": inserted["name"]}, fields=amounts)
				self.assertFalse(
					[r for r in rows if 9999999 in [flt(v) for v in r.values()]],
					f"insert kept client rows in {doctype}.{fieldname} as {role}",
				)
			else:
				stored = frappe.db.get_value(doctype, inserted["name"], fieldname)
				self.assertNotEqual(
					_comparable(stored, df.fieldtype),
					_comparable(bogus, df.fieldtype),
					f"insert stored {doctype}.{fieldname} = {bogus!r} as {role}",
				)
		return 1

	def try_update_child(self, doctype, name, tablefield, fieldname, role) -> int:
		parent = frappe.get_doc(doctype, name)
		if not parent.get(tablefield):
			return 0  # rows rebuilt by the server from data this record does not have
		row = parent.get(tablefield)[0]
		df = frappe.get_meta(row.doctype).get_field(fieldname)
		original = frappe.db.get_value(row.doctype, row.name, fieldname)
		bogus = bogus_value(df, original)

		def put():
			doc = frappe.get_doc(doctype, name)
			doc.get(tablefield)[0].set(fieldname, bogus)
			doc.save()

		self.attempt(role, put)
		stored = frappe.get_all(
			row.doctype, filters={"parent": name, "parentfield": tablefield}, pluck=fieldname
		)
		self.assertNotIn(
			_comparable(bogus, df.fieldtype),
			[_comparable(v, df.fieldtype) for v in stored],
			f"save stored {row.doctype}.{fieldname} = {bogus!r} as {role}",
		)
		return 1

	def try_insert_child(self, factory, tablefield, fieldname, role) -> int:
		values = factory()
		doctype = values["doctype"]
		child = frappe.get_meta(doctype).get_field(tablefield).options
		df = frappe.get_meta(child).get_field(fieldname)
		rows = values.get(tablefield) or [{}]
		bogus = bogus_value(df, None)
		rows[0][fieldname] = bogus
		values[tablefield] = rows
		inserted = {}

		def post():
			inserted["name"] = frappe.get_doc(values).insert().name

		if not self.attempt(role, post):
			stored = frappe.get_all(
				child, filters={"parent": inserted["name"], "parentfield": tablefield}, pluck=fieldname
			)
			self.assertNotIn(
				_comparable(bogus, df.fieldtype),
				[_comparable(v, df.fieldtype) for v in stored],
				f"insert stored {child}.{fieldname} = {bogus!r} as {role}",
			)
		return 1


def factory_insert(factory) -> str:
	return frappe.get_doc(factory()).insert().name


SENTINELS: dict[str, str] = {}


def make_sentinels() -> None:
	"""Records that no server computation ever links to: a client pointing a field at one of them is
	tampering, and finding one stored means the tampering got through."""
	member = active_member(full_name="Sentinel Uji")
	SENTINELS.update(
		{
			"Cooperative Member": member.name,
			"Customer": member.customer,
			"Savings Account": savings_account(member.name, SUKARELA),
			"Savings Product": BERJANGKA,
			"Membership Application": frappe.get_doc(_application()).insert().name,
			"User": make_user("sentinel.uji@koperasi.test"),
			"Account": cash_account(),
			"Company": other_company(),
		}
	)
	# Loans: records no server computation links the walk's loans to.
	sentinel_product = loan_product()
	sentinel_application = loan_application(member.name, sentinel_product, 500000, 5)
	approve(sentinel_application.name)
	SENTINELS.update(
		{
			"Member Loan Product": sentinel_product,
			"Loan Purpose": frappe.get_doc(_loan_purpose()).insert().name,
			"Member Loan Application": sentinel_application.name,
			"Member Loan": draft_loan(sentinel_application.name).name,
		}
	)
	SENTINELS["Member Loan Repayment"] = frappe.get_doc(_loan_repayment()).insert().name
	# Business units: the records of a unit set up apart from the walk's units.
	unit = frappe.get_doc(_business_unit(is_selling=1)).insert()
	unit.set_up_unit()
	unit.reload()
	SENTINELS.update(
		{
			"Accounting Dimension": unit.accounting_dimension,
			"Cost Center": unit.cost_center,
			"Warehouse": unit.warehouse,
			"POS Profile": unit.pos_profile,
		}
	)
	# Livestock and catfish units: a unit, an item and vouchers no walk's record links to.
	from koperasi_merah_putih.unit_usaha.testing import draft_journal_entry, make_item, receive

	SENTINELS.update(
		{
			"Business Unit": unit.name,
			"Item": make_item("Sentinel Uji"),
			"Stock Entry": receive(unit, make_item("Sentinel Stok Uji"), 1, 1000),
			"Journal Entry": draft_journal_entry(unit),
		}
	)


def bogus_value(df, current):
	"""A value a client might send that differs from `current` and is valid for the field's type."""
	if df.fieldtype == "Link":
		bogus = SENTINELS.get(df.options)
		assert bogus and bogus != current, f"no sentinel {df.options} to tamper {df.fieldname} with"
		return bogus
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n") if o and o != current]
		return options[-1]
	if df.fieldtype in ("Currency", "Float", "Int"):
		return flt(current) + 9999999
	if df.fieldtype == "Percent":
		return 7.5 if flt(current) != 7.5 else 8.5
	if df.fieldtype == "Check":
		return 0 if frappe.utils.cint(current) else 1
	if df.fieldtype in ("Date", "Datetime"):
		return TAMPERED_DATE
	if df.fieldtype == "Table":
		return []
	return TAMPERED_TEXT


def bogus_row(df) -> dict:
	"""A client-made row for a table the server rebuilds."""
	meta = frappe.get_meta(df.options)
	return {f.fieldname: 9999999 for f in meta.fields if f.fieldtype in ("Currency", "Float")}


def other_company() -> str:
	name = "Koperasi Lain Uji"
	if not frappe.db.exists("Company", name):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": "KLU",
				"default_currency": "IDR",
				"country": "Indonesia",
				"chart_of_accounts": "Standard",
			}
		).insert()
	return name
