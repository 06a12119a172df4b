"""Pure-Python calculators (stdlib only, no frappe) used by the Koperasi Merah Putih app."""
