// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Savings Collection", {
	setup(frm) {
		frm.set_query("product", () => ({
			filters: { is_active: 1, savings_type: ["!=", "Berjangka"] },
		}));
		kmp.set_cash_account_query(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.product) {
			frm.add_custom_button(__("Get Members with Arrears"), () => {
				frappe
					.call({
						method: "koperasi_merah_putih.simpanan.doctype.savings_collection.savings_collection.get_members_with_arrears",
						args: {
							product: frm.doc.product,
							upto_period: (
								frm.doc.posting_date || frappe.datetime.get_today()
							).slice(0, 7),
						},
					})
					.then((r) => {
						if (!(r.message || []).length) {
							frappe.show_alert({
								message: __("No member owes {0} up to this month.", [frm.doc.product]),
								indicator: "green",
							});
							return;
						}
						frm.clear_table("items");
						(r.message || []).forEach((row) => frm.add_child("items", row));
						frm.refresh_field("items");
						frm.trigger("calculate_total");
					});
			});
		}
	},
	product(frm) {
		frm.refresh();
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
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
