// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Savings Transaction", {
	setup(frm) {
		frm.set_query("savings_account", () => ({ filters: { status: "Aktif" } }));
		frm.set_query("to_savings_account", () => ({
			filters: { status: "Aktif", member: frm.doc.member, name: ["!=", frm.doc.savings_account] },
		}));
		frm.set_query("cash_account", () => ({
			filters: { company: frm.doc.company, account_type: ["in", ["Cash", "Bank"]], is_group: 0 },
		}));
	},
	mode_of_payment(frm) {
		if (!frm.doc.mode_of_payment || !frm.doc.company) return;
		frappe
			.call({
				method: "erpnext.accounts.doctype.sales_invoice.sales_invoice.get_bank_cash_account",
				args: { mode_of_payment: frm.doc.mode_of_payment, company: frm.doc.company },
			})
			.then((r) => r.message && frm.set_value("cash_account", r.message.account));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("General Ledger"), () => {
				frappe.route_options = { voucher_no: frm.doc.name, company: frm.doc.company, group_by: "" };
				frappe.set_route("query-report", "General Ledger");
			});
		}
	},
});
