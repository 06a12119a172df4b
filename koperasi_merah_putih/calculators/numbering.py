"""Member number templates such as ``{KODE}-{YYYY}-{#####}``.

Tokens: ``{KODE}`` (cooperative code, upper-cased, whitespace removed), ``{YYYY}``, ``{YY}``,
``{MM}`` and exactly one sequence ``{#...#}`` whose number of ``#`` is the zero-padded width.
Tokens are case-insensitive; any other text is copied literally. Counters are kept per
(prefix, suffix): the rendered text before and after the sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DEFAULT_TEMPLATE = "{KODE}-{YYYY}-{#####}"
MAX_LENGTH = 140

_TOKEN = re.compile(r"\{([^{}]*)\}")
_SEQUENCE = re.compile(r"#+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SeriesKey:
	"""Rendered text around the sequence and the sequence's zero-padded width."""

	prefix: str
	suffix: str
	digits: int

	@property
	def counter_key(self) -> str:
		"""Single string identifying the counter (prefix, sequence marker, suffix)."""
		return f"{self.prefix}{{{'#' * self.digits}}}{self.suffix}"


def _normalize_code(cooperative_code: str) -> str:
	return _WHITESPACE.sub("", cooperative_code or "").upper()


def _render_token(name: str, on: date, code: str) -> str | None:
	token = name.upper()
	if token == "KODE":
		return code
	if token == "YYYY":
		return f"{on.year:04d}"
	if token == "YY":
		return f"{on.year % 100:02d}"
	if token == "MM":
		return f"{on.month:02d}"
	return None


def _template_problems(template: str) -> list[tuple[str, str]]:
	problems: list[tuple[str, str]] = []
	sequences = 0
	for match in _TOKEN.finditer(template):
		name = match.group(1)
		if _SEQUENCE.fullmatch(name):
			sequences += 1
		elif _render_token(name, date(2000, 1, 1), "") is None:
			problems.append(("unknown_token", match.group(0)))
	for stray in sorted(set(_TOKEN.sub("", template)) & {"{", "}"}):
		problems.append(("unknown_token", stray))
	if sequences == 0:
		problems.insert(0, ("no_sequence", ""))
	elif sequences > 1:
		problems.insert(0, ("multiple_sequences", str(sequences)))
	return problems


def validate_template(
	template: str, cooperative_code: str = "", on: date | None = None
) -> list[tuple[str, str]]:
	"""Return ``(code, detail)`` problems: no_sequence, multiple_sequences, unknown_token, too_long.

	``too_long`` means the rendered number (sequence at full width) exceeds 140 characters; its
	detail is the rendered length.
	"""
	problems = _template_problems(template or "")
	if problems:
		return problems
	key = render_series_key(template, on or date.today(), cooperative_code)
	length = len(key.prefix) + key.digits + len(key.suffix)
	if length > MAX_LENGTH:
		problems.append(("too_long", str(length)))
	return problems


def render_series_key(template: str, on: date, cooperative_code: str = "") -> SeriesKey:
	"""Render everything except the sequence; raise ``ValueError`` for an invalid template."""
	problems = _template_problems(template or "")
	if problems:
		detail = ", ".join(f"{code} {info}".strip() for code, info in problems)
		raise ValueError(f"invalid member number template {template!r}: {detail}")
	code = _normalize_code(cooperative_code)
	parts: list[str] = []
	prefix = ""
	digits = 0
	position = 0
	for match in _TOKEN.finditer(template):
		parts.append(template[position : match.start()])
		name = match.group(1)
		if _SEQUENCE.fullmatch(name):
			prefix = "".join(parts)
			parts = []
			digits = len(name)
		else:
			parts.append(_render_token(name, on, code) or "")
		position = match.end()
	parts.append(template[position:])
	return SeriesKey(prefix=prefix, suffix="".join(parts), digits=digits)


def format_member_number(template: str, seq: int, on: date, cooperative_code: str = "") -> str:
	"""Render a complete member number; ``seq`` (>= 1) wider than the padding is not truncated."""
	if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
		raise ValueError(f"sequence must be a positive integer, got {seq!r}")
	key = render_series_key(template, on, cooperative_code)
	return f"{key.prefix}{seq:0{key.digits}d}{key.suffix}"
