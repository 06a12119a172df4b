"""Before Cooperative Member.user becomes unique: one User may be linked to several members on sites that ran
the old activation (a person who left and rejoined with the same email, or two members sharing an email).
Keep the link on the current (Calon/Aktif) member, else the newest; clear the others and their User
Permissions."""

import frappe
from frappe.query_builder.functions import Count


def execute():
	if not frappe.db.has_column("Cooperative Member", "user"):
		return
	member = frappe.qb.DocType("Cooperative Member")
	shared = (
		frappe.qb.from_(member)
		.select(member.user)
		.where(member.user.isnotnull() & (member.user != ""))
		.groupby(member.user)
		.having(Count("*") > 1)
		.run(pluck=True)
	)
	for user in shared:
		rows = frappe.get_all(
			"Cooperative Member",
			filters={"user": user},
			fields=["name", "status", "creation"],
			order_by="creation desc",
		)
		keep = next((r for r in rows if r.status in ("Calon", "Aktif")), rows[0])
		for row in rows:
			if row.name == keep.name:
				continue
			frappe.db.set_value("Cooperative Member", row.name, "user", None, update_modified=False)
			frappe.db.delete(
				"User Permission", {"user": user, "allow": "Cooperative Member", "for_value": row.name}
			)
