"""Savings Interest Run and Savings Billing Run got `run_key`, unique while a run is submitted.

The column arrives empty (NULL) with the DocType sync, so adding its unique index never meets a duplicate.
This patch then gives the key to the runs already submitted, so a new run cannot be submitted beside them.
Should a site hold two submitted runs for one product and period (posted twice before this fix), the oldest
keeps the key and the others are left without one and listed in the Error Log: cancel them by hand.
"""

import frappe


def execute():
	for doctype in ("Savings Interest Run", "Savings Billing Run"):
		run = frappe.qb.DocType(doctype)
		taken = set((frappe.qb.from_(run).select(run.run_key).where(run.run_key.isnotnull())).run(pluck=True))
		rows = (
			frappe.qb.from_(run)
			.select(run.name, run.product, run.period)
			.where((run.docstatus == 1) & run.run_key.isnull())
			.orderby(run.creation)
			.orderby(run.name)
		).run(as_dict=True)
		duplicates = []
		for row in rows:
			key = f"{row.product}/{row.period}"
			if key in taken:
				duplicates.append(row.name)
				continue
			taken.add(key)
			frappe.qb.update(run).set(run.run_key, key).where(run.name == row.name).run()
		if duplicates:
			frappe.log_error(
				title=f"{doctype}: product and period posted more than once",
				message=f"These submitted runs repeat an earlier run of the same product and period and were "
				f"left without a run key; check them and cancel the ones posted twice: {', '.join(duplicates)}",
				reference_doctype=doctype,
			)
