"""Pytest fixtures for end-to-end tests in a real headless Chromium, shared by every app
(loaded as a plugin from the root conftest)."""

import os
import shutil

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium_path() -> str | None:
    configured = os.environ.get("WUSONG_CHROMIUM")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Skipped where there is none, except
    under CI, where a missing browser fails the run."""
    path = chromium_path()
    if path is None:
        message = (
            "No Chromium found: install it (Debian: apt-get install chromium) or set "
            "WUSONG_CHROMIUM to its path to run the end-to-end browser tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser, request, settings):
    """A desktop-sized page; on failure its screenshot and HTML are kept under
    var/test-results/ for whoever has to find out why."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        out = settings.VAR_DIR / "test-results"
        out.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
        (out / f"{request.node.name}.html").write_text(pg.content(), encoding="utf-8")
    context.close()


# The password wusong.factories.UserFactory gives every account.
PASSWORD = "pass-wusong-2024"  # noqa: S105 - test accounts only


def submit(page, selector):
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("networkidle")


def log_in(page, base, username, password=PASSWORD):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page, "button[type=submit].primary")


def log_out(page):
    submit(page, "form[action$='/accounts/logout/'] button")
