// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Savings Reconciliation"] = {
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
			label: __("As of Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "show_members", label: __("Show Members"), fieldtype: "Check" },
		{
			fieldname: "show_all",
			label: __("Include Matched Members"),
			fieldtype: "Check",
			depends_on: "eval:doc.show_members",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.mismatch && ["difference", "flag"].includes(column.fieldname)) {
			value = `<span style="color: var(--red-500); font-weight: bold">${value}</span>`;
		} else if (data && column.fieldname === "flag") {
			value = `<span style="color: var(--green-600)">${value}</span>`;
		}
		return value;
	},
};
