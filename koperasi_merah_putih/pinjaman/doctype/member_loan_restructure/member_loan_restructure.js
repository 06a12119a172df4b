// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Restructure", {
	setup(frm) {
		frm.set_query("member_loan", () => ({ filters: { docstatus: 1, status: "Aktif" } }));
	},
	onload(frm) {
		if (frm.is_new() && frm.doc.member_loan && !frm.doc.interest_rate) {
			frm.trigger("member_loan");
		}
	},
	member_loan(frm) {
		// start from the loan's own terms; the officer changes what the restructure changes
		if (!frm.doc.member_loan || frm.doc.docstatus !== 0) return;
		frappe.db
			.get_value("Member Loan", frm.doc.member_loan, ["interest_method", "interest_rate"])
			.then(({ message }) => {
				if (!message) return;
				frm.set_value("interest_method", message.interest_method);
				frm.set_value("interest_rate", message.interest_rate);
			});
	},
});
