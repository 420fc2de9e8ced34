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


def add_events_article(db: Path):
    """One more article (written here) with coded events, so the events list and its chart have data."""
    from newsgraph.api.samples import make_article
    from newsgraph.corpus import Store
    from newsgraph.model import Event

    paras = ["Port Ellis police arrested three dock protesters on Tuesday after a sit-in at the harbour gate.",
             "The dockworkers union threatened a wider strike, and the harbour board met union leaders."]
    a = make_article("Police detain harbour protesters", paras, outlet="Northern Post", published="2025-01-21",
                     url="https://northern-post.example/protest",
                     entities=[("Port Ellis", "GPE", [], []), ("Dockworkers Union", "ORG", [], [])], quotes=[],
                     sources=[])
    text = a.text
    a.events = [Event(source="Port Ellis police", target="three dock protesters", verb="arrested", cameo="173",
                      start=0, end=text.index(" on Tuesday")),
                Event(source="The dockworkers union", target=None, verb="threatened a wider strike", cameo="138",
                      start=text.index("The dockworkers"), end=text.index(", and the")),
                Event(source="the harbour board", target="union leaders", verb="met", cameo="040",
                      start=text.index("the harbour board"), end=len(text) - 1)]
    with Store(db) as store:
        store.add_article(a)
    return a


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
    articles.append(add_events_article(db))
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
    op.locator("input[name=speaker]").fill("Lind")
    op.get_by_role("button", name="Send request").click()
    out = op.locator("pre.json")
    out.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.includes('200')", arg=out.element_handle())
    assert "We will reopen the harbour" in out.inner_text()


# -- index pages, lists with facets, charts (a screenshot of each in artifacts/) --------------------
def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _chart_ok(page, chart_id: str) -> None:
    """A chart is an SVG with a title, bars or dots, value labels as text, and its numbers as a table."""
    fig = page.locator(f"figure#{chart_id}")
    assert fig.count() == 1, chart_id
    assert fig.locator("svg[role=img] > title").count() == 1
    assert fig.locator("svg rect.bar, svg circle.dot").count() >= 1
    fig.locator("details.chart-data summary").click()
    assert fig.locator("details.chart-data table tbody tr").count() >= 1


@pytest.mark.parametrize("path, heading, needles, chart, shot", [
    ("/stories", "Stories", ["Harbor City council backs bus lanes", "Download this view"], None, "stories"),
    ("/stories?min_articles=1", "Stories", ["Storm closes Port Ellis harbour"], None, "stories-all"),
    ("/entities", "Entities", ["Jane Okafor", "PERSON"], None, "entities"),
    ("/outlets", "Outlets", ["Harbor Times", "Coastal Wire"], "articles-per-outlet", "outlets"),
    ("/articles?outlet=Harbor%20Times", "Articles", ["Council approves Main Street bus lanes"], "articles-over-time",
     "articles-outlet"),
    ("/quotes", "Who said what", ["Jane Okafor"], "quotes-by-speaker", "quotes"),
    ("/events", "Who did what to whom", ["arrested", "173"], "events-by-root", "events"),
    ("/copies", "Copies", ["first reported by"], None, "copies"),
])
def test_index_and_list_pages(page, server, path, heading, needles, chart, shot):
    page.goto(server["url"] + path)
    assert page.locator("h1").inner_text() == heading
    text = page.locator("main").inner_text()
    for n in needles:
        assert n in text, (path, n)
    if chart:
        _chart_ok(page, chart)
    _shot(page, shot)


def test_facets_filter_and_download(page, server):
    page.goto(server["url"] + "/quotes")
    facet = page.locator("section.facet", has_text="Kind")
    facet.get_by_role("link", name="direct", exact=True).click()
    page.wait_for_url("**/quotes?kind=direct")
    assert all(t == "direct" for t in page.locator(".list-quotes .tag").all_inner_texts() if t in ("direct", "indirect"))
    href = page.locator("a[download]", has_text="CSV").get_attribute("href")
    assert href.startswith("/api/download/quotes?") and "kind=direct" in href and "format=csv" in href
    body = page.request.get(server["url"] + href).text()
    assert body.splitlines()[0] == "published,speaker,kind,quote,outlet,article"
    assert all(",direct," in line for line in body.splitlines()[1:] if line)
    js = page.request.get(server["url"] + page.locator("a[download]", has_text="JSON").get_attribute("href")).json()
    assert js and all(q["kind"] == "direct" for q in js)
    _shot(page, "quotes-direct")


def test_speaker_by_surname_names_the_entity(page, server):
    page.goto(server["url"] + "/quotes?speaker=Okafor")
    note = page.locator(".resolved")
    assert "is taken as" in note.inner_text() and note.get_by_role("link", name="Jane Okafor").count() == 1
    page.goto(server["url"] + "/quotes?speaker=Nobody%20Atall")
    assert "No speaker named" in page.locator(".resolved").inner_text()
    _shot(page, "quotes-unknown-speaker")


def test_story_timeline_and_outlets_charts(page, server):
    page.goto(server["url"] + "/stories")
    page.get_by_role("link", name="Harbor City council backs bus lanes").first.click()
    page.wait_for_url("**/stories/*")
    _chart_ok(page, "story-timeline")
    timeline = page.locator("figure#story-timeline")
    assert timeline.locator("circle.copy-dot").count() == 1  # the copy is folded under its original's row
    assert "+1 copy" in timeline.locator("svg").inner_html()
    _chart_ok(page, "outlets-per-story")
    _shot(page, "story")


def test_search_and_entity_over_time(page, server):
    page.goto(server["url"] + "/search?q=harbour")
    _chart_ok(page, "search-over-time")
    _shot(page, "search")
    page.goto(server["url"] + "/entities/Jane%20Okafor")
    _chart_ok(page, "entity-over-time")
    _shot(page, "entity")


def test_article_speakers_in_the_margin(page, server):
    page.goto(server["url"] + "/articles/" + article_id(server, "Council approves"))
    margin = page.locator(".q-row .margin a.speaker", has_text="Jane Okafor")
    assert margin.count() >= 1
    assert page.locator(".q-row > p a.speaker").count() == 0  # no speaker tag inside the sentences
    box_text, box_margin = page.locator(".q-row > p").first.bounding_box(), margin.first.bounding_box()
    assert box_margin["x"] > box_text["x"] + box_text["width"] - 1  # to the right of the text
    page.locator("input[data-layer=quotes]").uncheck()
    assert not margin.first.is_visible()
    page.locator("input[data-layer=quotes]").check()
    assert margin.first.is_visible()
    _shot(page, "article-margin")
