// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Membership Application", {
	refresh(frm) {
		if (frm.doc.member) {
			frm.add_custom_button(__("Open Member"), () =>
				frappe.set_route("Form", "Cooperative Member", frm.doc.member)
			);
		}
	},
});
