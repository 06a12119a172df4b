// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt
// Sales Invoice / POS Invoice (doctype_js, after member_lookup.js): a button picks a member's Customer.

["Sales Invoice", "POS Invoice"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.doc.docstatus !== 0) return;
			frm.add_custom_button(__("Member by Number or Card"), () => {
				koperasi_merah_putih.selling.ask_member((found) => {
					frm.set_value("customer", found.customer);
				});
			});
		},
	});
});
