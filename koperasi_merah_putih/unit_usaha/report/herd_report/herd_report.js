// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Herd Report"] = {
	filters: [
		{
			fieldname: "business_unit",
			label: __("Business Unit"),
			fieldtype: "Link",
			options: "Business Unit",
			reqd: 1,
		},
		{ fieldname: "show_animals", label: __("Show each animal"), fieldtype: "Check", default: 0 },
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.is_total ? `<b>${value}</b>` : value;
	},
};
