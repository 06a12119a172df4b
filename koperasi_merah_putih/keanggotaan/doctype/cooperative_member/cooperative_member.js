// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Cooperative Member", {
	refresh(frm) {
		if (frm.is_new()) return;
		// Computed on the server by the same checks activate() and record_exit() make (see onload()).
		const flags = frm.doc.__onload || {};
		if (flags.can_activate) {
			frm.add_custom_button(__("Activate"), () => activate(frm, flags.email_has_user));
		}
		if (flags.can_record_exit) {
			frm.add_custom_button(__("Record Exit"), () => record_exit(frm));
		}
		frm.set_intro(
			frm.doc.status === "Aktif" ? "" : __("Status: {0}", [__(frm.doc.status)]),
			frm.doc.status === "Calon" ? "orange" : "red"
		);
	},
});

function activate(frm, email_has_user) {
	const done = () => frm.reload_doc();
	if (!email_has_user) {
		frappe.confirm(
			__(
				"Activate {0}? A Customer (and a portal user if an email is set) will be created.",
				[frm.doc.full_name]
			),
			() => frm.call("activate").then(done)
		);
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("Activate"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p>${__(
					"A user account with the email {0} already exists. Link it only after checking with the person that it is theirs; otherwise change the email first.",
					[frappe.utils.escape_html(frm.doc.email)]
				)}</p>`,
			},
			{
				fieldname: "link_existing_user",
				fieldtype: "Check",
				label: __("Link to the existing user account with this email"),
			},
		],
		primary_action_label: __("Activate"),
		primary_action(values) {
			frm.call("activate", { link_existing_user: values.link_existing_user ? 1 : 0 }).then(
				() => {
					dialog.hide();
					done();
				}
			);
		},
	});
	dialog.show();
}

function record_exit(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Record Exit"),
		fields: [
			{
				fieldname: "exit_status",
				fieldtype: "Select",
				label: __("Reason of Exit"),
				options: ["Keluar", "Meninggal", "Diberhentikan"],
				default: "Keluar",
				reqd: 1,
			},
			{
				fieldname: "exit_date",
				fieldtype: "Date",
				label: __("Exit Date"),
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
			{
				fieldname: "exit_reason",
				fieldtype: "Small Text",
				label: __("Exit Reason"),
				reqd: 1,
			},
		],
		primary_action_label: __("Record Exit"),
		primary_action(values) {
			frm.call("record_exit", values).then(() => {
				dialog.hide();
				frm.reload_doc();
			});
		},
	});
	dialog.show();
}
