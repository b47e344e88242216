"""The web UI in a real browser: headless Chromium drives the page, with the toy model.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium
chromium-driver``); skipped with a reason when they are missing. Screenshots (laptop
and phone) are written under pytest's temporary folder; their paths are printed
(``pytest -s``) so that a person can look at them.
"""

from __future__ import annotations

import itertools
import re
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SEED = Path(__file__).resolve().parent / "data" / "ui" / "inews-ev-korea.txt"
LAPTOP = (1366, 900)
PHONE = (390, 844)
#: Seconds to wait for a run: the toy model loads and translates on a shared CPU.
RUN_TIMEOUT = 300

if not CHROMIUM.exists() or not Path(CHROMEDRIVER).exists():
    pytest.skip(
        f"headless Chromium is missing ({CHROMIUM}, {CHROMEDRIVER}): "
        "apt-get install -y chromium chromium-driver",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(toy_marian_dir: Path) -> Iterator[str]:
    """The app, launched in this process on a free localhost port with the toy model."""
    from summarizer.ui import build_app

    app = build_app(model=str(toy_marian_dir))
    port = _free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile, no network side traffic, laptop-sized."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        f"--window-size={LAPTOP[0]},{LAPTOP[1]}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*LAPTOP)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, url: str) -> None:
    """Load the page and wait for the paste box."""
    driver.set_window_size(*LAPTOP)
    driver.get(url)
    WebDriverWait(driver, 60).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#article-input textarea"))
    )


def _paste(driver: Any, text: str) -> None:
    """Put ``text`` into the paste box the way a paste does (value + input event)."""
    box = driver.find_element(By.CSS_SELECTOR, "#article-input textarea")
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        box,
        text,
    )
    box.send_keys(" ")  # a real keystroke too, so the app's state surely follows


def _screenshot(driver: Any, path: Path, size: tuple[int, int], full: bool = False) -> Path:
    """Save a screenshot at window ``size`` (the whole page's height when ``full``)."""
    driver.set_window_size(*size)
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(size[0], min(int(height) + 40, 12000))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


def test_paste_run_and_read_results(
    app_url: str, browser: Any, tmp_path: Path, toy_marian_dir: Path
) -> None:
    from summarizer.stripping import strip

    seed = SEED.read_text(encoding="utf-8")
    article = strip(seed)
    _open(browser, app_url)
    _screenshot(browser, tmp_path / "empty-laptop.png", LAPTOP)
    browser.set_window_size(*LAPTOP)
    _paste(browser, seed)
    browser.find_element(By.ID, "run-button").click()

    points = WebDriverWait(browser, RUN_TIMEOUT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#key-points-output li.kp") or False
    )
    assert len(points) == 3  # the default number of key points
    texts = [p.find_element(By.CSS_SELECTOR, "summary .kp-text").text for p in points]
    for text in texts:
        # The toy model writes English from a toy vocabulary: ASCII words, sentences.
        assert re.fullmatch(r"[A-Za-z0-9 .,;:'%()\-]+", text), text
        assert re.search(r"\b(the|is|a|we|they|i|you|there)\b", text, re.I), text

    # Each key point opens to its Indonesian source sentence, which is in the article.
    points[0].find_element(By.TAG_NAME, "summary").click()
    source = WebDriverWait(browser, 10).until(
        lambda d: points[0].find_element(By.CSS_SELECTOR, ".kp-source span[lang=id]").text
    )
    assert source and source in article.text

    english = browser.find_elements(By.CSS_SELECTOR, "#translation-output p.para")
    indonesian = browser.find_elements(By.CSS_SELECTOR, "#clean-text-output p.para")
    assert len(english) == len(indonesian) == len(article.paragraphs)
    assert all(p.text.strip() for p in english)
    assert indonesian[0].text.startswith(article.paragraphs[0][:30])
    # Paragraphs side by side: each English paragraph starts level with its source.
    for en, idn in zip(english, indonesian):
        assert abs(en.location["y"] - idn.location["y"]) <= 2
        assert en.location["x"] < idn.location["x"]
    # The key sentences are highlighted in both columns.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#translation-output .s.key")) == 3
    assert len(browser.find_elements(By.CSS_SELECTOR, "#clean-text-output .s.key")) == 3
    # Hovering a sentence highlights its counterpart in the other column.
    from selenium.webdriver.common.action_chains import ActionChains

    first = browser.find_element(By.CSS_SELECTOR, '#translation-output .s[data-s="1-0"]')
    ActionChains(browser).move_to_element(first).perform()
    counterpart = browser.find_element(By.CSS_SELECTOR, '#clean-text-output .s[data-s="1-0"]')
    WebDriverWait(browser, 5).until(lambda d: "pair" in counterpart.get_attribute("class"))
    # Downloads and the time per stage are shown.
    assert browser.find_element(By.ID, "download-md").is_displayed()
    assert "translate" in browser.find_element(By.ID, "run-info").text

    _screenshot(browser, tmp_path / "result-laptop.png", LAPTOP)
    _screenshot(browser, tmp_path / "result-laptop-full.png", LAPTOP, full=True)
    _screenshot(browser, tmp_path / "result-phone.png", PHONE)
    _screenshot(browser, tmp_path / "result-phone-full.png", PHONE, full=True)
    # On a phone, each English paragraph comes first, with its source under it.
    browser.set_window_size(*PHONE)
    english = browser.find_elements(By.CSS_SELECTOR, "#translation-output p.para")
    indonesian = browser.find_elements(By.CSS_SELECTOR, "#clean-text-output p.para")
    for en, idn in zip(english, indonesian):
        assert en.location["y"] < idn.location["y"]
    for en, idn in zip(english[1:], indonesian):
        assert idn.location["y"] < en.location["y"]


def test_an_error_stays_in_the_result_area_with_its_fix(
    app_url: str, browser: Any, tmp_path: Path
) -> None:
    """Empty input, then a missing model: each reason stays readable on the page, in the
    result area (not a toast that closes by itself), with what to do about it."""
    _open(browser, app_url)
    browser.find_element(By.ID, "run-button").click()
    panel = WebDriverWait(browser, 60).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#result-summary #error-panel"))
    )
    assert "nothing to translate" in panel.text.lower()

    # A model folder that does not exist: the reason names it and points at the option.
    browser.find_element(By.CSS_SELECTOR, "#options button, #options .label-wrap").click()
    model = WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#model-input input"))
    )
    model.clear()
    missing = str(tmp_path / "no-model-here")
    model.send_keys(missing)
    _paste(browser, SEED.read_text(encoding="utf-8"))
    browser.find_element(By.ID, "run-button").click()
    WebDriverWait(browser, 60).until(
        lambda d: "no-model-here" in d.find_element(By.ID, "result-summary").text
    )
    time.sleep(15)  # a toast would have closed by now
    panel = browser.find_element(By.CSS_SELECTOR, "#result-summary #error-panel")
    assert panel.is_displayed()
    assert "No such folder" in panel.text and "Options → Translation model" in panel.text
    assert "Traceback" not in browser.page_source
    _screenshot(browser, tmp_path / "error-laptop.png", LAPTOP)
    # On a phone the error sits under the header, never over it.
    browser.set_window_size(*PHONE)
    header = browser.find_element(By.ID, "app-header").rect
    assert panel.rect["y"] >= header["y"] + header["height"]
    _screenshot(browser, tmp_path / "error-phone.png", PHONE)


#: Records, as the page changes, how many English paragraphs are shown and how many wait.
WATCH_TRANSLATION_JS = """
window.__seen = [];
const observer = new MutationObserver(() => {
  const out = document.getElementById('translation-output');
  if (!out) return;
  const all = out.querySelectorAll('p.para').length;
  const pending = out.querySelectorAll('p.para.pending').length;
  window.__seen.push([all - pending, pending]);
});
observer.observe(document.body, {childList: true, subtree: true, characterData: true});
"""


def test_the_english_streams_in_before_the_end(app_url: str, browser: Any) -> None:
    """A long article: the first English paragraphs are on the page while later ones wait."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 200]
    article = "\n\n".join(["Judul berita panjang tentang kendaraan listrik"] + paragraphs * 8)
    _open(browser, app_url)
    _paste(browser, article)
    browser.find_element(By.CSS_SELECTOR, "#strip-checkbox input").click()  # keep every line
    browser.execute_script(WATCH_TRANSLATION_JS)
    browser.find_element(By.ID, "run-button").click()
    WebDriverWait(browser, RUN_TIMEOUT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#key-points-output li.kp") or False
    )
    seen = browser.execute_script("return window.__seen")
    partial = [(done, waiting) for done, waiting in seen if done and waiting]
    assert partial, f"no state with English shown and paragraphs waiting: {seen[-5:]}"
    assert browser.find_elements(By.CSS_SELECTOR, "#translation-output p.para.pending") == []
    # The page scrolled to the result when the run started.
    assert browser.execute_script("return window.scrollY") > 0


def test_phone_layout_has_no_overlap_or_sideways_scroll(app_url: str, browser: Any) -> None:
    """At phone width nothing hangs out to the side and the blocks are stacked, not piled."""
    _open(browser, app_url)
    browser.set_window_size(*PHONE)
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    blocks = [
        browser.find_element(By.ID, name).rect
        for name in ("app-header", "input-card", "run-button", "options")
    ]
    for upper, lower in itertools.pairwise(blocks):
        assert upper["y"] + upper["height"] <= lower["y"] + 1, (upper, lower)
    for block in blocks:
        assert block["x"] >= 0 and block["x"] + block["width"] <= width + 1
