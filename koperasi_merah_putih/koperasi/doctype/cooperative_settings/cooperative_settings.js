// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt

frappe.ui.form.on("Cooperative Settings", {
	setup(frm) {
		const company_filter = () => ({ filters: { company: frm.doc.company, is_group: 0 } });
		frm.meta.fields
			.filter((df) => df.fieldtype === "Link" && df.options === "Account")
			.forEach((df) => frm.set_query(df.fieldname, company_filter));
	},
	refresh(frm) {
		// Computed by the server (CooperativeSettings.onload): whoever may change these settings.
		if (frm.doc.__onload && frm.doc.__onload.can_setup_accounts) {
			frm.add_custom_button(__("Set Up Chart of Accounts"), () => {
				frappe
					.call({
						method: "koperasi_merah_putih.setup.cooperative.setup_cooperative",
						args: { company: frm.doc.company },
						freeze: true,
					})
					.then((r) => {
						frappe.msgprint(
							__("{0} accounts created for {1}.", [
								r.message.accounts_created,
								r.message.company,
							])
						);
						frm.reload_doc();
					});
			});
		}
	},
});
