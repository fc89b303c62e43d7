"""The dashboard in a real browser: the real server (uvicorn, loopback, a free port) over the demo database,
Debian's headless Chromium driven by playwright. Each page is loaded, its charts and tables checked against
the demo's figures, a screenshot saved under test-output/screenshots/, and every request the page made must
have gone to 127.0.0.1; nothing may be logged as a console error (a CSP refusal would be)."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from dyads import api
from dyads.web import create_app
from tests.conftest import free_port

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
MOSCOW = "ec5163e4ffc3e6913a72"  # demo/articles/moscow-joint-statement-2023.txt (its id: a hash of title and body)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (CI installs Debian's chromium)")


@pytest.fixture(scope="module")
def server(demo_db):
    import uvicorn

    port = free_port()
    app = create_app(demo_db, hosts=["127.0.0.1", "localhost"])
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the dashboard did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Visit:
    """One page in a fresh browser context, with every request and every console error it caused."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message) -> None:
        # plotly.js's bundled map CSS (a <style> with text; we draw no maps) is refused by our CSP, as it must be
        map_css = "Content Security Policy directive 'style-src" in message.text and \
            message.location.get("url", "").endswith("/static/plotly.min.js")
        if message.type == "error" and not map_css:
            self.errors.append(message.text)

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def finish(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        self.context.close()
        away = [u for u in self.requests if urlparse(u).scheme not in ("data", "blob")
                and urlparse(u).hostname != "127.0.0.1"]
        assert not away, f"requests left 127.0.0.1: {away}"
        assert self.requests and all(urlparse(u).scheme in ("http", "data", "blob") for u in self.requests)
        assert not self.errors, self.errors
        return shot


@pytest.fixture
def visit(browser, server):
    return Visit(browser, server)


def _traces(page, chart: str) -> int:
    page.wait_for_selector(f"#{chart}.js-plotly-plot .main-svg", timeout=15000)
    # plotly's own CSS went in through the CSSOM (the CSP allows its empty <style> element only)
    assert page.evaluate("document.getElementById('plotly.js-style-global').sheet.cssRules.length") > 20
    return page.evaluate(f"document.getElementById('{chart}').data.length")


def test_timeline_draws_the_demo_series(visit, demo_db):
    page = visit.open("/timeline?group=" + quote("CHN+RUS,USA") + "&by=quarter")
    assert _traces(page, "counts") == 2 and _traces(page, "goldstein") == 1 and _traces(page, "quads") == 4
    frame = api.series(demo_db, group="CHN+RUS,USA", by="quarter")
    drawn = page.evaluate("document.getElementById('counts').data[0].y")
    assert drawn == frame["events"].tolist()
    assert page.locator("#counts .main-svg .trace.bars .point").count() >= int((frame["events"] > 0).sum())
    cells = page.locator("#rows tbody tr").first.locator("td").all_inner_texts()
    assert cells[:4] == ["2023-01-01", "5", "17.50", "3.50"]  # Moscow 2023: five cooperative events, mean +3.5
    assert page.input_value("input[name=group]") == "CHN+RUS,USA"
    visit.finish("timeline")


def test_event_table_shows_the_chn_usa_events_with_article_links(visit, demo_db):
    page = visit.open("/events?dyad=CHN,USA")
    page.wait_for_selector("#events tbody tr")
    expected = api.events(demo_db, dyad="CHN,USA")
    rows = page.locator("#events tbody tr")
    assert rows.count() == len(expected) == 15  # every report of CHN acting on the USA in the two statements
    assert set(page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()) <= {"CHNGOV", "CHN"}
    assert page.locator("#events tbody tr td:nth-child(3)").all_inner_texts() == [e["code"] for e in expected]
    link = rows.first.locator("a")
    assert link.get_attribute("href").startswith(f"/article?id={expected[0]['document_id']}")
    visit.finish("events")


def test_article_highlights_actors_predicates_quotes_and_dates(visit):
    page = visit.open(f"/article?id={MOSCOW}")
    page.wait_for_selector("#body .m-actor")
    actors = page.locator("#body .m-actor").all_inner_texts()
    assert "Chinese President Xi Jinping" in actors and "Russian President Vladimir Putin" in actors
    assert "urge" in page.locator("#title .m-predicate").all_inner_texts()
    assert page.locator("#body .m-quote").count() > 0 and "March 22" in page.locator("#body .m-date").all_inner_texts()
    body = page.inner_text("#body")
    assert body.startswith("MOSCOW, March 22 (dyads demo) - Chinese President Xi Jinping")
    first = page.locator("#event-list li").first
    assert first.inner_text() == "020 Make an appeal or request CHNGOV → USAGOV"  # its "why" folded
    first.locator("summary").click()
    why = first.locator("dl.why").inner_text()
    assert "020-urge" in why and "0.90" in why and "Xi → Xi Jinping (CHNGOV)" in why
    page.wait_for_selector("#title .sel-predicate")  # the details' toggle event is dispatched as a later task
    assert page.locator("#title .sel-predicate").all_inner_texts() == ["urge"]
    assert page.locator("#title .sel-source").all_inner_texts() == ["Xi"]
    visit.finish("article")


def test_shift_page_gives_the_demo_verdict(visit):
    page = visit.open("/shift?group=" + quote("CHN+RUS,USA") + "&before=2023:2023&after=2024:2024")
    assert _traces(page, "roots") == 2 and _traces(page, "quadshift") == 2
    assert page.inner_text("#verdict").startswith("more conflictual toward USA: Goldstein mean +3.5 → -3.7")
    assert page.locator("#sentences tbody tr").count() == 11  # 5 events before, 6 after
    visit.finish("shift")


def test_network_page_draws_every_actor(visit, demo_db):
    page = visit.open("/network")
    assert _traces(page, "graph") == 2
    nodes = api.network(demo_db).to_dict()["nodes"]
    assert page.evaluate("document.getElementById('graph').data[1].text") == [n["key"] for n in nodes]
    assert page.locator("#graph .annotation").count() == page.locator("#edges tbody tr").count() > 0
    visit.finish("network")


def test_start_page_lists_the_articles_and_a_bad_filter_shows_its_reason(visit):
    page = visit.open("/")
    page.wait_for_selector("#articles tbody tr")
    assert page.locator("#articles tbody tr").count() == 6
    page.locator("#articles a", has_text="Moscow joint statement").click()
    page.wait_for_selector("#body .m-actor")
    assert "Xi and Putin urge Washington" in page.inner_text("#title")
    visit.page.goto(visit.base + "/events?dyad=XXQ,USA", wait_until="networkidle")
    page.wait_for_selector("#status.error")
    assert page.inner_text("#status").startswith("dyad: 'XXQ' is not an actor key or code")
    visit.errors = [e for e in visit.errors if "400" not in e]  # the browser logs the refused fetch itself
    visit.finish("start")
