from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_merah_putih.calculators.numbering import (
	DEFAULT_TEMPLATE,
	SeriesKey,
	format_member_number,
	render_series_key,
	validate_template,
)

ON = date(2025, 3, 9)


def test_default_template():
	assert DEFAULT_TEMPLATE == "{KODE}-{YYYY}-{#####}"
	key = render_series_key(DEFAULT_TEMPLATE, ON, "kmp sukamaju")
	assert key == SeriesKey(prefix="KMPSUKAMAJU-2025-", suffix="", digits=5)
	assert key.counter_key == "KMPSUKAMAJU-2025-{#####}"
	assert format_member_number(DEFAULT_TEMPLATE, 7, ON, "kmp sukamaju") == "KMPSUKAMAJU-2025-00007"


def test_all_tokens_and_suffix():
	template = "A/{YY}{MM}/{###}/{kode}/{YYYY}"
	assert render_series_key(template, ON, " ab c ") == SeriesKey("A/2503/", "/ABC/2025", 3)
	assert format_member_number(template, 42, ON, "abc") == "A/2503/042/ABC/2025"
	assert format_member_number(template, 12345, ON, "abc") == "A/2503/12345/ABC/2025"


def test_counter_changes_with_year_but_not_month_for_default():
	assert render_series_key(DEFAULT_TEMPLATE, date(2025, 1, 1), "K") == render_series_key(
		DEFAULT_TEMPLATE, date(2025, 12, 31), "K"
	)
	assert render_series_key(DEFAULT_TEMPLATE, date(2026, 1, 1), "K").prefix == "K-2026-"


@pytest.mark.parametrize(
	("template", "expected"),
	[
		("{KODE}-{YYYY}-{#####}", []),
		("{#}", []),
		("{KODE}-{YYYY}", [("no_sequence", "")]),
		("", [("no_sequence", "")]),
		("{##}-{###}", [("multiple_sequences", "2")]),
		("{KODE}-{DD}-{####}", [("unknown_token", "{DD}")]),
		("{KODE}-{##a}-{####}", [("unknown_token", "{##a}")]),
		("{KODE}-{}-{####}", [("unknown_token", "{}")]),
		("{KODE-{####}", [("unknown_token", "{")]),
		("{FOO}-{BAR}", [("no_sequence", ""), ("unknown_token", "{FOO}"), ("unknown_token", "{BAR}")]),
	],
)
def test_validate_template(template, expected):
	assert validate_template(template, "KMP", ON) == expected


def test_validate_template_too_long():
	template = "X" * 130 + "{##########}"
	assert validate_template(template, on=ON) == []
	assert validate_template("X" * 131 + "{##########}", on=ON) == [("too_long", "141")]
	assert validate_template("{KODE}{#####}", "K" * 136, ON) == [("too_long", "141")]


@pytest.mark.parametrize("template", ["{KODE}", "{#}{#}", "{X}{#}"])
def test_invalid_template_raises(template):
	with pytest.raises(ValueError, match="invalid member number template"):
		render_series_key(template, ON)
	with pytest.raises(ValueError):
		format_member_number(template, 1, ON)


@pytest.mark.parametrize("seq", [0, -1, 1.0, True])
def test_sequence_must_be_positive_int(seq):
	with pytest.raises(ValueError):
		format_member_number(DEFAULT_TEMPLATE, seq, ON, "K")


@settings(max_examples=50, deadline=None)
@given(
	seq=st.integers(min_value=1, max_value=10**7),
	code=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", max_size=10),
	on=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
	width=st.integers(min_value=1, max_value=8),
)
def test_format_keeps_the_sequence(seq, code, on, width):
	template = "{KODE}/{YY}{MM}/{" + "#" * width + "}"
	number = format_member_number(template, seq, on, code)
	assert len(number) >= width
	assert int(number.rsplit("/", 1)[1]) == seq
