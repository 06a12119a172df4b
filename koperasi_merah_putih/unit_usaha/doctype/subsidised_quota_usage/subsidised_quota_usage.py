# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""What one holder used of one subsidised item in one period, written only by unit_usaha/quotas.py (which
also explains why this row exists: it is the lock two tills serialise on)."""

from frappe.model.document import Document


class SubsidisedQuotaUsage(Document):
	pass
