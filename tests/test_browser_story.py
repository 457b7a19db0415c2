"""Verhaal in a real browser: the keys a presenter (and a clicker) sends move through a story without a
request, a step's address opens that step, every step fits the projector's screen with text of 18 px
or more, the notes appear only in the presenter's view, ▶ plays a step's years, a phone shows the steps
one under another, and printing gives one page per step and one of sources."""

import base64
import contextlib
import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.app.stories.model import load_all

STORIES = load_all()
STATE = """var s = document.querySelector('#react-entry-point .story');
if (!s || document.getElementById('prerender')) { return null; }
var current = s.querySelectorAll('.story-step.current');
return {step: parseInt(s.getAttribute('data-step'), 10), current: current.length === 1 ? parseInt(current[0].getAttribute('data-step'), 10) : -1,
        count: s.querySelector('.story-count').textContent, live: s.querySelector('.story-live').textContent,
        now: s.querySelector('.story-progress').getAttribute('aria-valuenow'), search: location.search,
        requests: performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/_dash-') >= 0; }).length};"""
# Everything of the story that shows on screen: nothing below the fold, the current step's text not
# scrolled, the smallest text of the story (its HTML and, drawn at the size it is shown, its charts).
FIT = """var s = document.querySelector('#react-entry-point .story');
var step = s.querySelector('.story-step.current'), text = step.querySelector('.story-text');
var small = 1000, where = '';
s.querySelectorAll('.story-step.current *, .story-bar *, .story-head *').forEach(function (e) {
  var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!own || !e.getClientRects().length || e.closest('.visually-hidden')) { return; }
  var size = parseFloat(getComputedStyle(e).fontSize);
  if (e.closest('svg')) {  // an SVG's text as drawn: its box on screen
    var svg = e.closest('svg'), box = svg.viewBox.baseVal;
    size = size * svg.getBoundingClientRect().width / (box && box.width ? box.width : svg.getBoundingClientRect().width);
    if (svg.classList.contains('small-map') || e.closest('title')) { return; }
  }
  if (size < small) { small = size; where = e.tagName + ' ' + e.textContent.trim().slice(0, 40); }
});
return {page: document.scrollingElement.scrollHeight, window: innerHeight, textScroll: text.scrollHeight - text.clientHeight,
        visualBottom: step.querySelector('.story-visual').getBoundingClientRect().bottom,
        bar: s.querySelector('.story-bar').getBoundingClientRect().top, small: small, where: where};"""


@contextlib.contextmanager
def screen(browser, width, height, mobile=False):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def open_story(browser, url):
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(STATE))
    return browser.execute_script(STATE)


def press(browser, key):
    ActionChains(browser).send_keys(key).perform()
    time.sleep(0.35)  # the address is written a moment after the last change (assets/wijk.js)
    return browser.execute_script(STATE)


def test_keys_and_clicker_keys_move_through_a_story_without_a_request(server, browser):
    with screen(browser, 1280, 720):
        count = len(STORIES["nieuw-engeland"].steps)
        state = open_story(browser, server + "/verhaal?story=nieuw-engeland")
        assert (state["step"], state["current"], state["count"]) == (1, 1, f"1 / {count}")
        before = state["requests"]
        expected = [(Keys.ARROW_RIGHT, 2), (Keys.PAGE_DOWN, 3), (Keys.SPACE, 4), (Keys.ARROW_LEFT, 3), (Keys.PAGE_UP, 2),
                    (Keys.END, count), (Keys.HOME, 1), (Keys.ARROW_LEFT, 1)]
        for key, step in expected:
            state = press(browser, key)
            assert (state["step"], state["current"], state["count"], state["now"]) == (step, step, f"{step} / {count}",
                                                                                       str(step)), key
        time.sleep(0.5)
        assert f"step={1}" in browser.execute_script("return location.search")
        state = press(browser, Keys.ARROW_RIGHT)
        assert state["live"].startswith(f"Stap 2 van {count}: ") and STORIES["nieuw-engeland"].steps[1].title["nl"] in state["live"]
        assert state["requests"] == before, "a step is shown by the browser: no request"
        browser.find_element("css selector", "#react-entry-point .story-next").click()
        time.sleep(0.5)
        assert browser.execute_script(STATE)["step"] == 3 and "step=3" in browser.execute_script("return location.search")


def test_a_steps_address_opens_that_step_in_either_language(server, browser):
    for lang, said in (("nl", "Stap 4 van {n}"), ("en", "Step 4 of {n}")):
        state = open_story(browser, server + f"/verhaal?story=selwerd&step=4&lang={lang}")
        assert (state["step"], state["current"]) == (4, 4)
        shown = browser.execute_script("return document.querySelector('#react-entry-point .story-step.current h2').textContent")
        assert shown == STORIES["selwerd"].steps[3].title[lang]
        assert browser.execute_script("return document.querySelector('#react-entry-point .story-progress')"
                                      ".getAttribute('aria-valuetext')") == said.format(n=len(STORIES["selwerd"].steps))


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_every_step_of_every_story_fits_the_projector(server, browser, width, height):
    misfits = []
    with screen(browser, width, height):
        for slug, story in STORIES.items():
            for lang in ("nl", "en"):
                open_story(browser, server + f"/verhaal?story={slug}&lang={lang}")
                for n in range(1, len(story.steps) + 1):
                    if n > 1:
                        press(browser, Keys.ARROW_RIGHT)
                    fit = browser.execute_script(FIT)
                    if fit["page"] > fit["window"] or fit["textScroll"] > 1 or fit["visualBottom"] > fit["bar"] + 1 \
                            or (width == 1280 and fit["small"] < 18):
                        misfits.append((slug, lang, n, fit))
    assert misfits == [], "\n".join(map(str, misfits))


def test_presenter_notes_show_in_the_presenters_view_only(server, browser):
    open_story(browser, server + "/verhaal?story=nieuw-engeland&step=2")
    assert browser.execute_script("return document.querySelectorAll('.story-notes').length") == 0
    open_story(browser, server + "/verhaal?story=nieuw-engeland&step=2&notes=1")
    notes = browser.execute_script("return Array.prototype.map.call(document.querySelectorAll('#react-entry-point "
                                   ".story-step.current .story-notes'), function (e) { return e.innerText; })")
    assert len(notes) == 1 and STORIES["nieuw-engeland"].steps[1].notes["nl"] in notes[0]


def test_play_shows_a_steps_years_in_turn(server, browser):
    with screen(browser, 1280, 720):
        open_story(browser, server + "/verhaal?story=nieuw-engeland&step=3")
        title = "return document.querySelector('#react-entry-point .story-step.current .story-map-title').textContent"
        fills = ("return Array.prototype.map.call(document.querySelectorAll('#react-entry-point .story-step.current "
                 ".story-map path[data-i]'), function (p) { return p.getAttribute('fill'); }).join()")
        first, first_fills = browser.execute_script(title), browser.execute_script(fills)
        assert first.endswith("2014")
        browser.find_element("css selector", "#react-entry-point .story-step.current .story-play").click()
        WebDriverWait(browser, 20).until(lambda d: d.execute_script(title).endswith("2024"))
        assert browser.execute_script(fills) != first_fills, "the areas take the last year's colours"
        pressed = browser.execute_script("return document.querySelector('#react-entry-point .story-step.current "
                                         ".story-year[aria-pressed=true]').textContent")
        assert pressed == "2024"


def test_a_phone_shows_the_steps_one_under_another(server, browser):
    with screen(browser, 360, 640, mobile=True):
        open_story(browser, server + "/verhaal?story=morgenstond-west")
        shown = browser.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#react-entry-point .story-step'), function (s) {"
            " var r = s.getBoundingClientRect(); return [r.top, r.width]; })")
        assert len(shown) == len(STORIES["morgenstond-west"].steps)
        tops = [top for top, _ in shown]
        assert tops == sorted(tops) and all(width > 300 for _, width in shown)
        assert browser.execute_script("return document.scrollingElement.scrollWidth") <= 360


@pytest.mark.parametrize("slug", ["nieuw-engeland", "wijkbeleid-in-golven"])
def test_printing_a_story_gives_one_page_per_step_and_a_page_of_sources(server, browser, slug):
    open_story(browser, server + f"/verhaal?story={slug}&step=2")
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {
        "landscape": True, "paperWidth": 11.69, "paperHeight": 8.27, "printBackground": True,
        "preferCSSPageSize": True})["data"])
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(STORIES[slug].steps) + 1
