// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Loan Collection List"] = {
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
			fieldname: "as_of_date",
			label: __("Due up to"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "rw", label: __("RW"), fieldtype: "Data" },
		{
			fieldname: "loan_product",
			label: __("Loan Product"),
			fieldtype: "Link",
			options: "Member Loan Product",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.is_subtotal) {
			value = `<b>${value}</b>`;
		} else if (data && data.days_overdue && column.fieldname === "days_overdue") {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
