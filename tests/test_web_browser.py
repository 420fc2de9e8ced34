"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
browser download). `newsgraph serve` runs in a subprocess on a free loopback port over a small
sample corpus. Skipped with a message when Chromium or Playwright is missing (`make browser-deps`)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from newsgraph.api.samples import XSS_IMG, XSS_SCRIPT, build_sample_db

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--no-default-browser-check", "--disable-extensions"]


def chromium_path() -> str:
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("Chromium not found at /usr/bin/chromium: run `make browser-deps` (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of `newsgraph serve` over the sample corpus."""
    db = tmp_path_factory.mktemp("browser") / "corpus.db"
    articles = build_sample_db(db)
    port = free_port()
    log = (tmp_path_factory.getbasetemp() / "serve.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT,
                            cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"newsgraph serve exited ({proc.returncode}):\n{log.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("newsgraph serve did not start within 30 s")
                time.sleep(0.1)
        yield {"url": f"http://127.0.0.1:{port}", "articles": {a.title: a for a in articles}}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records dialogs, console errors and any request leaving the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs, pg.errors, pg.external = [], [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    base = urlparse(server["url"]).netloc

    def check_request(request):
        u = urlparse(request.url)
        if u.scheme in ("http", "https") and u.netloc != base:
            pg.external.append(request.url)

    pg.on("request", check_request)
    yield pg
    assert pg.dialogs == [], f"a dialog fired: {pg.dialogs}"
    assert pg.external == [], f"requests left the server: {pg.external}"
    assert pg.errors == [], f"console errors: {pg.errors}"
    context.close()


def article_id(server, prefix: str) -> str:
    return next(a.id for t, a in server["articles"].items() if t.startswith(prefix))


# -- journeys --------------------------------------------------------------------------------
def test_search_story_article_speaker_journey(page, server):
    page.goto(server["url"] + "/")
    assert page.locator("h1").inner_text() == "Latest stories"
    page.get_by_label("Search the corpus").fill("Okafor")
    page.get_by_label("Search the corpus").press("Enter")
    page.wait_for_url("**/search?q=Okafor")
    assert "Results for" in page.locator("h1").inner_text()
    assert page.locator("a", has_text="Jane Okafor").first.is_visible()
    assert page.locator(".snippet mark").count() >= 1

    page.goto(server["url"] + "/")
    page.get_by_role("link", name="Harbor City council backs bus lanes").first.click()
    page.wait_for_url("**/stories/*")
    assert "First reported by Harbor Times" in page.locator("main").inner_text()
    copies = page.locator("ol.copies li")
    assert copies.count() == 1 and "Coastal Wire" in copies.inner_text()

    page.locator("ol.timeline > li").first.get_by_role("link", name="Council approves Main Street bus lanes").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Council approves Main Street bus lanes"
    assert page.locator("mark.quote").count() >= 2 and page.locator("a.mention").count() >= 5

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

    removed = page.locator("details#removed")
    assert not removed.locator("table").is_visible()
    removed.locator("summary").click()
    assert removed.locator("table").is_visible() and "boilerplate" in removed.inner_text()

    page.locator("a.speaker", has_text="Jane Okafor").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text() == "Jane Okafor"
    assert "Quotes by Jane Okafor" in page.locator("main").inner_text()


def test_hostile_article_renders_as_text(page, server):
    page.goto(server["url"] + "/articles/" + article_id(server, "Forum bug"))
    body = page.locator("article.body")
    text = body.inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert XSS_SCRIPT in page.locator("h1").inner_text()
    assert page.evaluate("document.querySelectorAll('main script, main img, [onerror]').length") == 0
    assert page.evaluate("window.__xss === undefined")
    page.wait_for_timeout(200)  # give an injected handler a chance to fire (the fixture checks dialogs)
    # the analyze page renders pasted hostile input as text too
    page.goto(server["url"] + "/analyze")
    page.get_by_label("Text or HTML").fill(f"Officials said {XSS_SCRIPT} and {XSS_IMG} appeared.\n\nNothing ran.")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("#result-h")
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0


def test_keyboard_navigation(page, server):
    page.goto(server["url"] + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link" and page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-q"


def test_phone_width_has_no_horizontal_overflow(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    story = server["url"] + "/search?q=harbour"
    urls = ["/", "/articles/" + article_id(server, "Council approves"), "/articles/" + article_id(server, "Forum bug"),
            "/entities/Jane%20Okafor", "/quotes", "/copies", "/analyze", "/api/docs"]
    for url in [*urls, story]:
        pg.goto(url if url.startswith("http") else server["url"] + url)
        pg.wait_for_load_state("networkidle")
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width}px wide at a 390px viewport"
    pg.goto(server["url"] + "/articles/" + article_id(server, "Council approves"))
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "article-phone.png"), full_page=True)
    context.close()


def test_api_docs_explorer_works_offline(page, server):
    page.goto(server["url"] + "/api/docs")
    page.wait_for_selector("details.op")
    assert page.locator("details.op").count() >= 11
    op = page.locator("details.op", has_text="/api/quotes").first
    op.locator("summary").click()
    op.get_by_label("speaker").fill("Lind")
    op.get_by_role("button", name="Send request").click()
    out = op.locator("pre.json")
    out.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.includes('200')", arg=out.element_handle())
    assert "We will reopen the harbour" in out.inner_text()
