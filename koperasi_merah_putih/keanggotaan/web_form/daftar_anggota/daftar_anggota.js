frappe.ready(function () {
	// Client checks run on the server (Membership Application.validate); nothing extra here.
});
