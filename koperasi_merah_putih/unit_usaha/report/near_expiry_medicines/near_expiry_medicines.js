// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.query_reports["Near-Expiry Medicines"] = {
	filters: [
		{
			fieldname: "business_unit",
			label: __("Business Unit"),
			fieldtype: "Link",
			options: "Business Unit",
			reqd: 1,
		},
		{
			fieldname: "as_of_date",
			label: __("As of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{ fieldname: "days", label: __("Expiring within (days)"), fieldtype: "Int", default: 90 },
		{ fieldname: "include_expired", label: __("Include expired"), fieldtype: "Check", default: 1 },
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.expired && column.fieldname === "days_left") {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
