import frappe

from koperasi_merah_putih.setup.cooperative import is_indonesian, use_indonesian


def execute():
	"""Sites set up before 0.2 kept English as the site language (the demo passed "Indonesian", which no
	Language record is called): switch an Indonesian cooperative's site to Indonesian, as the setup now does.
	"""
	company = frappe.db.get_single_value("Cooperative Settings", "company")
	if company and frappe.db.exists("Company", company):
		indonesian = is_indonesian(company)
	else:
		indonesian = frappe.db.get_single_value("System Settings", "country") == "Indonesia"
	if indonesian:
		use_indonesian()
