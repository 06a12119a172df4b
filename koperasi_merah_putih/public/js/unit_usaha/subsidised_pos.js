// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt
// Point of Sale (page_js): a menu item "Nomor KK for Subsidised Goods" that writes the Nomor KK of a walk-in's
// Kartu Keluarga on the sale, so they can buy subsidised goods (LPG 3 kg, ...) on their household's quota. A
// member's Nomor KK is taken from the member record by the server (unit_usaha/quotas.py).

frappe.provide("koperasi_merah_putih.quotas");

koperasi_merah_putih.quotas.ask_no_kk = function (pos) {
	const frm = pos.frm;
	frappe.prompt(
		{
			fieldname: "no_kk",
			fieldtype: "Data",
			label: __("Nomor KK (Barang Bersubsidi)"),
			description: __(
				"For a walk-in buying subsidised goods: the 16 digits of their Kartu Keluarga. Members need none."
			),
			default: frm.doc.kmp_no_kk || "",
		},
		(values) => {
			const no_kk = (values.no_kk || "").replace(/[\s.-]/g, "");
			frappe.model.set_value(frm.doc.doctype, frm.doc.name, "kmp_no_kk", no_kk);
			frappe.show_alert({
				message: no_kk
					? __("Nomor KK {0} is set for this sale.", [no_kk])
					: __("Nomor KK removed from this sale."),
				indicator: "green",
			});
		},
		__("Subsidised goods"),
		__("Set")
	);
};

(function patch_pos_menu_for_quotas() {
	const Controller = erpnext.PointOfSale && erpnext.PointOfSale.Controller;
	if (!Controller) {
		setTimeout(patch_pos_menu_for_quotas, 300);
		return;
	}
	if (Controller.prototype.kmp_quota_patched) return;
	const prepare_menu = Controller.prototype.prepare_menu;
	Controller.prototype.prepare_menu = function () {
		prepare_menu.apply(this, arguments);
		this.page.add_menu_item(__("Nomor KK for Subsidised Goods"), () =>
			koperasi_merah_putih.quotas.ask_no_kk(this)
		);
	};
	Controller.prototype.kmp_quota_patched = true;
	if (window.cur_pos && cur_pos.page && cur_pos.frm) {
		cur_pos.page.add_menu_item(__("Nomor KK for Subsidised Goods"), () =>
			koperasi_merah_putih.quotas.ask_no_kk(cur_pos)
		);
	}
})();
