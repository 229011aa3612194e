"""End to end in a real headless Chromium: from an approved project an officer drafts the
agreement with its convertible terms and signs, the company signs; two disbursements are
requested, approved at both levels and paid; the officer records the company's equity,
opens the position, records a qualifying round, previews the conversion with its
arithmetic, confirms it, and records an exit; the portfolio shows the conversion and the
proceeds."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wusong.equity.models import Holding
from wusong.factories import OrganisationFactory, applicant, approved_declaration, leader
from wusong.funding.models import Agreement, Disbursement
from wusong.funding.workflow import AgreementState, DisbursementState
from wusong.testing.browser import log_in, log_out, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_takes_a_project_from_approval_to_an_exit(live_server, page):
    base = live_server.url
    day = timezone.localdate()
    today, start, deadline = day.isoformat(), f"{day.year}-01-01", f"{day.year + 2}-12-31"
    decl = approved_declaration(company_status="llc")
    staff = decl.call.programme.officers.first()
    company = decl.organisation
    team = applicant(company)
    checker = leader()
    holder = OrganisationFactory(name="上海宝山科技成果转化有限公司")

    # 1. The officer drafts the agreement with its convertible terms and signs it.
    log_in(page, base, staff.username)
    page.goto(base + reverse("funding:agreement_new", args=[decl.pk]))
    page.select_option("#id_funder", str(holder.pk))
    page.select_option("#id_instrument", "investment_first")
    page.fill("#id_total_wan", "1000")
    page.fill("#id_start_date", start)
    page.fill("#id_end_date", deadline)
    page.fill("#id_deadline", deadline)
    page.select_option("#id_fallback", "write_off")
    page.fill("#id_min_new_money_wan", "500")
    page.check("#id_require_market_investor")
    page.fill("#id_max_stake_percent", "25")
    page.check("#id_never_largest_holder")
    page.select_option("#id_residual_treatment", "repay")
    page.fill("#id_team_reward_percent", "50")
    page.select_option("#id_task-0-kind", "prototype")
    page.fill("#id_task-0-title", "样机研制")
    page.fill("#id_task-0-due", deadline)
    page.fill("#id_ms-0-title", "样机通过第三方测试")
    page.fill("#id_ms-0-due", deadline)
    page.fill("#id_tr-0-amount_wan", "490")
    page.fill("#id_tr-0-milestone", "0")
    page.fill("#id_tr-1-amount_wan", "510")
    page.fill("#id_tr-1-milestone", "1")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r"/agreements/\d+/$"))
    agreement = Agreement.objects.get(declaration=decl)
    agreement_url = base + reverse("funding:agreement", args=[agreement.pk])
    assert agreement.terms["deadline"] == deadline
    assert agreement.terms["min_new_money"] == "5000000.00"
    assert agreement.terms["max_stake_percent"] == "25"
    submit(page, "button[name=sign-funder]")
    log_out(page)

    # 2. The company signs and requests two disbursements from the first tranche.
    log_in(page, base, team.username)
    page.goto(agreement_url)
    submit(page, "button[name=sign-recipient]")
    assert page.get_attribute("[data-state]", "data-state") == AgreementState.SIGNED
    tranche = agreement.tranches.get(seq=1)
    request_form = f"form[action='{reverse('funding:request', args=[agreement.pk, tranche.pk])}']"
    for amount, purpose in (("291.5", "首笔：样机材料"), ("198.5", "第二笔：测试费用")):
        page.fill(f"{request_form} input[name=amount_wan]", amount)
        page.fill(f"{request_form} input[name=purpose]", purpose)
        submit(page, f"{request_form} button[name=request]")
    assert Disbursement.objects.filter(tranche=tranche).count() == 2
    log_out(page)

    # 3. The officer approves both, the leader approves both, the officer pays both.
    first, second = Disbursement.objects.filter(tranche=tranche).order_by("pk")
    for user in (staff, checker):
        log_in(page, base, user.username)
        for d in (first, second):
            page.goto(agreement_url)
            submit(page, f"form[action$='/disbursements/{d.pk}/approve/'] button")
        log_out(page)
    log_in(page, base, staff.username)
    page.goto(agreement_url)
    for n, d in enumerate((first, second), start=1):
        pay = f"form[action$='/disbursements/{d.pk}/pay/']"
        page.fill(f"{pay} input[name=payment_reference]", f"GK-2026-{n:04d}")
        submit(page, f"{pay} button[name=pay]")
    for d in (first, second):
        d.refresh_from_db()
        assert d.state == DisbursementState.PAID
    assert "GK-2026-0002" in page.inner_text("#disbursements")
    assert "490" in page.inner_text("#paid")

    # 4. The company's equity, then the position under the signed agreement.
    page.click("#company-link")
    page.wait_for_url(re.compile(rf"/agreements/companies/{company.pk}/$"))
    assert page.is_visible("#no-equity")
    page.select_option("#id_equity-form", "llc")
    page.fill("#id_equity-units", "10000000")
    page.fill("#id_line-0-name", "张明")
    page.fill("#id_line-0-units", "6000000")
    page.fill("#id_line-1-name", "上海某大学资产经营有限公司")
    page.fill("#id_line-1-units", "4000000")
    submit(page, "button[name=save-equity]")
    assert "张明" in page.inner_text("#cap-table")
    page.goto(agreement_url)
    submit(page, "#open-position")
    assert page.url.endswith(reverse("equity:company", args=[company.pk]))
    position = agreement.positions.get()

    # 5. A qualifying round: 3000 万元 of market money at a 15000 万元 pre-money valuation.
    page.fill("#id_round-date", today)
    page.fill("#id_round-name", "A轮")
    page.fill("#id_round-pre_money_wan", "15000")
    page.fill("#id_inv-0-name", "华映资本")
    page.fill("#id_inv-0-amount_wan", "3000")
    page.check("#id_inv-0-market")
    submit(page, "button[name=record-round]")
    financing_round = position.company.equity_profile.rounds.get()

    # 6. The conversion preview shows its arithmetic; the officer confirms it.
    page.click(f"#preview-{position.pk}-{financing_round.pk}")
    page.wait_for_url(re.compile(r"/agreements/positions/\d+/rounds/\d+/$"))
    assert page.locator("#arithmetic tbody tr").count() > 3
    assert "15" in page.inner_text("#arithmetic")
    submit(page, "button[name=confirm]")
    holding = Holding.objects.get(conversion__position=position)
    # 4,900,000 yuan ÷ 15 yuan per yuan of registered capital = 326,666.66 (down to 0.01)
    assert holding.units == Decimal("326666.66")
    assert "326666.66" in page.inner_text("#holdings")

    # 7. The founding team buys the holding back; the proceeds return to the pool.
    field = f"#id_exit{holding.pk}"
    page.select_option(f"{field}-kind", "buyback")
    page.fill(f"{field}-date", today)
    page.fill(f"{field}-counterparty", "张明")
    page.fill(f"{field}-units", str(holding.units))
    page.fill(f"{field}-proceeds_wan", "539")
    submit(page, f"#exit-{holding.pk} button[name=record-exit]")
    holding.refresh_from_db()
    assert holding.state == "exited"
    assert page.get_attribute("#holdings [data-state]", "data-state") == "exited"

    # 8. The portfolio shows what converted and what came back.
    page.goto(base + reverse("equity:portfolio"))
    assert "490" in page.inner_text("#converted")
    assert "539" in page.inner_text("#proceeds")
