# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A weighing of one animal in the herd (its ear tag): date and kilograms. The species and the unit are
taken from the animal's Serial No and warehouse."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from koperasi_merah_putih.exceptions import UnitQuantityError
from koperasi_merah_putih.unit_usaha.livestock import animal_in_herd, unit_of_warehouse


class LivestockWeight(Document):
	def validate(self):
		if flt(self.weight_kg) <= 0:
			frappe.throw(_("Weight (kg) must be more than 0."), UnitQuantityError, title=_("Weight (kg)"))
		animal = animal_in_herd(self.serial_no)
		self.item_code = animal.item_code
		self.business_unit = unit_of_warehouse(animal.warehouse)
