"""A demo ward cooperative: ~200 members with valid NIKs, applications in every workflow state, a few exits,
and one user per officer role. Run by the set-up command:
	bench --site SITE execute koperasi_merah_putih.setup.demo.make_demo
Later features add their parts (savings, loans, ...) through the `kmp_demo_builders` hook.
"""

import random
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.exceptions import SettingsError
from koperasi_merah_putih.setup.cooperative import INDONESIAN, setup_cooperative, use_indonesian
from koperasi_merah_putih.setup.test_site import complete_erpnext_setup, make_savings_products
from koperasi_merah_putih.utils.server_owned import allow_server_write

DEMO_COMPANY = "Koperasi Kelurahan Merah Putih Sukamaju"
DEMO_ABBR = "KMPS"
DEMO_PASSWORD = "koperasi123"
OFFICERS = {
	"Ketua": ("ketua@sukamaju.koperasi.id", "Hendra Gunawan"),
	"Sekretaris": ("sekretaris@sukamaju.koperasi.id", "Siti Rahmawati"),
	"Bendahara": ("bendahara@sukamaju.koperasi.id", "Agus Setiawan"),
	"Pengawas": ("pengawas@sukamaju.koperasi.id", "Dewi Lestari"),
	"Kasir": ("kasir@sukamaju.koperasi.id", "Rina Marlina"),
}
MALE = (
	"Ahmad Budi Cahyo Dedi Eko Fajar Gilang Hadi Irwan Joko Kurniawan Lukman Muhammad Nur Oki Prasetyo "
	"Rudi Slamet Teguh Ujang Wahyu Yusuf Zainal Asep Bambang Dadang Endang Iwan Ridwan Ade Aris"
).split()
FEMALE = (
	"Ani Ayu Citra Dewi Endah Fitri Gita Hesti Indah Juwita Kartini Lia Maya Nia Oktaviani Putri Ratna "
	"Sri Tuti Umi Wulan Yanti Yuli Euis Neneng Imas Cucu Popon Aisyah Nurul"
).split()
SURNAMES = (
	"Saputra Hidayat Wijaya Santoso Nugraha Kusuma Permana Rahman Siregar Nasution Hasibuan Sihombing "
	"Pratama Setiadi Suhendar Sulaeman Mulyana Supriatna Sutisna Hermawan Purnama Firmansyah Ramdani "
	"Maulana Sopian Kartika Handayani Susanti Lestari Wulandari Rahayu Anggraini"
).split()
OCCUPATIONS = (
	"Petani",
	"Pedagang",
	"Buruh Harian Lepas",
	"Ibu Rumah Tangga",
	"Wiraswasta",
	"Peternak",
	"Guru",
	"Karyawan Swasta",
	"Nelayan",
	"Pengemudi Ojek",
)
KELURAHAN = "Sukamaju"
KECAMATAN = "Cibeunying Kaler"
KOTA = "Kota Bandung"
PROVINSI = "Jawa Barat"
NIK_AREA = "327307"  # Jawa Barat (32), Kota Bandung (73), a district code (07)


def make_demo(members: int = 200, seed: int = 2025) -> dict:
	"""Build the demo cooperative on this site (safe to re-run: it stops if the demo exists)."""
	if frappe.db.exists("Cooperative Member", {"company": DEMO_COMPANY}):
		print("Demo cooperative already present; nothing to do.")
		return {"created": 0}

	if not frappe.db.exists("Company", DEMO_COMPANY):
		if frappe.db.a_row_exists("Company"):
			frappe.throw(
				_(
					"This site already has another company. Make the demo cooperative {0} on a fresh site."
				).format(DEMO_COMPANY),
				SettingsError,
				title=_("Demo cooperative"),
			)
		# The wizard takes a Language's language_name ("Indonesia" for the record "id"), not its code.
		complete_erpnext_setup(
			DEMO_COMPANY, DEMO_ABBR, language=frappe.db.get_value("Language", INDONESIAN, "language_name")
		)
		use_indonesian()

	settings = frappe.get_single("Cooperative Settings")
	settings.update(
		{
			"company": DEMO_COMPANY,
			"cooperative_name": DEMO_COMPANY,
			"cooperative_code": DEMO_ABBR,
			"cooperative_type": "Koperasi Kelurahan Merah Putih",
			"legal_entity_number": "AHU-0012345.AH.01.29.TAHUN 2025",
			"legal_entity_date": "2025-07-21",
			"npwp": "12.345.678.9-421.000",
			"nib": "1234567890123",
			"address": "Jl. Merah Putih No. 17",
			"desa_kelurahan": KELURAHAN,
			"kecamatan": KECAMATAN,
			"kabupaten_kota": KOTA,
			"provinsi": PROVINSI,
		}
	)
	settings.save()
	setup_cooperative(DEMO_COMPANY)
	make_savings_products(DEMO_COMPANY)
	make_officers()

	rng = random.Random(seed)
	people = [make_person(rng, i) for i in range(members + 20)]
	count = 0
	start = getdate(today()) - timedelta(days=540)
	for i, person in enumerate(people[:members]):
		join_date = add_days(start, int(i * 500 / members))
		if i < members - 15:
			member = frappe.get_doc(
				{"doctype": "Cooperative Member", **person, "join_date": join_date, "status": "Aktif"}
			)
			# Members from the paper register, already active: status is the server's (utils.server_owned).
			allow_server_write(member, "status")
			member.insert()
		count += 1

	# The newest fifteen joined through the online form and the approval workflow.
	for person in people[members - 15 : members]:
		application = new_application(person)
		apply_workflow(application, "Verifikasi")
		application.reload()
		apply_workflow(application, "Setujui")

	# Applications still waiting, and one rejected.
	for person in people[members : members + 4]:
		new_application(person)
	for person in people[members + 4 : members + 7]:
		apply_workflow(new_application(person), "Verifikasi")
	rejected = new_application(people[members + 7])
	rejected.rejection_reason = "Berdomisili di luar wilayah kerja koperasi"
	rejected.save()
	apply_workflow(rejected, "Tolak")

	for method in frappe.get_hooks("kmp_demo_builders"):
		frappe.get_attr(method)(DEMO_COMPANY)

	# A few members left, their savings refunded by an exit settlement.
	exits = [
		("Keluar", "Pindah domisili ke luar kota"),
		("Meninggal", "Meninggal dunia"),
		("Keluar", "Mengundurkan diri"),
	]
	cash = frappe.db.get_value(
		"Account", {"company": DEMO_COMPANY, "account_type": "Cash", "is_group": 0}, "name"
	)
	for (status, reason), name in zip(
		exits, frappe.get_all("Cooperative Member", pluck="name", order_by="name", limit=3)
	):
		frappe.get_doc(
			{
				"doctype": "Member Exit Settlement",
				"member": name,
				"exit_status": status,
				"exit_reason": reason,
				"cash_account": cash,
			}
		).insert().submit()

	frappe.db.commit()  # a bench-execute batch job, not a request
	print(f"Demo cooperative {DEMO_COMPANY}: {count} members.")
	return {"created": count}


def make_person(rng: random.Random, i: int) -> dict:
	female = rng.random() < 0.5
	first = rng.choice(FEMALE if female else MALE)
	name = f"{first} {rng.choice(SURNAMES)}"
	birth = date(1960, 1, 1) + timedelta(days=rng.randint(0, 365 * 45))
	day = birth.day + (40 if female else 0)
	nik = f"{NIK_AREA}{day:02d}{birth.month:02d}{birth.year % 100:02d}{i + 1:04d}"
	kk = f"{NIK_AREA}{rng.randint(10, 28):02d}{rng.randint(1, 12):02d}{rng.randint(5, 24):02d}{rng.randint(1, 9999):04d}"
	person = {
		"full_name": name,
		"nik": nik,
		"no_kk": kk,
		"place_of_birth": rng.choice(["Bandung", "Garut", "Tasikmalaya", "Cianjur", "Sumedang"]),
		"date_of_birth": birth,
		"gender": "Perempuan" if female else "Laki-laki",
		"occupation": rng.choice(OCCUPATIONS),
		"address": f"Jl. Sukamaju Gg. {rng.randint(1, 12)} No. {rng.randint(1, 120)}",
		"rt": f"{rng.randint(1, 9):03d}",
		"rw": f"{rng.randint(1, 6):03d}",
		"desa_kelurahan": KELURAHAN,
		"kecamatan": KECAMATAN,
		"kabupaten_kota": KOTA,
		"provinsi": PROVINSI,
		"phone": f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
		"heirs": [
			{
				"heir_name": f"{rng.choice(MALE + FEMALE)} {name.split()[-1]}",
				"relationship": rng.choice(["Suami" if female else "Istri", "Anak"]),
				"share_percent": 100,
			}
		],
	}
	if i % 20 == 0:
		person["email"] = f"anggota{i + 1:03d}@sukamaju.koperasi.id"
	return person


def new_application(person: dict):
	return frappe.get_doc(
		{"doctype": "Membership Application", **person, "company": DEMO_COMPANY, "agree_to_statutes": 1}
	).insert()


def make_officers() -> None:
	for role, (email, full_name) in OFFICERS.items():
		if frappe.db.exists("User", email):
			continue
		first, _sep, last = full_name.partition(" ")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
				"language": "id",
				# ERPNext's Accounts User and Stock User: the till and the units sell, receive and issue
				# batch and serial-numbered goods (medicines, ear-tagged animals), which ERPNext records in
				# Serial and Batch Bundles only Stock/Purchase/Delivery users may create.
				"roles": [
					{"role": r}
					for r in (role, "Accounts User", "Stock User")
					if r == role or role in ("Bendahara", "Kasir")
				],
			}
		)
		user.insert()
