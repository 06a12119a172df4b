// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Exit Settlement", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { status: ["in", ["Aktif", "Calon"]] } }));
		kmp.set_cash_account_query(frm);
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.set_intro(
				__(
					"Saving fills in the member's savings balances and what they still owe; submitting refunds them and records the exit."
				),
				"blue"
			);
		}
	},
});
