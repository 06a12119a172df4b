// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Recovery", {
	setup(frm) {
		frm.set_query("member_loan", () => ({ filters: { docstatus: 1, status: "Dihapusbukukan" } }));
		kmp.set_cash_account_query(frm);
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
});
