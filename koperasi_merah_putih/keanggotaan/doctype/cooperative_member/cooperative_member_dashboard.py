from frappe import _


def get_data():
	return {
		"fieldname": "member",
		"non_standard_fieldnames": {"Customer": "kmp_member"},
		"transactions": [
			{"label": _("Savings"), "items": ["Savings Account", "Savings Transaction", "Savings Bill"]},
			{
				"label": _("Membership"),
				"items": ["Membership Application", "Member Exit Settlement", "Customer"],
			},
		],
	}
