"""Jinja helpers for print formats."""

import base64
import io

from koperasi_merah_putih.calculators.money import format_rupiah
from koperasi_merah_putih.calculators.money import terbilang as _terbilang


def qr_code_data_uri(text: str, scale: int = 4) -> str:
	"""A PNG QR code of `text` as a data: URI, for <img src> in print formats (works in wkhtmltopdf)."""
	import pyqrcode

	buffer = io.BytesIO()
	pyqrcode.create(str(text or ""), error="M").png(buffer, scale=scale, quiet_zone=2)
	return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def rupiah(amount) -> str:
	"""Rp1.234.567: the one Rupiah format of the app (messages, print formats, portal)."""
	return format_rupiah(amount or 0)


def terbilang(amount) -> str:
	"""Amount in words, rounded like every amount of the app (half-up, calculators.money.round_rupiah)."""
	return _terbilang(amount or 0)
