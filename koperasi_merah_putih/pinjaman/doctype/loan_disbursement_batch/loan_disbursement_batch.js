// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Loan Disbursement Batch", {
	setup(frm) {
		frm.set_query("loan_application", "items", () => ({
			filters: { workflow_state: "Disetujui", member_loan: ["is", "not set"] },
		}));
		kmp.set_cash_account_query(frm);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Approved Applications"), () => {
				frappe
					.call({
						method: "koperasi_merah_putih.pinjaman.doctype.loan_disbursement_batch.loan_disbursement_batch.get_approved_applications",
						args: { posting_date: frm.doc.posting_date || null },
					})
					.then((r) => {
						if (!(r.message || []).length) {
							frappe.show_alert({
								message: __("No approved application is waiting to be disbursed."),
								indicator: "orange",
							});
							return;
						}
						frm.clear_table("items");
						(r.message || []).forEach((row) => frm.add_child("items", row));
						frm.refresh_field("items");
					});
			});
		}
	},
	mode_of_payment(frm) {
		kmp.cash_account_from_mode_of_payment(frm);
	},
});
