// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Member Loan Application", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { status: "Aktif" } }));
		frm.set_query("guarantor", () => ({
			filters: { status: "Aktif", name: ["!=", frm.doc.member || ""] },
		}));
		frm.set_query("loan_product", () => ({ filters: { is_active: 1 } }));
		frm.set_query("loan_purpose", () => ({ filters: { is_active: 1 } }));
		frm.set_query("hold_savings_account", () => ({
			filters: { member: frm.doc.member, status: "Aktif" },
		}));
	},
	refresh(frm) {
		if (frm.doc.loan_product && frm.doc.amount && frm.doc.tenor) {
			frm.add_custom_button(__("Schedule Preview"), () => show_schedule_preview(frm));
		}
		if (!frm.is_new() && frm.doc.workflow_state === "Disetujui" && !frm.doc.member_loan) {
			frm.add_custom_button(__("Disburse"), () =>
				frm
					.call("make_loan")
					.then((r) => frappe.set_route("Form", "Member Loan", r.message))
			);
		}
		if (frm.doc.member_loan) {
			frm.add_custom_button(__("Member Loan"), () =>
				frappe.set_route("Form", "Member Loan", frm.doc.member_loan)
			);
		}
	},
});

function show_schedule_preview(frm) {
	frappe
		.call({
			method: "koperasi_merah_putih.pinjaman.doctype.member_loan_application.member_loan_application.get_schedule_preview",
			args: {
				loan_product: frm.doc.loan_product,
				amount: frm.doc.amount,
				tenor: frm.doc.tenor,
				start_date: frm.doc.application_date,
			},
			freeze: true,
		})
		.then((r) => {
			const data = r.message;
			const money = (value) =>
				format_currency(value, frappe.defaults.get_default("currency"));
			const head = [
				__("No."),
				__("Due Date"),
				__("Principal"),
				__("Interest"),
				__("Instalment"),
				__("Principal Outstanding After"),
			]
				.map((label) => `<th>${frappe.utils.escape_html(label)}</th>`)
				.join("");
			const body = data.rows
				.map(
					(row) =>
						`<tr><td>${row.instalment}</td><td>${frappe.datetime.str_to_user(
							row.due_date
						)}</td><td class="text-right">${money(
							row.principal
						)}</td><td class="text-right">${money(
							row.interest
						)}</td><td class="text-right">${money(
							row.total
						)}</td><td class="text-right">${money(row.outstanding)}</td></tr>`
				)
				.join("");
			const summary = [
				[__("Administration Fee"), data.admin_fee],
				[__("Provisi"), data.provisi_fee],
				[__("Insurance"), data.insurance_fee],
				[__("Net Disbursement"), data.net_disbursement],
				[__("Total Interest"), data.total_interest],
				[__("Total Repayment"), data.total_repayment],
			]
				.map(
					([label, value]) =>
						`<tr><td>${frappe.utils.escape_html(
							label
						)}</td><td class="text-right">${money(value)}</td></tr>`
				)
				.join("");
			const dialog = new frappe.ui.Dialog({
				title: __("Schedule Preview"),
				size: "large",
				fields: [{ fieldtype: "HTML", fieldname: "schedule" }],
			});
			dialog.fields_dict.schedule.$wrapper.html(
				`<table class="table table-bordered table-condensed">${summary}</table>
				<table class="table table-bordered table-condensed"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
			);
			dialog.show();
		});
}
