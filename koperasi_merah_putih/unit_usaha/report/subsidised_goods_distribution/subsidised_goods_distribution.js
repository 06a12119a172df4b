// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Subsidised Goods Distribution"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_end(),
			reqd: 1,
		},
		{
			fieldname: "item",
			label: __("Subsidised Item"),
			fieldtype: "Link",
			options: "Subsidised Item Quota",
		},
		{
			fieldname: "no_kk",
			label: __("Nomor KK"),
			fieldtype: "Data",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "remaining" && data.remaining === 0) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
