# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, today

from koperasi_merah_putih.calculators.loans import build_schedule
from koperasi_merah_putih.exceptions import (
	AmountError,
	CollateralRequiredError,
	GuarantorError,
	InterestRateCapError,
	LoanApplicationStateError,
	MemberNotActiveError,
	MembershipTooShortError,
	PlafonExceededError,
	TenorOutOfRangeError,
	WholeRupiahError,
)
from koperasi_merah_putih.pinjaman.doctype.member_loan_application.member_loan_application import (
	get_schedule_preview,
)
from koperasi_merah_putih.tests.utils import (
	SUKARELA,
	active_member,
	approve,
	loan_application,
	loan_product,
	make_member,
	make_user,
	savings_account,
	transact,
)

KASIR = "kasir.pinjaman@koperasi.test"
BENDAHARA = "bendahara.pinjaman@koperasi.test"
KETUA = "ketua.pinjaman@koperasi.test"
SEKRETARIS = "sekretaris.pinjaman@koperasi.test"
PENGAWAS = "pengawas.pinjaman@koperasi.test"


class TestMemberLoanApplication(FrappeTestCase):
	def setUp(self):
		# every test ends in a rollback (it may change Cooperative Settings): set up per test
		for user, role in (
			(KASIR, "Kasir"),
			(BENDAHARA, "Bendahara"),
			(KETUA, "Ketua"),
			(SEKRETARIS, "Sekretaris"),
			(PENGAWAS, "Pengawas"),
		):
			make_user(user, role)
		self.product = loan_product(admin_fee_percent=1, insurance_amount=5000)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")

	def test_terms_fees_and_instalment_come_from_the_product(self):
		member = active_member()
		frappe.set_user(KASIR)
		app = frappe.get_doc(
			{
				"doctype": "Member Loan Application",
				"member": member.name,
				"loan_product": self.product,
				"loan_purpose": "Modal Usaha Perdagangan",
				"amount": 1200000,
				"tenor": 12,
				# a client's own terms are not the product's: ignored
				"interest_rate": 1,
				"admin_fee": 0,
				"workflow_state": "Disetujui",
			}
		).insert()
		self.assertEqual(app.workflow_state, "Disiapkan")
		self.assertEqual((app.interest_method, app.interest_rate), ("Flat", 12))
		self.assertEqual((app.admin_fee, app.provisi_fee, app.insurance_fee), (12000, 0, 5000))
		self.assertEqual(app.net_disbursement, 1200000 - 12000 - 5000)
		# flat 12% a year on 1.200.000 over 12 months: 100.000 principal + 12.000 interest a month
		self.assertEqual(
			(app.instalment_amount, app.total_interest, app.total_repayment), (112000, 144000, 1344000)
		)
		self.assertEqual(app.purpose_category, "Produktif")
		self.assertEqual(app.member_name, member.full_name)

	def test_schedule_preview_is_the_calculators_schedule(self):
		preview = get_schedule_preview(self.product, 1000000, 10, "2026-01-31")
		expected = build_schedule(1000000, 12, 10, start_date=frappe.utils.getdate("2026-01-31"))
		self.assertEqual([r["total"] for r in preview["rows"]], [r.total for r in expected])
		self.assertEqual(sum(r["principal"] for r in preview["rows"]), 1000000)
		self.assertEqual(str(preview["rows"][0]["due_date"]), "2026-02-28")  # month end clamped
		self.assertEqual(preview["net_disbursement"], 1000000 - 10000 - 5000)
		with self.assertRaises(WholeRupiahError):
			get_schedule_preview(self.product, 1000000.5, 10)
		frappe.set_user(make_user("tamu.pinjaman@koperasi.test"))  # no role: may not look
		with self.assertRaises(frappe.PermissionError):
			get_schedule_preview(self.product, 1000000, 10)

	def test_only_active_members_borrow(self):
		candidate = make_member()  # status Calon
		with self.assertRaises(MemberNotActiveError):
			loan_application(candidate.name, self.product)

	def test_membership_months_required(self):
		product = loan_product(min_membership_months=6)
		with self.assertRaises(MembershipTooShortError):
			loan_application(active_member().name, product)
		veteran = active_member(join_date=add_months(today(), -7))
		loan_application(veteran.name, product)

	def test_plafon_multiple_of_savings_and_absolute_maximum(self):
		member = active_member()
		transact(savings_account(member.name, SUKARELA), 200000)
		product = loan_product(plafon_savings_multiple=3, max_amount=500000)
		with self.assertRaises(PlafonExceededError) as ctx:
			loan_application(member.name, product, amount=600000)  # 3 x 200.000 = 600.000, max 500.000
		self.assertIn("500.000", str(ctx.exception))
		app = loan_application(member.name, product, amount=500000)
		self.assertEqual((app.savings_balance, app.plafon), (200000, 500000))
		other = loan_product(plafon_savings_multiple=2)
		with self.assertRaises(PlafonExceededError):
			loan_application(member.name, other, amount=400001)

	def test_tenor_amount_and_rate_refusals(self):
		member = active_member()
		with self.assertRaises(TenorOutOfRangeError):
			loan_application(member.name, self.product, tenor=25)
		for amount in (0, -100000):
			with self.subTest(amount=amount), self.assertRaises(AmountError):
				loan_application(member.name, self.product, amount=amount)
		with self.assertRaises(WholeRupiahError):
			loan_application(member.name, self.product, amount=1000000.5)
		frappe.db.set_single_value("Cooperative Settings", "loan_rate_cap", 10)
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		with self.assertRaises(InterestRateCapError):
			loan_application(member.name, self.product)

	def test_guarantor_and_collateral(self):
		product = loan_product(requires_guarantor=1, requires_collateral=1)
		member = active_member()
		with self.assertRaises(GuarantorError):
			loan_application(member.name, product, collateral_description="BPKB motor")
		with self.assertRaises(GuarantorError):
			loan_application(member.name, product, guarantor=member.name, collateral_description="BPKB")
		with self.assertRaises(GuarantorError):
			loan_application(
				member.name, product, guarantor=make_member().name, collateral_description="BPKB motor"
			)
		guarantor = active_member()
		with self.assertRaises(CollateralRequiredError):
			loan_application(member.name, product, guarantor=guarantor.name)
		app = loan_application(
			member.name, product, guarantor=guarantor.name, collateral_description="BPKB motor"
		)
		self.assertEqual(app.guarantor_name, guarantor.full_name)

	def test_workflow_kasir_prepares_bendahara_verifies_ketua_approves(self):
		member = active_member()
		frappe.set_user(KASIR)
		app = loan_application(member.name, self.product)
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(app, "Verifikasi")  # not the Kasir's step
		app = apply_workflow(app, "Ajukan")
		self.assertEqual(app.workflow_state, "Diajukan")
		frappe.set_user(PENGAWAS)
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Verifikasi")
		frappe.set_user(BENDAHARA)
		app = apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Verifikasi")
		self.assertEqual((app.workflow_state, app.verified_by), ("Diverifikasi", BENDAHARA))
		frappe.set_user(KETUA)
		app = apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Setujui")
		self.assertEqual((app.workflow_state, app.approved_by), ("Disetujui", KETUA))
		frappe.set_user(KASIR)
		app = frappe.get_doc("Member Loan Application", app.name)
		app.amount = 2000000
		with self.assertRaises(LoanApplicationStateError):
			app.save()
		frappe.set_user(PENGAWAS)
		self.assertTrue(frappe.has_permission("Member Loan Application", "read", app.name))
		self.assertFalse(frappe.has_permission("Member Loan Application", "write", app.name))

	def test_rejection_needs_a_reason(self):
		member = active_member()
		frappe.set_user(KASIR)
		app = apply_workflow(loan_application(member.name, self.product), "Ajukan")
		frappe.set_user(BENDAHARA)
		with self.assertRaises(LoanApplicationStateError):
			apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Tolak")
		app = frappe.get_doc("Member Loan Application", app.name)
		app.rejection_reason = "Usaha belum berjalan"
		app.save()
		app = apply_workflow(app, "Tolak")
		self.assertEqual(app.workflow_state, "Ditolak")
		with self.assertRaises(LoanApplicationStateError):
			app.make_loan()

	def test_second_approval_above_the_amount_in_settings(self):
		frappe.db.set_single_value("Cooperative Settings", "loan_second_approval_amount", 1000000)
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		member = active_member()
		frappe.set_user(KASIR)
		small = loan_application(member.name, self.product, amount=1000000)
		self.assertFalse(small.needs_second_approval)
		app = loan_application(member.name, self.product, amount=1200000)
		self.assertTrue(app.needs_second_approval)
		app = apply_workflow(app, "Ajukan")
		frappe.set_user(BENDAHARA)
		app = apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Verifikasi")
		frappe.set_user(KETUA)
		app = apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Setujui")
		self.assertEqual((app.workflow_state, app.approved_by), ("Persetujuan Kedua", KETUA))
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Setujui")
		frappe.set_user(SEKRETARIS)
		app = apply_workflow(frappe.get_doc("Member Loan Application", app.name), "Setujui")
		self.assertEqual((app.workflow_state, app.second_approved_by), ("Disetujui", SEKRETARIS))

	def test_make_loan_only_from_an_approved_application(self):
		app = loan_application(active_member().name, self.product)
		with self.assertRaises(LoanApplicationStateError):
			app.make_loan()
		approve(app.name)
		app.reload()
		name = app.make_loan()
		self.assertEqual(app.make_loan(), name)  # the draft is reused, not duplicated
		loan = frappe.get_doc("Member Loan", name)
		self.assertEqual((loan.member, loan.loan_amount, loan.docstatus), (app.member, 1200000, 0))
