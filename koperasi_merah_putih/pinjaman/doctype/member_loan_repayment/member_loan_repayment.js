// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Repayment", {
	setup(frm) {
		frm.set_query("member_loan", () => ({ filters: { docstatus: 1, status: "Aktif" } }));
		frm.set_query("cash_account", () => ({
			filters: {
				company: frm.doc.company,
				is_group: 0,
				account_type: ["in", ["Cash", "Bank"]],
			},
		}));
	},
});
