"""Install, migrate and uninstall steps (the house style of frappe/lending's install.py)."""

import json

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from koperasi_merah_putih.setup.erpnext_permissions import grant_erpnext_permissions
from koperasi_merah_putih.unit_usaha.quotas import CUSTOM_FIELDS as QUOTA_CUSTOM_FIELDS
from koperasi_merah_putih.utils.roles import ALL_ROLES, ANGGOTA

CUSTOM_FIELDS = {
	"Customer": [
		{
			"fieldname": "kmp_member",
			"label": "Cooperative Member",
			"fieldtype": "Link",
			"options": "Cooperative Member",
			"insert_after": "customer_group",
			"read_only": 1,
			"no_copy": 1,
			"search_index": 1,
			"in_standard_filter": 1,
		},
	],
}

# the Nomor KK of a walk-in buying subsidised goods, on POS and Sales Invoices
for _doctype, _fields in QUOTA_CUSTOM_FIELDS.items():
	CUSTOM_FIELDS.setdefault(_doctype, []).extend(_fields)


def after_install():
	make_roles()
	make_custom_fields()
	make_party_type()
	grant_erpnext_permissions()


def after_migrate():
	make_roles()
	make_custom_fields()
	make_party_type()


def make_party_type():
	"""Members as a GL party (as HRMS does for Employee), so the General Ledger filters by member."""
	if not frappe.db.exists("Party Type", "Cooperative Member"):
		frappe.get_doc(
			{"doctype": "Party Type", "party_type": "Cooperative Member", "account_type": "Payable"}
		).insert()


def shipped_fixture(filename: str) -> list[str]:
	"""Names of the records the app ships in fixtures/<filename> (installed on migrate)."""
	with open(frappe.get_app_path("koperasi_merah_putih", "fixtures", filename)) as f:
		return [record["name"] for record in json.load(f)]


def before_uninstall():
	"""Remove what the app added outside its own doctypes. Posted GL rows stay: they are the books."""
	delete_custom_fields()
	frappe.delete_doc_if_exists("Party Type", "Cooperative Member")
	delete_workflows()
	for role in ALL_ROLES:
		frappe.delete_doc_if_exists("Role", role, force=True)


def delete_workflows():
	"""The app's workflows (fixtures), then their states and actions unless another workflow uses them.
	The app's own documents still name the states (their tables go after this hook): `force` skips that
	link check; a document of another doctype holds one of these states only through a workflow of its
	own, which keeps the state."""
	for workflow in shipped_fixture("workflow.json"):
		frappe.delete_doc_if_exists("Workflow", workflow)
	used_states = set(frappe.get_all("Workflow Document State", pluck="state"))
	used_actions = set(frappe.get_all("Workflow Transition", pluck="action"))
	for state in shipped_fixture("workflow_state.json"):
		if state not in used_states:
			frappe.delete_doc_if_exists("Workflow State", state, force=True)
	for action in shipped_fixture("workflow_action_master.json"):
		if action not in used_actions:
			frappe.delete_doc_if_exists("Workflow Action Master", action, force=True)


def make_roles():
	for role in ALL_ROLES:
		desk_access = 0 if role == ANGGOTA else 1
		if frappe.db.exists("Role", role):
			if frappe.db.get_value("Role", role, "desk_access") != desk_access:
				frappe.db.set_value("Role", role, "desk_access", desk_access)
			continue
		frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert()


def make_custom_fields():
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True)


def delete_custom_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		names = [f"{doctype}-{f['fieldname']}" for f in fields]
		frappe.db.delete("Custom Field", {"name": ["in", names]})
		frappe.clear_cache(doctype=doctype)
