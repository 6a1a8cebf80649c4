"""The static site in a real browser, as a citizen, a clerk and an accessibility auditor use it.

Headless Chromium, driven by Selenium through Debian's chromedriver, opens the site from disk
(file://) at desktop (1366 px) and phone (390 px) width: no page is wider than the screen, the
长者模式 switch enlarges the text and is remembered, the search finds what citizens type (社保卡,
sybx, 低保), the keyboard reaches everything, axe-core (vendored: tests/browser/vendor) finds no
WCAG 2 A/AA violation, and no page logs a console error. A failing test leaves screenshots of the
page at both widths in ``tests/browser/screenshots/``; ``pytest --update-screenshots`` writes the
README's screenshots into ``docs/screenshots/``.

Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium, chromium-driver) and the
``selenium`` package of the dev extra; skipped with the reason when one is missing.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED_CATALOG, PENALTY_ITEM, REPO_ROOT, SERVICE_ITEM
from servicecatalog import Catalog, load_catalog
from servicecatalog.guides import build_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 10
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DOCS_SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
WIDTHS = (1366, 390)
LICENCE_SUB_ITEM = "220114100001"
ITEM_PAGES = (SERVICE_ITEM, LICENCE_SUB_ITEM, PENALTY_ITEM)  # one of each template, and a licence
CARD_ITEMS = ("220114053001", "220114053002", "220114053003", "220114053004")  # 社会保障卡服务

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (dev extra) not installed")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


@pytest.fixture(scope="module")
def site(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(catalog, tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="module")
def index_url(site: Path) -> str:
    return (site / "index.html").as_uri()


def page_url(site: Path, code: str) -> str:
    return (site / "items" / f"{code}.html").as_uri()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():
            pytest.skip(
                f"{program} is missing: install Debian's chromium and chromium-driver "
                "(CI installs them)"
            )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI containers run as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
        "--window-size=1366,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def reset(browser: Any, index_url: str) -> Iterator[Any]:
    """The browser at desktop width, in the normal reading mode, with no stored settings."""
    browser.set_window_size(1366, 900)
    browser.get(index_url)
    browser.execute_script("window.localStorage.clear()")
    browser.get(index_url)
    browser.get_log("browser")  # start each test with an empty console
    return browser


def set_width(driver: Any, width: int) -> None:
    """The layout viewport ``width`` CSS pixels wide (window chrome is none in headless mode)."""
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    driver.set_window_size(width + (width - inner), 900)


def visible_codes(driver: Any) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#items tbody tr")
    return [row.get_attribute("data-code") for row in rows if row.is_displayed()]


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver: Any, condition: Any) -> None:
    WebDriverWait(driver, TIMEOUT).until(lambda _: condition())


def search_for(driver: Any, text: str) -> None:
    box = driver.find_element(By.ID, "search")
    wait_for(driver, box.is_displayed)
    box.clear()
    box.send_keys(text)


# ---- search ------------------------------------------------------------------------------------


def test_search_then_open_an_item(reset: Any, catalog: Catalog) -> None:
    browser = reset
    term = "失业保险金申领"
    search_for(browser, term)
    expected = [item.code for item in catalog.items() if term in item.name]
    wait_for(browser, lambda: visible_codes(browser)[: len(expected)] == sorted(expected))
    browser.find_element(By.CSS_SELECTOR, f'tr[data-code="{SERVICE_ITEM}"] a').click()
    wait_for(browser, lambda: browser.current_url.endswith(f"items/{SERVICE_ITEM}.html"))
    item = catalog.item(SERVICE_ITEM)
    assert browser.find_element(By.TAG_NAME, "h1").text == item.name
    cells = browser.find_elements(By.CSS_SELECTOR, "#materials tbody tr td:nth-child(2)")
    assert [cell.text for cell in cells] == [material.name for material in item.materials]
    assert console_errors(browser) == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("社保卡", CARD_ITEMS),  # a synonym: the catalog says 社会保障卡
        ("身份证", ()),  # a synonym of 居民身份证, found in materials
        ("低保", ("220114042000",)),  # 最低生活保障, a condition of one item
        ("sybx", ()),  # pinyin initials of 失业保险
        ("shiye", ()),  # full pinyin of 失业
        ("２２０１１４２０００００", ("220114200000",)),  # full-width digits, as an IME types them
    ],
)
def test_search_finds_what_citizens_type(
    reset: Any, catalog: Catalog, query: str, first: tuple[str, ...]
) -> None:
    browser = reset
    search_for(browser, query)
    wait_for(browser, lambda: len(visible_codes(browser)) < len(catalog))
    found = visible_codes(browser)
    assert found, query
    if first:
        assert sorted(found[: len(first)]) == sorted(first), found[:8]
    if query == "sybx":
        assert all("失业保险" in catalog.item(code).name for code in found), found
    if query in ("sybx", "shiye"):  # shiye is also 事业 (事业单位): tones are not typed
        assert "220114043000" in found
    if query == "身份证":
        assert any("居民身份证" in m.name for m in catalog.item(found[0]).materials)
    assert browser.find_element(By.ID, "result-count").text == f"找到 {len(found)} 个事项"
    assert console_errors(browser) == []


def test_an_item_on_two_lists_appears_once_with_both(reset: Any, catalog: Catalog) -> None:
    browser = reset
    code = next(item.code for item in catalog.items() if len(item.lists) > 1)
    rows = browser.find_elements(By.CSS_SELECTOR, f'#items tr[data-code="{code}"]')
    assert len(rows) == 1
    tags = rows[0].find_elements(By.CSS_SELECTOR, ".lists-cell .tag")
    assert len(tags) == len(catalog.item(code).lists) > 1


def test_the_query_is_kept_in_the_address(reset: Any, index_url: str) -> None:
    browser = reset
    search_for(browser, "社保卡")
    wait_for(browser, lambda: "q=" in browser.current_url)
    shared = browser.current_url
    browser.get(index_url)
    browser.get(shared)
    wait_for(browser, lambda: visible_codes(browser)[:4] == list(CARD_ITEMS))
    assert browser.find_element(By.ID, "search").get_attribute("value") == "社保卡"


def test_filter_by_list_and_type(reset: Any, catalog: Catalog) -> None:
    browser = reset
    Select(browser.find_element(By.ID, "filter-list")).select_by_value("talent")
    talent = [item.code for item in catalog.items(list="talent")]
    wait_for(browser, lambda: visible_codes(browser) == talent)
    Select(browser.find_element(By.ID, "filter-list")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("行政处罚")
    penalties = {item.code for item in catalog.items() if item.item_type == "行政处罚"}
    wait_for(browser, lambda: set(visible_codes(browser)) == penalties)
    assert console_errors(browser) == []


# ---- phones: nothing wider than the screen, targets a finger can hit ------------------------


def overflow(driver: Any) -> int:
    return int(
        driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", ["index", *ITEM_PAGES])
def test_nothing_overflows_horizontally(
    browser: Any, site: Path, index_url: str, page: str, width: int
) -> None:
    set_width(browser, width)
    browser.get(index_url if page == "index" else page_url(site, page))
    assert overflow(browser) <= 0


TARGETS = (
    "#filters input, #filters select, .a11y-bar button, .list-nav a, #items td a, "
    ".breadcrumbs a, .related a, details.region > summary, .region-picker select"
)


@pytest.mark.parametrize("page", ["index", LICENCE_SUB_ITEM])
def test_touch_targets_are_at_least_44_pixels_on_a_phone(
    browser: Any, site: Path, index_url: str, page: str
) -> None:
    set_width(browser, 390)
    browser.get(index_url if page == "index" else page_url(site, page))
    small = browser.execute_script(
        """
        return Array.from(document.querySelectorAll(arguments[0]))
          .filter(e => e.offsetParent !== null)
          .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
          .filter(([, r]) => r.height < 44 || r.width < 44)
          .map(([html, r]) => html + " " + Math.round(r.width) + "x" + Math.round(r.height));
        """,
        TARGETS,
    )
    assert small == []


# ---- 长者模式, high contrast, keyboard -----------------------------------------------------------


def body_text_size(driver: Any) -> float:
    return float(
        driver.execute_script(
            "return parseFloat(getComputedStyle(document.querySelector('main p, main td'))"
            ".fontSize)"
        )
    )


def test_the_elder_mode_switch_enlarges_text_and_is_remembered(
    reset: Any, site: Path, index_url: str
) -> None:
    browser = reset
    assert body_text_size(browser) < 18
    switch = browser.find_element(By.ID, "elder-toggle")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.send_keys(Keys.ENTER)  # keyboard-operable
    wait_for(browser, lambda: body_text_size(browser) >= 24)
    assert switch.get_attribute("aria-pressed") == "true"
    line_height = browser.execute_script(
        "var s = getComputedStyle(document.body); return parseFloat(s.lineHeight) / "
        "parseFloat(s.fontSize)"
    )
    assert line_height >= 1.3
    browser.refresh()
    assert body_text_size(browser) >= 24
    browser.get(page_url(site, SERVICE_ITEM))  # and on the other pages of the site
    assert body_text_size(browser) >= 24
    assert overflow(browser) <= 0
    browser.find_element(By.ID, "elder-toggle").click()
    assert body_text_size(browser) < 18


def test_the_elder_mode_is_reachable_by_address(browser: Any, index_url: str) -> None:
    browser.get(index_url + "?mode=elder")
    assert body_text_size(browser) >= 24
    browser.get(index_url + "?mode=normal")
    assert body_text_size(browser) < 18


def contrast_of_body_text(driver: Any) -> float:
    return float(
        driver.execute_script(
            """
            function lum(c) {
              var v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(function (x) {
                x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
              });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            var s = getComputedStyle(document.querySelector('.lead'));
            var a = lum(s.color), b = lum(getComputedStyle(document.body).backgroundColor);
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            """
        )
    )


def test_high_contrast_reaches_seven_to_one(reset: Any) -> None:
    browser = reset
    browser.find_element(By.ID, "contrast-toggle").click()
    assert contrast_of_body_text(browser) >= 7


def test_the_keyboard_reaches_the_skip_link_the_switch_the_search_and_a_result(
    reset: Any,
) -> None:
    browser = reset
    reached = []
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(12):
        active = browser.switch_to.active_element
        reached.append(active.get_attribute("id") or active.get_attribute("class") or active.text)
        if active.get_attribute("id") == "search":
            active.send_keys("失业保险金")
            break
        active.send_keys(Keys.TAB)
    assert reached[0] == "skip-link"
    assert "elder-toggle" in reached
    assert "search" in reached
    for _ in range(40):
        active = browser.switch_to.active_element
        active.send_keys(Keys.TAB)
        active = browser.switch_to.active_element
        if active.tag_name == "a" and "/items/" in (active.get_attribute("href") or ""):
            break
    else:
        pytest.fail("Tab never reached a result")
    active.send_keys(Keys.ENTER)
    wait_for(browser, lambda: "/items/" in browser.current_url)


# ---- accessibility: axe-core, WCAG 2 A and AA ------------------------------------------------


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
          "wcag21aa"]}}).then(function (r) { done(JSON.stringify(r.violations)); });
        """
    )
    violations: list[dict[str, Any]] = json.loads(result)
    return violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", ["index", *ITEM_PAGES])
def test_axe_finds_no_wcag_violation(
    browser: Any, site: Path, index_url: str, page: str, width: int
) -> None:
    set_width(browser, width)
    browser.set_script_timeout(60)
    browser.get(index_url if page == "index" else page_url(site, page))
    violations = axe_violations(browser)
    assert [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in violations
    ] == []


# ---- forms: the 空白表格 and the 示例样表 print on one A4 page ------------------------------------

FORM_PAGES = ("220114043000.F1.html", "220114043000.F1.sample.html")


def printed_pages(driver: Any) -> int:
    """The number of pages Chromium prints the current page on (its own @page size: A4)."""
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    return len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(printed["data"])))


@pytest.mark.parametrize("name", FORM_PAGES)
def test_the_unemployment_form_prints_on_one_a4_page(browser: Any, site: Path, name: str) -> None:
    browser.get((site / "items" / name).as_uri())
    assert printed_pages(browser) == 1


@pytest.mark.parametrize("name", FORM_PAGES)
def test_axe_finds_no_wcag_violation_on_a_form(browser: Any, site: Path, name: str) -> None:
    set_width(browser, 1366)
    browser.set_script_timeout(60)
    browser.get((site / "items" / name).as_uri())
    violations = axe_violations(browser)
    assert [(v["id"], v["impact"]) for v in violations] == []


# ---- no layout shift ---------------------------------------------------------------------------


def test_the_index_does_not_shift_while_it_loads(browser: Any, index_url: str) -> None:
    set_width(browser, 1366)
    browser.execute_cdp_cmd("Network.enable", {})
    browser.get(index_url + "?q=社保卡")
    shift = browser.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        var total = 0;
        new PerformanceObserver(function (list) {
          list.getEntries().forEach(function (e) { if (!e.hadRecentInput) total += e.value; });
        }).observe({type: "layout-shift", buffered: true});
        setTimeout(function () { done(total); }, 1000);
        """
    )
    assert shift < 0.1


# ---- the README's screenshots -------------------------------------------------------------------


def test_readme_screenshots(
    browser: Any, site: Path, index_url: str, request: pytest.FixtureRequest
) -> None:
    """Writes docs/screenshots/ with ``pytest --update-screenshots``; checks they exist else."""
    shots = {
        "index-desktop.png": (1366, index_url + "?q=社保卡&mode=normal"),
        "item-phone-elder.png": (390, page_url(site, SERVICE_ITEM) + "?mode=elder"),
    }
    if request.config.getoption("--update-screenshots"):
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name, (width, url) in shots.items():
            set_width(browser, width)
            browser.get(url)
            browser.set_window_size(browser.get_window_size()["width"], 1200)
            browser.save_screenshot(str(DOCS_SCREENSHOTS / name))
        browser.get(index_url + "?mode=normal")
    for name in shots:
        assert (DOCS_SCREENSHOTS / name).is_file(), f"run pytest --update-screenshots for {name}"
