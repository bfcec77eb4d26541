"""The course's web site, built from the stored notebooks and read in a real browser.

The site is built once per session (never executing a notebook). The tests
without a browser read its files; the others open it in Debian's headless
Chromium through chromedriver and Selenium, as a learner would, over HTTP.
"""

import functools
import html.parser
import http.server
import os
import pathlib
import re
import threading
import time
import urllib.parse
import urllib.request
from importlib import metadata

import nbformat
import pytest

if os.environ.get("KFG_REQUIRE_BROWSER") == "1":  # CI: missing packages are a failure, not a skip.
    import myst_nb  # noqa: F401
    import sphinx  # noqa: F401
else:
    pytest.importorskip("sphinx", reason="the site needs the docs extra: pip install -e '.[docs]'")
    pytest.importorskip("myst_nb", reason="the site needs the docs extra: pip install -e '.[docs]'")

from keras_functional_guide import notebook_tools  # noqa: E402

# Sphinx 9 deprecations inside myst-parser and the book theme: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*Check CHANGES for Sphinx API modifications")

PROJECT = pathlib.Path(__file__).resolve().parents[1]
STEMS = [path.stem for path in notebook_tools.find_notebooks(PROJECT / "notebooks")]
# Debian's chromium and chromedriver (.ci/run installs them); the variables let a
# maintainer point elsewhere, or check the skip and KFG_REQUIRE_BROWSER paths.
CHROMIUM = os.environ.get("KFG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KFG_CHROMEDRIVER", "/usr/bin/chromedriver")
REPOSITORY = "https://github.com/example-org/keras-functional-guide"


@pytest.fixture(scope="session")
def notebooks(tmp_path_factory):
    """A snapshot of the course's notebooks: the site and the tests read the same files."""
    folder = tmp_path_factory.mktemp("notebooks")
    copies = []
    for stem in STEMS:
        copies.append(folder / f"{stem}.ipynb")
        copies[-1].write_bytes((PROJECT / "notebooks" / f"{stem}.ipynb").read_bytes())
    return copies


@pytest.fixture(scope="session")
def titles(notebooks):
    return {path.stem: notebook_tools.notebook_title(nbformat.read(path, as_version=4)) for path in notebooks}


@pytest.fixture(scope="session")
def site(tmp_path_factory, notebooks):
    """The site as `keras-functional-guide notebooks --html` builds it; its build time is kept."""
    out = tmp_path_factory.mktemp("site")
    start, cpu = time.perf_counter(), time.process_time()
    index = notebook_tools.render_html(notebooks, out, project=PROJECT)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    (out.parent / "build_seconds.txt").write_text(f"{seconds:.1f} {cpu:.1f}\n")
    print(f"\nsite built in {seconds:.1f} s ({cpu:.1f} s of CPU) into {out}")
    assert index == out / "index.html"
    return out


def _pages(site):
    return sorted(site.glob("*.html"))


def _read(path):
    return path.read_text(encoding="utf-8")


class _Resources(html.parser.HTMLParser):
    """Collects what a page loads: scripts, stylesheets, fonts, preloads, images, frames."""

    def __init__(self):
        super().__init__()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if any(word in rel for word in ("stylesheet", "preload", "modulepreload", "icon", "font", "prefetch")):
                self.loaded.append(attrs["href"])


def _external(url):
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


# --- Without a browser -------------------------------------------------------


def test_the_build_takes_well_under_a_minute(site):
    # CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
    seconds, cpu = map(float, (site.parent / "build_seconds.txt").read_text().split())
    assert cpu < 40, f"the site took {cpu:.1f} s of CPU ({seconds:.1f} s wall) to build"


def test_every_page_is_chinese_and_titled_by_its_lesson(site, titles):
    for page in _pages(site):
        text = _read(page)
        assert re.search(r'<html lang="zh-CN"', text), page.name
        assert '<meta name="viewport"' in text, page.name
    for stem in STEMS:
        title = re.search(r"<title>(.*?)</title>", _read(site / f"{stem}.html"), re.DOTALL).group(1)
        assert html.unescape(title).startswith(titles[stem]), (stem, title)
    # Interface strings in Chinese: the theme's search box and navigation labels.
    page = _read(site / f"{STEMS[1] if len(STEMS) > 1 else STEMS[0]}.html")
    for label in ("搜索", "下一页" if len(STEMS) > 1 else "搜索", "下载源文件", "打印为 PDF"):
        assert label in page, label
    for english in ("Color mode", "System Settings", "Toggle primary sidebar", "Contents", "Search"):
        assert f'"{english}"' not in page and f">{english}<" not in page, english


def test_the_landing_page_says_what_how_and_which_versions(site):
    index = _read(site / "index.html")
    text = html.unescape(re.sub(r"<[^>]+>", "", index))
    readme = _read(PROJECT / "README.md")
    for marker in ("main-command", "test-command"):
        command = re.search(rf"<!-- {marker} -->\s*```bash\n(.*?)\n```", readme, re.DOTALL).group(1)
        assert command in text, marker
    assert f"TensorFlow {metadata.version('tensorflow')}" in text
    assert f"Keras {metadata.version('keras')}" in text
    for heading in ("适合谁", "学习路线", "在自己的电脑上运行"):
        assert heading in text
    links = re.findall(r'<a class="reference internal" href="([0-9]{2}_[^"#]+)\.html"', index)
    assert list(dict.fromkeys(links)) == STEMS


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in _pages(site):
        parser = _Resources()
        parser.feed(_read(page))
        offenders += [(page.name, url) for url in parser.loaded if _external(url)]
    for style in site.rglob("*.css"):
        text = style.read_text(encoding="utf-8", errors="replace")
        offenders += [(style.name, url) for url in re.findall(r"url\(\s*['\"]?((?:[a-z]+:)?//[^)'\"]+)", text)]
        offenders += [(style.name, url) for url in re.findall(r"@import\s+(?:url\()?['\"]?((?:[a-z]+:)?//[^'\")]+)", text)]
    for script in site.rglob("*.js"):
        text = script.read_text(encoding="utf-8", errors="replace")
        offenders += [(script.name, url) for url in re.findall(r"https?://[^\s'\"]*(?:require|mathjax|jsdelivr|cdnjs|unpkg|googleapis)[^\s'\"]*", text, re.IGNORECASE)]
    assert offenders == []


def test_harness_markers_and_install_paths_are_not_shown(site):
    for stem in STEMS:
        text = _read(site / f"{stem}.html")
        assert "&lt;sys.prefix&gt;" not in text and "<sys.prefix>" not in text, stem
        assert "# NBVAL_" not in text, stem


def test_cell_tags_hide_and_remove_what_learners_need_not_see(site, notebooks):
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        text = _read(site / f"{path.stem}.html")
        hidden = [cell for cell in notebook.cells if "hide-input" in cell.metadata.get("tags", [])]
        # MyST-NB folds a hide-input cell's code into a closed <details> labelled in Chinese.
        assert len(re.findall(r'class="cell tag_hide-input[^"]*"', text)) == len(hidden), path.name
        assert text.count("显示代码") >= len(hidden) and "Show code cell" not in text, path.name
        for cell in notebook.cells:
            if "remove-cell" in cell.metadata.get("tags", []) and cell.source.strip():
                first = html.escape(cell.source.strip().splitlines()[0])
                assert first not in text, (path.name, first)


def test_each_lesson_offers_its_notebook_for_download(site, notebooks):
    for path in notebooks:
        text = _read(site / f"{path.stem}.html")
        assert f'href="_sources/{path.name}"' in text, path.name
        downloaded = nbformat.read(site / "_sources" / path.name, as_version=4)
        assert len(downloaded.cells) == len(nbformat.read(path, as_version=4).cells)


def test_links_between_lessons_point_at_pages(site):
    for stem in STEMS:
        text = _read(site / f"{stem}.html")
        # An .ipynb link survives only as the download of the notebook itself;
        # any other is a link to a lesson that is not in notebooks/.
        for link in re.findall(r'href="([^"]+\.ipynb)"', text):
            assert link == f"_sources/{stem}.ipynb", f"{stem} links to {link}, which is not a page of the site"


def test_launch_buttons_follow_the_repository_url(site, notebooks, tmp_path):
    # The course's own build: buttons exactly when pyproject.toml names a repository.
    configured = notebook_tools.repository_url(PROJECT)
    for stem in STEMS:
        assert ("colab.research.google.com" in _read(site / f"{stem}.html")) == bool(configured), stem
    # None configured: no button; one passed in: Colab and Binder for that repository.
    without = notebook_tools.render_html(notebooks[:1], tmp_path / "without", project=PROJECT,
                                         repository="").parent
    assert "colab.research.google.com" not in _read(without / f"{STEMS[0]}.html")
    assert "mybinder.org" not in _read(without / f"{STEMS[0]}.html")
    with_url = notebook_tools.render_html(notebooks[:1], tmp_path / "with", project=PROJECT,
                                          repository=REPOSITORY).parent
    text = html.unescape(_read(with_url / f"{STEMS[0]}.html"))
    assert (f"https://colab.research.google.com/github/example-org/keras-functional-guide/blob/main/"
            f"notebooks/{notebooks[0].name}") in text
    assert "https://mybinder.org/v2/gh/example-org/keras-functional-guide/main" in text


def test_the_repository_url_is_read_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert notebook_tools.repository_url(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n[project.urls]\nRepository = "{REPOSITORY}/"\n', encoding="utf-8")
    assert notebook_tools.repository_url(tmp_path) == REPOSITORY


# --- In a real browser -------------------------------------------------------


def _browser_missing():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    return missing


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    missing = _browser_missing()
    if missing:
        message = (f"no browser to test the site in: {', '.join(missing)} missing "
                   "(apt-get install chromium chromium-driver; pip install selenium)")
        if os.environ.get("KFG_REQUIRE_BROWSER") == "1":
            pytest.fail(message + "; KFG_REQUIRE_BROWSER=1 requires it")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--lang=zh-CN", "--window-size=1280,900",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def served(site):
    """The site over HTTP on 127.0.0.1, on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser dropping a connection as it moves to the next page is no error.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def _page_name(driver, base):
    path = urllib.parse.urlparse(driver.current_url).path
    return pathlib.PurePosixPath(path).stem or "index"


def _severe(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _local_urls(driver, base):
    urls = driver.execute_script("""
        return Array.from(document.querySelectorAll('[href], [src]')).map(function (e) {
            var v = e.href !== undefined ? e.href : e.src;
            if (v && typeof v === 'object') v = v.baseVal;
            if (e.src && typeof e.src === 'string' && e.tagName !== 'A' && e.tagName !== 'LINK') v = e.src;
            return v || '';
        });""")
    return {url.split("#")[0] for url in urls if url.startswith(base)}


def _page_weight(driver):
    """Bytes of the page and everything it loaded, as the browser received them."""
    return driver.execute_script("""
        var total = performance.getEntriesByType('navigation')[0].encodedBodySize;
        performance.getEntriesByType('resource').forEach(function (e) { total += e.encodedBodySize; });
        return total;""")


def _overflow(driver):
    return driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")


def test_walk_the_course_by_next_links_with_no_errors_or_broken_links(browser, served, screenshots):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    browser.get(served)
    visited, errors, local, weights = [], [], set(), {}
    while True:
        name = _page_name(browser, served)
        visited.append(name)
        errors += [(name, entry["message"]) for entry in _severe(browser)]
        local |= _local_urls(browser, served)
        browser.save_screenshot(str(screenshots / f"desktop_{name}.png"))
        weights[name] = _page_weight(browser)
        width, inner = _overflow(browser)
        assert width <= inner + 1, f"{name} is {width}px wide in a {inner}px window"
        following = browser.find_elements(By.CSS_SELECTOR, "a.right-next")
        if not following:
            break
        assert len(visited) <= len(STEMS) + 1, visited
        browser.get(following[0].get_attribute("href"))
    assert visited == ["index", *STEMS]
    assert errors == []
    # A page with everything it loads (uncompressed, nothing cached): the theme is
    # about 0.8 MB of it; a lesson's diagrams and outputs the rest.
    heaviest = max(weights, key=weights.get)
    print(f"\nheaviest page: {heaviest}, {weights[heaviest]:,} bytes with its assets")
    assert weights[heaviest] < 1_500_000, weights
    broken = []
    for url in sorted(local):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            broken.append((url, status))
    assert broken == [] and len(local) > len(STEMS)


@pytest.mark.parametrize("name", ["index", *STEMS])
def test_no_sideways_overflow_on_a_phone(browser, served, screenshots, name):
    browser.set_window_size(390, 844)
    try:
        browser.get(urllib.parse.urljoin(served, f"{name}.html"))
        browser.save_screenshot(str(screenshots / f"phone_{name}.png"))
        width, inner = _overflow(browser)
        errors = _severe(browser)
    finally:
        browser.set_window_size(1280, 900)
    assert width <= inner + 1, f"{name} is {width}px wide on a {inner}px phone"
    assert errors == []


@pytest.mark.parametrize("word", ["共享", "多输入"])
def test_a_chinese_search_finds_lessons(browser, served, word):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 900)
    browser.get(urllib.parse.urljoin(served, "search.html?q=" + urllib.parse.quote(word)))
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#search-results ul.search li a")))
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")
    hits = [urllib.parse.urlparse(link.get_attribute("href")).path.rsplit("/", 1)[-1] for link in results]
    lessons = [hit for hit in hits if hit.split(".")[0] in STEMS]
    assert lessons, hits
    results[[hit.split(".")[0] in STEMS for hit in hits].index(True)].click()
    WebDriverWait(browser, 30).until(lambda driver: "search.html" not in driver.current_url)
    assert _page_name(browser, served) in STEMS
    assert word in browser.find_element(By.TAG_NAME, "main").text
    assert _severe(browser) == []


def test_a_diagram_opens_full_size(browser, served, site):
    from selenium.webdriver.common.by import By

    with_images = [stem for stem in STEMS if "<img" in _read(site / f"{stem}.html")
                   and 'class="cell_output' in _read(site / f"{stem}.html")]
    if not with_images:
        pytest.skip("no lesson has a diagram")
    browser.set_window_size(390, 844)
    try:
        browser.get(urllib.parse.urljoin(served, f"{with_images[0]}.html"))
        images = browser.find_elements(By.CSS_SELECTOR, "div.cell_output img")
        assert images
        for image in images:
            link = image.find_element(By.XPATH, "./ancestor::a[1]")
            assert link.get_attribute("href") == image.get_attribute("src")
            # Fitted to the phone's column, not wider.
            assert image.size["width"] <= 390
    finally:
        browser.set_window_size(1280, 900)
