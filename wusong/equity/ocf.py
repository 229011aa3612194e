"""The holder's positions in one portfolio company as an Open Cap Format (OCF) package, and
its validation against the OCF JSON schemas, offline.

The package is the issuer's manifest and three files: stakeholders (the holder and the
company's other holders), stock classes (registered capital for a limited liability
company, ordinary shares for a joint-stock company) and transactions: each convertible
position as a convertible issuance with its two triggers (a qualifying financing round;
the deadline fallback), each conversion with the stock issued by it, each write-off or
repayment as a cancellation, and each exit as a transfer (to another investor, or a sale
after listing) or a repurchase (buy-back by the founding team), with the buyer's and
the balance's stock issued where the OCF asks for them.

Every export is validated before it is handed out (`ocf_export`): one that does not
validate is refused with the schemas' errors, never served. Validation loads every schema
file under `OCF_SCHEMA_DIR` (default: the copy shipped in `ocf_schema/`, with its licence)
into a `referencing` registry keyed by each schema's `$id`, so no `$ref` is ever fetched
over the network.
"""

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from wusong.errors import ActionRefused
from wusong.funding.terms import agreement_terms
from wusong.kernels.conversion import fmt

from .ledger import position_amount
from .models import CompanyForm, ConvertiblePosition, EquityProfile, Exit, Holding
from .workflow import PositionState

OCF_VERSION = "1.2.1-alpha+main"
CURRENCY = "CNY"
SCHEMA_BASE = (
    "https://raw.githubusercontent.com/Open-Cap-Table-Coalition/Open-Cap-Format-OCF/main/schema/"
)
FILES = {
    "Manifest.ocf.json": "files/OCFManifestFile.schema.json",
    "Stakeholders.ocf.json": "files/StakeholdersFile.schema.json",
    "StockClasses.ocf.json": "files/StockClassesFile.schema.json",
    "Transactions.ocf.json": "files/TransactionsFile.schema.json",
}
MANIFEST_LISTS = {
    "stakeholders_files": "Stakeholders.ocf.json",
    "stock_classes_files": "StockClasses.ocf.json",
    "transactions_files": "Transactions.ocf.json",
}
EMPTY_LISTS = (
    "stock_plans_files",
    "stock_legend_templates_files",
    "vesting_terms_files",
    "valuations_files",
)
# Names that read as an institution rather than a person, for holders the ledger knows
# only by name.
INSTITUTION_WORDS = ("公司", "基金", "企业", "中心", "合伙", "大学", "学院", "研究", "集团",
                     "资本", "投资", "Capital", "Fund", "Ltd", "LLC", "Inc", "Partners")  # fmt: skip


SHIPPED_SCHEMAS = Path(__file__).resolve().parent / "ocf_schema"


class OCFExportRefused(ActionRefused):
    """The export does not validate against the OCF schemas, so it is not handed out."""

    status_code = 422

    def __init__(self, errors: list[str]):
        super().__init__(
            _("The OCF export does not validate against the Open Cap Format schemas: %(errors)s")
            % {"errors": "; ".join(errors[:5])}
        )
        self.errors = errors


def _num(value) -> str:
    """An OCF Numeric: fixed point, at most ten decimals, no exponent."""
    text = fmt(Decimal(value).normalize() if Decimal(value) != 0 else Decimal(0))
    return text


def _money(value) -> dict:
    return {"amount": _num(value), "currency": CURRENCY}


def _date(value) -> str:
    return value.isoformat()


def _stakeholder_id(kind: str, key) -> str:
    return f"stakeholder-{kind}-{key}"


def _stakeholder(sid: str, name: str, institution: bool, comments=()) -> dict:
    item = {
        "object_type": "STAKEHOLDER",
        "id": sid,
        "name": {"legal_name": name},
        "stakeholder_type": "INSTITUTION" if institution else "INDIVIDUAL",
    }
    if comments:
        item["comments"] = list(comments)
    return item


def _looks_institutional(name: str) -> bool:
    return any(word in name for word in INSTITUTION_WORDS)


def _trigger_texts(terms) -> tuple[str, str]:
    parts = [
        f"A market financing round closing from {fmt(terms.agreement_date)} to "
        f"{fmt(terms.deadline)} with at least {fmt(terms.min_new_money)} yuan of new money"
    ]
    if terms.require_market_investor:
        parts.append("and at least one market investor")
    condition = " ".join(parts) + "."
    price = ["Amount ÷ the round's price per unit (a share, or one yuan of registered capital)"]
    if terms.discount_percent is not None:
        price.append(f"less a {fmt(terms.discount_percent)} % discount")
    if terms.valuation_cap is not None:
        price.append(f"or the price at a {fmt(terms.valuation_cap)} yuan valuation cap if lower")
    limits = []
    if terms.max_stake_percent is not None:
        limits.append(f"a stake of at most {fmt(terms.max_stake_percent)} %")
    if terms.never_largest_holder:
        limits.append("never the largest holder")
    text = ", ".join(price) + "; rounded down to the unit step"
    if limits:
        text += "; within " + " and ".join(limits)
    text += f"; the residual is {terms.residual_treatment.value.replace('_', ' ')}."
    return condition, text


def _fallback_text(terms) -> str:
    if terms.fallback.value == "write_off":
        return "No qualifying round by the deadline: the amount is written off as a grant."
    if terms.fallback.value == "repay":
        return "No qualifying round by the deadline: the company repays the amount."
    return (
        "No qualifying round by the deadline: the amount converts at the agreed valuation of "
        f"{fmt(terms.fallback_valuation)} yuan ÷ the fully diluted units."
    )


def _custom(description: str) -> dict:
    return {
        "type": "CONVERTIBLE_CONVERSION_RIGHT",
        "conversion_mechanism": {
            "type": "CUSTOM_CONVERSION",
            "custom_conversion_description": description,
        },
    }


def _issuance(position: ConvertiblePosition, holder_sid: str, as_of: dt.date) -> dict:
    agreement = position.agreement
    terms = agreement_terms(agreement)
    if position.amount is not None:
        amount = position.amount
    else:
        amount, _basis = position_amount(position, min(as_of, terms.deadline))
    condition, mechanism = _trigger_texts(terms)
    custom_id = agreement.reference + (f"-R{position.pk}" if position.residual_of_id else "")
    item = {
        "object_type": "TX_CONVERTIBLE_ISSUANCE",
        "id": f"tx-convertible-issuance-{position.pk}",
        "security_id": f"convertible-{position.pk}",
        "date": _date(agreement.start_date),
        "custom_id": custom_id,
        "stakeholder_id": holder_sid,
        "security_law_exemptions": [],
        "investment_amount": _money(amount),
        "convertible_type": "CONVERTIBLE_SECURITY",
        "seniority": 1,
        "consideration_text": f"{position.get_instrument_display()} ({position.instrument})",
        "conversion_triggers": [
            {
                "type": "AUTOMATIC_ON_CONDITION",
                "trigger_id": "qualifying-round",
                "nickname": "Qualifying market financing round",
                "trigger_condition": condition,
                "conversion_right": _custom(mechanism),
            },
            {
                "type": "AUTOMATIC_ON_DATE",
                "trigger_id": "deadline-fallback",
                "nickname": f"Deadline fallback: {terms.fallback.value}",
                "trigger_date": _date(terms.deadline + dt.timedelta(days=1)),
                "trigger_description": _fallback_text(terms),
                "conversion_right": _custom(_fallback_text(terms)),
            },
        ],
    }
    if position.residual_of_id:
        item["comments"] = [f"Residual kept as a claim from convertible-{position.residual_of_id}"]
    return item


def _stock_issuance(
    sid: str, security: str, holder_sid: str, when, units, price, cost, class_id, comment
) -> dict:
    return {
        "object_type": "TX_STOCK_ISSUANCE",
        "id": sid,
        "security_id": security,
        "date": _date(when),
        "custom_id": security,
        "stakeholder_id": holder_sid,
        "security_law_exemptions": [],
        "stock_class_id": class_id,
        "share_price": _money(price),
        "quantity": _num(units),
        "cost_basis": _money(cost),
        "stock_legend_ids": [],
        "comments": [comment],
    }


def ocf_export(company, *, holder=None, as_of: dt.date | None = None) -> dict[str, dict]:
    """The OCF package of the holder's positions in `company`: {file name: JSON}. Without
    `holder`, every programme holder with a position in the company. Refused
    (OCFExportRefused, with the schemas' errors) if it does not validate."""
    files = ocf_build(company, holder=holder, as_of=as_of)
    errors = ocf_validate(files)
    if errors:
        raise OCFExportRefused(errors)
    return files


def ocf_build(company, *, holder=None, as_of: dt.date | None = None) -> dict[str, dict]:
    """The package as the ledger writes it, before it is validated."""
    as_of = as_of or timezone.localdate()
    profile = EquityProfile.objects.filter(organisation=company).first()
    positions = ConvertiblePosition.objects.filter(company=company).select_related(
        "agreement", "holder", "residual_of"
    )
    if holder is not None:
        positions = positions.filter(holder=holder)
    positions = list(positions.order_by("id"))
    form = profile.form if profile else CompanyForm.LLC
    class_id = f"stock-class-{form}"
    stakeholders, names = [], {}

    def stakeholder_for(name: str, institution: bool, key) -> str:
        if name not in names:
            names[name] = _stakeholder_id(*key)
            stakeholders.append(_stakeholder(names[name], name, institution))
        return names[name]

    for position in positions:
        stakeholder_for(position.holder.name, True, ("org", position.holder_id))
    if profile:
        for line in profile.lines.filter(units__gt=0).order_by("-units", "name"):
            key = ("org", line.organisation_id) if line.organisation_id else ("line", line.pk)
            stakeholder_for(
                line.name, bool(line.organisation_id) or _looks_institutional(line.name), key
            )

    transactions: list[tuple] = []
    for position in positions:
        holder_sid = names[position.holder.name]
        issuance = _issuance(position, holder_sid, as_of)
        transactions.append((issuance["date"], 0, issuance))
        if position.state in (PositionState.WRITTEN_OFF, PositionState.REPAID):
            amount = position.written_off_amount or position.repayable_amount or position.amount
            reason = (
                "Written off as a grant under the deadline fallback"
                if position.state == PositionState.WRITTEN_OFF
                else "To be repaid by the company under the deadline fallback"
            )
            when = position.closed_at.date() if position.closed_at else as_of
            transactions.append(
                (
                    _date(when),
                    1,
                    {
                        "object_type": "TX_CONVERTIBLE_CANCELLATION",
                        "id": f"tx-convertible-cancellation-{position.pk}",
                        "security_id": f"convertible-{position.pk}",
                        "date": _date(when),
                        "amount": _money(amount),
                        "reason_text": reason,
                    },
                )
            )
        conversion = getattr(position, "conversion", None)
        if conversion is None:
            continue
        holding = Holding.objects.filter(conversion=conversion).first()
        when = holding.acquired_on if holding else conversion.confirmed_at.date()
        round_text = (
            f"Qualifying round of {fmt(conversion.financing_round.date)}"
            if conversion.financing_round_id
            else "Deadline fallback at the agreed valuation"
        )
        item = {
            "object_type": "TX_CONVERTIBLE_CONVERSION",
            "id": f"tx-convertible-conversion-{position.pk}",
            "security_id": f"convertible-{position.pk}",
            "date": _date(when),
            "trigger_id": "qualifying-round"
            if conversion.financing_round_id
            else "deadline-fallback",
            "reason_text": (
                f"{round_text}: {fmt(conversion.amount_converted)} yuan at "
                f"{fmt(conversion.price)} yuan per unit ({conversion.price_rule}); residual "
                f"{fmt(conversion.residual_amount)} yuan {conversion.residual_treatment}"
            ),
            "resulting_security_ids": [f"stock-{holding.pk}"] if holding else [],
        }
        claims = position.claims.all()
        if claims:
            item["balance_security_id"] = f"convertible-{claims[0].pk}"
        transactions.append((_date(when), 2, item))
        if holding:
            transactions.extend(
                _holding_transactions(holding, holder_sid, class_id, stakeholder_for)
            )

    transactions.sort(key=lambda t: (t[0], t[1], t[2]["id"]))
    issuer = _issuer(company, profile, positions)
    files = {
        "Stakeholders.ocf.json": {"file_type": "OCF_STAKEHOLDERS_FILE", "items": stakeholders},
        "StockClasses.ocf.json": {
            "file_type": "OCF_STOCK_CLASSES_FILE",
            "items": [_stock_class(class_id, form, profile)],
        },
        "Transactions.ocf.json": {
            "file_type": "OCF_TRANSACTIONS_FILE",
            "items": [t[2] for t in transactions],
        },
    }
    manifest = {
        "ocf_version": OCF_VERSION,
        "file_type": "OCF_MANIFEST_FILE",
        "issuer": issuer,
        "as_of": _date(as_of),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "comments": [
            "Exported by Wusong from the equity ledger of the programme's holder. Amounts "
            "are yuan (CNY); a unit is one yuan of registered capital for a limited "
            "liability company and a share for a joint-stock company."
        ],
        **{name: [] for name in EMPTY_LISTS},
        **{
            key: [{"filepath": name, "md5": hashlib.md5(ocf_bytes(files[name])).hexdigest()}]  # noqa: S324  a checksum the format asks for, not security
            for key, name in MANIFEST_LISTS.items()
        },
    }
    return {"Manifest.ocf.json": manifest, **files}


def _holding_transactions(holding, holder_sid, class_id, stakeholder_for) -> list[tuple]:
    """The stock issued by a conversion, and each exit from it."""
    out = []
    units = holding.units_acquired
    cost = holding.cost_acquired
    price = holding.conversion.price
    security = f"stock-{holding.pk}"
    out.append(
        (
            _date(holding.acquired_on),
            3,
            _stock_issuance(
                f"tx-stock-issuance-{holding.pk}",
                security,
                holder_sid,
                holding.acquired_on,
                units,
                price,
                cost,
                class_id,
                "Issued on conversion of the convertible position",
            ),
        )
    )
    for sale in Exit.objects.filter(holding=holding).order_by("date", "id"):
        units -= sale.units
        cost -= sale.cost
        balance = f"stock-{holding.pk}-balance-{sale.pk}" if units > 0 else None
        buyer_sid = stakeholder_for(
            sale.counterparty, _looks_institutional(sale.counterparty), ("buyer", sale.pk)
        )
        sale_price = (sale.proceeds / sale.units).quantize(Decimal("0.0000000001"))
        text = (
            f"{sale.get_kind_display()}: {fmt(sale.units)} units to {sale.counterparty} for "
            f"{fmt(sale.proceeds)} yuan; realised gain {fmt(sale.realised_gain)} yuan; "
            f"team reward {fmt(sale.team_reward)} yuan"
        )
        day = _date(sale.date)
        if sale.kind == Exit.Kind.BUYBACK:
            item = {
                "object_type": "TX_STOCK_REPURCHASE",
                "id": f"tx-stock-repurchase-{sale.pk}",
                "security_id": security,
                "date": day,
                "price": _money(sale_price),
                "quantity": _num(sale.units),
                "consideration_text": text,
            }
        else:
            bought = f"stock-{holding.pk}-sold-{sale.pk}"
            item = {
                "object_type": "TX_STOCK_TRANSFER",
                "id": f"tx-stock-transfer-{sale.pk}",
                "security_id": security,
                "date": day,
                "quantity": _num(sale.units),
                "consideration_text": text,
                "resulting_security_ids": [bought],
            }
            out.append(
                (
                    day,
                    5,
                    _stock_issuance(
                        f"tx-stock-issuance-{bought}",
                        bought,
                        buyer_sid,
                        sale.date,
                        sale.units,
                        sale_price,
                        sale.proceeds,
                        class_id,
                        f"Bought from the programme's holder ({sale.get_kind_display()})",
                    ),
                )
            )
        if balance:
            item["balance_security_id"] = balance
            out.append(
                (
                    day,
                    5,
                    _stock_issuance(
                        f"tx-stock-issuance-{balance}",
                        balance,
                        holder_sid,
                        sale.date,
                        units,
                        price,
                        cost,
                        class_id,
                        "Balance kept after a partial exit",
                    ),
                )
            )
        out.append((day, 4, item))
        security = balance or security
    return out


def _stock_class(class_id: str, form: str, profile) -> dict:
    llc = form == CompanyForm.LLC
    return {
        "object_type": "STOCK_CLASS",
        "id": class_id,
        "name": "Registered capital (注册资本)" if llc else "Ordinary shares (普通股)",
        "class_type": "COMMON",
        "default_id_prefix": "RC-" if llc else "OS-",
        "initial_shares_authorized": _num(profile.units) if profile else "NOT APPLICABLE",
        "votes_per_share": "1",
        "seniority": "1",
        "comments": [
            "Units are yuan of registered capital, counted to 0.01"
            if llc
            else "Units are shares, counted whole"
        ],
    }


def _issuer(company, profile, positions) -> dict:
    formed = profile.formation_date if profile and profile.formation_date else None
    comments = []
    if formed is None:
        starts = [p.agreement.start_date for p in positions]
        formed = min(starts) if starts else timezone.localdate()
        comments.append("Date of incorporation not recorded; the earliest agreement date is given")
    issuer = {
        "object_type": "ISSUER",
        "id": f"issuer-{company.pk}",
        "legal_name": company.name,
        "formation_date": _date(formed),
        "country_of_formation": "CN",
    }
    if company.name_en:
        issuer["dba"] = company.name_en
    if company.uscc:
        issuer["tax_ids"] = [{"tax_id": company.uscc, "country": "CN"}]
    if comments:
        issuer["comments"] = comments
    return issuer


def ocf_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def ocf_zip(files: dict[str, dict]) -> bytes:
    """The package as a .ocf.zip: each file as written, so the manifest's MD5s match."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, ocf_bytes(data))
    return buffer.getvalue()


# Validation ------------------------------------------------------------------------------


def schema_dir() -> Path:
    """The folder of OCF schemas: `OCF_SCHEMA_DIR` where it is set, else the shipped copy."""
    configured = os.environ.get("OCF_SCHEMA_DIR")
    if configured:
        return Path(configured)
    return SHIPPED_SCHEMAS


@cache
def _registry(folder: str) -> Registry:
    """Every schema under `folder`, keyed by its `$id`. No retrieval function is given,
    so an unknown `$ref` is an error, never a download."""
    resources = []
    for path in sorted(Path(folder).rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in contents:
            resources.append(
                (contents["$id"], Resource.from_contents(contents, default_specification=DRAFT7))
            )
    if not resources:
        raise FileNotFoundError(f"no OCF schemas under {folder}; set OCF_SCHEMA_DIR")
    return Registry().with_resources(resources)


def ocf_validate(files: dict[str, dict], folder: Path | None = None) -> list[str]:
    """Every schema error in the package, as "file: path: message"; empty when valid."""
    registry = _registry(str(folder or schema_dir()))
    errors = []
    for name, data in files.items():
        schema_id = SCHEMA_BASE + FILES[name]
        schema = registry.contents(schema_id)
        validator = Draft7Validator(
            schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            path = "/".join(str(p) for p in error.absolute_path)
            errors.append(f"{name}: {path}: {error.message}")
    return errors
