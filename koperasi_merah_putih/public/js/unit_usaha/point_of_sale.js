// Copyright (c) 2026, Koperasi Merah Putih Developers
// License: GNU General Public License v3. See license.txt
// Point of Sale (page_js, after member_lookup.js): a menu item "Member by Number or Card" (Ctrl+M) that selects the member's
// Customer in the cart, as choosing them in the customer field would. Typing the member number into
// the customer field works too: a member's Customer is named after the member number.

frappe.provide("koperasi_merah_putih.selling");

koperasi_merah_putih.selling.pos_select_member = function (pos) {
	const select = (found) => {
		const cart = pos.cart;
		const frm = pos.frm;
		frappe.dom.freeze();
		frappe.model.set_value(frm.doc.doctype, frm.doc.name, "customer", found.customer);
		frm.script_manager.trigger("customer", frm.doc.doctype, frm.doc.name).then(() => {
			frappe.run_serially([
				() => cart.fetch_customer_details(found.customer),
				() => cart.events.customer_details_updated(cart.customer_info),
				() => cart.update_customer_section(),
				() => cart.update_totals_section(),
				() => frappe.dom.unfreeze(),
			]);
		});
	};
	koperasi_merah_putih.selling.ask_member(select);
};

(function patch_pos_menu() {
	const Controller = erpnext.PointOfSale && erpnext.PointOfSale.Controller;
	if (!Controller) {
		setTimeout(patch_pos_menu, 300);
		return;
	}
	if (Controller.prototype.kmp_patched) return;
	const prepare_menu = Controller.prototype.prepare_menu;
	Controller.prototype.prepare_menu = function () {
		prepare_menu.apply(this, arguments);
		this.page.add_menu_item(
			__("Member by Number or Card"),
			() => koperasi_merah_putih.selling.pos_select_member(this),
			false,
			"Ctrl+M"
		);
	};
	Controller.prototype.kmp_patched = true;
	if (window.cur_pos && cur_pos.page && cur_pos.frm) cur_pos.prepare_menu();
})();
