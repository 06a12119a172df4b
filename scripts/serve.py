"""Serve one site's desk on 127.0.0.1 only (`bench serve` binds every interface).

Run from the bench's sites/ folder with the bench's Python:
	../env/bin/python /path/to/scripts/serve.py SITE PORT
"""

import sys

from werkzeug.serving import run_simple

import frappe.app


def main(site: str, port: int) -> None:
	frappe.app._site = site
	frappe.app._sites_path = "."
	application = frappe.app.application_with_statics()
	print(f"Koperasi Merah Putih: http://127.0.0.1:{port} (site {site})", flush=True)
	run_simple("127.0.0.1", port, application, use_reloader=False, threaded=True)


if __name__ == "__main__":
	main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
