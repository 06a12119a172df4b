# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from koperasi_merah_putih.keanggotaan.report.buku_daftar_anggota.buku_daftar_anggota import execute
from koperasi_merah_putih.tests.utils import make_member


class TestBukuDaftarAnggota(FrappeTestCase):
	def test_register_lists_members_in_joining_order_with_exits(self):
		early = make_member(join_date=add_days(today(), -400), full_name="Asep Sunandar")
		late = make_member(join_date=add_days(today(), -10), full_name="Neneng Rohaeti", gender="Perempuan")
		early.activate()
		late.activate()
		late.record_exit("Keluar", today(), "Pindah ke Garut")
		columns, data, _msg, _chart, summary = execute(
			{
				"company": early.company,
				"from_date": add_days(today(), -400),
				"to_date": add_days(today(), -10),
			}
		)
		names = [row.member for row in data]
		self.assertLess(names.index(early.name), names.index(late.name))
		row = next(r for r in data if r.member == late.name)
		self.assertEqual((str(row.exit_date), row.exit_reason), (today(), "Pindah ke Garut"))
		self.assertIn("Sukamaju", row.full_address)
		self.assertIn("001/002", row.full_address)
		self.assertEqual([r.idx for r in data], list(range(1, len(data) + 1)))
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"idx",
				"member",
				"full_name",
				"full_address",
				"occupation",
				"join_date",
				"status",
				"exit_date",
				"exit_reason",
			],
		)
		by_label = {s["label"]: s["value"] for s in summary}
		self.assertEqual(by_label["Members in register"], len(data))
		self.assertEqual(by_label["Left the cooperative"], sum(1 for r in data if r.exit_date))

		_c, current, *_rest = execute({"company": early.company, "status": "Aktif"})
		self.assertNotIn(late.name, [r.member for r in current])
		self.assertIn(early.name, [r.member for r in current])
