"""Funding: the ledger of public money. It owns the agreements drafted from approved
projects, with their key tasks, milestones, tranches, disbursements and amendments, their
instrument terms, and what accrues under them instead of being paid (service fees, a
lease's rent)."""
