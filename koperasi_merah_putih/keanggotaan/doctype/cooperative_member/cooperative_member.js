// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Cooperative Member", {
	refresh(frm) {
		if (frm.is_new()) return;
		const officer = frappe.user.has_role(["Ketua", "Sekretaris", "System Manager"]);
		if (officer && frm.doc.status === "Calon") {
			frm.add_custom_button(__("Activate"), () => {
				frappe.confirm(
					__(
						"Activate {0}? A Customer (and a portal user if an email is set) will be created.",
						[frm.doc.full_name]
					),
					() => frm.call("activate").then(() => frm.reload_doc())
				);
			});
		}
		if (officer && ["Calon", "Aktif"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Record Exit"), () => record_exit(frm));
		}
		frm.set_intro(
			frm.doc.status === "Aktif" ? "" : __("Status: {0}", [__(frm.doc.status)]),
			frm.doc.status === "Calon" ? "orange" : "red"
		);
	},
});

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
