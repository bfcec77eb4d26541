"""The course's web site (the Sphinx project in docs/), built from the stored notebooks and read in a real browser.

The site is built once per session (never executing a notebook), by the command
line as the README gives it (``sphinx-build -b html docs site`` from the root of a
copy of the project, so that lessons re-executed meanwhile cannot change it under
the tests). The tests without a browser read its files; the others open it in
Debian's headless Chromium through chromedriver and Selenium, as a learner would,
over HTTP. One more test runs the same command on the repository itself.
"""

import functools
import html.parser
import http.server
import os
import pathlib
import re
import shutil
import subprocess
import sys
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

# Sphinx 9 deprecations inside myst-parser and the book theme: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*Check CHANGES for Sphinx API modifications")

PROJECT = pathlib.Path(__file__).resolve().parents[1]
DOCS = PROJECT / "docs"
STEMS = [path.stem for path in sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
# Debian's chromium and chromedriver (.ci/run installs them); the variables let a
# maintainer point elsewhere, or check the skip and KFG_REQUIRE_BROWSER paths.
CHROMIUM = os.environ.get("KFG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KFG_CHROMEDRIVER", "/usr/bin/chromedriver")
REPOSITORY = "https://github.com/example-org/keras-functional-guide"


def copy_project(folder, stems=STEMS, pyproject=None):
    """What the site is built from, copied into ``folder``: docs/ (its notebooks symlink
    kept as a symlink), the lessons ``stems``, README.md and pyproject.toml (or the text
    ``pyproject``). Returns ``folder``."""
    shutil.copytree(DOCS, folder / "docs", symlinks=True,
                    ignore=shutil.ignore_patterns("*.mo", "_build", "__pycache__"))
    (folder / "notebooks").mkdir()
    for stem in stems:
        (folder / "notebooks" / f"{stem}.ipynb").write_bytes((PROJECT / "notebooks" / f"{stem}.ipynb").read_bytes())
    (folder / "README.md").write_bytes((PROJECT / "README.md").read_bytes())
    (folder / "pyproject.toml").write_text(
        pyproject if pyproject is not None else (PROJECT / "pyproject.toml").read_text(encoding="utf-8"),
        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    """A snapshot of the project: the site and the tests read the same notebooks."""
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def notebooks(project):
    return [project / "notebooks" / f"{stem}.ipynb" for stem in STEMS]


@pytest.fixture(scope="session")
def titles(notebooks):
    return {path.stem: notebook_title(nbformat.read(path, as_version=4)) for path in notebooks}


def notebook_title(notebook):
    """The text of the notebook's first Markdown heading."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


@pytest.fixture(scope="session")
def site(project, notebooks):
    """The site as the README's `sphinx-build -b html docs site` builds it from the project's
    root; its wall and CPU time (of the command's process) are kept beside it."""
    import resource

    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([str(pathlib.Path(sys.executable).parent / "sphinx-build"), "-b", "html", "docs",
                             "site"], cwd=project, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = time.perf_counter() - start
    cpu = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    out = project / "site"
    assert result.returncode == 0, result.stderr
    # No warning: a broken link between lessons, a missing template or catalogue would show here.
    assert result.stderr.strip() == "", result.stderr
    (project / "build_seconds.txt").write_text(f"{seconds:.1f} {cpu:.1f}\n")
    print(f"\nsite built in {seconds:.1f} s ({cpu:.1f} s of CPU) into {out}")
    assert (out / "index.html").is_file()
    return out


def _lesson(site, stem):
    """A lesson's page: notebooks/NN_name.html, as the lesson is notebooks/NN_name.ipynb."""
    return site / "notebooks" / f"{stem}.html"


def _pages(site):
    return sorted([*site.glob("*.html"), *site.glob("notebooks/*.html")])


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


def test_every_lesson_is_linked_and_its_pictures_are_files_beside_the_pages(site, notebooks):
    index = _read(site / "index.html")
    links = re.findall(r'<a class="reference internal" href="notebooks/([0-9]{2}_[^"#]+)\.html"', index)
    assert list(dict.fromkeys(links)) == [path.stem for path in notebooks]
    images = 0
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        page = _read(_lesson(site, path.stem))
        # Diagrams and pictures (PNG outputs) are image files beside the pages.
        pngs = sum("image/png" in output.get("data", {}) for cell in notebook.cells
                   for output in cell.get("outputs", []))
        sources = re.findall(r'<img[^>]+src="\.\./(_images/[^"]+\.png)"', page)
        assert len(sources) == pngs, path.name
        assert all((site / source).is_file() for source in sources)
        images += pngs
    assert images > 0


def test_every_page_is_chinese_and_titled_by_its_lesson(site, titles):
    for page in _pages(site):
        text = _read(page)
        assert re.search(r'<html lang="zh-CN"', text), page.name
        assert '<meta name="viewport"' in text, page.name
    for stem in STEMS:
        title = re.search(r"<title>(.*?)</title>", _read(_lesson(site, stem)), re.DOTALL).group(1)
        assert html.unescape(title).startswith(titles[stem]), (stem, title)
    # Interface strings in Chinese: the theme's search box and navigation labels.
    # The .po catalogues in docs/locale, through Sphinx's and the themes' gettext, and the
    # template overrides in docs/_templates: no English left, no Taiwanese wording (列印).
    page = _read(_lesson(site, STEMS[1] if len(STEMS) > 1 else STEMS[0]))
    for label in ("搜索", "下一页" if len(STEMS) > 1 else "搜索", "下载源文件", "打印为 PDF", "颜色模式", "跟随系统",
                  "显示或隐藏课程目录", "显示或隐藏本页目录", 'aria-label="课程目录"', 'aria-label="本页目录"',
                  "跳到正文", "回到顶部"):
        assert label in page, label
    for english in ("Color mode", "System Settings", "Toggle primary sidebar", "Toggle secondary sidebar",
                    "Contents", "Search", "Main", "Page", "Skip to main content", "Back to top", "Light", "Dark"):
        assert f'"{english}"' not in page and f">{english}<" not in page, english
    assert "列印" not in page


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
    links = re.findall(r'<a class="reference internal" href="notebooks/([0-9]{2}_[^"#]+)\.html"', index)
    assert list(dict.fromkeys(links)) == STEMS
    # Two parts, split where the tutorial ends (lesson 09) and the extensions begin.
    captions = re.findall(r'<span class="caption-text">([^<]+)</span>', index)
    assert captions[:2] == ["第一部分：教程", "第二部分：延伸"], captions


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


def test_harness_markers_are_not_shown(site):
    for stem in STEMS:
        text = _read(_lesson(site, stem))
        assert "# NBVAL_" not in text, stem


def test_cell_tags_hide_and_remove_what_learners_need_not_see(site, notebooks):
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        text = _read(_lesson(site, path.stem))
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
        text = _read(_lesson(site, path.stem))
        assert f'href="../_sources/notebooks/{path.name}"' in text, path.name
        downloaded = nbformat.read(site / "_sources" / "notebooks" / path.name, as_version=4)
        assert len(downloaded.cells) == len(nbformat.read(path, as_version=4).cells)


def test_links_between_lessons_point_at_pages(site):
    for stem in STEMS:
        text = _read(_lesson(site, stem))
        # An .ipynb link survives only as the download of the notebook itself;
        # any other is a link to a lesson that is not in notebooks/.
        for link in re.findall(r'href="([^"]+\.ipynb)"', text):
            assert link == f"../_sources/notebooks/{stem}.ipynb", f"{stem} links to {link}, which is not a page of the site"
    # Links between lessons reach their pages (docs/conf.py mends Sphinx's symlink resolution).
    first = _read(_lesson(site, STEMS[0]))
    assert all(f'href="{stem}.html"' in first for stem in STEMS[1:3]), "lesson 01 links to the next lessons"


def _sphinx_build(docs, out):
    """Plain `sphinx-build -b html docs OUT`, the command the README gives, in this environment."""
    return subprocess.run([str(pathlib.Path(sys.executable).parent / "sphinx-build"), "-b", "html", "-q",
                           str(docs), str(out)], capture_output=True, text=True, timeout=600)


def test_launch_buttons_follow_the_repository_url(site, tmp_path):
    # The course's own build: buttons exactly when pyproject.toml names a repository.
    configured = "[project.urls]" in _read(PROJECT / "pyproject.toml")
    for stem in STEMS:
        assert ("colab.research.google.com" in _read(_lesson(site, stem))) == configured, stem
    # pyproject.toml with no URL: no button; with one: Colab and Binder for that repository,
    # at the lesson's path in it (notebooks/NN_name.ipynb).
    without = copy_project(tmp_path / "without", STEMS[:1], pyproject='[project]\nname = "x"\n')
    assert _sphinx_build(without / "docs", without / "site").returncode == 0
    assert "colab.research.google.com" not in _read(_lesson(without / "site", STEMS[0]))
    assert "mybinder.org" not in _read(_lesson(without / "site", STEMS[0]))
    with_url = copy_project(tmp_path / "with", STEMS[:1],
                            pyproject=f'[project]\nname = "x"\n[project.urls]\nRepository = "{REPOSITORY}/"\n')
    assert _sphinx_build(with_url / "docs", with_url / "site").returncode == 0
    text = html.unescape(_read(_lesson(with_url / "site", STEMS[0])))
    assert (f"https://colab.research.google.com/github/example-org/keras-functional-guide/blob/main/"
            f"notebooks/{STEMS[0]}.ipynb") in text
    assert "https://mybinder.org/v2/gh/example-org/keras-functional-guide/main" in text


def test_plain_sphinx_build_of_docs_builds_the_same_course(site, tmp_path):
    # From the repository's root, as the README and CONTRIBUTING say: the same pages as the
    # command line's build, each lesson of notebooks/ in the sidebar in course order.
    result = subprocess.run(
        [str(pathlib.Path(sys.executable).parent / "sphinx-build"), "-b", "html", "-q", "docs", str(tmp_path / "site")],
        cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    # No warning: a broken link between lessons, a missing template or catalogue would show here.
    assert result.stderr.strip() == "", result.stderr
    built = tmp_path / "site"
    assert [page.relative_to(built) for page in _pages(built)] == [page.relative_to(site) for page in _pages(site)]
    lessons = STEMS
    links = re.findall(r'<a class="reference internal" href="notebooks/([0-9]{2}_[^"#]+)\.html"',
                       _read(built / "index.html"))
    assert list(dict.fromkeys(links)) == lessons
    for stem in lessons:
        assert (built / "_sources" / "notebooks" / f"{stem}.ipynb").is_file(), stem
    # The site is a folder of files in docs/, not Python strings in the package.
    for name in ("conf.py", "index.md", "_static/kfg.css", "_static/kfg.js", "_static/favicon.svg",
                 "locale/zh_CN/LC_MESSAGES/sphinx.po"):
        assert (DOCS / name).is_file(), name


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
        browser.get(urllib.parse.urljoin(served, f"{name}.html" if name == "index" else f"notebooks/{name}.html"))
        browser.save_screenshot(str(screenshots / f"phone_{name}.png"))
        width, inner = _overflow(browser)
        errors = _severe(browser)
    finally:
        browser.set_window_size(1280, 900)
    assert width <= inner + 1, f"{name} is {width}px wide on a {inner}px phone"
    assert errors == []


@pytest.mark.parametrize("word", ["共享", "多输入", "数据管道", "提前停止", "克隆"])
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

    with_images = [stem for stem in STEMS if "<img" in _read(_lesson(site, stem))
                   and 'class="cell_output' in _read(_lesson(site, stem))]
    if not with_images:
        pytest.skip("no lesson has a diagram")
    browser.set_window_size(390, 844)
    try:
        browser.get(urllib.parse.urljoin(served, f"notebooks/{with_images[0]}.html"))
        images = browser.find_elements(By.CSS_SELECTOR, "div.cell_output img")
        assert images
        for image in images:
            link = image.find_element(By.XPATH, "./ancestor::a[1]")
            assert link.get_attribute("href") == image.get_attribute("src")
            # Fitted to the phone's column, not wider.
            assert image.size["width"] <= 390
    finally:
        browser.set_window_size(1280, 900)


# Three entries of the error atlas, one from each of three of its groups (搭图, 喂数据, 加载): the
# first words of Keras's message, as a learner would paste them into the search box.
ATLAS_SEARCHES = {
    "Only input tensors may be passed as positional arguments": "搭图",
    "Data cardinality is ambiguous": "喂数据",
    "No model config found in the file": "加载",
}


@pytest.mark.parametrize("message", list(ATLAS_SEARCHES), ids=list(ATLAS_SEARCHES.values()))
def test_searching_an_error_message_finds_its_entry_in_the_error_atlas(browser, served, message):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    atlas = next(stem for stem in STEMS if stem.endswith("_error_atlas"))
    browser.set_window_size(1280, 900)
    browser.get(urllib.parse.urljoin(served, "search.html?q=" + urllib.parse.quote(message)))
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#search-results ul.search li a")))
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")
    urls = [urllib.parse.urlparse(link.get_attribute("href")) for link in results]
    hits = [index for index, url in enumerate(urls) if url.path.endswith(f"/{atlas}.html")]
    assert hits, [url.path for url in urls]
    # The atlas is the first lesson listed, and one of its results is the entry itself (Sphinx lists
    # a section whose title holds the words as the page plus the section's anchor).
    lessons = [index for index, url in enumerate(urls) if url.path.rsplit("/", 1)[-1].split(".")[0] in STEMS]
    assert lessons[0] == hits[0], [url.path for url in urls]
    entries = [index for index in hits if urls[index].fragment]
    assert entries, [url.geturl() for url in urls]
    results[entries[0]].click()
    WebDriverWait(browser, 30).until(lambda driver: "search.html" not in driver.current_url)
    assert _page_name(browser, served) == atlas
    fragment = urllib.parse.unquote(urllib.parse.urlparse(browser.current_url).fragment)
    heading = browser.find_element(By.ID, fragment).find_element(By.CSS_SELECTOR, "h3")
    assert heading.text.startswith(message), heading.text
    assert _severe(browser) == []
