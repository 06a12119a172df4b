// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Membership Application", {
	refresh(frm) {
		if (frm.doc.member) {
			frm.add_custom_button(__("Open Member"), () =>
				frappe.set_route("Form", "Cooperative Member", frm.doc.member)
			);
		}
		// Set on the server for officers only (see onload()).
		if ((frm.doc.__onload || {}).email_has_user && !frm.doc.link_existing_user) {
			frm.set_intro(
				__(
					"A user account with this email already exists. Approval is refused unless you tick {0} after checking with the applicant, or change the email.",
					[__("Link to the existing user account with this email")]
				),
				"orange"
			);
		}
	},
});
