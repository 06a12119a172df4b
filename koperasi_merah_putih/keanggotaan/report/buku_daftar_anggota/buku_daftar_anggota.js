// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Buku Daftar Anggota"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Aktif", "Keluar"],
		},
		{ fieldname: "from_date", label: __("Joined From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Joined To"), fieldtype: "Date" },
		{ fieldname: "desa_kelurahan", label: __("Desa/Kelurahan"), fieldtype: "Data" },
	],
};
