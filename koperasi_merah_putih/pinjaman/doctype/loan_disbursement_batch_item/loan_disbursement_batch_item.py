# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt

from frappe.model.document import Document


class LoanDisbursementBatchItem(Document):
	pass
