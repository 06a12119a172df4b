# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Buku Daftar Anggota: the statutory member register (UU 25/1992), one row per member, in order of joining."""

import frappe
from frappe import _
from frappe.query_builder.functions import Concat_ws

EXIT_STATUSES = ("Keluar", "Meninggal", "Diberhentikan")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	columns = get_columns()
	data = get_data(filters)
	summary = get_summary(data)
	return columns, data, None, None, summary


def get_columns() -> list[dict]:
	return [
		{"label": _("No."), "fieldname": "idx", "fieldtype": "Int", "width": 60},
		{
			"label": _("Member Number"),
			"fieldname": "member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"width": 150,
		},
		{"label": _("Full Name"), "fieldname": "full_name", "fieldtype": "Data", "width": 200},
		{"label": _("Address"), "fieldname": "full_address", "fieldtype": "Data", "width": 300},
		{"label": _("Occupation"), "fieldname": "occupation", "fieldtype": "Data", "width": 130},
		{"label": _("Join Date"), "fieldname": "join_date", "fieldtype": "Date", "width": 110},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 110},
		{"label": _("Exit Date"), "fieldname": "exit_date", "fieldtype": "Date", "width": 110},
		{"label": _("Exit Reason"), "fieldname": "exit_reason", "fieldtype": "Data", "width": 200},
	]


def get_data(filters) -> list[dict]:
	member = frappe.qb.DocType("Cooperative Member")
	query = (
		frappe.qb.from_(member)
		.select(
			member.name.as_("member"),
			member.full_name,
			Concat_ws(
				", ",
				member.address,
				Concat_ws("/", member.rt, member.rw),
				member.desa_kelurahan,
				member.kecamatan,
				member.kabupaten_kota,
			).as_("full_address"),
			member.occupation,
			member.join_date,
			member.status,
			member.exit_date,
			member.exit_reason,
		)
		.orderby(member.join_date)
		.orderby(member.name)
	)
	if filters.company:
		query = query.where(member.company == filters.company)
	if filters.status == "Aktif":
		query = query.where(member.status == "Aktif")
	elif filters.status == "Keluar":
		query = query.where(member.status.isin(EXIT_STATUSES))
	if filters.from_date:
		query = query.where(member.join_date >= filters.from_date)
	if filters.to_date:
		query = query.where(member.join_date <= filters.to_date)
	if filters.desa_kelurahan:
		query = query.where(member.desa_kelurahan == filters.desa_kelurahan)

	rows = query.run(as_dict=True)
	for idx, row in enumerate(rows, start=1):
		row.idx = idx
		row.status = _(row.status)
	return rows


def get_summary(data) -> list[dict]:
	exited = sum(1 for row in data if row.exit_date)
	return [
		{"value": len(data), "label": _("Members in register"), "datatype": "Int", "indicator": "Blue"},
		{"value": len(data) - exited, "label": _("Current members"), "datatype": "Int", "indicator": "Green"},
		{"value": exited, "label": _("Left the cooperative"), "datatype": "Int", "indicator": "Red"},
	]
