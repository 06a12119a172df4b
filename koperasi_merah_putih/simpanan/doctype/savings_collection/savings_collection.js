// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Savings Collection", {
	setup(frm) {
		frm.set_query("product", () => ({ filters: { is_active: 1, savings_type: ["!=", "Berjangka"] } }));
		frm.set_query("cash_account", () => ({
			filters: { company: frm.doc.company, account_type: ["in", ["Cash", "Bank"]], is_group: 0 },
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.product) {
			frm.add_custom_button(__("Get Members with Arrears"), () => {
				frappe
					.call({
						method: "koperasi_merah_putih.simpanan.doctype.savings_collection.savings_collection.get_members_with_arrears",
						args: { product: frm.doc.product },
					})
					.then((r) => {
						frm.clear_table("items");
						(r.message || []).forEach((row) => frm.add_child("items", row));
						frm.refresh_field("items");
						frm.trigger("calculate_total");
					});
			});
		}
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
	calculate_total(frm) {
		const total = (frm.doc.items || []).reduce((sum, row) => sum + (row.amount || 0), 0);
		frm.set_value("total_amount", total);
		frm.set_value("member_count", (frm.doc.items || []).length);
	},
});

frappe.ui.form.on("Savings Collection Item", {
	amount(frm) {
		frm.trigger("calculate_total");
	},
	items_remove(frm) {
		frm.trigger("calculate_total");
	},
});
