// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Savings Product", {
	setup(frm) {
		frm.set_query("account", () => ({ filters: { company: frm.doc.company, is_group: 0 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.savings_type === "Wajib" && frm.doc.is_active) {
			frm.add_custom_button(__("Bill a Month"), () => {
				frappe.prompt(
					{
						fieldname: "period",
						fieldtype: "Data",
						label: __("Period (YYYY-MM)"),
						default: frappe.datetime.get_today().slice(0, 7),
						reqd: 1,
					},
					(values) =>
						frappe
							.call({
								method: "koperasi_merah_putih.simpanan.doctype.savings_billing_run.savings_billing_run.bill_period",
								args: { product: frm.doc.name, period: values.period },
								freeze: true,
							})
							.then((r) =>
								frappe.msgprint(
									__("{0}: {1} new bills.", [
										r.message.name,
										r.message.bills_created,
									])
								)
							),
					__("Bill Simpanan Wajib")
				);
			});
		}
	},
});
