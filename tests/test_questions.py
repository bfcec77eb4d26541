"""notebooks/QUESTIONS.md: the learners' questions, each with its thread and the lesson that answers it.

The list is how the next gap stays visible, so it must stay true: every row
cites where the question was asked, and every "answered by" names a lesson and a
section heading that exist.
"""

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "notebooks" / "QUESTIONS.md"
# A repository#number, or a page's address.
REFERENCE = re.compile(r"[\w.-]+/[\w.-]+#\d+|https?://\S+|keras\.io")
# `19 "1. 元素是 ..."`: a lesson number and a section heading quoted from it.
SECTION = re.compile(r'\b(\d{2}) "([^"]+)"')


def rows():
    table = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if re.fullmatch(r"\d+", cells[0]) and len(cells) >= 6:
            table.append(cells)
    return table


def headings(lesson):
    (path,) = (ROOT / "notebooks").glob(f"{lesson}_*.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def test_at_least_25_questions_each_with_its_thread():
    table = rows()
    assert len(table) >= 25
    assert [int(row[0]) for row in table] == list(range(1, len(table) + 1))
    for row in table:
        assert REFERENCE.search(row[2]), f"row {row[0]} cites no thread: {row[2]}"


def answered_live(row):
    return row[4].startswith("yes")


def test_every_answer_names_a_section_that_exists():
    # "yes" (live) and "partly" (a neighbouring case) name the lesson sections; "—" is a gap, kept
    # in the table so that it stays visible.
    for row in rows():
        number, answered = row[0], row[4]
        assert answered.startswith(("yes", "partly", "—")), f"row {number}: {answered}"
        if answered.startswith("—"):
            continue
        sections = SECTION.findall(answered)
        assert sections, f"row {number} names no lesson section: {answered}"
        for lesson, section in sections:
            assert any(section in heading for heading in headings(lesson)), (
                f"row {number}: lesson {lesson} has no section {section!r}")


def test_the_summary_counts_the_questions_answered_live():
    # The count is written once, in the summary, for a reader of the file; the table decides it.
    table = rows()
    live = sum(answered_live(row) for row in table)
    text = QUESTIONS.read_text(encoding="utf-8")
    stated = re.search(r"Answered live today: \*\*(\d+)\*\* of \*\*(\d+)\*\*", text)
    assert stated, "the summary does not say how many questions are answered live"
    assert (int(stated[1]), int(stated[2])) == (live, len(table))
