// Translations of the heirs table's columns (see daftar_anggota.py).
frappe._messages = Object.assign(frappe._messages || {}, {{ heir_messages }});

frappe.ready(function () {
	// Checks run on the server (Membership Application.validate) and come back as messages.
});
