// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt
// Livestock units (unit_usaha/livestock.py): a birth from the species' Item, a weighing and a death from
// the animal's Serial No (its ear tag).

const kmp_records_livestock = () => frappe.user.has_role(["Ketua", "Bendahara", "System Manager"]);

frappe.ui.form.on("Item", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.has_serial_no || !kmp_records_livestock()) return;
		frm.add_custom_button(
			__("Record Birth"),
			() => {
				frappe.prompt(
					[
						{
							fieldname: "business_unit",
							label: __("Business Unit"),
							fieldtype: "Link",
							options: "Business Unit",
							reqd: 1,
						},
						{
							fieldname: "ear_tags",
							label: __("Ear Tags (one per line)"),
							fieldtype: "Small Text",
							reqd: 1,
						},
						{
							fieldname: "posting_date",
							label: __("Date of Birth"),
							fieldtype: "Date",
							default: frappe.datetime.get_today(),
							reqd: 1,
						},
					],
					(values) =>
						frappe.call({
							method: "koperasi_merah_putih.unit_usaha.livestock.record_birth",
							args: { item_code: frm.doc.name, ...values },
							freeze: true,
							callback: (r) =>
								r.message &&
								frappe.show_alert({
									message: __("Birth recorded in Stock Entry {0}", [r.message]),
									indicator: "green",
								}),
						}),
					__("Record Birth"),
					__("Record")
				);
			},
			__("Livestock")
		);
	},
});

frappe.ui.form.on("Serial No", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Active") return;
		frm.add_custom_button(
			__("Record Weight"),
			() => frappe.new_doc("Livestock Weight", { serial_no: frm.doc.name }),
			__("Livestock")
		);
		if (!kmp_records_livestock()) return;
		frm.add_custom_button(
			__("Record Death"),
			() => {
				frappe.prompt(
					[
						{
							fieldname: "posting_date",
							label: __("Date of Death"),
							fieldtype: "Date",
							default: frappe.datetime.get_today(),
							reqd: 1,
						},
						{
							fieldname: "loss_account",
							label: __("Loss Account"),
							fieldtype: "Link",
							options: "Account",
							description: __("Leave empty for the unit's expense account"),
							get_query: () => ({ filters: { root_type: "Expense", is_group: 0 } }),
						},
					],
					(values) =>
						frappe.confirm(
							__("Write animal {0} off to its unit's expense account?", [
								frm.doc.name,
							]),
							() =>
								frappe.call({
									method: "koperasi_merah_putih.unit_usaha.livestock.record_death",
									args: { serial_no: frm.doc.name, ...values },
									freeze: true,
									callback: (r) => {
										frm.reload_doc();
										frappe.show_alert({
											message: __("Death recorded in Stock Entry {0}", [
												r.message,
											]),
											indicator: "orange",
										});
									},
								})
						),
					__("Record Death"),
					__("Record")
				);
			},
			__("Livestock")
		);
	},
});
