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


def test_every_question_is_answered_live_in_a_section_that_exists():
    for row in rows():
        number, answered = row[0], row[4]
        assert answered.startswith("yes"), f"row {number} is not answered live: {answered}"
        sections = SECTION.findall(answered)
        assert sections, f"row {number} names no lesson section: {answered}"
        for lesson, section in sections:
            assert any(section in heading for heading in headings(lesson)), (
                f"row {number}: lesson {lesson} has no section {section!r}")
