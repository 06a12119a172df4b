// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Cooperative Borrowing", {
	setup(frm) {
		kmp.set_cash_account_query(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.status === "Aktif") {
			frm.add_custom_button(__("Cooperative Borrowing Payment"), () =>
				frappe.new_doc("Cooperative Borrowing Payment", { cooperative_borrowing: frm.doc.name })
			);
		}
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
});
