"""The course's web site: a Sphinx + MyST-NB project (the engine behind Jupyter Book 1).

Build it from the repository's root:

    sphinx-build -b html docs site

MyST-NB renders the notebooks with their stored outputs (nothing is executed) and
honours cell tags (remove-cell, hide-input); sphinx-book-theme gives the sidebar,
previous/next links, an on-page table of contents and a download button; Sphinx's
own search indexes Chinese words with jieba. Everything ships with these packages
(the ``docs`` extra), so the site builds and reads offline.

Where things are: the landing page is ``index.md``; the lessons are
``notebooks/NN_*.ipynb``, reached through ``docs/notebooks``, a symlink to the
repository's ``notebooks/`` (their only home); CSS, JS and the favicon are in
``_static/``; interface strings in mainland Chinese are in
``locale/zh_CN/LC_MESSAGES/*.po``; ``_templates/`` holds the few theme templates
whose English was fixed text, rewritten to go through those catalogues.
"""

import logging
import pathlib
import re
import tomllib
import warnings
from importlib import metadata


# jieba 0.42.1 (its latest release) has regular expressions with invalid escapes. From
# Python 3.12 on, compiling them prints SyntaxWarnings on the first build after an install
# that did not compile bytecode (uv, for one): noise from a dependency, not from the site.
# Imported here, before Sphinx's Chinese search imports it.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    import jieba

from sphinx import addnodes  # noqa: E402
from sphinx.search.zh import SearchChinese  # noqa: E402
from sphinx.util.i18n import CatalogRepository  # noqa: E402

DOCS = pathlib.Path(__file__).resolve().parent
PROJECT = DOCS.parent

# -- The course ---------------------------------------------------------------

project = "Keras 函数式 API 教程"  # In every page's <title> and the search page.
author = ""                       # No author line anywhere.
html_title = project              # The sidebar's title, not "<project> documentation".
html_show_copyright = False  # No "© author" line: the course has no single author.
language = "zh_CN"           # <html lang="zh-CN">, and Sphinx's and the themes' zh_CN catalogues.

# Only the landing page and the lessons are pages: notebooks/ also holds conftest.py and
# sanitize.cfg for the tests, and any scratch notebook there without a NN_ prefix is no lesson.
# A new lesson NN_name.ipynb is picked up with no change here (index.md's toctrees glob too).
include_patterns = ["index.md", "notebooks/[0-9][0-9]_*.ipynb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]  # A build inside docs/, Jupyter's autosaves.

# -- Notebooks (MyST-NB) --------------------------------------------------------

extensions = ["myst_nb"]     # Notebooks and MyST Markdown (index.md) as pages; brings myst_parser.
nb_execution_mode = "off"    # Stored outputs only: the site never runs a notebook.
nb_ipywidgets_js = {}        # No require.js or widget bundle from a CDN.
nb_merge_streams = True      # One block per cell for consecutive stdout writes.
# The fold of a hide-input cell (the 参考答案 code) says what it does, in Chinese.
nb_code_prompt_show = "显示代码"
nb_code_prompt_hide = "隐藏代码"
myst_heading_anchors = 3     # Links such as [练习](#练习) inside a lesson resolve.
# {{ name }} in index.md: the quick-start commands and the versions, computed below.
myst_enable_extensions = ["substitution"]
suppress_warnings = [
    "mystnb.unknown_mime_type",   # Outputs with no HTML form (e.g. widget state) are dropped quietly.
    "myst.header",                # Lessons start at "#" and may skip a level; that is fine on the page.
    "misc.highlighting_failure",  # Tracebacks the IPython lexer cannot colour are shown plain.
    "app",                        # "already registered" when one process builds more than once (tests).
]

# -- Look ---------------------------------------------------------------------

html_theme = "sphinx_book_theme"  # Jupyter Book's look: course sidebar, page contents, buttons.
html_static_path = ["_static"]  # Copied after the theme's static files, so same names replace them.
templates_path = ["_templates"]  # Searched before the theme's templates, so same names replace them.
html_css_files = ["kfg.css"]     # _static/kfg.css: CJK fonts, outputs that fit a phone.
html_js_files = ["kfg.js"]       # _static/kfg.js: a click on a diagram opens it full size.
html_favicon = "_static/favicon.svg"  # Else browsers ask for /favicon.ico and log a 404.
html_copy_source = True          # _sources/notebooks/NN_name.ipynb: the download button's file.
html_sourcelink_suffix = ""      # ...named .ipynb, not .ipynb.txt.
html_show_sourcelink = False     # The theme's download button is the one link to it.
html_last_updated_fmt = None     # No date that changes every build.
html_permalinks_icon = "#"       # A plain "#" after headings, not an icon font glyph.
mathjax_path = "_static/no-mathjax.js"  # Never MathJax from a CDN (the lessons have no formulas).
# Light or dark as the reader's system is; unset, the theme logs a console error.
html_context = {"default_mode": "auto"}


def _repository_url():
    """The repository URL from pyproject.toml's [project.urls], or None when none is set."""
    urls = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8")).get("project", {}).get("urls", {})
    return next((urls[key].rstrip("/") for key in ("Repository", "Source", "Homepage") if urls.get(key)), None)


html_theme_options = {
    "use_download_button": True,     # .ipynb download and print-to-PDF on every lesson.
    "use_fullscreen_button": False,  # Browsers have their own.
    "show_toc_level": 2,             # The on-page contents show sections and their subsections.
    "home_page_in_toc": False,       # The sidebar lists lessons; the title links home.
    "navigation_with_keys": False,   # Arrow keys scroll code outputs, not turn pages.
    "search_bar_text": "搜索本课程…",
}
# "Open in Colab" and Binder buttons once pyproject.toml names the repository. The lessons
# are docs/notebooks/NN.ipynb here and notebooks/NN.ipynb in the repository: the same path
# from the root, so the theme's path_to_docs is "" (the repository root).
REPOSITORY = _repository_url()
if REPOSITORY:
    html_theme_options |= {
        "repository_url": REPOSITORY,
        "repository_branch": "main",
        "path_to_docs": "",
        "use_repository_button": True,
        "launch_buttons": {
            "colab_url": "https://colab.research.google.com",
            "binderhub_url": "https://mybinder.org",
            "notebook_interface": "jupyterlab",
        },
    }

# -- Interface in Chinese ---------------------------------------------------------

# locale/zh_CN/LC_MESSAGES/sphinx.po: what Sphinx, the PyData theme and _templates/ say,
# read before their own catalogues. booktheme.po: the book theme's buttons (see setup()).
locale_dirs = ["locale"]

# -- Search ---------------------------------------------------------------------

html_search_language = "zh"  # Sphinx's Chinese search: jieba splits the text into words.
# jieba's own dictionary, already its default: Sphinx would re-read it as a "user
# dictionary", which costs seconds per build and changes nothing.
html_search_options = {"dict": ""}
jieba.setLogLevel(logging.WARNING)  # Not "Building prefix dict..." on every build.
# The course's words (CONTRIBUTING.md's vocabulary and the lessons' topics), so that a search
# for 多输入 finds 多输入模型: jieba alone cuts it into 多 / 输入, and the browser looks the
# query up as one word.
for _word in ("函数式", "函数式API", "多输入", "多输出", "有向无环图", "共享层", "共享权重", "子类化",
              "符号张量", "输入层", "卷积核", "嵌入层", "嵌套模型", "结构图", "计算图", "自定义层",
              "迁移学习", "分布式训练", "单元格", "参考答案", "数据管道", "提前停止", "回调", "样本权重",
              "预处理层", "克隆", "热力图"):
    jieba.add_word(_word)


class _ChineseSearch(SearchChinese):
    """Sphinx's Chinese search with a JavaScript stemmer that exists.

    Sphinx 9.0 ships the English stemmer for Chinese (for Latin words, as its Python
    side stems them) but names it ``{language_name}Stemmer``, ChineseStemmer, which
    is not defined: every page logs a ReferenceError and search finds nothing.
    Reported upstream as https://github.com/sphinx-doc/sphinx/issues/14229 and fixed
    by https://github.com/sphinx-doc/sphinx/pull/14416 (the name comes from the
    stemmer file); drop this class once the pinned Sphinx has that fix. On Sphinx 7
    and 8 the name is unused, so the class changes nothing there.
    """

    language_name = "English"


# -- The quick start and versions on the landing page -----------------------------


def _readme_block(marker):
    """The fenced block after ``<!-- marker -->`` in the README (the block .ci/run reads)."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {re.escape(marker)} -->\s*(```[a-z]*\n.*?\n```)", readme, re.DOTALL)
    if not match:
        raise ValueError(f"README.md has no fenced block after <!-- {marker} -->, which docs/index.md shows")
    return match.group(1)


def _installed_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "（未安装）"


myst_substitutions = {
    "main_command": _readme_block("main-command"),
    "test_command": _readme_block("test-command"),
    # The versions the outputs are tested with: those installed where the site is built.
    "tensorflow_version": _installed_version("tensorflow"),
    "keras_version": _installed_version("keras"),
}

# -- Hooks ----------------------------------------------------------------------

LESSONS = (DOCS / "notebooks").resolve()  # The repository's notebooks/ folder.


def _links_through_the_symlink(app, doctree):
    """Points links between lessons at the lessons' pages.

    A link such as ``[多输出模型](03_multi_output.ipynb)`` in a lesson is resolved by
    Sphinx 8 and 9 with ``Path.resolve()``, which follows the docs/notebooks symlink
    out of docs/ and yields a target Sphinx does not know ("Unknown source document
    '/…/notebooks/03_multi_output'"). Reported upstream as
    https://github.com/sphinx-doc/sphinx/issues/13932 (see also
    https://github.com/executablebooks/MyST-Parser/issues/1055); drop this hook once
    the pinned Sphinx keeps symlinked paths (https://github.com/sphinx-doc/sphinx/pull/14638).
    """
    for node in doctree.findall(addnodes.pending_xref):
        target = pathlib.Path(node.get("reftarget", ""))
        if node.get("refdomain") == "doc" and target.is_absolute() and target.parent == LESSONS:
            node["reftarget"] = f"notebooks/{target.name}"


def setup(app):
    app.connect("doctree-read", _links_through_the_symlink)
    app.add_search_language(_ChineseSearch)
    # The book theme translates its header buttons from its own "booktheme" catalogue.
    # Sphinx compiles sphinx.po by itself before it loads anything, but other catalogues
    # only later in the build; so booktheme.po is compiled here, by the same Sphinx call,
    # and registered before the theme registers its own (when the builder starts), which
    # puts ours first.
    for catalog in CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language,
                                     app.config.source_encoding).catalogs:
        if catalog.domain == "booktheme" and catalog.is_outdated():
            catalog.write_mo(app.config.language)
    app.add_message_catalog("booktheme", str(DOCS / "locale"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
