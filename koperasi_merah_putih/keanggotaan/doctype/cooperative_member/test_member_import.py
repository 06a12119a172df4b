# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Members from the paper register come in through ERPNext's Data Import, with row-level errors."""

import csv
import io
import json
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from koperasi_merah_putih.tests.utils import make_nik


class TestMemberImport(FrappeTestCase):
	def test_import_reports_the_bad_row_and_keeps_the_good_ones(self):
		good_nik = make_nik(date(1979, 8, 17))
		bad_nik = "3204101708790"  # 13 digits
		female_nik = make_nik(date(1990, 2, 5), female=True)
		rows = [
			[
				"Full Name",
				"NIK",
				"Date of Birth",
				"Gender",
				"Address (Street/Hamlet)",
				"Desa/Kelurahan",
				"Join Date",
				"Status",
			],
			[
				"Dadang Suherman",
				good_nik,
				"1979-08-17",
				"Laki-laki",
				"Kp. Cikadu",
				"Sukamaju",
				"2024-02-01",
				"Aktif",
			],
			[
				"Ujang Rohman",
				bad_nik,
				"1979-08-17",
				"Laki-laki",
				"Kp. Cikadu",
				"Sukamaju",
				"2024-02-01",
				"Aktif",
			],
			[
				"Imas Masitoh",
				female_nik,
				"1990-02-05",
				"Perempuan",
				"Kp. Babakan",
				"Sukamaju",
				"2024-03-01",
				"Aktif",
			],
		]
		buffer = io.StringIO()
		csv.writer(buffer).writerows(rows)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"anggota-{frappe.generate_hash(length=6)}.csv",
				"content": buffer.getvalue(),
				"is_private": 1,
			}
		).insert()
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Cooperative Member",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()  # the importer commits and rolls back per row
		data_import.start_import()
		data_import.reload()

		self.assertEqual(data_import.status, "Partial Success")
		imported = frappe.get_all(
			"Cooperative Member",
			filters={"nik": ["in", [good_nik, female_nik]]},
			fields=["status", "customer"],
		)
		self.assertEqual(len(imported), 2)
		self.assertTrue(all(m.status == "Aktif" and m.customer for m in imported))
		self.assertFalse(frappe.db.exists("Cooperative Member", {"nik": bad_nik}))

		failures = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["row_indexes", "messages"],
		)
		self.assertEqual(len(failures), 1)
		self.assertEqual(json.loads(failures[0].row_indexes), [3])
		messages = json.loads(failures[0].messages)
		message = " ".join((m if isinstance(m, dict) else json.loads(m)).get("message", "") for m in messages)
		self.assertIn("NIK", message)
		self.assertIn("16", message)  # the rule, in the site's language (English or Indonesian)
