"""The cooperative's accounts, laid out as SAK EP expects of a cooperative, added under a Company's chart.

Simpanan pokok and wajib are equity; simpanan sukarela and berjangka are liabilities; member and
non-member income are kept apart (Permenkop UKM 2/2024). Each row: key, account name, parent (a key
of an earlier row or a root type), is_group, account_type, the Cooperative Settings field it fills.
"""

import frappe
from frappe import _

from koperasi_merah_putih.exceptions import AccountSetupError

LAYOUT = (
	# Assets
	("piutang_anggota", "Piutang Anggota", "Asset", 1, "", None),
	(
		"piutang_pinjaman",
		"Piutang Pinjaman Anggota",
		"piutang_anggota",
		0,
		"Receivable",
		"loan_receivable_account",
	),
	("penyisihan", "Penyisihan Piutang Pinjaman Anggota", "piutang_anggota", 0, "", "loan_allowance_account"),
	(
		"piutang_bunga",
		"Piutang Bunga Pinjaman",
		"piutang_anggota",
		0,
		"",
		"loan_interest_receivable_account",
	),
	(
		"piutang_usaha_anggota",
		"Piutang Usaha Anggota",
		"piutang_anggota",
		0,
		"Receivable",
		"member_credit_receivable_account",
	),
	# Liabilities
	("simpanan_kewajiban", "Simpanan Anggota", "Liability", 1, "", None),
	("sukarela", "Simpanan Sukarela", "simpanan_kewajiban", 0, "", "simpanan_sukarela_account"),
	("berjangka", "Simpanan Berjangka", "simpanan_kewajiban", 0, "", "simpanan_berjangka_account"),
	("pph", "Utang PPh Pasal 4 Ayat 2", "Liability", 0, "Tax", "tax_payable_account"),
	(
		"asuransi_pinjaman",
		"Utang Premi Asuransi Pinjaman",
		"Liability",
		0,
		"",
		"loan_insurance_payable_account",
	),
	("dana_shu", "Dana-dana SHU", "Liability", 1, "", None),
	("utang_shu", "Utang SHU Anggota", "dana_shu", 0, "", None),
	("dana_pengurus", "Dana Pengurus", "dana_shu", 0, "", None),
	("dana_karyawan", "Dana Karyawan", "dana_shu", 0, "", None),
	("dana_pendidikan", "Dana Pendidikan", "dana_shu", 0, "", None),
	("dana_sosial", "Dana Sosial", "dana_shu", 0, "", None),
	("dana_pdk", "Dana Pembangunan Daerah Kerja", "dana_shu", 0, "", None),
	# Equity
	("ekuitas", "Ekuitas Koperasi", "Equity", 1, "", None),
	("pokok", "Simpanan Pokok", "ekuitas", 0, "Equity", "simpanan_pokok_account"),
	("wajib", "Simpanan Wajib", "ekuitas", 0, "Equity", "simpanan_wajib_account"),
	("cadangan", "Cadangan", "ekuitas", 0, "Equity", "cadangan_account"),
	("donasi", "Modal Donasi/Hibah", "ekuitas", 0, "Equity", "modal_donasi_account"),
	("shu_berjalan", "SHU Tahun Berjalan", "ekuitas", 0, "Equity", "shu_tahun_berjalan_account"),
	# Income
	("pendapatan", "Pendapatan Koperasi", "Income", 1, "", None),
	(
		"pendapatan_anggota",
		"Pendapatan dari Anggota",
		"pendapatan",
		0,
		"Income Account",
		"member_income_account",
	),
	(
		"pendapatan_non_anggota",
		"Pendapatan dari Non-Anggota",
		"pendapatan",
		0,
		"Income Account",
		"non_member_income_account",
	),
	(
		"jasa_pinjaman",
		"Pendapatan Jasa Pinjaman Anggota",
		"pendapatan",
		0,
		"Income Account",
		"loan_interest_income_account",
	),
	("denda", "Pendapatan Denda dan Penalti", "pendapatan", 0, "Income Account", "penalty_income_account"),
	(
		"administrasi_pinjaman",
		"Pendapatan Administrasi Pinjaman",
		"pendapatan",
		0,
		"Income Account",
		"loan_admin_fee_income_account",
	),
	(
		"provisi_pinjaman",
		"Pendapatan Provisi Pinjaman",
		"pendapatan",
		0,
		"Income Account",
		"loan_provisi_income_account",
	),
	(
		"denda_pinjaman",
		"Pendapatan Denda Pinjaman",
		"pendapatan",
		0,
		"Income Account",
		"loan_penalty_income_account",
	),
	# Expenses
	("beban", "Beban Koperasi", "Expense", 1, "", None),
	(
		"beban_jasa_simpanan",
		"Beban Jasa Simpanan",
		"beban",
		0,
		"Expense Account",
		"savings_interest_expense_account",
	),
	(
		"beban_penyisihan",
		"Beban Penyisihan Piutang",
		"beban",
		0,
		"Expense Account",
		"loan_provision_expense_account",
	),
)


def root_accounts(company: str) -> dict[str, str]:
	"""The top group account of each root type in the company's chart."""
	roots = frappe.get_all(
		"Account",
		filters={"company": company, "is_group": 1, "parent_account": ["is", "not set"]},
		fields=["name", "root_type"],
		order_by="lft",
	)
	found = {}
	for row in roots:
		found.setdefault(row.root_type, row.name)
	missing = {"Asset", "Liability", "Equity", "Income", "Expense"} - set(found)
	if missing:
		frappe.throw(
			_(
				"Company {0} has no root account for {1}. Finish the ERPNext setup wizard (chart of accounts) first."
			).format(company, ", ".join(sorted(missing))),
			AccountSetupError,
			title=_("Chart of accounts incomplete"),
		)
	return found


def create_cooperative_accounts(company: str) -> dict[str, str]:
	"""Create the layout under the company's chart; existing accounts are kept. Returns key -> account."""
	roots = root_accounts(company)
	created = {}
	for key, account_name, parent, is_group, account_type, _field in LAYOUT:
		parent_account = created.get(parent) or roots[parent]
		name = frappe.db.get_value("Account", {"company": company, "account_name": account_name}, "name")
		if not name:
			account = frappe.get_doc(
				{
					"doctype": "Account",
					"company": company,
					"account_name": account_name,
					"parent_account": parent_account,
					"is_group": is_group,
					"account_type": account_type,
					"account_currency": frappe.get_cached_value("Company", company, "default_currency"),
				}
			)
			# The caller's right to set up the cooperative was checked (setup_cooperative: whoever may
			# write Cooperative Settings); the accounts are made by the system on that decision.
			account.flags.ignore_permissions = True
			account.insert()
			name = account.name
		created[key] = name
	return created


def settings_accounts(created: dict[str, str]) -> dict[str, str]:
	return {field: created[key] for key, _n, _p, _g, _t, field in LAYOUT if field}
