# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Figures for the Koperasi workspace: the NPL number card (a Number Card of type Custom calls
:func:`get_npl_ratio`)."""

import frappe
from frappe import _

from koperasi_merah_putih.calculators import kolektibilitas as kol
from koperasi_merah_putih.pinjaman.loan_quality import portfolio_by_class
from koperasi_merah_putih.utils.settings import get_settings

REPORT = "Loan Kolektibilitas and PPAP"


@frappe.whitelist()
def get_npl_ratio(filters: str | dict | None = None) -> dict:
	"""The cooperative's NPL ratio in percent (Kurang Lancar, Diragukan and Macet over all active loans, as
	the daily loan run classified them), for whoever may open the Loan Kolektibilitas and PPAP report."""
	if not frappe.get_cached_doc("Report", REPORT).is_permitted():
		frappe.throw(
			_("Only the officers who may open the report {0} see the NPL ratio.").format(_(REPORT)),
			frappe.PermissionError,
			title=_("Not permitted"),
		)
	company = get_settings().company
	outstanding = {}
	if company:
		outstanding = {name: entry["outstanding"] for name, entry in portfolio_by_class(company).items()}
	return {
		"value": float(round(kol.npl_ratio(outstanding) * 100, 2)),
		"fieldtype": "Percent",
	}
