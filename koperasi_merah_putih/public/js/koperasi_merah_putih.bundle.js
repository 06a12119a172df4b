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
