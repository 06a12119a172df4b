// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Write Off", {
	setup(frm) {
		frm.set_query("member_loan", () => ({ filters: { docstatus: 1, status: "Aktif" } }));
	},
});
