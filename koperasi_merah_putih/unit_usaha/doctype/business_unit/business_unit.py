# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""A business unit (unit usaha) of the cooperative and the ERPNext records it owns.

"Set Up Unit" (:meth:`BusinessUnit.set_up_unit`) creates, in one action, what the unit needs to run on
ERPNext's stock, selling and accounting: its value of the Accounting Dimension "Unit Usaha" (the unit
itself; the dimension is made once for the whole app), a Cost Center under the company's root, a
Warehouse, for selling units a POS Profile (cash mode of payment, a walk-in customer), and an income
account for members and one for non-members (SAK EP, Permenkop UKM 2/2024) plus an expense account. It
is idempotent (a second run creates nothing) and all or nothing. The links to these records are
server-owned (utils/server_owned.py).
"""

import frappe
from frappe import _
from frappe.model.document import Document

from koperasi_merah_putih.exceptions import BusinessUnitSetupError
from koperasi_merah_putih.unit_usaha.setup import dimension_fieldname, ensure_dimension, set_up_operation
from koperasi_merah_putih.utils.server_owned import reload_locked

WALK_IN_CUSTOMER = "Pelanggan Umum"
INCOME_GROUP = "Pendapatan Koperasi"  # made by setup.chart_of_accounts; else the Income root
EXPENSE_GROUP = "Beban Koperasi"  # made by setup.chart_of_accounts; else the Expense root


class BusinessUnit(Document):
	def validate(self):
		self.unit_name = (self.unit_name or "").strip()
		if not self.company:
			self.company = frappe.db.get_single_value("Cooperative Settings", "company")

	@frappe.whitelist()
	def set_up_unit(self) -> dict:
		"""Create the unit's ERPNext records that do not exist yet; returns {"created": [doctype, ...]}."""
		self.check_permission("write")
		dimension = ensure_dimension()  # alters ERPNext's tables the first time: outside the savepoint
		reload_locked(self)
		frappe.db.savepoint("set_up_business_unit")
		try:
			created = UnitSetup(self, dimension).run()
		except Exception:
			frappe.db.rollback(save_point="set_up_business_unit")
			raise
		if created:
			frappe.msgprint(
				_("Unit {0} is set up: {1}.").format(self.unit_name, ", ".join(_(d) for d in created)),
				title=_("Business unit set up"),
				indicator="green",
			)
		return {"created": created}


class UnitSetup:
	"""Finds or makes each record; the checks of the caller's right were done by set_up_unit, so the
	records are inserted by the system on that decision (ignore_permissions)."""

	def __init__(self, unit: BusinessUnit, dimension: str):
		self.unit = unit
		self.company = unit.company
		self.abbr = frappe.get_cached_value("Company", self.company, "abbr")
		self.dimension = dimension
		self.created: list[str] = []
		self.links: dict[str, str] = {}

	def run(self) -> list[str]:
		unit = self.unit
		self.link("accounting_dimension", self.dimension)
		self.link("cost_center", self.cost_center())
		self.link("warehouse", self.warehouse())
		self.link(
			"member_income_account",
			self.account("Pendapatan Anggota {0}", INCOME_GROUP, "Income", "Income Account"),
		)
		self.link(
			"non_member_income_account",
			self.account("Pendapatan Non-Anggota {0}", INCOME_GROUP, "Income", "Income Account"),
		)
		self.link("expense_account", self.account("Beban {0}", EXPENSE_GROUP, "Expense", "Expense Account"))
		self.link("cogs_account", self.account("HPP {0}", EXPENSE_GROUP, "Expense", "Cost of Goods Sold"))
		if unit.is_selling:
			self.link("pos_profile", self.pos_profile())
		self.created += set_up_operation(unit)
		if self.links:
			unit.db_set(self.links)  # server-owned links: an SQL update, never through a client
		return self.created

	def link(self, fieldname: str, value: str) -> None:
		if self.unit.get(fieldname) != value:
			self.links[fieldname] = value

	def insert(self, doc: dict, **kwargs) -> str:
		record = frappe.get_doc(doc)
		# set_up_unit checked the caller's write right on the unit; the ERPNext records it owns (cost
		# center, warehouse, accounts, POS profile) are made by the system on that decision.
		record.insert(ignore_permissions=True, **kwargs)
		self.created.append(record.doctype)
		return record.name

	def existing(self, doctype: str, fieldname: str) -> str | None:
		"""The record the unit already links to, if it still exists and belongs to the unit's company."""
		name = self.unit.get(fieldname)
		if name and frappe.db.get_value(doctype, name, "company") == self.company:
			return name
		return None

	# ------------------------------------------------------------------ records
	def cost_center(self) -> str:
		name = self.existing("Cost Center", "cost_center") or frappe.db.get_value(
			"Cost Center", {"company": self.company, "cost_center_name": self.unit.unit_name, "is_group": 0}
		)
		if name:
			return name
		root = frappe.db.get_value(
			"Cost Center", {"company": self.company, "is_group": 1, "parent_cost_center": ["is", "not set"]}
		)
		if not root:
			self.missing(_("root Cost Center"))
		return self.insert(
			{
				"doctype": "Cost Center",
				"cost_center_name": self.unit.unit_name,
				"company": self.company,
				"parent_cost_center": root,
				"is_group": 0,
			}
		)

	def warehouse(self) -> str:
		name = self.existing("Warehouse", "warehouse") or frappe.db.get_value(
			"Warehouse", {"company": self.company, "warehouse_name": self.unit.unit_name, "is_group": 0}
		)
		if name:
			return name
		root = frappe.db.get_value(
			"Warehouse", {"company": self.company, "is_group": 1, "parent_warehouse": ["is", "not set"]}
		)
		if not root:
			self.missing(_("root Warehouse"))
		return self.insert(
			{
				"doctype": "Warehouse",
				"warehouse_name": self.unit.unit_name,
				"company": self.company,
				"parent_warehouse": root,
				"is_group": 0,
			}
		)

	def account(self, pattern: str, group_name: str, root_type: str, account_type: str) -> str:
		# Account names are the same in every language: a second run finds the accounts by name.
		account_name = pattern.format(self.unit.unit_name)
		name = frappe.db.get_value(
			"Account", {"company": self.company, "account_name": account_name, "is_group": 0}
		)
		if name:
			return name
		parent = frappe.db.get_value(
			"Account", {"company": self.company, "account_name": group_name, "is_group": 1}
		) or frappe.db.get_value(
			"Account",
			{
				"company": self.company,
				"root_type": root_type,
				"is_group": 1,
				"parent_account": ["is", "not set"],
			},
		)
		if not parent:
			self.missing(_("group account for {0}").format(_(root_type)))
		return self.insert(
			{
				"doctype": "Account",
				"account_name": account_name,
				"company": self.company,
				"parent_account": parent,
				"is_group": 0,
				"account_type": account_type,
				"account_currency": frappe.get_cached_value("Company", self.company, "default_currency"),
			}
		)

	def pos_profile(self) -> str:
		name = self.existing("POS Profile", "pos_profile")
		if name:
			return self.profile_unit(name)
		if frappe.db.exists("POS Profile", self.unit.unit_name):
			if frappe.db.get_value("POS Profile", self.unit.unit_name, "company") == self.company:
				return self.profile_unit(self.unit.unit_name)
			frappe.throw(
				_(
					"A POS Profile named {0} belongs to another company. Rename that POS Profile or this unit, "
					"then set the unit up again."
				).format(self.unit.unit_name),
				BusinessUnitSetupError,
				title=_("POS Profile"),
			)
		write_off_account = frappe.get_cached_value(
			"Company", self.company, "write_off_account"
		) or frappe.get_cached_value("Company", self.company, "round_off_account")
		if not write_off_account:
			self.missing(_("Write Off Account or Round Off Account"))
		profile = {
			"doctype": "POS Profile",
			"company": self.company,
			"currency": frappe.get_cached_value("Company", self.company, "default_currency"),
			"warehouse": self.links.get("warehouse") or self.unit.warehouse,
			"cost_center": self.links.get("cost_center") or self.unit.cost_center,
			"write_off_cost_center": self.links.get("cost_center") or self.unit.cost_center,
			"write_off_account": write_off_account,
			# A POS sale starts as a walk-in (non-member) sale; a member's sale is re-pointed to the
			# member income account when the member is picked.
			"income_account": self.links.get("non_member_income_account")
			or self.unit.non_member_income_account,
			# The cost of what the till sells is the unit's HPP (type Cost of Goods Sold), so the unit
			# comparison shows it as cost of goods, not as an operating expense.
			"expense_account": self.links.get("cogs_account") or self.unit.cogs_account,
			"customer": self.walk_in_customer(),
			# Walk-in customers buy at the public price; a member's Customer brings the member price list.
			"selling_price_list": frappe.db.get_single_value("Cooperative Settings", "public_price_list")
			or frappe.db.get_single_value("Selling Settings", "selling_price_list"),
			"payments": [{"mode_of_payment": self.cash_mode_of_payment(), "default": 1}],
		}
		fieldname = dimension_fieldname()
		if fieldname:
			profile[fieldname] = self.unit.name
		return self.insert(profile, set_name=self.unit.unit_name)

	def profile_unit(self, profile: str) -> str:
		"""An existing POS Profile of the unit carries the unit (one made while the dimension's fields were
		still missing has none, so its sales had no unit)."""
		fieldname = dimension_fieldname()
		if fieldname and frappe.db.has_column("POS Profile", fieldname):
			if not frappe.db.get_value("POS Profile", profile, fieldname):
				frappe.db.set_value("POS Profile", profile, fieldname, self.unit.name)
				self.created.append("POS Profile")
		return profile

	def cash_mode_of_payment(self) -> str:
		"""The cooperative's cash mode of payment, given the company's cash account when it has none."""
		mode = frappe.db.get_single_value(
			"Cooperative Settings", "default_mode_of_payment"
		) or frappe.db.get_value("Mode of Payment", {"type": "Cash", "enabled": 1})
		if not mode:
			self.missing(_("enabled Mode of Payment of type Cash"))
		has_account = frappe.db.get_value(
			"Mode of Payment Account", {"parent": mode, "company": self.company}, "default_account"
		)
		if not has_account:
			cash = frappe.get_cached_value("Company", self.company, "default_cash_account")
			if not cash:
				self.missing(_("Default Cash Account"))
			doc = frappe.get_doc("Mode of Payment", mode)
			doc.append("accounts", {"company": self.company, "default_account": cash})
			# A POS Profile needs the company's account on its payment method; the officer setting up a
			# selling unit (checked) has no right on Mode of Payment, an accounts master.
			doc.save(ignore_permissions=True)
		return mode

	def walk_in_customer(self) -> str:
		name = frappe.db.get_value("Customer", {"customer_name": WALK_IN_CUSTOMER})
		if name:
			return name
		settings = frappe.get_cached_doc("Cooperative Settings")
		group = frappe.db.get_single_value("Selling Settings", "customer_group")
		if (
			not group
			or group == settings.customer_group
			or frappe.db.get_value("Customer Group", group, "is_group")
		):
			group = frappe.db.get_value(
				"Customer Group",
				{"is_group": 0, "name": ["!=", settings.customer_group or ""]},
				order_by="lft",
			)
		if not group:
			self.missing(_("Customer Group for non-members"))
		return self.insert(
			{
				"doctype": "Customer",
				"customer_name": WALK_IN_CUSTOMER,
				"customer_type": "Individual",
				"customer_group": group,
				"territory": settings.territory,
			}
		)

	def missing(self, what: str) -> None:
		frappe.throw(
			_(
				"Unit {0} cannot be set up: company {1} has no {2}. Finish the ERPNext setup of the company "
				"(or run the cooperative setup in Cooperative Settings), then set the unit up again."
			).format(self.unit.unit_name, self.company, what),
			BusinessUnitSetupError,
			title=_("Business unit set up"),
		)
