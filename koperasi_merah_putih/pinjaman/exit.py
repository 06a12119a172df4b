# Copyright (c) 2026, Koperasi Merah Putih Developers
# License: GNU General Public License v3. See license.txt
"""The loan side of a member's exit (hooks `kmp_member_obligations` and `kmp_member_exit_checks`).

A member with an active loan cannot leave, unless a Member Exit Settlement offsets the loan against their
savings: the settlement asks :func:`loan_obligations` what the member owes (the early-payoff amount under
each loan's product rule: principal to the loan receivable with the member as party, interest the monthly
accrual recognised to interest receivable, the rest of the interest and denda to income) and posts it. When
that settlement records the exit, :func:`loan_exit_check` finds the loans offset by the settlement's own GL
rows, closes them (paid off, the interest the payoff rule does not charge waived) and lets the exit go on;
without such a settlement every active loan blocks the exit.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate

from koperasi_merah_putih.calculators.loans import interest_settlement, payoff_amount
from koperasi_merah_putih.pinjaman.common import FREQUENCIES, PARTY_TYPE, PAYOFF_RULES
from koperasi_merah_putih.pinjaman.loan_balance import (
	ACTIVE,
	apply_payments,
	dues_of_rows,
	lock_loan,
	open_dues,
	refresh_loan_balance,
	schedule_of,
)
from koperasi_merah_putih.utils.printing import rupiah
from koperasi_merah_putih.utils.settings import get_account


def active_loans(member: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Member Loan",
		filters={"member": member, "docstatus": 1, "status": ACTIVE},
		fields=[
			"name",
			"loan_product",
			"repayment_frequency",
			"loan_receivable_account",
			"interest_income_account",
			"denda_income_account",
		],
		order_by="posting_date, name",
	)


def loan_payoff(loan, as_of, for_update: bool = False):
	"""What closes the loan on `as_of` under its product's early-payoff rule (calculators.loans.payoff_amount)."""
	rule, periods = frappe.db.get_value(
		"Member Loan Product", loan.loan_product, ["payoff_rule", "payoff_interest_periods"]
	)
	return payoff_amount(
		open_dues(loan.name, for_update=for_update),
		getdate(as_of),
		PAYOFF_RULES.get(rule, "all_interest"),
		int(periods or 0),
		frequency=FREQUENCIES.get(loan.repayment_frequency, "monthly"),
	)


def loan_obligations(member: str, posting_date) -> list[dict]:
	"""`kmp_member_obligations`: the payoff of every active loan, one row per GL account it settles."""
	obligations = []
	for loan in active_loans(member):
		payoff = loan_payoff(loan, posting_date)
		accrued = accrued_part(loan.name, payoff)
		parts = (
			(payoff.principal, loan.loan_receivable_account, _("principal")),
			(accrued, get_account("loan_interest_receivable_account") if accrued else None, _("interest")),
			(payoff.interest - accrued, loan.interest_income_account, _("interest")),
			(payoff.denda, loan.denda_income_account, _("denda")),
		)
		for amount, account, what in parts:
			if not amount:
				continue
			row = {
				"description": _("Member Loan {0}: {1}").format(loan.name, what),
				"amount": amount,
				"account": account,
				"party_type": None,
				"party": None,
			}
			if account == loan.loan_receivable_account:
				row.update(party_type=PARTY_TYPE, party=member)
			obligations.append(row)
	return obligations


def accrued_part(loan: str, payoff) -> int:
	"""Of the interest a payoff settles, what the monthly accrual already put into interest receivable (the
	accrual the payoff waives included): that part closes the receivable, the rest is income
	(calculators.loans.interest_settlement, as a repayment splits it)."""
	rows = schedule_of(loan)
	unpaid = {due.number: due.interest for due in dues_of_rows(rows)}
	accrued = {int(row.instalment): flt(row.accrued_interest) for row in rows}
	total = 0
	for line in payoff.lines:
		receivable, _income, reversed_ = interest_settlement(
			line.interest, line.interest_waived, unpaid.get(line.number, 0), accrued.get(line.number, 0)
		)
		total += receivable + reversed_
	return total


def loan_exit_check(member, exit_date) -> list[str]:
	"""`kmp_member_exit_checks`: every active loan blocks the exit, unless the Member Exit Settlement that is
	recording it (``member.flags.exit_settlement``) offset the loans in its GL; those loans are closed."""
	loans = active_loans(member.name)
	if not loans:
		return []
	settlement = member.flags.exit_settlement
	if settlement and offset_by(settlement, member.name, loans, exit_date):
		for loan in loans:
			close_by_settlement(loan, settlement, exit_date)
		return []
	return [
		_(
			"Member Loan {0} still owes {1}; have it repaid, or offset it against the savings with a Member Exit Settlement."
		).format(loan.name, rupiah(loan_payoff(loan, exit_date).total))
		for loan in loans
	]


def offset_by(settlement: str, member: str, loans, exit_date) -> bool:
	"""True when the settlement's GL credits the loans' receivable, for this member, with their principal."""
	principal = sum(loan_payoff(loan, exit_date).principal for loan in loans)
	accounts = list({loan.loan_receivable_account for loan in loans})
	gle = frappe.qb.DocType("GL Entry")
	credited = (
		frappe.qb.from_(gle)
		.select(Coalesce(Sum(gle.credit - gle.debit), 0))
		.where(
			(gle.voucher_type == "Member Exit Settlement")
			& (gle.voucher_no == settlement)
			& (gle.is_cancelled == 0)
			& (gle.account.isin(accounts))
			& (gle.party_type == PARTY_TYPE)
			& (gle.party == member)
		)
	).run()[0][0]
	return flt(credited) >= principal


def close_by_settlement(loan, settlement: str, exit_date) -> None:
	lock_loan(loan.name)
	payoff = loan_payoff(loan, exit_date, for_update=True)
	apply_payments(
		loan.name,
		[
			{
				"instalment": line.number,
				"principal": line.principal,
				"interest": line.interest,
				"denda": line.denda,
				"interest_waived": line.interest_waived,
			}
			for line in payoff.lines
		],
	)
	refresh_loan_balance(loan.name, exit_date)
	frappe.db.set_value("Member Loan", loan.name, "closed_by", settlement, update_modified=False)
