"""The static site in a real browser: headless Chromium, driven by Selenium through Debian's
chromedriver, opens index.html from disk (file://), searches, follows a result to the item page,
and checks that no page logged a console error.

Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium, chromium-driver) and the
``selenium`` package of the dev extra; skipped with the reason when one is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED_CATALOG, SERVICE_ITEM
from servicecatalog import Catalog, load_catalog
from servicecatalog.guides import build_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 10

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (dev extra) not installed")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


@pytest.fixture(scope="module")
def index_url(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> str:
    site = build_site(catalog, tmp_path_factory.mktemp("browser") / "site")
    return (site / "index.html").as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
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
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def visible_codes(driver: Any) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "section.item-list tbody tr")
    return [row.get_attribute("data-code") for row in rows if row.is_displayed()]


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver: Any, condition: Any) -> None:
    WebDriverWait(driver, TIMEOUT).until(lambda _: condition())


def test_search_then_open_an_item(browser: Any, index_url: str, catalog: Catalog) -> None:
    browser.get(index_url)
    search = browser.find_element(By.ID, "search")
    wait_for(browser, search.is_displayed)  # the script revealed the filters

    term = "失业保险金申领"
    expected = [item.code for item in catalog.items() if term in item.name]
    assert SERVICE_ITEM in expected
    search.send_keys(term)
    wait_for(browser, lambda: sorted(set(visible_codes(browser))) == sorted(expected))
    count = browser.find_element(By.ID, "result-count").text
    assert count == f"找到 {len(expected)} 个事项"

    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-code="{SERVICE_ITEM}"]')
    row.find_element(By.TAG_NAME, "a").click()
    wait_for(browser, lambda: browser.current_url.endswith(f"items/{SERVICE_ITEM}.html"))

    item = catalog.item(SERVICE_ITEM)
    assert browser.find_element(By.TAG_NAME, "h1").text == item.name
    cells = browser.find_elements(By.CSS_SELECTOR, "#materials tbody tr td:nth-child(2)")
    assert [cell.text for cell in cells] == [material.name for material in item.materials]
    assert console_errors(browser) == []


def test_search_by_code_and_filter_by_list(browser: Any, index_url: str, catalog: Catalog) -> None:
    browser.get(index_url)
    search = browser.find_element(By.ID, "search")
    search.send_keys("２２０１１４２０００００")  # full-width digits, as a Chinese IME types them
    wait_for(browser, lambda: set(visible_codes(browser)) == {"220114200000"})

    search.clear()
    search.send_keys(" ")  # clear() fires no input event; typing does
    Select(browser.find_element(By.ID, "filter-list")).select_by_value("talent")
    talent = [item.code for item in catalog.items(list="talent")]
    wait_for(browser, lambda: visible_codes(browser) == talent)
    assert browser.find_element(By.ID, "list-service").is_displayed() is False

    Select(browser.find_element(By.ID, "filter-list")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-type")).select_by_value("行政处罚")
    penalties = {item.code for item in catalog.items() if item.item_type == "行政处罚"}
    wait_for(browser, lambda: set(visible_codes(browser)) == penalties)
    assert console_errors(browser) == []
