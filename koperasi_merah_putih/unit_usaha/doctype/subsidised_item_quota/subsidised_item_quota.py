# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The quota of one subsidised item (LPG 3 kg, beras SPHP, pupuk bersubsidi): per household (Nomor KK) or
per member, a quantity in the item's stock UOM per period. Enforced on POS and Sales Invoices by
unit_usaha/quotas.py.

A doctype, not custom fields on Item (decided here): the quota is a rule of the programme that the Ketua or
Bendahara change when the government changes it, without the right to edit the item master (prices, UOMs,
accounts); its changes are tracked (who lowered the LPG quota, when); the list of subsidised items is one
list officers and the Pengawas read; and Item, which every selling document loads, gets no columns. One
quota per item (the item is the name).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from koperasi_merah_putih.calculators.quotas import quota_period
from koperasi_merah_putih.calculators.units import UnitInputError
from koperasi_merah_putih.exceptions import QuotaSetupError


class SubsidisedItemQuota(Document):
	def validate(self):
		if flt(self.quota_qty) < 0:
			frappe.throw(
				_("Quota (Stock UOM) cannot be negative: enter 0 to stop all sales of the item."),
				QuotaSetupError,
				title=_("Subsidised Item Quota"),
			)
		if self.period_type != "Days":
			self.period_days = 0
		anchor = getdate(self.period_anchor) if self.period_anchor else None
		try:
			quota_period(getdate(today()), self.period_type, anchor, self.period_days or None)
		except UnitInputError as e:
			if e.code == "anchor_required":
				message = _("A period of Days needs its First Day of a Period.")
			elif e.code == "period_days_invalid":
				message = _("Days per Period must be 1 or more.")
			else:
				message = _("Period must be Month, Week, Year or Days.")
			frappe.throw(message, QuotaSetupError, title=_("Subsidised Item Quota"))
