from koperasi_merah_putih.install import make_custom_fields


def execute():
	"""Re-apply the app's custom fields on ERPNext doctypes whenever they change."""
	make_custom_fields()
