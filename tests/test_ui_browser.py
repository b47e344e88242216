"""The web UI in a real browser: headless Chromium drives the page, with the toy model.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium
chromium-driver``); skipped with a reason when they are missing. Screenshots (laptop
and phone) are written under pytest's temporary folder; their paths are printed
(``pytest -s``) so that a person can look at them.
"""

from __future__ import annotations

import re
import shutil
import socket
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


def test_empty_input_shows_an_error(app_url: str, browser: Any, tmp_path: Path) -> None:
    _open(browser, app_url)
    browser.find_element(By.ID, "run-button").click()
    toast = WebDriverWait(browser, 60).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".toast-body.error"))
    )
    assert "nothing to translate" in toast.text.lower()
    assert "Traceback" not in browser.page_source
    _screenshot(browser, tmp_path / "error-laptop.png", LAPTOP)
