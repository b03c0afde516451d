"""Chinese medical exam benchmarks as :class:`MCQItem` records, and one reader for every MCQ format.

Readers (every item gets ``language="zh"``):

- :func:`read_mlecqa`: MLEC-QA's ``<Subset>_{train,dev,test}.json``, a JSON array of
  ``{qid, qtype, qtext, qimage, options {A..E}, answer}``. Case questions (A2, A3/A4) carry their case
  in ``qtext``; there is no separate context field.
- :func:`read_cmexam`: CMExam's CSVs, with a header ``Question, Options, Answer, Explanation, ...``
  (an earlier release spells them ``标题, 选项, 答案, 答案解析``). ``Options`` is one cell, one
  ``"A 选项"`` per line; ``Answer`` holds one or more letters (``"ABCE"``).
- :func:`read_cmb_exam`: CMB-Exam's JSON arrays of ``{exam_type, exam_class, exam_subject, question,
  answer, question_type, option {A..}, explanation}``; the test questions come without answers, which
  CMB publishes in a separate ``[{id, answer, ...}]`` file (``answers_file``).
- :func:`read_ceval_csv`: C-Eval's ``<subject>_{dev,val,test}.csv``: ``id, question, A, B, C, D, answer``
  (and ``explanation`` in dev; the test split has no answers).
- :func:`read_cmmlu_csv`: CMMLU's ``{dev,test}/<subject>.csv``: an unnamed index column, ``Question, A, B,
  C, D, Answer``.

A multi-answer question (CMB's and CMExam's 多项选择题) is an item with several answer letters. Every
bad row (no answer, an answer letter that is not an option, an empty question, ...) goes to
``on_issue`` naming the file and the line (CSV) or array item (JSON) and the field at fault; the good
rows are yielded. :func:`read_mcq` reads any multiple-choice format medllm knows, by name or detected
from the file (see :func:`detect_mcq_format`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medllm.formats._rows import (
    RowRef,
    convert,
    csv_records,
    extras,
    fail,
    id_text,
    json_rows,
    load_json,
    need_object,
    need_str,
    need_value,
    opt_str,
    read_csv_header,
    type_name,
)
from medllm.formats.mcq import read_medagentsbench, read_medmcqa, read_medqa, read_mmlu_csv, read_pubmedqa
from medllm.io.issues import DataError, OnIssue, raise_on_issue
from medllm.io.jsonl import ReadStats
from medllm.records.errors import Reason, RecordError
from medllm.records.types import MCQItem, build

_LETTER = re.compile(r"^[A-Z]$")
# Between the letters of one answer cell: "ABD", "A,B,D", "A、B、D", "A B D".
_ANSWER_SEPARATORS = re.compile(r"[\s,，、;；/]+")
# One line of CMExam's Options cell: "A 选项", also "A.选项", "A、选项", "A：选项".
_OPTION_LINE = re.compile(r"^\s*([A-Z])(?:\s*[.．、:：)）]\s*|\s+)(.*?)\s*$")
_SPLIT_FILE = re.compile(r"^(?P<name>.+)_(?P<split>train|dev|val|test)$")
_SINGLE_CHOICE = "单项选择题"


# --- shared: answers, options, the item --------------------------------------------------------------


def _answer_letters(value: Any, field: str) -> list[str]:
    """The answer letters in ``value`` ("B", "ABD", "A,B", ["A", "C"]), sorted and unique."""
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        fail(Reason.MISSING_FIELD, field, "missing answer")
    if isinstance(value, str):
        letters = list(_ANSWER_SEPARATORS.sub("", value))
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        letters = [v.strip() for v in value]
    else:
        fail(Reason.WRONG_TYPE, field, f"expected option letters, got {type_name(value)}")
    if not all(_LETTER.match(letter) for letter in letters):
        fail(Reason.INVALID_VALUE, field, f"{value!r} is not one or more option letters A-Z")
    return sorted(set(letters))


def _option_dict(value: Any, field: str, notes: Counter[str]) -> dict[str, str]:
    """Lettered options from a JSON object; trailing empty options (CMB pads to a fixed count) are dropped."""
    if not isinstance(value, dict):
        fail(Reason.WRONG_TYPE, field, f"expected an object of lettered options, got {type_name(value)}")
    options: dict[str, str] = {}
    for letter, text in value.items():
        if not _LETTER.match(letter):
            fail(Reason.INVALID_VALUE, field, f"option key {letter!r} is not a letter A-Z")
        if not isinstance(text, str):
            fail(Reason.WRONG_TYPE, f"{field}.{letter}", f"expected a string, got {type_name(text)}")
        options[letter] = text
    while options and not options[next(reversed(options))].strip():
        options.popitem()
        notes["empty_option_dropped"] += 1
    return options


def _split_options(text: str, field: str) -> dict[str, str]:
    """CMExam's one-cell options, one ``"A 选项"`` per line."""
    options: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _OPTION_LINE.match(line)
        if match is None or not match.group(2):
            fail(Reason.INVALID_VALUE, field, f"line {number} of the options, {line.strip()!r}, is not 'LETTER text'")
        letter, option = match.groups()
        if letter in options:
            fail(Reason.INVALID_VALUE, field, f"option {letter} is given twice")
        options[letter] = option
    return options


@dataclass(frozen=True)
class _Fields:
    """The source's names for the fields an item is checked on, so issues name them as the file does."""

    question: str
    options: str
    answer: str


def _exam_item(
    names: _Fields,
    *,
    item_id: str,
    question: str,
    options: dict[str, str],
    answer: list[str],
    source: str,
    language: str,
    single: bool = False,
    explanation: str | None = None,
    subject: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> MCQItem:
    """Check what MCQItem would reject, naming the source's fields, then build the item."""
    if not question.strip():
        fail(Reason.EMPTY_TURN, names.question, "empty question")
    letters = list(options)
    expected = [chr(ord("A") + i) for i in range(len(letters))]
    if len(letters) < 2 or letters != expected:
        fail(
            Reason.INVALID_VALUE,
            names.options,
            f"options must be lettered A, B, C ... in order, at least two; got {letters}",
        )
    for letter, text in options.items():
        if not text.strip():
            fail(Reason.INVALID_VALUE, f"{names.options}.{letter}", "empty option")
    stray = [letter for letter in answer if letter not in options]
    if stray:
        given = "".join(answer)
        fail(
            Reason.INVALID_VALUE,
            names.answer,
            f"answer {given} names {', '.join(stray)}, not among the options {''.join(letters)}",
        )
    if single and len(answer) > 1:
        fail(
            Reason.INVALID_VALUE,
            names.answer,
            f"a single-choice question ({_SINGLE_CHOICE}) with answer {''.join(answer)}",
        )
    data = {
        "id": item_id,
        "source": source,
        "language": language,
        "question": question,
        "options": options,
        "answer": answer,
        "explanation": explanation,
        "subject": subject,
        "metadata": metadata or {},
    }
    return build(MCQItem, data)


def _split_of(path: Path) -> tuple[str, str | None]:
    """``(name, split)`` from a file stem like ``Clinic_dev`` or ``physician_val``; split None when absent."""
    match = _SPLIT_FILE.match(path.stem)
    return (match["name"], match["split"]) if match else (path.stem, None)


def _with_split(metadata: dict[str, Any], split: str | None) -> dict[str, Any]:
    if split is not None:
        metadata.setdefault("split", split)
    return metadata


# --- MLEC-QA ---------------------------------------------------------------------------------------------

_MLECQA_CORE = ("qid", "qtext", "options", "answer")
_MLECQA_FIELDS = _Fields("qtext", "options", "answer")


def read_mlecqa(
    path: str | Path,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
    source: str = "mlecqa",
    language: str = "zh",
) -> Iterator[MCQItem]:
    """Read one MLEC-QA file (``Clinic_dev.json`` ...): a JSON array of ``{qid, qtype, qtext, options, answer}``.

    ``qid`` is the id, the subset (``Clinic``, ``Stomatology``, ``PublicHealth``, ``TCM``, ``CWM``) from
    the file name the subject; ``qtype`` (A1型题, B1型题, A2型题, A3/A4型题), ``qimage`` and any other
    field stay in metadata, with the split from the file name. The answer is one letter (a list of
    letters is read too).

    Args:
        path: the JSON array (or JSON Lines) file.
        on_issue: receives each bad row; the default raises on the first.
        stats: filled with row counts when given.
        source: the dataset tag set on every item.
        language: the language tag set on every item.

    Returns:
        An iterator of :class:`MCQItem`.

    Raises:
        DataError: the file cannot be read, or ``on_issue`` raised.
    """
    stats = stats if stats is not None else ReadStats()
    subset, split = _split_of(Path(path))

    def make(ref: RowRef, value: Any) -> MCQItem:
        row = need_object(value)
        return _exam_item(
            _MLECQA_FIELDS,
            item_id=ref.id_from(row, "qid"),
            question=need_str(row, "qtext", null_is_missing=True),
            options=_option_dict(need_value(row, "options", null_is_missing=True), "options", stats.notes),
            answer=_answer_letters(need_value(row, "answer"), "answer"),
            source=source,
            language=language,
            subject=subset,
            metadata=_with_split(extras(row, _MLECQA_CORE), split),
        )

    yield from convert(json_rows(path, on_issue=on_issue, stats=stats), make, on_issue)


# --- CMB-Exam --------------------------------------------------------------------------------------------

_CMB_CORE = ("id", "exam_subject", "question", "answer", "option", "explanation")
_CMB_FIELDS = _Fields("question", "option", "answer")


def _cmb_answers(answers_file: str | Path) -> dict[str, Any]:
    rows = load_json(answers_file)
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "id" in r and "answer" in r for r in rows):
        raise DataError(f"{answers_file}: expected a JSON array of {{id, answer}} objects (CMB's answer file)")
    return {str(row["id"]): row["answer"] for row in rows}


def read_cmb_exam(
    path: str | Path,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
    answers_file: str | Path | None = None,
    source: str = "cmb",
    language: str = "zh",
) -> Iterator[MCQItem]:
    """Read CMB-Exam (``CMB-val-merge.json``, ``CMB-test-choice-question-merge.json``, ...).

    Rows are ``{id?, exam_type, exam_class, exam_subject, question, answer, question_type, option, explanation?}``.
    ``exam_subject`` becomes the subject; ``exam_type``, ``exam_class``, ``question_type`` and any other
    field stay in metadata. A 单项选择题 must have one answer letter, a 多项选择题 may have several
    (``"ABD"``). Empty options at the end of ``option`` (CMB pads them) are dropped and counted in
    ``stats.notes["empty_option_dropped"]``.

    Args:
        path: the JSON array (or JSON Lines) file.
        on_issue: receives each bad row; the default raises on the first.
        stats: filled with row counts when given.
        answers_file: CMB's answer file for questions published without answers
            (``CMB-test-choice-answer.json``: ``[{id, answer, ...}]``), matched by ``id``; a row that has
            an answer of its own must agree with it.
        source: the dataset tag set on every item.
        language: the language tag set on every item.

    Returns:
        An iterator of :class:`MCQItem`; ids come from ``id`` where present, else the row position.

    Raises:
        DataError: a file cannot be read, the answer file is not an array of ``{id, answer}``, or
            ``on_issue`` raised.
    """
    stats = stats if stats is not None else ReadStats()
    listed = _cmb_answers(answers_file) if answers_file is not None else None

    def make(ref: RowRef, value: Any) -> MCQItem:
        row = need_object(value)
        answer = row.get("answer")
        if listed is not None and row.get("id") is not None and str(row["id"]) in listed:
            published = listed[str(row["id"])]
            if answer not in (None, "") and _answer_letters(answer, "answer") != _answer_letters(published, "answer"):
                fail(Reason.INVALID_VALUE, "answer", f"{answer!r} disagrees with the answer file's {published!r}")
            answer = published
        return _exam_item(
            _CMB_FIELDS,
            item_id=ref.id_from(row),
            question=need_str(row, "question", null_is_missing=True),
            options=_option_dict(need_value(row, "option", null_is_missing=True), "option", stats.notes),
            answer=_answer_letters(answer, "answer"),
            source=source,
            language=language,
            single=opt_str(row, "question_type") == _SINGLE_CHOICE,
            explanation=opt_str(row, "explanation"),
            subject=opt_str(row, "exam_subject"),
            metadata=extras(row, _CMB_CORE),
        )

    yield from convert(json_rows(path, on_issue=on_issue, stats=stats), make, on_issue)


# --- CSV formats: CMExam, C-Eval, CMMLU -------------------------------------------------------------------


@dataclass(frozen=True)
class _CsvLayout:
    """Where a header-led CSV keeps each field; None where the format has no such column."""

    question: str
    answer: str
    options: str | None = None  # one cell of "A text" lines (CMExam); else one column per letter
    explanation: str | None = None
    id: str | None = None


def _layout(path: str | Path, header: list[str], candidates: Iterable[_CsvLayout], what: str) -> _CsvLayout:
    """The first candidate layout whose question (and options) columns the header has."""
    for layout in candidates:
        if layout.question in header and (layout.options is None or layout.options in header):
            return layout
    raise DataError(f"{path}: not a {what} CSV: its header {header} lacks the question or options column")


def _csv_row(header: list[str], cells: list[str]) -> dict[str, str]:
    if len(cells) != len(header):
        message = f"expected {len(header)} cells (one per header column), found {len(cells)}"
        raise RecordError(Reason.INVALID_VALUE, message)
    return dict(zip(header, cells, strict=True))


def _csv_items(
    path: str | Path,
    layout: _CsvLayout,
    header: list[str],
    *,
    on_issue: OnIssue,
    stats: ReadStats | None,
    item_id: Callable[[RowRef, dict[str, str]], str],
    source: str,
    language: str,
    subject: str | None = None,
    split: str | None = None,
) -> Iterator[MCQItem]:
    letters = [name for name in header if _LETTER.match(name)]
    used = {layout.question, layout.answer, layout.options, layout.explanation, layout.id, *letters}
    names = _Fields(layout.question, layout.options or "/".join(letters), layout.answer)

    def make(ref: RowRef, cells: list[str]) -> MCQItem:
        row = _csv_row(header, cells)
        if layout.options is not None:
            options = _split_options(row[layout.options], layout.options)
        else:
            options = {letter: row[letter].strip() for letter in letters}
        if layout.answer not in row:
            fail(Reason.MISSING_FIELD, layout.answer, "missing: the file has no answer column")
        explanation = (row.get(layout.explanation, "").strip() or None) if layout.explanation else None
        metadata = {key: value for key, value in row.items() if key not in used and key and value.strip()}
        return _exam_item(
            names,
            item_id=item_id(ref, row),
            question=row[layout.question].strip(),
            options=options,
            answer=_answer_letters(row[layout.answer], layout.answer),
            source=source,
            language=language,
            explanation=explanation,
            subject=subject,
            metadata=_with_split(metadata, split),
        )

    rows = csv_records(path, on_issue=on_issue, stats=stats, skip_header=True)
    yield from convert(rows, make, on_issue)


_CMEXAM_LAYOUTS = (
    _CsvLayout(question="Question", options="Options", answer="Answer", explanation="Explanation"),
    _CsvLayout(question="标题", options="选项", answer="答案", explanation="答案解析"),
)


def read_cmexam(
    path: str | Path,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
    source: str = "cmexam",
    language: str = "zh",
) -> Iterator[MCQItem]:
    """Read one CMExam CSV (``train.csv``, ``val.csv``, ``test_with_annotations.csv``).

    The header names ``Question``, ``Options`` (one cell, ``"A 选项"`` per line), ``Answer`` (one or
    more letters: ``"B"``, ``"ABCE"``) and ``Explanation``; the release that spells them ``标题``,
    ``选项``, ``答案``, ``答案解析`` is read too. Other columns (the annotations: disease group,
    clinical department, discipline, competency, difficulty) stay in metadata under their own names,
    blank cells left out. Ids are ``<file stem>-<row>``. Issues point at the line a record starts on
    (the options cell spans lines).

    Args:
        path: the CSV file.
        on_issue: receives each bad record; the default raises on the first.
        stats: filled with row counts when given.
        source: the dataset tag set on every item.
        language: the language tag set on every item.

    Returns:
        An iterator of :class:`MCQItem`.

    Raises:
        DataError: the file cannot be read or its header lacks the question or options column, or
            ``on_issue`` raised.
    """
    header = read_csv_header(path)
    layout = _layout(path, header, _CMEXAM_LAYOUTS, "CMExam")
    yield from _csv_items(
        path,
        layout,
        header,
        on_issue=on_issue,
        stats=stats,
        item_id=lambda ref, row: ref.fallback_id(),
        source=source,
        language=language,
    )


def read_ceval_csv(
    path: str | Path,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
    source: str = "ceval",
    language: str = "zh",
) -> Iterator[MCQItem]:
    """Read one C-Eval CSV ``<subject>_{dev,val,test}.csv``: ``id, question, A, B, C, D, answer[, explanation]``.

    The subject (``clinical_medicine``, ``basic_medicine``, ``physician`` ...) and split come from the
    file name; ids are ``<subject>_<split>-<id>``. The test split is published without answers, so
    each of its rows is reported as missing its answer.

    Args:
        path: the CSV file.
        on_issue: receives each bad record; the default raises on the first.
        stats: filled with row counts when given.
        source: the dataset tag set on every item.
        language: the language tag set on every item.

    Returns:
        An iterator of :class:`MCQItem`.

    Raises:
        DataError: the file cannot be read or its header lacks ``question``, or ``on_issue`` raised.
    """
    header = read_csv_header(path)
    layout = _layout(
        path, header, [_CsvLayout(question="question", answer="answer", explanation="explanation", id="id")], "C-Eval"
    )
    stem = Path(path).stem
    subject, split = _split_of(Path(path))

    def item_id(ref: RowRef, row: dict[str, str]) -> str:
        return f"{stem}-{id_text(row['id'].strip(), 'id')}" if "id" in row else ref.fallback_id()

    yield from _csv_items(
        path,
        layout,
        header,
        on_issue=on_issue,
        stats=stats,
        item_id=item_id,
        source=source,
        language=language,
        subject=subject,
        split=split,
    )


def read_cmmlu_csv(
    path: str | Path,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
    source: str = "cmmlu",
    language: str = "zh",
) -> Iterator[MCQItem]:
    """Read one CMMLU CSV ``{dev,test}/<subject>.csv``: an unnamed index column, ``Question, A, B, C, D, Answer``.

    The subject (``anatomy``, ``clinical_knowledge``, ``college_medicine`` ...) is the file name and
    the split the folder (``dev`` or ``test``); ids are ``<subject>_<split>-<index>``.

    Args:
        path: the CSV file.
        on_issue: receives each bad record; the default raises on the first.
        stats: filled with row counts when given.
        source: the dataset tag set on every item.
        language: the language tag set on every item.

    Returns:
        An iterator of :class:`MCQItem`.

    Raises:
        DataError: the file cannot be read or its header lacks ``Question``, or ``on_issue`` raised.
    """
    header = read_csv_header(path)
    layout = _layout(path, header, [_CsvLayout(question="Question", answer="Answer", id="")], "CMMLU")
    subject = Path(path).stem
    folder = Path(path).parent.name
    split = folder if folder in ("dev", "test") else None
    prefix = f"{subject}_{split}" if split else subject

    def item_id(ref: RowRef, row: dict[str, str]) -> str:
        index = row.get("", "").strip()
        return f"{prefix}-{index}" if index else f"{prefix}-{ref.index}"

    yield from _csv_items(
        path,
        layout,
        header,
        on_issue=on_issue,
        stats=stats,
        item_id=item_id,
        source=source,
        language=language,
        subject=subject,
        split=split,
    )


# --- every MCQ format: by name or detected ----------------------------------------------------------------

MCQ_READERS: dict[str, Callable[..., Iterator[MCQItem]]] = {
    "medqa": read_medqa,
    "medagentsbench": read_medagentsbench,
    "medmcqa": read_medmcqa,
    "pubmedqa": read_pubmedqa,
    "mmlu": read_mmlu_csv,
    "mlecqa": read_mlecqa,
    "cmexam": read_cmexam,
    "cmb": read_cmb_exam,
    "ceval": read_ceval_csv,
    "cmmlu": read_cmmlu_csv,
}
"""Every multiple-choice reader by format name (``read_mcq``'s ``format``)."""

AUTO = "auto"
_ALIASES = {"cmbexam": "cmb", "mlec": "mlecqa"}
_HEAD_CHARS = 1 << 16
_JSON_KEY = re.compile(r'"([^"\\]{1,64})"\s*:')


def mcq_format_name(name: str) -> str:
    """The canonical name of an MCQ format: case, ``-`` and ``_`` ignored (``MLEC-QA``, ``CMB-Exam``, ``C-Eval``).

    Raises:
        DataError: no MCQ format has that name; the message lists them.
    """
    key = re.sub(r"[-_\s]", "", name.lower())
    key = _ALIASES.get(key, key)
    if key != AUTO and key not in MCQ_READERS:
        raise DataError(f"unknown multiple-choice format {name!r}: expected auto or one of {', '.join(MCQ_READERS)}")
    return key


def _detect_csv(path: Path) -> str | None:
    header = read_csv_header(path)
    names = set(header)
    if not header:
        return None
    if names & {"Options", "选项"}:
        return "cmexam"
    if {"A", "B", "C", "D"} <= names:
        if "question" in names:
            return "ceval"
        if "Question" in names:
            return "cmmlu"
    return "mmlu" if len(header) == 6 else None  # MMLU's CSVs have no header: question, A-D, answer


def _detect_json(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(_HEAD_CHARS)
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a file") from None
    keys = set(_JSON_KEY.findall(head))
    if "qtext" in keys:
        return "mlecqa"
    if "exam_type" in keys or {"option", "question_type"} <= keys:
        return "cmb"
    if keys & {"cop", "opa"}:
        return "medmcqa"
    if "QUESTION" in keys and keys & {"final_decision", "CONTEXTS"}:
        return "pubmedqa"
    if keys & {"answer_idx", "options"}:
        return "medagentsbench" if path.stem.endswith("_test_hard") else "medqa"
    return None


def detect_mcq_format(path: str | Path) -> str | None:
    """The MCQ format of a file, judged from its header (CSV) or the keys in its first 64K characters (JSON).

    CSV: ``Options``/``选项`` columns are CMExam, lowercase ``question`` with ``A``-``D`` C-Eval,
    ``Question`` with ``A``-``D`` CMMLU, six headerless cells MMLU. JSON: ``qtext`` is MLEC-QA,
    ``exam_type`` (or ``option`` with ``question_type``) CMB, ``cop``/``opa`` MedMCQA, ``QUESTION`` with
    ``final_decision`` PubMedQA, ``answer_idx``/``options`` MedQA (MedAgentsBench for ``*_test_hard``).

    Returns:
        A key of :data:`MCQ_READERS`, or None when the file looks like none of them (or is empty).

    Raises:
        DataError: the file cannot be read.
    """
    path = Path(path)
    return _detect_csv(path) if path.suffix.lower() == ".csv" else _detect_json(path)


def _is_blank(path: Path) -> bool:
    with open(path, "rb") as handle:
        return not handle.read(_HEAD_CHARS).strip(b"\xef\xbb\xbf \t\r\n")


def read_mcq(
    path: str | Path,
    format: str = AUTO,
    *,
    on_issue: OnIssue = raise_on_issue,
    stats: ReadStats | None = None,
) -> Iterator[MCQItem]:
    """Read a multiple-choice file in any format of :data:`MCQ_READERS`, named or detected.

    Args:
        path: the file.
        format: a format name (see :func:`mcq_format_name`), or ``"auto"`` to detect it
            (:func:`detect_mcq_format`).
        on_issue: receives each bad row; the default raises on the first.
        stats: filled with row counts when given.

    Returns:
        An iterator of :class:`MCQItem` (nothing for an empty file).

    Raises:
        DataError: an unknown format name, or a file whose format cannot be detected (both
            immediately); as the format's reader while iterating.
    """
    name = mcq_format_name(format)
    if name == AUTO:
        detected = detect_mcq_format(path)
        if detected is None:
            if _is_blank(Path(path)):
                return iter(())
            raise DataError(
                f"{path}: cannot tell which multiple-choice format this is; name it (format: one of "
                f"{', '.join(MCQ_READERS)})"
            )
        name = detected
    return MCQ_READERS[name](path, on_issue=on_issue, stats=stats)
