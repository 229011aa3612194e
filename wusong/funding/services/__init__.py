"""Every write to agreements, tranches, disbursements and what accrues under an agreement:
one function per thing a user does, each in one transaction with its audit entry. A
refused action changes nothing."""

from .accruals import lease_rent_change, service_fee_record
from .agreements import (
    agreement_amend,
    agreement_draft,
    agreement_sign,
    lock_agreement,
    milestone_verify,
)
from .amounts import positive_amount, yuan_amount
from .disbursements import (
    disbursement_approve,
    disbursement_pay,
    disbursement_reject,
    disbursement_request,
)

__all__ = [
    "agreement_amend",
    "agreement_draft",
    "agreement_sign",
    "disbursement_approve",
    "disbursement_pay",
    "disbursement_reject",
    "disbursement_request",
    "lease_rent_change",
    "lock_agreement",
    "milestone_verify",
    "positive_amount",
    "service_fee_record",
    "yuan_amount",
]
