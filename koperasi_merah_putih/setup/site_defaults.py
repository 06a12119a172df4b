"""Site-wide System Settings a cooperative's site needs, applied by the setup and by a patch."""

import frappe

# The app's one rounding rule (calculators.money.round_rupiah) is half away from zero; Frappe's formatting
# and ERPNext's arithmetic use System Settings' method, "Banker's Rounding (legacy)" unless told otherwise,
# which prints Rp1.500,5 as 1.500 where the app's documents say 1.501.
ROUNDING_METHOD = "Commercial Rounding"


def apply_site_defaults() -> dict:
	"""Commercial (half-up) rounding everywhere; no Python tracebacks in error responses, which guests and
	members would otherwise see (errors stay in the Error Log for the administrator). Idempotent."""
	changes = {}
	settings = frappe.get_single("System Settings")
	if settings.rounding_method != ROUNDING_METHOD:
		changes["rounding_method"] = ROUNDING_METHOD
	if settings.allow_error_traceback:
		changes["allow_error_traceback"] = 0
	for field, value in changes.items():
		frappe.db.set_single_value("System Settings", field, value)
	if changes:
		frappe.clear_cache()
		frappe.local.system_settings = None  # get_system_settings caches the document per request
	return changes
