# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A kind of business unit (Gerai Sembako, Apotek, Peternakan, ...). Officers add their own."""

from frappe.model.document import Document


class BusinessUnitType(Document):
	def validate(self):
		self.type_name = (self.type_name or "").strip()
