// Koperasi Merah Putih: desk helpers shared by the app's forms.
frappe.provide("kmp");

kmp.format_rupiah = function (value) {
	return format_currency(value || 0, "IDR", 0);
};
