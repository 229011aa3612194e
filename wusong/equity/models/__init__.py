"""The equity ledger: portfolio companies' equity, financing rounds, convertible
positions, conversions, holdings, exits and the money that returns to a programme's pool.
Amounts are yuan as Decimal; units are shares or yuan of registered capital."""

from .companies import CapTableLine, CompanyForm, EquityProfile, FinancingRound, RoundInvestor
from .holdings import Exit, Holding, PoolReturn
from .positions import Conversion, ConvertiblePosition

__all__ = [
    "CapTableLine",
    "CompanyForm",
    "Conversion",
    "ConvertiblePosition",
    "EquityProfile",
    "Exit",
    "FinancingRound",
    "Holding",
    "PoolReturn",
    "RoundInvestor",
]
