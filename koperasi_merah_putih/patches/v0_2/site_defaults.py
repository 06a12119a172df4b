from koperasi_merah_putih.setup.site_defaults import apply_site_defaults


def execute():
	apply_site_defaults()
