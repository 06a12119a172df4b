// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Business Unit", {
	unit_type(frm) {
		if (frm.is_new() && frm.doc.unit_type) {
			frappe.db.get_value("Business Unit Type", frm.doc.unit_type, "is_selling").then((r) => {
				frm.set_value("is_selling", (r.message && r.message.is_selling) || 0);
			});
		}
	},
	refresh(frm) {
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Set Up Unit"), () => {
				frm.call("set_up_unit").then(() => frm.reload_doc());
			});
		}
	},
});
