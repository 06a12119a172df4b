import frappe
from frappe import _


def get_context(context):
	"""Frappe sends the browser the translations of the web form's own fields, not those of the heirs
	table's columns; hand them over for daftar_anggota.js."""
	meta = frappe.get_meta("Cooperative Member Heir")
	labels = [df.label for df in meta.fields if df.label] + [
		option
		for df in meta.fields
		if df.fieldtype == "Select"
		for option in (df.options or "").split("\n")
		if option
	]
	context.heir_messages = frappe.as_json({label: _(label) for label in labels})
	return context
