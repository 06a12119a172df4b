// Koperasi Merah Putih: desk helpers shared by the app's forms.
frappe.provide("kmp");

kmp.format_rupiah = function (value) {
	return format_currency(value || 0, "IDR", 0);
};

// Cash/Bank Account fields: only the company's cash and bank ledgers.
kmp.set_cash_account_query = function (frm, fieldname = "cash_account") {
	frm.set_query(fieldname, () => ({
		filters: { company: frm.doc.company, account_type: ["in", ["Cash", "Bank"]], is_group: 0 },
	}));
};

// Fill the Cash/Bank Account from the Mode of Payment's default account for the company.
kmp.cash_account_from_mode_of_payment = function (frm, fieldname = "cash_account") {
	if (!frm.doc.mode_of_payment || !frm.doc.company) return;
	frappe
		.call({
			method: "erpnext.accounts.doctype.sales_invoice.sales_invoice.get_bank_cash_account",
			args: { mode_of_payment: frm.doc.mode_of_payment, company: frm.doc.company },
		})
		.then((r) => r.message && frm.set_value(fieldname, r.message.account));
};

// Rupiah in Indonesian shorthand on number cards and chart axes: rb (ribu), jt (juta), M (miliar),
// T (triliun). Frappe shortens numbers by the site's country (System Settings): number cards call
// frappe.utils.shorten_number, charts frappe.utils.format_chart_axis_number, and both take the
// symbols from frappe.utils.get_number_system. Its default system writes M for million and B for
// billion, so 259 juta showed as "Rp 259,53 M", which an Indonesian reads as 259 miliar.
kmp.INDONESIAN_NUMBER_SYSTEM = [
	{ divisor: 1.0e12, symbol: "T" }, // triliun
	{ divisor: 1.0e9, symbol: "M" }, // miliar
	{ divisor: 1.0e6, symbol: "jt" }, // juta
	{ divisor: 1.0e3, symbol: "rb" }, // ribu
];

kmp.uses_indonesian_numbers = (country) => country === "Indonesia";

(function override_number_shorthand(utils) {
	const frappe_get_number_system = utils.get_number_system;

	utils.get_number_system = function (country) {
		if (kmp.uses_indonesian_numbers(country)) return kmp.INDONESIAN_NUMBER_SYSTEM;
		return frappe_get_number_system.call(utils, country);
	};

	// Number cards put the shortened number ("259.53 jt") through the site's number format and show
	// "Rp 259,53 jt"; chart axes print it as it comes ("1.5 jt"), and in Indonesian the point groups
	// thousands: give the axis the site's decimal separator ("1,5 jt").
	utils.format_chart_axis_number = function (label, country) {
		country = country || frappe.sys_defaults.country;
		const shortened = utils.shorten_number(label, country, 3);
		if (!kmp.uses_indonesian_numbers(country)) return shortened;
		const [number, symbol] = String(shortened).split(" ");
		return window.convert_old_to_new_number_format(number) + (symbol ? " " + symbol : "");
	};
})(frappe.utils);
