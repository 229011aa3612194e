"""End to end in a real headless Chromium: an applicant declares and submits, an officer
returns it with reasons, the applicant revises and resubmits, the officer sees what
changed and passes it; the history shows every step."""

import re

import pytest

from wusong.calls.models import Declaration
from wusong.calls.states import State
from wusong.factories import (
    PDF_BYTES,
    CallFactory,
    IndustryFactory,
    OrganisationFactory,
    UserFactory,
)
from wusong.registry.roles import Role
from wusong.testing.browser import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_declaration_from_draft_through_return_to_passed(live_server, page, tmp_path):
    base = live_server.url
    call = CallFactory(name="先投后股第三批", name_en="Investment first, batch three")
    industry = IndustryFactory(code="new-materials", name="新材料", name_en="New materials")
    org = OrganisationFactory(name="上海水系储能科技有限公司")
    UserFactory(username="applicant", organisation=org, roles=[Role.APPLICANT])
    staff = UserFactory(username="officer", roles=[Role.OFFICER])
    call.programme.officers.add(staff)
    plan = tmp_path / "商业计划书.pdf"
    plan.write_bytes(PDF_BYTES)

    # 1. The applicant fills a draft, comes back to it, uploads, submits.
    log_in(page, base, "applicant")
    assert "我的申报" in page.content()
    page.click(f"a[href='/calls/{call.code}/declare/']")
    page.fill("#id_title", "水系电池储能材料产业化")
    page.fill("#id_summary", "基于介孔材料的安全水系电池。")
    page.select_option("#id_industry", str(industry.pk))
    page.select_option("#id_trl", "5")
    page.fill("#id_requested_wan", "800")
    page.select_option("#id_company_status", "none")
    page.fill("#id_team-0-name", "张明")
    page.check("#id_team-0-is_lead")
    page.fill("#id_ms-0-title", "完成中试线建设")
    page.fill("#id_ms-0-due", "2027-12-31")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r"/declarations/\d+/$"))
    assert "草稿" in page.inner_text("[data-state]")
    decl = Declaration.objects.get()

    page.goto(f"{base}/portal/")
    page.click(f"a[href='/declarations/{decl.pk}/']")
    page.select_option("#id_kind", "business_plan")
    page.set_input_files("#id_file", str(plan))
    page.click("form.upload button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "商业计划书.pdf" in page.inner_text("#attachments")
    page.click("button[name=submit]")
    page.wait_for_load_state("networkidle")
    assert "已提交" in page.inner_text("[data-state]")
    assert "已提交" in page.inner_text(".timeline")
    log_out(page)

    # 2. The officer finds it in the call's list and returns it with reasons.
    log_in(page, base, "officer")
    page.goto(f"{base}/office/calls/{call.code}/")
    page.select_option("#id_state", "submitted")
    page.click(".filters button[type=submit]")
    page.click(f"#declarations a[href='/declarations/{decl.pk}/']")
    page.check("input[name=decision][value=return]")
    page.fill("#id_reason", "请补充核心专利的授权证明。")
    page.click("#formal-review button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "退回修改" in page.inner_text("[data-state]")
    log_out(page)

    # 3. The applicant reads the reasons, edits, resubmits.
    log_in(page, base, "applicant")
    page.goto(f"{base}/declarations/{decl.pk}/")
    assert "请补充核心专利的授权证明。" in page.inner_text("#decision-reason")
    page.click(f"a[href='/declarations/{decl.pk}/edit/']")
    page.fill("#id_summary", "基于介孔材料的安全水系电池，已取得两项发明专利授权。")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(rf"/declarations/{decl.pk}/$"))
    page.click("button[name=submit]")
    page.wait_for_load_state("networkidle")
    assert "已提交" in page.inner_text("[data-state]")
    log_out(page)

    # 4. The officer sees what changed, passes it; the history has every step.
    log_in(page, base, "officer")
    page.goto(f"{base}/declarations/{decl.pk}/")
    changes = page.inner_text("#changes")
    assert "已取得两项发明专利授权" in changes
    page.check("input[name=decision][value=pass]")
    page.click("#formal-review button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "通过形式审查" in page.inner_text("[data-state]")
    page.goto(f"{base}/declarations/{decl.pk}/history/")
    history = page.inner_text("main")
    for step in ("创建草稿", "已提交", "退回修改", "修改后重新提交", "通过形式审查"):
        assert step in history
    decl.refresh_from_db()
    assert decl.state == State.PASSED


def test_portal_and_declaration_fit_a_phone_screen(live_server, browser, pdf_upload):
    from wusong.calls import services
    from wusong.factories import DeclarationFactory

    decl = DeclarationFactory()
    services.attachment_add(decl.created_by, decl, "business_plan", pdf_upload())
    decl.created_by.username = "phone-applicant"
    decl.created_by.save()
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    log_in(page, live_server.url, "phone-applicant")
    for path in ("/portal/", f"/declarations/{decl.pk}/", f"/declarations/{decl.pk}/edit/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
    context.close()
