// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Repayment", {
	setup(frm) {
		frm.set_query("member_loan", () => ({ filters: { docstatus: 1, status: "Aktif" } }));
		frm.set_query("cash_account", () => ({
			filters: {
				company: frm.doc.company,
				is_group: 0,
				account_type: ["in", ["Cash", "Bank"]],
			},
		}));
		frm.set_query("savings_account", () => ({
			filters: { member: frm.doc.member, savings_type: "Sukarela", status: "Aktif" },
		}));
	},
	refresh(frm) {
		if (frm.is_new() && frm.doc.is_payoff && !frm.doc.amount) frm.trigger("fill_payoff_amount");
	},
	is_payoff(frm) {
		frm.trigger("fill_payoff_amount");
	},
	posting_date(frm) {
		frm.trigger("fill_payoff_amount");
	},
	member_loan(frm) {
		frm.trigger("fill_payoff_amount");
	},
	fill_payoff_amount(frm) {
		// The server decides the payoff amount (the loan's payoff rule); the form only shows it.
		if (!frm.doc.is_payoff || !frm.doc.member_loan || frm.doc.docstatus !== 0) return;
		frappe
			.call(
				"koperasi_merah_putih.pinjaman.doctype.member_loan_repayment.member_loan_repayment.get_payoff_amount",
				{ member_loan: frm.doc.member_loan, posting_date: frm.doc.posting_date }
			)
			.then((r) => {
				if (r.message) frm.set_value("amount", r.message.payoff_amount);
			});
	},
});
