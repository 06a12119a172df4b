// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Cooperative Borrowing Payment", {
	setup(frm) {
		frm.set_query("cooperative_borrowing", () => ({ filters: { docstatus: 1, status: "Aktif" } }));
		kmp.set_cash_account_query(frm);
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
});
