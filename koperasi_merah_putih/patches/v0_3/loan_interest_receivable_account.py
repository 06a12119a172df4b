# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Sites set up before the monthly interest accrual get the Piutang Bunga Pinjaman account."""

from koperasi_merah_putih.pinjaman.setup import make_interest_receivable_account


def execute():
	make_interest_receivable_account()
