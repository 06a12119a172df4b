// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Collection", {
	setup(frm) {
		frm.set_query("member_loan", "items", () => ({
			filters: { docstatus: 1, status: "Aktif" },
		}));
		kmp.set_cash_account_query(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Instalments Due"), () => {
				frappe
					.call({
						method: "koperasi_merah_putih.pinjaman.doctype.member_loan_collection.member_loan_collection.get_instalments_due",
						args: {
							rw: frm.doc.rw || null,
							as_of_date: frm.doc.posting_date || frappe.datetime.get_today(),
						},
					})
					.then((r) => {
						if (!(r.message || []).length) {
							frappe.show_alert({
								message: __("No instalment is due in this area."),
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
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
	calculate_total(frm) {
		const total = (frm.doc.items || []).reduce((sum, row) => sum + (row.amount || 0), 0);
		frm.set_value("total_amount", total);
		frm.set_value("loan_count", (frm.doc.items || []).length);
	},
});

frappe.ui.form.on("Member Loan Collection Item", {
	amount(frm) {
		frm.trigger("calculate_total");
	},
	items_remove(frm) {
		frm.trigger("calculate_total");
	},
});
