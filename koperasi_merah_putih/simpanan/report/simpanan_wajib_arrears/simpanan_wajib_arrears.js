// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Simpanan Wajib Arrears"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "product",
			label: __("Savings Product"),
			fieldtype: "Link",
			options: "Savings Product",
			get_query() {
				const company = frappe.query_report.get_filter_value("company");
				return { filters: { savings_type: "Wajib", ...(company ? { company } : {}) } };
			},
		},
		{
			fieldname: "from_period",
			label: __("From Period"),
			fieldtype: "Data",
			description: __("YYYY-MM"),
		},
		{
			fieldname: "to_period",
			label: __("To Period"),
			fieldtype: "Data",
			description: __("YYYY-MM"),
			// bills of later months are not due yet
			default: frappe.datetime.get_today().slice(0, 7),
		},
		{
			fieldname: "member",
			label: __("Member"),
			fieldtype: "Link",
			options: "Cooperative Member",
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Member", label: __("Member") },
				{ value: "Period", label: __("Period") },
			],
			default: "Member",
		},
	],
};
