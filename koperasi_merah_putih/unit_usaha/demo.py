# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""Business units for the demo cooperative (a `kmp_demo_builders` entry, run by setup.demo.make_demo after
the savings and loans): four units, each set up in one action (Business Unit.set_up_unit), with a year of
ERPNext documents behind them.

* Gerai Sembako: about 50 staples with their UOMs (beras by the kg or the 25 kg karung, minyak goreng by
  the piece or the dus, ...), member and public prices (the Price Lists named in Cooperative Settings),
  opening stock (Stock Reconciliation), monthly restocking (paid Purchase Invoices that update stock) and
  about 1,000 cash sales over the year as submitted POS Sales Invoices that update stock, about 70% to
  members' Customers and the rest to the walk-in customer "Pelanggan Umum". LPG 3 kg is subsidised (a
  Subsidised Item Quota of 3 tabung per household a month); the demo never sells over it.
* Apotek: medicines with batches and expiry dates, some batches near expiry; sales pick first-expiry-first-out.
* Peternakan: a goat herd of about 30, each animal a Serial No (its ear tag): bought, kids born
  (livestock.record_birth), a few sold by ear tag, one died (livestock.record_death).
* Perikanan: one finished Pond Cycle (its Stock Entry "Repack": fingerlings and feed in, harvested kg out,
  labour and electricity as additional costs) and sales of the harvest.

Everything is dated in the past in the order it happened, so ERPNext never reposts. A seeded random keeps it
the same on every site. Safe to re-run: a unit whose warehouse already has stock movements is left alone.
On a site that holds the demo without units:
	bench --site SITE execute koperasi_merah_putih.unit_usaha.demo.make_units_demo
"""

import random
from collections import defaultdict
from datetime import date

import frappe
from frappe.utils import add_days, getdate, today

from koperasi_merah_putih.setup.demo import NIK_AREA
from koperasi_merah_putih.setup.test_site import ensure_fiscal_year
from koperasi_merah_putih.unit_usaha.livestock import record_birth, record_death
from koperasi_merah_putih.unit_usaha.setup import (
	DIMENSION_DOCTYPE,
	ensure_dimension,
	member_customers_price_list,
)

SEMBAKO = "Gerai Sembako Sukamaju"
APOTEK = "Apotek Sukamaju"
TERNAK = "Peternakan Kambing Sukamaju"
LELE = "Kolam Lele Sukamaju"
UNITS = (
	(SEMBAKO, "Gerai Sembako", "kasir@sukamaju.koperasi.id"),
	(APOTEK, "Apotek", "bendahara@sukamaju.koperasi.id"),
	(TERNAK, "Peternakan", "ketua@sukamaju.koperasi.id"),
	(LELE, "Perikanan", "ketua@sukamaju.koperasi.id"),
)
PRICE_LISTS = (("member_price_list", "Harga Anggota"), ("public_price_list", "Harga Umum"))
SUPPLIERS = {
	SEMBAKO: "CV Sumber Pangan Priangan",
	APOTEK: "PT Distribusi Farmasi Nusantara",
	TERNAK: "Peternak Kambing Pak Dadang",
	LELE: "UD Tani Mina Lestari",
}
ITEM_GROUPS = {SEMBAKO: "Sembako", APOTEK: "Obat-obatan", TERNAK: "Ternak", LELE: "Perikanan"}
WHOLE_UOMS = (
	"Pcs",
	"Karung",
	"Dus",
	"Tabung",
	"Botol",
	"Kaleng",
	"Renteng",
	"Galon",
	"Peti",
	"Strip",
	"Sachet",
	"Tube",
	"Ekor",
)
SEMBAKO_DAYS = 365
SEMBAKO_SALES = 1000
MEMBER_SHARE = 0.7
LPG = "LPG 3 kg"
LPG_QUOTA = 3  # tabung per household (Nomor KK) a month

# (item, stock UOM, public price, member price, cost, par stock, (bulk UOM, factor) or None, popularity)
# Prices in whole rupiah per stock UOM; the shop is restocked to its par stock at the start of every month.
SEMBAKO_ITEMS = (
	("Beras Premium", "Kg", 15500, 15000, 13800, 500, ("Karung", 25), 10),
	("Beras Medium", "Kg", 13500, 13000, 12000, 500, ("Karung", 25), 10),
	("Beras Ketan", "Kg", 18000, 17300, 15500, 100, ("Karung", 25), 2),
	("Beras SPHP 5 kg", "Pcs", 62500, 62500, 58000, 60, None, 4),
	("Minyak Goreng Kemasan 1 L", "Pcs", 19000, 18000, 16500, 120, ("Dus", 12), 8),
	("Minyak Goreng Kemasan 2 L", "Pcs", 37000, 35500, 33000, 60, ("Dus", 6), 4),
	("Minyakita 1 L", "Pcs", 15700, 15700, 14500, 120, ("Dus", 12), 6),
	("Gula Pasir 1 kg", "Pcs", 18000, 17500, 16000, 100, ("Dus", 20), 7),
	("Gula Pasir Curah", "Kg", 17500, 17000, 15500, 150, ("Karung", 50), 4),
	("Gula Merah Aren", "Kg", 30000, 28500, 25000, 40, None, 2),
	("Telur Ayam Ras", "Kg", 28000, 27000, 25000, 150, ("Peti", 15), 9),
	(LPG, "Tabung", 20000, 20000, 17000, 150, None, 9),
	("LPG 12 kg", "Tabung", 205000, 200000, 185000, 15, None, 1),
	("Tepung Terigu 1 kg", "Pcs", 13000, 12500, 11000, 60, ("Dus", 12), 3),
	("Tepung Beras 500 g", "Pcs", 7000, 6700, 5800, 40, ("Dus", 20), 2),
	("Mi Instan Goreng", "Pcs", 3500, 3300, 2900, 200, ("Dus", 40), 8),
	("Mi Instan Kuah Ayam Bawang", "Pcs", 3200, 3000, 2700, 200, ("Dus", 40), 6),
	("Kecap Manis 520 ml", "Botol", 24000, 23000, 21000, 36, ("Dus", 12), 3),
	("Saus Sambal 340 ml", "Botol", 12000, 11500, 10000, 36, ("Dus", 24), 2),
	("Garam Beryodium 250 g", "Pcs", 3000, 2800, 2200, 60, ("Dus", 50), 3),
	("Penyedap Rasa 250 g", "Pcs", 12000, 11500, 10000, 36, ("Dus", 24), 2),
	("Lada Bubuk Sachet", "Renteng", 10000, 9500, 8200, 20, ("Dus", 10), 1),
	("Bumbu Instan Nasi Goreng", "Pcs", 3000, 2800, 2300, 60, ("Dus", 60), 2),
	("Santan Kemasan 65 ml", "Pcs", 3500, 3300, 2800, 72, ("Dus", 36), 2),
	("Kopi Bubuk Sachet", "Renteng", 15000, 14000, 12500, 36, ("Dus", 12), 5),
	("Teh Celup isi 25", "Pcs", 7000, 6500, 5800, 48, ("Dus", 24), 3),
	("Susu Kental Manis 370 g", "Kaleng", 12500, 12000, 10800, 48, ("Dus", 48), 3),
	("Susu Bubuk 400 g", "Pcs", 45000, 43500, 40000, 24, ("Dus", 12), 2),
	("Margarin 200 g", "Pcs", 8000, 7600, 6700, 48, ("Dus", 48), 2),
	("Ikan Sarden Kaleng 425 g", "Kaleng", 25000, 24000, 21500, 24, ("Dus", 24), 2),
	("Kornet Sapi 340 g", "Kaleng", 38000, 36000, 32500, 24, ("Dus", 24), 1),
	("Ikan Asin Jambal", "Kg", 90000, 86000, 78000, 15, None, 1),
	("Bawang Merah", "Kg", 42000, 40000, 35000, 40, None, 5),
	("Bawang Putih", "Kg", 38000, 36500, 32000, 40, None, 4),
	("Cabai Merah Keriting", "Kg", 55000, 52000, 45000, 25, None, 4),
	("Cabai Rawit", "Kg", 60000, 57000, 50000, 20, None, 3),
	("Kedelai", "Kg", 12500, 12000, 10500, 100, ("Karung", 50), 2),
	("Kacang Tanah", "Kg", 32000, 30500, 27000, 30, None, 1),
	("Kacang Hijau", "Kg", 24000, 23000, 20500, 50, ("Karung", 25), 1),
	("Kerupuk Udang 250 g", "Pcs", 15000, 14200, 12500, 40, ("Dus", 20), 1),
	("Biskuit Kaleng 650 g", "Kaleng", 55000, 52000, 47000, 12, ("Dus", 6), 1),
	("Air Mineral 600 ml", "Botol", 3500, 3300, 2600, 96, ("Dus", 24), 4),
	("Air Mineral Galon Isi Ulang", "Galon", 20000, 19000, 16000, 40, None, 4),
	("Sabun Cuci Piring 800 ml", "Pcs", 15000, 14200, 12500, 36, ("Dus", 12), 3),
	("Deterjen Bubuk 900 g", "Pcs", 22000, 21000, 19000, 36, ("Dus", 12), 3),
	("Sabun Mandi Batang", "Pcs", 4000, 3800, 3200, 144, ("Dus", 72), 3),
	("Sampo Sachet", "Renteng", 12000, 11500, 10000, 36, ("Dus", 12), 2),
	("Pasta Gigi 190 g", "Pcs", 14000, 13300, 11800, 48, ("Dus", 24), 2),
	("Tisu Wajah 250 Lembar", "Pcs", 15000, 14300, 12500, 24, ("Dus", 24), 1),
	("Pembalut Wanita", "Pcs", 12000, 11500, 10000, 24, ("Dus", 24), 1),
	("Popok Bayi isi 20", "Pcs", 55000, 52500, 47000, 12, ("Dus", 6), 1),
	("Obat Nyamuk Bakar isi 10", "Pcs", 6000, 5700, 4800, 60, ("Dus", 60), 1),
	("Korek Api Gas", "Pcs", 3000, 2800, 2200, 50, ("Dus", 50), 1),
)

# (medicine, stock UOM, public price, member price, cost, [(batch suffix, qty, expiry in days from today)])
MEDICINES = (
	("Paracetamol 500 mg", "Strip", 5000, 4700, 3500, [("A", 60, 45), ("B", 120, 540)]),
	("Amoksisilin 500 mg", "Strip", 9000, 8500, 6500, [("A", 40, 25), ("B", 80, 600)]),
	("Antasida Doen Tablet", "Strip", 4000, 3800, 2800, [("A", 80, 400)]),
	("Oralit", "Sachet", 1500, 1400, 1000, [("A", 150, 70), ("B", 150, 700)]),
	("Obat Batuk Sirup 60 ml", "Botol", 18000, 17000, 14000, [("A", 30, 50), ("B", 40, 480)]),
	("Vitamin C 500 mg", "Strip", 6000, 5700, 4200, [("A", 100, 365)]),
	("Minyak Kayu Putih 60 ml", "Botol", 25000, 24000, 20500, [("A", 30, 720)]),
	("Salep Kulit 10 g", "Tube", 12000, 11400, 9000, [("A", 20, 15), ("B", 30, 500)]),
	("Ibuprofen 400 mg", "Strip", 7000, 6600, 5000, [("A", 60, 330)]),
	("Tablet Tambah Darah", "Strip", 5000, 4700, 3300, [("A", 80, 80), ("B", 80, 650)]),
)

GOAT = "Kambing Kacang"
GOAT_BOUGHT = 27  # ear tags KMB-001 ... bought with the herd, 330 days ago
GOAT_BIRTHS = ((210, 3), (130, 3), (40, 2))  # (days ago, kids born)
GOAT_SALES = ((175, 2), (172, 1), (60, 1))  # (days ago, goats sold): Iduladha, then one more
GOAT_DEATH = 90  # days ago, one animal died
GOAT_PUBLIC_PRICE, GOAT_MEMBER_PRICE = 3500000, 3400000

FINGERLING, FEED, CATFISH = "Benih Lele 5-7 cm", "Pakan Lele Apung", "Lele Konsumsi"
CYCLE = {
	"start": 125,  # days ago: fingerlings and feed bought, pond stocked
	"harvest": 30,  # days ago: harvested
	"fingerlings": 10000,
	"fingerling_rate": 250,
	"feed_bought": 1200,
	"feed_rate": 11000,
	"feed_used": 1100,
	"harvest_kg": 1000,
	"costs": (
		("Upah tenaga kerja kolam", 1500000),
		("Listrik pompa air", 300000),
		("Kapur dan obat", 200000),
	),
}
CATFISH_PUBLIC_PRICE, CATFISH_MEMBER_PRICE = 25000, 24000


def make_units_demo(company: str | None = None, seed: int = 58) -> dict:
	company = company or frappe.db.get_single_value("Cooperative Settings", "company")
	now = getdate(today())
	ensure_fiscal_year(add_days(now, -SEMBAKO_DAYS - 10).year)
	demo = UnitsDemo(company, now, random.Random(seed))
	made = demo.run()
	print(f"Demo business units: {made}")
	return made


class UnitsDemo:
	def __init__(self, company: str, now: date, rng: random.Random):
		self.company = company
		self.now = now
		self.rng = rng
		self.made: dict[str, int] = {}
		self.abbr = frappe.get_cached_value("Company", company, "abbr")
		self.cash = frappe.get_cached_value("Company", company, "default_cash_account")
		self.mode_of_payment = frappe.db.get_single_value("Cooperative Settings", "default_mode_of_payment")
		self.cash = (
			frappe.db.get_value(
				"Mode of Payment Account",
				{"parent": self.mode_of_payment, "company": company},
				"default_account",
			)
			or self.cash
		)

	def run(self) -> dict:
		self.field = self.dimension_field()
		self.lists = self.price_lists()
		self.units = {name: self.unit(name, unit_type, manager) for name, unit_type, manager in UNITS}
		self.members = self.member_customers()
		self.walk_in = frappe.db.get_value("Customer", {"customer_name": "Pelanggan Umum"})
		for unit, build in (
			(SEMBAKO, self.sembako),
			(APOTEK, self.pharmacy),
			(TERNAK, self.goats),
			(LELE, self.catfish),
		):
			if frappe.db.exists("Stock Ledger Entry", {"warehouse": self.units[unit].warehouse}):
				continue  # this unit's demo is there already
			build(self.units[unit])
		return self.made

	# ------------------------------------------------------------------ set-up
	def dimension_field(self) -> str:
		"""The dimension "Unit Usaha" with its fields on ERPNext's vouchers. ERPNext adds the fields in a
		background job outside tests; a site without workers (a fresh bench) gets them here, at once."""
		from erpnext.accounts.doctype.accounting_dimension.accounting_dimension import (
			make_dimension_in_accounting_doctypes,
		)

		dimension = frappe.get_doc("Accounting Dimension", ensure_dimension())
		if not frappe.db.has_column("Sales Invoice", dimension.fieldname):
			make_dimension_in_accounting_doctypes(doc=dimension)
			frappe.clear_cache()
		return dimension.fieldname

	def price_lists(self) -> dict[str, str]:
		"""The member and public price lists of Cooperative Settings, made and named there when missing."""
		lists = {}
		for field, default in PRICE_LISTS:
			name = frappe.db.get_single_value("Cooperative Settings", field) or default
			if not frappe.db.exists("Price List", name):
				frappe.get_doc(
					{
						"doctype": "Price List",
						"price_list_name": name,
						"currency": "IDR",
						"selling": 1,
						"enabled": 1,
					}
				).insert()
			if not frappe.db.get_single_value("Cooperative Settings", field):
				frappe.db.set_single_value("Cooperative Settings", field, name)
			lists[field] = name
		frappe.clear_document_cache("Cooperative Settings", "Cooperative Settings")
		# members activated before the lists existed: the member list as their Customer's default, so the till
		# prices a member's sale from it as soon as the member is picked
		member_customers_price_list(lists["member_price_list"])
		return lists

	def unit(self, name: str, unit_type: str, manager: str) -> frappe._dict:
		if not frappe.db.exists(DIMENSION_DOCTYPE, name):
			frappe.get_doc(
				{
					"doctype": DIMENSION_DOCTYPE,
					"unit_name": name,
					"unit_type": unit_type,
					"company": self.company,
					"is_selling": 1,
					"manager": manager if frappe.db.exists("User", manager) else None,
				}
			).insert()
		frappe.get_doc(DIMENSION_DOCTYPE, name).set_up_unit()
		unit = frappe.db.get_value(DIMENSION_DOCTYPE, name, "*", as_dict=True)
		self.group(ITEM_GROUPS[name])
		self.supplier(SUPPLIERS[name])
		return unit

	def group(self, name: str) -> None:
		if not frappe.db.exists("Item Group", name):
			root = frappe.db.get_value("Item Group", {"is_group": 1, "parent_item_group": ["in", ("", None)]})
			frappe.get_doc(
				{"doctype": "Item Group", "item_group_name": name, "parent_item_group": root, "is_group": 0}
			).insert()

	def supplier(self, name: str) -> None:
		if not frappe.db.exists("Supplier", name):
			group = frappe.db.get_value("Supplier Group", {"is_group": 0}, order_by="lft")
			frappe.get_doc(
				{
					"doctype": "Supplier",
					"supplier_name": name,
					"supplier_group": group,
					"supplier_type": "Company",
				}
			).insert()

	def member_customers(self) -> list[tuple[str, str]]:
		"""(Customer, Nomor KK) of the active members; setup.demo.make_demo lets the first three members (by
		name) leave after the builders ran, so they buy nothing."""
		leaving = set(frappe.get_all("Cooperative Member", pluck="name", order_by="name", limit=3))
		active = {
			m.name: m.no_kk
			for m in frappe.get_all(
				"Cooperative Member",
				filters={"company": self.company, "status": "Aktif"},
				fields=["name", "no_kk"],
			)
			if m.name not in leaving
		}
		customers = frappe.get_all(
			"Customer", filters={"kmp_member": ["in", list(active) or [""]]}, fields=["name", "kmp_member"]
		)
		return sorted((c.name, active[c.kmp_member]) for c in customers)

	def uom(self, name: str) -> None:
		if not frappe.db.exists("UOM", name):
			frappe.get_doc(
				{"doctype": "UOM", "uom_name": name, "must_be_whole_number": int(name in WHOLE_UOMS)}
			).insert()

	def item(self, unit, code: str, stock_uom: str, prices: tuple[int, int], **extra) -> None:
		self.uom(stock_uom)
		for row in extra.get("uoms", ()):
			self.uom(row["uom"])
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": code,
					"item_group": ITEM_GROUPS[unit.name],
					"stock_uom": stock_uom,
					"is_stock_item": 1,
					"include_item_in_manufacturing": 0,
					"item_defaults": [
						{
							"company": self.company,
							"default_warehouse": unit.warehouse,
							"income_account": unit.non_member_income_account,
							"expense_account": unit.cogs_account or unit.expense_account,
							"selling_cost_center": unit.cost_center,
							"buying_cost_center": unit.cost_center,
						}
					],
					**extra,
				}
			).insert()
		public, member = prices
		for field, rate in (("public_price_list", public), ("member_price_list", member)):
			if rate and not frappe.db.exists(
				"Item Price", {"item_code": code, "price_list": self.lists[field]}
			):
				frappe.get_doc(
					{
						"doctype": "Item Price",
						"item_code": code,
						"price_list": self.lists[field],
						"uom": stock_uom,
						"price_list_rate": rate,
						# valid for the whole history: an Item Price is valid from the day it is made otherwise,
						# and ERPNext prices a back-dated sale only from prices valid on its date
						"valid_from": add_days(self.now, -SEMBAKO_DAYS - 10),
					}
				).insert()

	# ------------------------------------------------------------------ documents
	def moments(self, count: int, first_day: date, days: int, opens: int, closes: int) -> list[tuple]:
		"""``count`` moments (day, second of the day) in ``days`` days from ``first_day`` between the hours
		``opens`` and ``closes``, in time order and all different: two stock vouchers of one item at the
		same moment make ERPNext repost."""
		picked = set()
		while len(picked) < count:
			day = add_days(first_day, self.rng.randrange(days))
			picked.add((getdate(day), self.rng.randrange(opens * 3600, closes * 3600)))
		return sorted(picked)

	def stamp(self, day: date, seconds: int) -> dict:
		return {
			"posting_date": day,
			"posting_time": f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}",
			"set_posting_time": 1,
		}

	def dims(self, unit) -> dict:
		return {self.field: unit.name, "cost_center": unit.cost_center}

	def purchase(self, unit, day: date, rows: list[dict], seconds: int = 6 * 3600) -> None:
		"""A cash purchase that brings the goods into the unit's warehouse."""
		for row in rows:
			row.update({"warehouse": unit.warehouse, **self.dims(unit)})
		total = sum(row["qty"] * row["rate"] for row in rows)
		frappe.get_doc(
			{
				"doctype": "Purchase Invoice",
				"company": self.company,
				"supplier": SUPPLIERS[unit.name],
				**self.stamp(day, seconds),
				"bill_date": day,
				"due_date": day,
				"update_stock": 1,
				"set_warehouse": unit.warehouse,
				"is_paid": 1,
				"mode_of_payment": self.mode_of_payment,
				"cash_bank_account": self.cash,
				"paid_amount": total,
				"base_paid_amount": total,
				**self.dims(unit),
				"items": rows,
			}
		).submit()
		self.count("Purchase Invoice")

	def sale(self, unit, day: date, seconds: int, customer: str, rows: list[dict], no_kk: str | None = None):
		"""A cash sale at the unit's till (POS Sales Invoice that updates stock), priced from the member or
		the public list."""
		member = customer != self.walk_in
		price_list = self.lists["member_price_list" if member else "public_price_list"]
		account = unit.member_income_account if member else unit.non_member_income_account
		for row in rows:
			row.update(
				{
					"warehouse": unit.warehouse,
					"income_account": account,
					"expense_account": unit.cogs_account or unit.expense_account,  # the unit's HPP
					"price_list_rate": row["rate"],
					**self.dims(unit),
				}
			)
		total = sum(round(row["qty"] * row["rate"]) for row in rows)
		doc = {
			"doctype": "Sales Invoice",
			"company": self.company,
			"customer": customer,
			**self.stamp(day, seconds),
			"due_date": day,
			"is_pos": 1,
			"pos_profile": unit.pos_profile,
			"update_stock": 1,
			"set_warehouse": unit.warehouse,
			"selling_price_list": price_list,
			"ignore_pricing_rule": 1,
			**self.dims(unit),
			"items": rows,
			"payments": [{"mode_of_payment": self.mode_of_payment, "account": self.cash, "amount": total}],
		}
		if no_kk:
			doc["kmp_no_kk"] = no_kk
		frappe.get_doc(doc).submit()
		self.count("Sales Invoice")

	def customer(self) -> tuple[str, str | None]:
		"""A member's Customer (some shop often, most now and then) or the walk-in customer."""
		if self.members and self.rng.random() < MEMBER_SHARE:
			return self.members[int(len(self.members) * self.rng.random() ** 2)]
		return self.walk_in, None

	def count(self, what: str, n: int = 1) -> None:
		self.made[what] = self.made.get(what, 0) + n

	# ------------------------------------------------------------------ sembako
	def sembako(self, unit) -> None:
		rng = self.rng
		items = {}
		for code, uom, public, member, cost, par, bulk, weight in SEMBAKO_ITEMS:
			uoms = [{"uom": bulk[0], "conversion_factor": bulk[1]}] if bulk else []
			self.item(unit, code, uom, (public, member), uoms=uoms, valuation_rate=cost)
			items[code] = frappe._dict(
				uom=uom, public=public, member=member, cost=cost, par=par, bulk=bulk, weight=weight
			)
		self.lpg_quota()
		start = add_days(self.now, -SEMBAKO_DAYS)

		# Opening stock the day before the year of sales, at par.
		frappe.get_doc(
			{
				"doctype": "Stock Reconciliation",
				"company": self.company,
				"purpose": "Opening Stock",
				**self.stamp(add_days(start, -1), 6 * 3600),
				"expense_account": frappe.db.get_value(
					"Account", {"company": self.company, "account_type": "Temporary", "is_group": 0}
				),
				"cost_center": unit.cost_center,
				"set_warehouse": unit.warehouse,
				"items": [
					{"item_code": code, "warehouse": unit.warehouse, "qty": i.par, "valuation_rate": i.cost}
					for code, i in items.items()
				],
			}
		).submit()
		self.count("Stock Reconciliation")
		stock = {code: i.par for code, i in items.items()}

		# The sales of the year, in time order.
		sales = self.moments(SEMBAKO_SALES, start, SEMBAKO_DAYS, 7, 20)
		walk_in_kk = [
			f"{NIK_AREA}{rng.randint(10, 28):02d}{rng.randint(1, 12):02d}{rng.randint(5, 24):02d}"
			f"{rng.randint(1, 9999):04d}"
			for _ in range(40)
		]
		lpg_used = defaultdict(int)  # (Nomor KK, month) -> tabung
		codes = list(items)
		weights = [items[c].weight for c in codes]
		month = (start.year, start.month)
		for n, (day, seconds) in enumerate(sales):
			if n and not n % 250:
				print(f"  {unit.name}: {n} of {len(sales)} sales")
			if (day.year, day.month) != month:
				month = (day.year, day.month)
				self.restock(unit, day.replace(day=1), items, stock)  # after last month's sales
			customer, no_kk = self.customer()
			is_member = customer != self.walk_in
			if not is_member:
				no_kk = rng.choice(walk_in_kk)
			rows = {}
			for code in rng.choices(codes, weights, k=rng.choice((1, 1, 2, 2, 3, 3, 4, 5))):
				if code in rows:
					continue
				i = items[code]
				uom, factor = i.uom, 1
				if i.bulk and rng.random() < 0.08:
					uom, factor = i.bulk
					qty = 1
				elif i.uom == "Kg":
					qty = (
						rng.choice((1, 1, 2, 2, 3, 5, 10))
						if code.startswith("Beras")
						else rng.choice((0.5, 1, 1, 2))
					)
				else:
					qty = rng.choice((1, 1, 1, 2, 2, 3))
				if code == LPG:
					key = (no_kk, month)
					qty = min(qty, 2, LPG_QUOTA - lpg_used[key])
					if qty <= 0:
						continue
					lpg_used[key] += qty
				if stock[code] < qty * factor:
					continue
				stock[code] -= qty * factor
				price = i.member if is_member else i.public
				rows[code] = {
					"item_code": code,
					"qty": qty,
					"uom": uom,
					"conversion_factor": factor,
					"rate": price * factor,
				}
			if rows:
				walk_in_lpg = not is_member and LPG in rows  # a walk-in buys LPG 3 kg on their Nomor KK
				self.sale(unit, day, seconds, customer, list(rows.values()), no_kk if walk_in_lpg else None)

	def restock(self, unit, day: date, items: dict, stock: dict) -> None:
		"""The month's purchase: what fell below half its par stock is brought back to par."""
		rows = []
		for code, i in items.items():
			if stock[code] < i.par / 2:
				rows.append({"item_code": code, "qty": i.par - stock[code], "rate": i.cost})
				stock[code] = i.par
		if rows:
			self.purchase(unit, day, rows)

	def lpg_quota(self) -> None:
		if frappe.db.exists("DocType", "Subsidised Item Quota") and not frappe.db.exists(
			"Subsidised Item Quota", LPG
		):
			frappe.get_doc(
				{
					"doctype": "Subsidised Item Quota",
					"item": LPG,
					"enabled": 1,
					"quota_basis": "Per KK",
					"quota_qty": LPG_QUOTA,
					"period_type": "Month",
				}
			).insert()

	# ------------------------------------------------------------------ apotek
	def pharmacy(self, unit) -> None:
		rng = self.rng
		bought = add_days(self.now, -120)
		rows, meds = [], {}
		for code, uom, public, member, cost, batches in MEDICINES:
			self.item(
				unit,
				code,
				uom,
				(public, member),
				has_batch_no=1,
				has_expiry_date=1,
				shelf_life_in_days=730,
				valuation_rate=cost,
			)
			meds[code] = (public, member, sum(qty for _s, qty, _e in batches))
			for suffix, qty, expires_in in batches:
				batch = f"{''.join(w[0] for w in code.split()[:2]).upper()}{bought:%y%m}{suffix}"
				if not frappe.db.exists("Batch", batch):
					frappe.get_doc(
						{
							"doctype": "Batch",
							"batch_id": batch,
							"item": code,
							"manufacturing_date": add_days(self.now, expires_in - 730),
							"expiry_date": add_days(self.now, expires_in),
						}
					).insert()
				rows.append(
					{
						"item_code": code,
						"qty": qty,
						"rate": cost,
						"batch_no": batch,
						"use_serial_batch_fields": 1,
					}
				)
		self.purchase(unit, bought, rows)
		# Sales over the last hundred days: ERPNext picks the batch that expires first.
		sold = defaultdict(int)
		for day, seconds in self.moments(90, add_days(self.now, -100), 100, 8, 20):
			customer, _kk = self.customer()
			price = 1 if customer != self.walk_in else 0
			lines = {}
			for code in rng.sample(list(meds), k=rng.choice((1, 1, 2, 3))):
				qty = rng.choice((1, 1, 2))
				if sold[code] + qty > meds[code][2] // 3:  # keep most stock, near-expiry batches included
					continue
				sold[code] += qty
				lines[code] = {"item_code": code, "qty": qty, "rate": meds[code][price]}
			if lines:
				self.sale(unit, day, seconds, customer, list(lines.values()))

	# ------------------------------------------------------------------ peternakan
	def goats(self, unit) -> None:
		rng = self.rng
		self.item(
			unit,
			GOAT,
			"Ekor",
			(GOAT_PUBLIC_PRICE, GOAT_MEMBER_PRICE),
			has_serial_no=1,
			valuation_rate=2000000,
		)
		tags = [f"KMB-{i:03d}" for i in range(1, GOAT_BOUGHT + 1)]
		self.purchase(
			unit,
			add_days(self.now, -330),
			[
				{
					"item_code": GOAT,
					"qty": len(group),
					"rate": rate,
					"serial_no": "\n".join(group),
					"use_serial_batch_fields": 1,
				}
				for group, rate in ((tags[:12], 2400000), (tags[12:], 1900000))
			],
		)
		herd = list(tags)
		events = [(days, "birth", n) for days, n in GOAT_BIRTHS]
		events += [(days, "sale", n) for days, n in GOAT_SALES]
		events.append((GOAT_DEATH, "death", 1))
		next_tag = GOAT_BOUGHT + 1
		for days, kind, n in sorted(events, key=lambda e: -e[0]):
			day = add_days(self.now, -days)
			if kind == "birth":
				kids = [f"KMB-{next_tag + i:03d}" for i in range(n)]
				next_tag += n
				record_birth(unit.name, GOAT, kids, posting_date=day)  # a Material Receipt of the ear tags
				self.count("Stock Entry")
				herd += kids
			elif kind == "death":
				tag = herd.pop(rng.randrange(len(herd)))
				record_death(tag, posting_date=day)  # a Material Issue at its stock value
				self.count("Stock Entry")
			else:
				for seconds in sorted(rng.randrange(9 * 3600, 17 * 3600) for _ in range(n)):
					tag = herd.pop(rng.randrange(len(tags) - 5))  # grown animals from the bought herd
					customer, _kk = self.customer()
					rate = GOAT_MEMBER_PRICE if customer != self.walk_in else GOAT_PUBLIC_PRICE
					self.sale(
						unit,
						day,
						seconds,
						customer,
						[
							{
								"item_code": GOAT,
								"qty": 1,
								"rate": rate,
								"serial_no": tag,
								"use_serial_batch_fields": 1,
							}
						],
					)

	# ------------------------------------------------------------------ perikanan
	def catfish(self, unit) -> None:
		rng = self.rng
		c = CYCLE
		self.item(unit, FINGERLING, "Ekor", (0, 0), valuation_rate=c["fingerling_rate"])
		self.item(unit, FEED, "Kg", (0, 0), valuation_rate=c["feed_rate"])
		self.item(unit, CATFISH, "Kg", (CATFISH_PUBLIC_PRICE, CATFISH_MEMBER_PRICE), valuation_rate=20000)
		self.purchase(
			unit,
			add_days(self.now, -c["start"]),
			[
				{"item_code": FINGERLING, "qty": c["fingerlings"], "rate": c["fingerling_rate"]},
				{"item_code": FEED, "qty": c["feed_bought"], "rate": c["feed_rate"]},
			],
		)
		# The cycle's labour, electricity and lime, paid in cash while it ran (the unit's expense); the
		# cycle's Repack then moves them into the harvest's stock value.
		total = sum(amount for _what, amount in c["costs"])
		row = {"cost_center": unit.cost_center, self.field: unit.name}
		frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": self.company,
				"posting_date": add_days(self.now, -c["harvest"] - 1),
				"user_remark": ", ".join(what for what, _amount in c["costs"]),
				"accounts": [
					{"account": unit.expense_account, "debit_in_account_currency": total, **row},
					{"account": self.cash, "credit_in_account_currency": total, **row},
				],
			}
		).submit()
		self.count("Journal Entry")
		# The cycle: finishing it makes one Repack, fingerlings and feed in, kilograms of fish out at the
		# cycle's whole cost (labour, electricity and lime as additional costs).
		cycle = frappe.get_doc(
			{
				"doctype": "Pond Cycle",
				"business_unit": unit.name,
				"pond": "Kolam 1",
				"start_date": add_days(self.now, -c["start"]),
				"finish_date": add_days(self.now, -c["harvest"]),
				"fingerling_item": FINGERLING,
				"fingerling_qty": c["fingerlings"],
				"harvest_item": CATFISH,
				"harvest_kg": c["harvest_kg"],
				"feed": [{"item_code": FEED, "qty": c["feed_used"]}],
				"other_costs": [
					{"description": what, "expense_account": unit.expense_account, "amount": amount}
					for what, amount in c["costs"]
				],
			}
		)
		cycle.insert()
		cycle.submit()
		self.count("Pond Cycle")
		left = c["harvest_kg"]
		for day, seconds in self.moments(40, add_days(self.now, -c["harvest"] + 1), c["harvest"] - 1, 7, 17):
			qty = rng.choice((2, 3, 5, 5, 10, 20, 50))
			if qty > left - 100:
				continue
			left -= qty
			customer, _kk = self.customer()
			rate = CATFISH_MEMBER_PRICE if customer != self.walk_in else CATFISH_PUBLIC_PRICE
			self.sale(unit, day, seconds, customer, [{"item_code": CATFISH, "qty": qty, "rate": rate}])
