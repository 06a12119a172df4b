"""Demo savings history (filled in below)."""


def make_savings_demo(company: str) -> None:
	pass
