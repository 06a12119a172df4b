// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan", {
	setup(frm) {
		frm.set_query("loan_application", () => ({
			filters: { workflow_state: "Disetujui", member_loan: ["is", "not set"] },
		}));
		frm.set_query("cash_account", () => ({
			filters: {
				company: frm.doc.company,
				is_group: 0,
				account_type: ["in", ["Cash", "Bank"]],
			},
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.status === "Aktif") {
			frm.add_custom_button(__("Member Loan Repayment"), () =>
				frappe.new_doc("Member Loan Repayment", { member_loan: frm.doc.name })
			);
			if (frappe.model.can_create("Member Loan Repayment")) {
				frm.add_custom_button(
					__("Early Payoff"),
					() =>
						frappe.new_doc("Member Loan Repayment", {
							member_loan: frm.doc.name,
							is_payoff: 1,
						}),
					__("Create")
				);
			}
			if (frappe.model.can_create("Member Loan Restructure")) {
				frm.add_custom_button(
					__("Member Loan Restructure"),
					() => frappe.new_doc("Member Loan Restructure", { member_loan: frm.doc.name }),
					__("Create")
				);
			}
			if (frappe.model.can_create("Member Loan Write Off")) {
				frm.add_custom_button(
					__("Member Loan Write Off"),
					() => frappe.new_doc("Member Loan Write Off", { member_loan: frm.doc.name }),
					__("Create")
				);
			}
		}
		if (
			frm.doc.docstatus === 1 &&
			frm.doc.status === "Dihapusbukukan" &&
			frappe.model.can_create("Member Loan Recovery")
		) {
			frm.add_custom_button(__("Member Loan Recovery"), () =>
				frappe.new_doc("Member Loan Recovery", { member_loan: frm.doc.name })
			);
		}
	},
});
