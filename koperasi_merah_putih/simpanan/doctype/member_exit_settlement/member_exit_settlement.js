// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Exit Settlement", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { status: ["in", ["Aktif", "Calon"]] } }));
		frm.set_query("cash_account", () => ({
			filters: { company: frm.doc.company, account_type: ["in", ["Cash", "Bank"]], is_group: 0 },
		}));
	},
	member(frm) {
		if (frm.doc.member && !frm.is_new()) frm.save();
	},
});
