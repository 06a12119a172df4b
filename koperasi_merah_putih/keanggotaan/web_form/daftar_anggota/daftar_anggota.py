def get_context(context):
	"""The public membership application form needs no extra context."""
	return context
