"""Business units: the app's selling hooks against vanilla ERPNext, and members' net purchases at scale.

(a) POS sale of 5 lines: a member's cash Sales Invoice at a Gerai Sembako unit's till (is_pos, update_stock,
    5 stock lines, member price list, the unit on every row), built and submitted (insert + submit) with the
    app's doc_events active, against the same sale with every koperasi_merah_putih doc_event switched off
    (vanilla ERPNext: `frappe.get_doc_hooks` returns the site's doc_events without the app's handlers, so the
    document, the site, its custom fields and its data are the same; only the app's hooks are missing). The
    vanilla sale is given what the hooks would set (unit, price list, member income accounts), so both post
    the same GL. REPS pairs, interleaved (the order within a pair alternates), each sale rolled back after
    timing, so every sale sees the same stock and ledgers. Reported: median of each side, ratio of medians
    and median of the pairwise ratios. Variant 2: one of the 5 lines is a subsidised item (LPG 3 kg with a
    quota per household): the quota hooks lock and update the usage row.
(b) member net purchases (unit_usaha.purchases.member_net_purchases, the base of SHU jasa usaha) for
    10,000 members over 100,000 submitted Sales Invoices (5% of them returns) in one year: the invoices and
    the members' Customers are bulk-inserted (only the columns the function reads) under a throwaway company
    name inside a transaction that is rolled back at the end. Timed: the call, 3 times; checked: the sum
    over all members equals the sum of the invoices' net totals.

Run on a throwaway site (a clone of the test site: it adds a unit, items and stock, committed, for (a)):
	cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/units.py SITE [REPS] [--profile]
"""

import statistics
import sys
import time

import frappe
from frappe.utils import add_days, flt, getdate, now, today

UNIT = "Gerai Sembako Benchmark"
ITEMS = (  # (item, stock UOM, member price)
	("BENCH Beras Medium", "Kg", 13000),
	("BENCH Minyak Goreng 1 L", "Nos", 18000),
	("BENCH Gula Pasir 1 kg", "Nos", 17500),
	("BENCH Telur Ayam Ras", "Kg", 27000),
	("BENCH Mi Instan Goreng", "Nos", 3300),
)
LPG = "BENCH LPG 3 kg"
APP = "koperasi_merah_putih."
BENCH_COMPANY = "Koperasi Benchmark Pembelian Anggota"
MEMBERS = 10000
INVOICES = 100000


def main(site: str, reps: int = 60, profile: bool = False) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	print(f"site {site}, {now()}, ERPNext {frappe.get_attr('erpnext.__version__')}")
	fixture = setup()
	frappe.db.commit()
	for label, lpg in (("5 lines", False), ("5 lines, one subsidised (LPG quota)", True)):
		pos_sale_benchmark(fixture, reps, lpg, label)
	if profile:
		profile_sale(fixture)
	net_purchases_benchmark()
	frappe.destroy()


# ---------------------------------------------------------------------------------------------------------
# (a) set-up, committed once: a set-up sembako unit, 6 items with stock, a member's Customer, an LPG quota


def setup() -> frappe._dict:
	from koperasi_merah_putih.unit_usaha.demo import UnitsDemo

	company = frappe.db.get_single_value("Cooperative Settings", "company")
	# As the demo does: the dimension's fields on the vouchers, the member and public price lists.
	demo = UnitsDemo(company, getdate(today()), None)
	field = demo.dimension_field()
	lists = demo.price_lists()
	if not frappe.db.exists("Business Unit", UNIT):
		frappe.get_doc(
			{
				"doctype": "Business Unit",
				"unit_name": UNIT,
				"unit_type": "Gerai Sembako",
				"company": company,
				"is_selling": 1,
			}
		).insert()
	frappe.get_doc("Business Unit", UNIT).set_up_unit()
	unit = frappe.db.get_value("Business Unit", UNIT, "*", as_dict=True)
	group = frappe.db.get_value("Item Group", {"is_group": 0}, "name", order_by="lft")
	for code, uom, price in (*ITEMS, (LPG, "Nos", 20000)):
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": code,
					"item_group": group,
					"stock_uom": uom,
					"is_stock_item": 1,
				}
			).insert()
			for key, rate in (("member_price_list", price), ("public_price_list", round(price * 1.05))):
				frappe.get_doc(
					{
						"doctype": "Item Price",
						"item_code": code,
						"price_list": lists[key],
						"price_list_rate": rate,
					}
				).insert()
		if (
			frappe.db.get_value("Bin", {"item_code": code, "warehouse": unit.warehouse}, "actual_qty") or 0
		) < 1000:
			entry = frappe.get_doc(
				{
					"doctype": "Stock Entry",
					"stock_entry_type": "Material Receipt",
					"purpose": "Material Receipt",
					"company": company,
					field: unit.name,
					"items": [
						{
							"item_code": code,
							"qty": 100000,
							"basic_rate": price * 0.9,
							"t_warehouse": unit.warehouse,
							"cost_center": unit.cost_center,
							field: unit.name,
						}
					],
				}
			)
			entry.insert()
			entry.submit()
	if frappe.db.exists("DocType", "Subsidised Item Quota") and not frappe.db.exists(
		"Subsidised Item Quota", LPG
	):
		frappe.get_doc(
			{
				"doctype": "Subsidised Item Quota",
				"item": LPG,
				"enabled": 1,
				"quota_basis": "Per KK",
				"quota_qty": 1000000,
				"period_type": "Month",
			}
		).insert()
	members = frappe.get_all(
		"Cooperative Member", filters={"company": company, "status": "Aktif"}, pluck="name"
	)
	customer = members and frappe.db.get_value(
		"Customer", {"kmp_member": ["in", members]}, ["name", "kmp_member"]
	)
	if not customer:
		sys.exit("no active member with a Customer on this site: use a clone of the test site")
	customer, member = customer
	if not frappe.db.get_value("Cooperative Member", member, "no_kk"):  # the LPG quota is per household
		frappe.db.set_value("Cooperative Member", member, "no_kk", "3273071205100001")
	# As the selling core's set-up does: a member's Customer buys from the member price list.
	frappe.db.set_value("Customer", customer, "default_price_list", lists["member_price_list"])
	mode = frappe.db.get_value("POS Payment Method", {"parent": unit.pos_profile}, "mode_of_payment")
	cash = frappe.db.get_value(
		"Mode of Payment Account", {"parent": mode, "company": company}, "default_account"
	)
	return frappe._dict(
		company=company, unit=unit, field=field, lists=lists, customer=customer, mode=mode, cash=cash
	)


def sale(f: frappe._dict, lpg: bool, vanilla: bool):
	"""The 5-line member sale; the vanilla one carries what the app's hooks would have set."""
	codes = [code for code, _uom, _price in ITEMS]
	if lpg:
		codes[-1] = LPG
	prices = {code: price for code, _uom, price in (*ITEMS, (LPG, "", 20000))}
	rows = [
		{
			"item_code": code,
			"qty": 2,
			"rate": prices[code],
			"price_list_rate": prices[code],
			"warehouse": f.unit.warehouse,
			"cost_center": f.unit.cost_center,
			f.field: f.unit.name,
		}
		for code in codes
	]
	doc = {
		"doctype": "Sales Invoice",
		"company": f.company,
		"customer": f.customer,
		"is_pos": 1,
		"pos_profile": f.unit.pos_profile,
		"update_stock": 1,
		"set_warehouse": f.unit.warehouse,
		"cost_center": f.unit.cost_center,
		f.field: f.unit.name,
		"items": rows,
		"payments": [
			{"mode_of_payment": f.mode, "account": f.cash, "amount": sum(r["qty"] * r["rate"] for r in rows)}
		],
	}
	if vanilla:
		doc["selling_price_list"] = f.lists["member_price_list"]
		for row in rows:
			row["income_account"] = f.unit.member_income_account
	return frappe.get_doc(doc)


class VanillaHooks:
	"""Within the block, Document.run_method sees the site's doc_events without the app's handlers."""

	def __enter__(self):
		self.original = frappe.get_doc_hooks
		full = self.original()
		stripped = {
			doctype: {
				event: [h for h in handlers if not h.startswith(APP)] for event, handlers in events.items()
			}
			for doctype, events in full.items()
		}
		frappe.get_doc_hooks = lambda: stripped
		return self

	def __exit__(self, *exc):
		frappe.get_doc_hooks = self.original


def timed_sale(f, lpg: bool, vanilla: bool) -> float:
	doc = sale(f, lpg, vanilla)
	if vanilla:
		with VanillaHooks():
			t = time.perf_counter()
			doc.submit()
			seconds = time.perf_counter() - t
	else:
		t = time.perf_counter()
		doc.submit()
		seconds = time.perf_counter() - t
	check_sale(f, doc)
	frappe.db.rollback()
	return seconds


def check_sale(f, doc) -> None:
	"""Both paths post the same sale: member income on the unit, stock out, paid in full."""
	income = frappe.get_all(
		"GL Entry",
		filters={"voucher_no": doc.name, "account": f.unit.member_income_account, "is_cancelled": 0},
		fields=["credit", f.field],
	)
	assert income and all(r[f.field] == f.unit.name for r in income), income
	assert flt(sum(r.credit for r in income)) == flt(doc.base_net_total), (income, doc.base_net_total)
	assert doc.outstanding_amount == 0 and doc.docstatus == 1


def pos_sale_benchmark(f, reps: int, lpg: bool, label: str) -> None:
	for _ in range(3):  # warm-up: caches, first imports
		timed_sale(f, lpg, False)
		timed_sale(f, lpg, True)
	app, vanilla, ratios = [], [], []
	for i in range(reps):
		if i % 2:
			v = timed_sale(f, lpg, True)
			a = timed_sale(f, lpg, False)
		else:
			a = timed_sale(f, lpg, False)
			v = timed_sale(f, lpg, True)
		app.append(a)
		vanilla.append(v)
		ratios.append(a / v)
	ma, mv = statistics.median(app), statistics.median(vanilla)
	print(
		f"(a) POS sale, {label}, {reps} pairs: app median {ma * 1000:.1f} ms, vanilla median {mv * 1000:.1f} ms,"
		f" ratio of medians {ma / mv:.3f}x, median pairwise ratio {statistics.median(ratios):.3f}x"
		f" (quartiles {' / '.join(f'{q:.2f}' for q in statistics.quantiles(ratios, n=4))})"
		f" (target <= 1.10x) {'OK' if ma / mv <= 1.10 else 'OVER'}"
	)


def profile_sale(f) -> None:
	"""Where the app's hooks spend their time: cProfile over 20 sales with one subsidised line, the app's
	functions by cumulative time (each hook's own line is its whole cost per sale x 20)."""
	import cProfile
	import io
	import pstats

	profiler = cProfile.Profile()
	profiler.enable()
	for _ in range(20):
		timed_sale(f, True, False)
	profiler.disable()
	out = io.StringIO()
	pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats("koperasi_merah_putih", 25)
	print(out.getvalue())


# ---------------------------------------------------------------------------------------------------------
# (b) member net purchases: 10,000 members, 100,000 invoices, bulk rows rolled back at the end


def net_purchases_benchmark() -> None:
	from koperasi_merah_putih.unit_usaha.purchases import member_net_purchases
	from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname
	from koperasi_merah_putih.utils.db import insert_rows

	field = dimension_fieldname()
	start = getdate(add_days(today(), -364))
	frappe.db.rollback()
	t = time.perf_counter()
	ts = now()
	customers = [
		(f"BENCH-CUST-{i:05d}", f"Pelanggan Bench {i:05d}", f"BENCH-MEMBER-{i:05d}", ts, ts, "Administrator")
		for i in range(MEMBERS)
	]
	insert_rows(
		"Customer", ["name", "customer_name", "kmp_member", "creation", "modified", "owner"], customers
	)
	units = [UNIT, "Apotek Benchmark", "Kolam Lele Benchmark"]
	expected = 0
	invoices = []
	for i in range(INVOICES):
		amount = 10000 + (i * 7919) % 490000
		is_return = i % 20 == 19
		if is_return:
			amount = -amount // 4
		expected += amount
		invoices.append(
			(
				f"BENCH-SINV-{i:06d}",
				BENCH_COMPANY,
				f"BENCH-CUST-{(i * 7) % MEMBERS:05d}",
				add_days(start, i % 365),
				amount,
				amount,
				int(is_return),
				1,
				units[i % 10 % 3],
				ts,
				ts,
				"Administrator",
			)
		)
	insert_rows(
		"Sales Invoice",
		[
			"name",
			"company",
			"customer",
			"posting_date",
			"base_net_total",
			"net_total",
			"is_return",
			"docstatus",
			field,
			"creation",
			"modified",
			"owner",
		],
		invoices,
	)
	print(
		f"(b) fixture: {MEMBERS} Customers of members + {INVOICES} Sales Invoices in {time.perf_counter() - t:.1f} s"
	)
	times = []
	for _ in range(3):
		t = time.perf_counter()
		result = member_net_purchases(BENCH_COMPANY, start, today())
		times.append(time.perf_counter() - t)
	total = sum(sum(units.values()) for units in result.values())
	ok = len(result) == MEMBERS and total == expected
	print(
		f"(b) member_net_purchases: {len(result)} members, {INVOICES} invoices: "
		+ ", ".join(f"{s:.2f} s" for s in times)
		+ f" (target <= 5 s) {'OK' if max(times) <= 5 and ok else 'CHECK'}; sum {total} == {expected}: {ok}"
	)
	frappe.db.rollback()


if __name__ == "__main__":
	args = [a for a in sys.argv[1:] if not a.startswith("--")]
	main(args[0], int(args[1]) if len(args) > 1 else 60, "--profile" in sys.argv)
