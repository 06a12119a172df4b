# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""One submitted run per company and month (Loan Loss Provision, Loan Interest Accrual), kept by the unique
`run_key` column as `simpanan/runs.py` keeps one savings run per product and month: written when the run is
submitted, NULL while it is a draft or cancelled."""

import frappe
from frappe import _


class CompanyMonthRun:
	"""Mixin of a submittable document with `company`, `period` and a unique `run_key`; the document says
	what another submitted run means in `already_posted(other)`."""

	def already_posted(self, other: str) -> None:
		raise NotImplementedError

	def check_not_posted(self) -> None:
		"""`validate`: refuse early, with the other run's name, when one is already submitted."""
		other = frappe.db.get_value(
			self.doctype,
			{"company": self.company, "period": self.period, "docstatus": 1, "name": ["!=", self.name]},
		)
		if other:
			self.already_posted(other)

	def claim_run_key(self) -> None:
		"""Before posting: the unique key refuses a second run for the month, also one submitted at the
		same moment (its UPDATE waits for this transaction, then fails on the index)."""
		self.run_key = f"{self.company}/{self.period}"
		table = frappe.qb.DocType(self.doctype)
		try:
			frappe.qb.update(table).set(table.run_key, self.run_key).where(table.name == self.name).run()
		except Exception as e:
			if not frappe.db.is_unique_key_violation(e):
				raise
			other = frappe.db.get_value(self.doctype, {"run_key": self.run_key}, "name", for_update=True)
			self.already_posted(other or _("another run"))
