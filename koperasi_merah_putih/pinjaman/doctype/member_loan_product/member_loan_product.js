// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Product", {
	setup(frm) {
		const ledger = (extra) => () => ({
			filters: { company: frm.doc.company, is_group: 0, ...extra },
		});
		frm.set_query("loan_receivable_account", ledger({ account_type: "Receivable" }));
		for (const field of [
			"interest_income_account",
			"denda_income_account",
			"admin_fee_income_account",
			"provisi_income_account",
		]) {
			frm.set_query(field, ledger({ root_type: "Income" }));
		}
		frm.set_query("insurance_payable_account", ledger({ root_type: "Liability" }));
	},
});
