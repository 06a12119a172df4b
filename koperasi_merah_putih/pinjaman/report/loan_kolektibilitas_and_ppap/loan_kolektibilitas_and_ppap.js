// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Loan Kolektibilitas and PPAP"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
		},
		{
			fieldname: "loan_product",
			label: __("Loan Product"),
			fieldtype: "Link",
			options: "Member Loan Product",
		},
		{
			fieldname: "kolektibilitas",
			label: __("Kolektibilitas"),
			fieldtype: "Select",
			options: ["", "Lancar", "Dalam Perhatian Khusus", "Kurang Lancar", "Diragukan", "Macet"],
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.is_class_total) {
			value = `<b>${value}</b>`;
		} else if (data && data.days_past_due && column.fieldname === "days_past_due") {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
