"""Every user-facing string of the app has an Indonesian translation in locale/id.po.

Pure stdlib: the translatable strings are collected roughly the way `bench generate-pot-file` does
(frappe/gettext/extractors): `_("...")` in Python and Jinja, `__("...")` in JavaScript, and the labels,
descriptions, select options, role names etc. of DocType, Report, Workspace and Web Form JSON files.
Only single string literals are recognised; `_(variable)` is looked up at runtime and not checked here.

When this fails: run `bench generate-pot-file --app koperasi_merah_putih`, then
`bench update-po-files --app koperasi_merah_putih --locale id`, and fill in the empty msgstr entries.
"""

import ast
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "koperasi_merah_putih"
PO_FILE = APP / "locale" / "id.po"

# Directories bench skips: hidden/underscore ones (frappe's directory_filter) and gitignored build output.
SKIPPED_DIRS = {"node_modules", "dist", "locale"}

_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
STRING = re.compile(_STRING)
# A call whose first argument is one string literal, or adjacent literals ("a" "b" in Python,
# "a" + "b" in JavaScript), followed by `,` or `)`; bench's extractors join those too.
_PY_ARG = rf"(?P<literal>{_STRING}(?:\s*{_STRING})*)\s*[,)]"
_JS_ARG = rf"(?P<literal>{_STRING}(?:\s*\+\s*{_STRING})*)\s*[,)]"
CALL_PATTERNS = {
	".py": re.compile(r"(?<!\w)(?:_|_lt)\(\s*" + _PY_ARG),
	".js": re.compile(r"(?<![\w$])__\(\s*" + _JS_ARG),
	".html": re.compile(r"(?<![\w$])__?\(\s*" + _PY_ARG),
	".vue": re.compile(r"(?<![\w$])__?\(\s*" + _JS_ARG),
}

# Same exclusions as frappe.gettext.extractors.doctype
EXCLUDE_SELECT_OPTIONS = {
	"naming_series",
	"number_format",
	"float_precision",
	"currency_precision",
	"minimum_password_score",
}
WEB_FORM_KEYS = (
	"title",
	"introduction_text",
	"success_message",
	"success_title",
	"list_title",
	"button_label",
	"meta_title",
	"meta_description",
)
# Placeholders such as {0}, {} or {#####}; doubled braces are str.format escapes, not placeholders.
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")


def _source_files():
	for path in sorted(APP.rglob("*")):
		rel_dirs = path.relative_to(APP).parts[:-1]
		if any(d.startswith((".", "_")) or d in SKIPPED_DIRS for d in rel_dirs):
			continue
		if path.is_file():
			yield path


def _unquote(literals: str) -> str:
	"""Value of one or more adjacent/concatenated string literals."""
	parts = []
	for literal in STRING.findall(literals):
		try:
			parts.append(ast.literal_eval(literal))
		except (ValueError, SyntaxError):
			parts.append(literal[1:-1])
	return "".join(parts)


def _code_strings(path: Path):
	pattern = CALL_PATTERNS.get(path.suffix)
	if not pattern:
		return
	for match in pattern.finditer(path.read_text(encoding="utf-8")):
		yield _unquote(match.group("literal"))


def _doctype_strings(data: dict):
	yield data.get("name")
	yield data.get("description")
	for field in data.get("fields", []):
		yield field.get("label")
		yield field.get("description")
		options = field.get("options")
		if not options:
			continue
		if field.get("fieldtype") == "Select" and field.get("fieldname") not in EXCLUDE_SELECT_OPTIONS:
			choices = [o for o in options.split("\n") if o and not o.isdigit()]
			if not (choices and "icon" in choices[0]):
				yield from choices
		elif field.get("fieldtype") == "HTML":
			yield options
	for link in data.get("links", []):
		yield link.get("group")
		yield link.get("link_doctype")
	for perm in data.get("permissions", []):
		yield perm.get("role")


def _workspace_strings(data: dict):
	yield data.get("label")
	for key in ("charts", "number_cards", "links", "shortcuts", "quick_lists"):
		for item in data.get(key, []):
			yield item.get("label")
	for link in data.get("links", []):
		yield link.get("description")
	for shortcut in data.get("shortcuts", []):
		yield shortcut.get("format")
	for block in json.loads(data.get("content") or "[]"):
		if block.get("type") in ("header", "paragraph"):
			yield block.get("data", {}).get("text")


def _web_form_strings(data: dict):
	for key in WEB_FORM_KEYS:
		yield data.get(key)
	for field in data.get("web_form_fields", []):
		yield field.get("label")
		yield field.get("description")
		if field.get("fieldtype") == "Select" and isinstance(field.get("options"), str):
			yield from (o.strip() for o in field["options"].split("\n"))
	for column in data.get("list_columns", []):
		if isinstance(column, dict):
			yield column.get("label")


def _json_strings(path: Path):
	parts = path.parts
	# Only <module>/<kind>/<name>/<name>.json, as in frappe's babel_extractors.csv
	if len(parts) < 3 or parts[-3] not in ("doctype", "report", "workspace", "web_form"):
		return
	data = json.loads(path.read_text(encoding="utf-8"))
	if not isinstance(data, dict):
		return
	kind = parts[-3]
	if kind == "doctype":
		yield from _doctype_strings(data)
	elif kind == "report" and data.get("doctype") == "Report":
		yield data.get("report_name")
	elif kind == "workspace" and data.get("doctype") == "Workspace":
		yield from _workspace_strings(data)
	elif kind == "web_form" and data.get("doctype") == "Web Form":
		yield from _web_form_strings(data)


def extract_messages() -> dict[str, set[str]]:
	"""msgid -> files (relative to the app) it occurs in."""
	messages: dict[str, set[str]] = {}
	for path in _source_files():
		if path.name == "hooks.py":  # bench reads hooks.py only for navbar items
			continue
		strings = _json_strings(path) if path.suffix == ".json" else _code_strings(path)
		for message in strings:
			if isinstance(message, str) and message.strip():
				messages.setdefault(message, set()).add(str(path.relative_to(APP.parent)))
	return messages


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _po_unescape(text: str) -> str:
	return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> dict[tuple[str | None, str], dict]:
	"""(msgctxt, msgid) -> {"msgstr": str, "fuzzy": bool}. Obsolete (#~) entries are ignored."""
	entries: dict[tuple[str | None, str], dict] = {}
	entry: dict = {}
	key = None

	def flush():
		if "msgid" in entry:
			msgstr = entry.get("msgstr", entry.get("msgstr[0]", ""))
			entries[(entry.get("msgctxt"), entry["msgid"])] = {
				"msgstr": msgstr,
				"fuzzy": entry.get("fuzzy", False),
			}

	for raw in path.read_text(encoding="utf-8").splitlines():
		line = raw.strip()
		if not line:
			continue
		if line.startswith("#"):
			if "msgid" in entry and key != "comment":
				flush()
				entry, key = {}, "comment"
			if line.startswith("#,") and "fuzzy" in line:
				entry["fuzzy"] = True
			continue
		if line.startswith('"'):
			if key and key != "comment":
				entry[key] += _po_unescape(line[1:-1])
			continue
		keyword, _sep, rest = line.partition(" ")
		if keyword in ("msgctxt", "msgid") and "msgid" in entry and key.startswith("msgstr"):
			flush()
			entry = {}
		key = keyword
		entry[key] = _po_unescape(rest.strip()[1:-1])
	flush()
	return entries


@pytest.fixture(scope="module")
def po_entries():
	return parse_po(PO_FILE)


@pytest.fixture(scope="module")
def translations(po_entries):
	"""msgid -> msgstr for translated, non-fuzzy entries without context (what `_()` looks up)."""
	return {
		msgid: entry["msgstr"]
		for (context, msgid), entry in po_entries.items()
		if msgid and context is None and not entry["fuzzy"] and entry["msgstr"].strip()
	}


def test_po_header_declares_indonesian(po_entries):
	header = po_entries[(None, "")]["msgstr"]
	assert "Language: id\n" in header
	assert "charset=utf-8" in header.lower()
	assert "Plural-Forms: nplurals=1; plural=0;" in header


def test_extraction_covers_every_kind_of_source():
	files = set().union(*extract_messages().values())
	kinds = {
		"python": r"\.py$",
		"javascript": r"\.js$",
		"jinja": r"\.html$",
		"doctype": r"/doctype/[^/]+/[^/]+\.json$",
		"report": r"/report/[^/]+/[^/]+\.json$",
		"workspace": r"/workspace/[^/]+/[^/]+\.json$",
		"web form": r"/web_form/[^/]+/[^/]+\.json$",
	}
	found_nothing = [kind for kind, pattern in kinds.items() if not any(re.search(pattern, f) for f in files)]
	assert not found_nothing, f"No translatable strings extracted from: {found_nothing}"


def test_every_source_string_is_translated(translations):
	missing = {msgid: files for msgid, files in extract_messages().items() if msgid not in translations}
	assert not missing, "Strings without an Indonesian msgstr in locale/id.po:\n" + "\n".join(
		f"  {msgid!r}  ({', '.join(sorted(files))})" for msgid, files in sorted(missing.items())
	)


def test_every_po_entry_is_translated(po_entries):
	empty = sorted(
		msgid for (_ctx, msgid), entry in po_entries.items() if msgid and not entry["msgstr"].strip()
	)
	fuzzy = sorted(msgid for (_ctx, msgid), entry in po_entries.items() if msgid and entry["fuzzy"])
	assert not empty, f"Empty msgstr in locale/id.po: {empty}"
	assert not fuzzy, f"Fuzzy (unused by Frappe) entries in locale/id.po: {fuzzy}"


def _placeholders(text: str) -> list[str]:
	return sorted(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def test_placeholders_are_kept(po_entries):
	wrong = [
		(msgid, entry["msgstr"])
		for (_ctx, msgid), entry in po_entries.items()
		if msgid and entry["msgstr"] and _placeholders(msgid) != _placeholders(entry["msgstr"])
	]
	assert not wrong, "Placeholders differ between msgid and msgstr:\n" + "\n".join(
		f"  {msgid!r} -> {msgstr!r}" for msgid, msgstr in wrong
	)


def test_po_parser_handles_multiline_escapes_context_and_fuzzy(tmp_path):
	po = tmp_path / "x.po"
	po.write_text(
		'msgid ""\nmsgstr ""\n"Language: id\\n"\n\n'
		'#: a.py:1\nmsgid ""\n"Say \\"hi\\"\\n"\n"to {0}"\nmsgstr "Ucapkan \\"hai\\"\\n"\n"kepada {0}"\n\n'
		'#, fuzzy\nmsgid "Old"\nmsgstr "Lama"\n'
		'msgctxt "Coins"\nmsgid "Change"\nmsgstr "Kembalian"\n\n'
		'#~ msgid "Gone"\n#~ msgstr "Hilang"\n',
		encoding="utf-8",
	)
	entries = parse_po(po)
	assert entries[(None, "")]["msgstr"] == "Language: id\n"
	assert entries[(None, 'Say "hi"\nto {0}')]["msgstr"] == 'Ucapkan "hai"\nkepada {0}'
	assert entries[(None, "Old")] == {"msgstr": "Lama", "fuzzy": True}
	assert entries[("Coins", "Change")]["msgstr"] == "Kembalian"
	assert (None, "Gone") not in entries


# Frappe's own messages that members and guests see (permission refusals, the rate limit, the 404 page, the
# web form), which Frappe v15 ships without an Indonesian translation (frappe/translations/id.csv has none,
# frappe/locale has no id.po). Frappe merges the app's translations over its own, so id.po carries them.
# `bench update-po-files` marks msgids the app's sources do not contain as obsolete (#~); this list keeps
# them from being dropped unnoticed.
FRAPPE_MESSAGES = (
	"You hit the rate limit because of too many requests. Please try after sometime.",
	"You are not permitted to access this resource. Login to access",
	"Function {0} is not whitelisted.",
	"Method Not Allowed",
	"Not allowed via controller permission check",
	"You are not allowed to access this {0} record because it is linked to {1} '{2}' in row {3}, field {4}",
	"Insufficient Permission Level for {0}",
	"You need the '{0}' permission on {1} {2} to perform this action.",
	"You do not have Read or Select Permissions for {}",
	"You need {0} permission to fetch values from {1} {2}",
	"Cannot Fetch Values",
	"You must be logged in to use this form.",
	"You don't have permission to access the {0} DocType.",
	"You are not permitted to access this page without login.",
	"Please login to post a comment.",
	"There's nothing here",
	"The page you are looking for has gone missing.",
	"Login to {0}",
	"Login To {0}",
	"Mandatory fields required:",
	"Invalid values for fields:",
	"Discard?",
	"Are you sure you want to discard the changes?",
	"Submit another response",
)


def test_frappe_messages_members_and_guests_see_are_translated(translations):
	missing = [msgid for msgid in FRAPPE_MESSAGES if msgid not in translations]
	assert not missing, f"Frappe messages without an Indonesian msgstr in locale/id.po: {missing}"
	untranslated = [msgid for msgid in FRAPPE_MESSAGES if translations[msgid] == msgid]
	assert not untranslated, f"msgstr equal to the English msgid: {untranslated}"


# Rupiah shorthand on number cards and chart axes (public/js/koperasi_merah_putih.bundle.js). The bundle is
# run in Node against a stand-in for the part of frappe.utils it overrides; that Frappe's own number card and
# chart widgets then show "Rp 259,5 jt" was checked in a browser (see the bundle's comment).
_SHORTHAND_JS = r"""
const fs = require("fs");
const vm = require("vm");
const context = {};
context.window = context;
context.window.convert_old_to_new_number_format = (v) => v.replace(".", ",");
context.frappe = {
	provide: (name) => (context[name] = context[name] || {}),
	sys_defaults: { country: "Indonesia" },
	utils: {
		get_number_system: (country) => [{ divisor: 1e6, symbol: "M" }, { divisor: 1e3, symbol: "K" }],
		get_number_of_decimals: (n) => (String(n).split(".")[1] || "").length,
		// Frappe's shorten_number, reduced: the first divisor reached, at most max_no_of_decimals decimals.
		shorten_number(number, country, min_length = 4, max_no_of_decimals = 2) {
			for (const map of this.get_number_system(country)) {
				if (Math.abs(number) >= map.divisor) {
					let result = number / map.divisor;
					if (this.get_number_of_decimals(result) > max_no_of_decimals) {
						result = result.toFixed(max_no_of_decimals);
					}
					return result + " " + map.symbol;
				}
			}
			return String(number);
		},
	},
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context);
const u = context.frappe.utils;
console.log(
	JSON.stringify({
		card: u.shorten_number(259534000, "Indonesia", 5),
		ribu: u.shorten_number(12500, "Indonesia", 5),
		miliar: u.shorten_number(-1250000000, "Indonesia", 5),
		triliun: u.shorten_number(3.4e12, "Indonesia", 5),
		small: u.shorten_number(950, "Indonesia", 5),
		axis: u.format_chart_axis_number(1500000),
		axis_india: u.format_chart_axis_number(1500000, "India"),
		other: u.shorten_number(259534000, "India", 5),
		table: context.kmp.INDONESIAN_NUMBER_SYSTEM,
	})
);
"""


def test_rupiah_shorthand_in_desk_bundle(tmp_path):
	import shutil
	import subprocess

	node = shutil.which("node")
	if not node:
		pytest.skip("node is not installed")
	script = tmp_path / "shorthand.js"
	script.write_text(_SHORTHAND_JS, encoding="utf-8")
	bundle = APP / "public" / "js" / "koperasi_merah_putih.bundle.js"
	out = subprocess.run([node, str(script), str(bundle)], capture_output=True, text=True, check=True).stdout
	result = json.loads(out)
	assert [(row["divisor"], row["symbol"]) for row in result["table"]] == [
		(1e12, "T"),
		(1e9, "M"),
		(1e6, "jt"),
		(1e3, "rb"),
	]
	assert result["card"] == "259.53 jt"  # the number card then formats it as "Rp 259,53 jt"
	assert result["ribu"] == "12.5 rb"
	assert result["miliar"] == "-1.25 M"
	assert result["triliun"] == "3.4 T"
	assert result["small"] == "950"
	assert result["axis"] == "1,5 jt"  # chart axes get the Indonesian decimal comma
	assert result["axis_india"] == "1.5 M"  # other countries keep Frappe's number system
	assert result["other"] == "259.53 M"
