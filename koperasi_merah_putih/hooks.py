app_name = "koperasi_merah_putih"
app_title = "Koperasi Merah Putih"
app_publisher = "Koperasi Merah Putih Developers"
app_description = "Sistem koperasi desa/kelurahan Merah Putih di atas ERPNext"
app_email = "dev@koperasimerahputih.id"
app_license = "GPL-3.0-or-later"
required_apps = ["frappe/erpnext"]

add_to_apps_screen = [
	{
		"name": "koperasi_merah_putih",
		"logo": "/assets/koperasi_merah_putih/images/logo.svg",
		"title": "Koperasi",
		"route": "/app/koperasi",
	}
]

app_include_js = ["koperasi_merah_putih.bundle.js"]

# The till: a member's Customer by member number or card (unit_usaha/selling.py find_member_customer).
doctype_js = {
	"Sales Invoice": ["public/js/unit_usaha/member_lookup.js", "public/js/unit_usaha/sales_invoice.js"],
	"POS Invoice": ["public/js/unit_usaha/member_lookup.js", "public/js/unit_usaha/sales_invoice.js"],
	# livestock: a birth from the species' Item, a weighing or a death from the animal's Serial No
	"Item": "public/js/unit_usaha/livestock.js",
	"Serial No": "public/js/unit_usaha/livestock.js",
}
page_js = {
	"point-of-sale": [
		"public/js/unit_usaha/member_lookup.js",
		"public/js/unit_usaha/point_of_sale.js",
		"public/js/unit_usaha/subsidised_pos.js",
	],
}

# Installation
after_install = "koperasi_merah_putih.install.after_install"
before_uninstall = "koperasi_merah_putih.install.before_uninstall"
after_migrate = "koperasi_merah_putih.install.after_migrate"

# Tests: bring the site to a state where the app's tests can run (setup wizard, cooperative).
before_tests = "koperasi_merah_putih.setup.test_site.before_tests"

# Jinja helpers for print formats (member card QR code, Rupiah, terbilang)
jinja = {
	"methods": [
		"koperasi_merah_putih.utils.printing.qr_code_data_uri",
		"koperasi_merah_putih.utils.printing.rupiah",
		"koperasi_merah_putih.utils.printing.terbilang",
		"koperasi_merah_putih.simpanan.statement.get_statement",
	]
}

# Permissions: a member (role Anggota) sees only their own records.
permission_query_conditions = {
	"Cooperative Member": "koperasi_merah_putih.keanggotaan.doctype.cooperative_member.cooperative_member.get_permission_query_conditions",
}
has_permission = {
	"Cooperative Member": "koperasi_merah_putih.keanggotaan.doctype.cooperative_member.cooperative_member.has_permission",
}

# Portal
role_home_page = {"Anggota": "anggota"}
standard_portal_menu_items = [
	{"title": "Keanggotaan Saya", "route": "/anggota", "role": "Anggota"},
]

# Hook point for features that must block a member's exit while obligations remain
# (savings, loans). Each entry is a dotted path to `fn(member, exit_date) -> list[str]`
# returning the obligations still open, as translated sentences; an empty list lets the exit go on.
kmp_member_exit_checks = [
	"koperasi_merah_putih.simpanan.exit.savings_exit_check",
	"koperasi_merah_putih.pinjaman.exit.loan_exit_check",
]
# What a leaving member still owes, offset in the Member Exit Settlement: `fn(member, date) -> list[dict]`
# with description, amount, account, party_type, party. Loans register here.
kmp_member_obligations = ["koperasi_merah_putih.pinjaman.exit.loan_obligations"]
# Features that act when a member becomes active: `fn(member)`.
kmp_on_member_activate = [
	"koperasi_merah_putih.simpanan.doctype.savings_account.savings_account.open_default_accounts"
]
# Demo data builders run by setup.demo.make_demo: `fn(company)`.
kmp_demo_builders = [
	"koperasi_merah_putih.setup.demo_savings.make_savings_demo",
	"koperasi_merah_putih.pinjaman.demo.make_loans_demo",
	"koperasi_merah_putih.unit_usaha.demo.make_units_demo",
]

# Accounting dimensions (business units) follow these vouchers into the GL.
accounting_dimension_doctypes = [
	"Savings Transaction",
	"Savings Collection",
	"Savings Interest Run",
	"Member Exit Settlement",
	"Member Loan",
	"Member Loan Repayment",
	"Loan Loss Provision",
	"Loan Interest Accrual",
	"Member Loan Write Off",
	"Member Loan Recovery",
	"Cooperative Borrowing",
	"Cooperative Borrowing Payment",
]

# Officers close a month with ERPNext's Accounting Period; these vouchers then refuse dates inside it.
period_closing_doctypes = [
	"Savings Transaction",
	"Savings Collection",
	"Savings Interest Run",
	"Member Exit Settlement",
	"Member Loan",
	"Member Loan Repayment",
	"Loan Loss Provision",
	"Loan Interest Accrual",
	"Member Loan Write Off",
	"Member Loan Recovery",
	"Cooperative Borrowing",
	"Cooperative Borrowing Payment",
]
# Every app document passes the boundary guard before `validate`: fields the server owns are put back
# (see utils/server_owned.py) and fractions of a rupiah are refused. Child tables are guarded by their parent.
guarded_doctypes = (
	"Cooperative Settings",
	"Cooperative Member",
	"Membership Application",
	"Savings Product",
	"Savings Account",
	"Savings Transaction",
	"Savings Billing Run",
	"Savings Collection",
	"Savings Interest Run",
	"Member Exit Settlement",
	"Member Loan Product",
	"Loan Purpose",
	"Member Loan Application",
	"Member Loan",
	"Member Loan Repayment",
	"Loan Loss Provision",
	"Loan Interest Accrual",
	"Business Unit Type",
	"Business Unit",
	"Livestock Weight",
	"Livestock Cost",
	"Pond Cycle",
	"Subsidised Item Quota",
	"Member Loan Collection",
	"Member Loan Restructure",
	"Member Loan Write Off",
	"Member Loan Recovery",
	"Cooperative Borrowing",
	"Cooperative Borrowing Payment",
	"Loan Disbursement Batch",
)
doc_events = {
	guarded_doctypes: {
		"before_validate": "koperasi_merah_putih.utils.server_owned.guard",
	},
	tuple(period_closing_doctypes): {
		"validate": "erpnext.accounts.doctype.accounting_period.accounting_period.validate_accounting_period_on_doc_save",
	},
	"Customer": {
		"validate": [
			"koperasi_merah_putih.keanggotaan.doctype.cooperative_member.cooperative_member.keep_customer_member_link",
			"koperasi_merah_putih.unit_usaha.selling.customer_price_list",
		],
	},
	# The sembako shop on ERPNext's selling documents (unit_usaha/selling.py): unit, member/non-member
	# income, price lists, member credit, quantities.
	("Sales Invoice", "POS Invoice", "Sales Order", "Delivery Note"): {
		"before_validate": "koperasi_merah_putih.unit_usaha.selling.before_validate_sale",
	},
	("Sales Invoice", "POS Invoice"): {
		"validate": "koperasi_merah_putih.unit_usaha.selling.validate_invoice",
		"before_submit": "koperasi_merah_putih.unit_usaha.selling.before_submit_invoice",
	},
	("Purchase Invoice", "Purchase Receipt", "Stock Entry"): {
		"before_validate": "koperasi_merah_putih.unit_usaha.selling.before_validate_stock",
	},
	# subsidised goods: the quota of a household or member (unit_usaha/quotas.py)
	("POS Invoice", "Sales Invoice"): {
		"validate": "koperasi_merah_putih.unit_usaha.quotas.validate",
		"before_submit": "koperasi_merah_putih.unit_usaha.quotas.before_submit",
		"on_cancel": "koperasi_merah_putih.unit_usaha.quotas.on_cancel",
	},
	# pharmacy and livestock: no expired medicine batch, no animal that is not in stock is sold
	("Delivery Note", "POS Invoice", "Sales Invoice"): {
		"before_validate": [
			"koperasi_merah_putih.unit_usaha.pharmacy.refuse_expired_batches",
			"koperasi_merah_putih.unit_usaha.livestock.refuse_animals_not_in_stock",
		],
	},
}

scheduler_events = {
	"daily": [
		"koperasi_merah_putih.simpanan.doctype.savings_billing_run.savings_billing_run.run_monthly_billing",
		"koperasi_merah_putih.simpanan.doctype.savings_interest_run.savings_interest_run.run_monthly_interest",
		"koperasi_merah_putih.pinjaman.loan_quality.run_daily",
		"koperasi_merah_putih.pinjaman.doctype.loan_loss_provision.loan_loss_provision.post_monthly_provision",
		"koperasi_merah_putih.pinjaman.doctype.loan_interest_accrual.loan_interest_accrual.run_monthly_accrual",
	],
}

fixtures = [
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				["Diajukan", "Diverifikasi", "Disetujui", "Ditolak", "Disiapkan", "Persetujuan Kedua"],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", ["Verifikasi", "Setujui", "Tolak", "Ajukan"]]],
	},
	{
		"dt": "Workflow",
		"filters": [["name", "in", ["Persetujuan Pendaftaran Anggota", "Persetujuan Pinjaman Anggota"]]],
	},
]

# Personal data (UU 27/2022): what Frappe's Personal Data Download Request hands a person and its Personal
# Data Deletion Request redacts (frappe/website/doctype/personal_data_*_request). A member's record is found
# by their portal account ("user"), an application by its email. Deletion overwrites `redact_fields` by
# field type ("[REDACTED]", 1111-01-01 for dates); `partial` also replaces the person's name and email in the
# record's other text fields. A System Manager approves each deletion and weighs it against keeping the
# statutory member register (Buku Daftar Anggota) of a current member.
_personal_fields = [
	"nik",
	"no_kk",
	"place_of_birth",
	"date_of_birth",
	"address",
	"rt",
	"rw",
	"desa_kelurahan",
	"kecamatan",
	"kabupaten_kota",
	"provinsi",
	"phone",
	"email",
]
user_data_fields = [
	{
		"doctype": "Cooperative Member",
		"filter_by": "user",
		"redact_fields": _personal_fields,
		"partial": True,
	},
	{
		"doctype": "Membership Application",
		"filter_by": "email",
		"redact_fields": _personal_fields,
		"partial": True,
	},
]
