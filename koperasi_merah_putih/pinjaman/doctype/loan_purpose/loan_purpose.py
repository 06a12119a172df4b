# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What a loan is for: produktif or konsumtif, and the business or need. Officers add their own."""

from frappe.model.document import Document


class LoanPurpose(Document):
	def validate(self):
		self.purpose_name = (self.purpose_name or "").strip()
		self.business_sector = (self.business_sector or "").strip() or None
