// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt
// The till (Sales Invoice, POS Invoice, Point of Sale): pick a member's Customer by member number or the member card's
// QR code. A hand scanner types the number and Enter into the dialog; the server checks the member.

frappe.provide("koperasi_merah_putih.selling");

koperasi_merah_putih.selling.ask_member = function (on_found) {
	const dialog = new frappe.ui.Dialog({
		title: __("Member by Number or Card"),
		fields: [
			{
				fieldname: "code",
				fieldtype: "Data",
				label: __("Member Number or Card QR Code"),
				reqd: 1,
				description: __("Type the member number, or scan the QR code on the member card."),
			},
		],
		primary_action_label: __("Select"),
		primary_action(values) {
			frappe
				.call({
					method: "koperasi_merah_putih.unit_usaha.selling.find_member_customer",
					args: { code: values.code },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					on_found(r.message);
				});
		},
	});
	if (frappe.ui.Scanner && frappe.is_mobile()) {
		dialog.set_secondary_action_label(__("Scan"));
		dialog.set_secondary_action(() => {
			new frappe.ui.Scanner({
				dialog: true,
				multiple: false,
				on_scan(data) {
					dialog.set_value("code", data.decodedText);
					dialog.get_primary_btn().trigger("click");
				},
			});
		});
	}
	dialog.show();
};
