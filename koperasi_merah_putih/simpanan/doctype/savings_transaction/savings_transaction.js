// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Savings Transaction", {
	setup(frm) {
		frm.set_query("savings_account", () => ({ filters: { status: "Aktif" } }));
		frm.set_query("to_savings_account", () => ({
			filters: {
				status: "Aktif",
				member: frm.doc.member,
				name: ["!=", frm.doc.savings_account],
			},
		}));
		kmp.set_cash_account_query(frm);
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("General Ledger"), () => {
				frappe.route_options = {
					voucher_no: frm.doc.name,
					company: frm.doc.company,
					group_by: "",
				};
				frappe.set_route("query-report", "General Ledger");
			});
		}
	},
});
