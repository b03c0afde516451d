"""Diagnosis from a case, top-k accuracy: ClinicalGPT's "diagnosis from medical records" evaluation, on open data.

ClinicalGPT (Wang et al., 2023, arXiv:2306.09968) evaluates "diagnostic analysis of medical records": the
model reads a patient's record and names the diagnosis, scored against the record's known diagnosis. Their
Chinese medical records are not public, so this task uses cases with a known diagnosis that are:

- exam vignettes whose question asks for the diagnosis (MedQA, MedBullets, MedXpertQA, MMLU, MedMCQA; see
  :func:`select_case` for the selection rule): the case is the question without its final ask and without
  the options, and the diagnosis is the gold option's text;
- a user's JSON Lines file of ``{"id", "case", "diagnosis", "aliases": [...]}`` (``format: diagnosis``).

The model is asked for its ``k`` most likely diagnoses, most likely first, one per line; the list is parsed
(:func:`parse_differential`) and each entry is compared with the known diagnosis, first by normalised
string match (:func:`normalise`), then, with ``match: judge`` and ``--judge``, by a judge answering a strict
yes/no question for the entries ranked up to the first string match. Reported: ``top1`` and ``topk``
accuracy (the known diagnosis is the first entry / among the first ``k``), as for ranked differentials in
McDuff et al. (2023, arXiv:2312.00164, "top-10 accuracy") and Bhasuran et al. (2024, arXiv:2411.02523,
top-1/5/10 with GPT-4 grading the matches).

Read the numbers as a lower bound on diagnostic ability: an exam's gold option is the best answer among
the options shown, and a case may have another correct name or a second diagnosis the options never
offered (a free-text answer naming it is scored wrong by string matching; a judge can only accept names
of the same condition).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from medllm.evaluation.context import RunContext, chat, user
from medllm.evaluation.tasks import TaskBase
from medllm.io.issues import DataError, IssueLog
from medllm.records.errors import Reason, RecordError

#: the judge is needed only with ``match: judge``; ``run`` asks for it then (a clear error when missing).
ROLES: tuple[str, ...] = ()


def roles(spec: Spec) -> tuple[str, ...]:
    """A judge only when the task matches diagnoses with one (``match: judge``)."""
    return ("judge",) if spec.match == "judge" else ()


REPORTED = ("top1", "topk")

# The instruction comes after the case, where a small model reads it last (put first, SmolLM2-135M copied
# the case back instead of answering).
PROMPT = """Case:
{case}

List the {k} most likely diagnoses for this case, from most to least likely: one diagnosis per line, \
numbered, with no explanations."""

JUDGE_PROMPT = """You are checking one entry of a differential diagnosis against the known diagnosis of a case.

Known diagnosis: {diagnosis}
Entry: {prediction}

Does the entry name the same condition as the known diagnosis? Synonyms, abbreviations, eponyms and \
spelling variants of the same condition count as the same. A broader or narrower condition, a related \
condition, a complication, a cause, a symptom or a finding does not count.
Answer with one word: yes or no."""

# --- selecting exam questions that ask for the diagnosis -----------------------------------------------

# The final ask of a stem that wants the diagnosis itself ("Which of the following is the most likely
# diagnosis?", "The most probable diagnosis is:", "..., diagnosis is?"). It must start a sentence or a
# clause and run to the end of the stem, so asks *about* the diagnosis ("the best next step to confirm
# the diagnosis?", "the best treatment for this patient's most likely diagnosis?") never match.
_ASK = re.compile(
    r"""(?:\A|(?<=[.?!;,:])\s*|\n\s*|\s+(?=(?-i:[A-Z])))
    (?P<ask>
      (?:(?:which\s+of\s+the\s+following|what)\s+
         (?:is|was|would\s+be|could\s+be|may\s+be|best\s+describes|describes)\s+)?
      (?:what'?s\s+)?
      (?:(?:the|this|your)\s+)?
      (?:(?:patient|child|man|woman|boy|girl|infant|newborn|neonate)['’]s\s+|(?:his|her|their)\s+)?
      (?:(?:most\s+)?(?:likely|probable)\s+|clinical\s+|final\s+|correct\s+|tentative\s+|provisional\s+)?
      diagnosis
      (?:\s+(?:in|for|of)\s+(?:this|the|her|his)\s+
         (?:patient|child|man|woman|boy|girl|infant|newborn|neonate|case|condition)(?:['’]s\s+condition)?)?
      (?:\s+(?:is|would\s+be|will\s+be))?
      [\s?:;.\-–—"']*(?:\([^()]*\)[\s.]*)?
    )\Z""",
    re.IGNORECASE | re.VERBOSE,
)
# MedXpertQA repeats its options inside the question text.
_INLINE_CHOICES = re.compile(r"\s*\bAnswer Choices:.*\Z", re.IGNORECASE | re.DOTALL)
# The case leans on a picture, trace or report the data does not carry ("A photograph of the lesion is
# shown", MedMCQA's "the following X-ray was obtained", "Microscopy of the mass is given", "ECG was done.");
# "the following lab findings: Hb 9 g/dL, ..." gives its results and stays.
_MISSING_EXHIBIT = re.compile(
    r"\b(?:shown|images?|figures?|fig\.|pictures?|photographs?|photos?|depicted|exhibit)\b|"
    r"\b(?:given|seen|see)\s+below\b|\b(?:is|are)\s+given\b|\bfollowing\s+(?:is|are)\b|"
    r"\bfollowing\s+(?:[\w-]+\s+){0,2}(?:features?|findings?|x[-–\s]?rays?|ct|mri|ecg|ekg|audiogram|audiometry|"
    r"reports?|repo|scans?|smears?|slides?)\b(?!\s*[:\-–])|"
    r"\b(?:was|were)\s+(?:done|obtained|taken|performed)\W*\Z",
    re.IGNORECASE,
)
# Gold options that name no single diagnosis.
_NOT_A_DIAGNOSIS = re.compile(
    r"^\s*(?:all|none|both|either|neither|any)\b|\b(?:all|none|any)\s+of\s+the\s+(?:above|following)\b|"
    r"\b[a-e]\s*(?:and|&|or)\s*[a-e]\b",
    re.IGNORECASE,
)
#: a stem shorter than this (in words, once the ask is removed) is not a case.
MIN_CASE_WORDS = 8


class DiagnosisCase(BaseModel):
    """One case with its known diagnosis.

    Attributes:
        id: unique within the task (``<source>/<id in the source>`` for exam questions).
        case: what the model reads.
        diagnosis: the known diagnosis.
        aliases: other names of the same diagnosis, matched like the diagnosis itself.
        source: the registry dataset or file it came from.
        question: for exam questions, the original stem (options left out), to audit the selection.
    """

    id: str | None = None
    case: str
    diagnosis: str
    aliases: list[str] = Field(default_factory=list)
    source: str
    question: str | None = None


class Spec(TaskBase):
    """A diagnosis task.

    Attributes:
        sources: registry datasets of multiple-choice items to pool, each ``NAME`` or ``NAME:SPLIT``
            (instead of ``dataset`` or ``path``); diagnosis questions are selected from each, in order, and
            a case already taken from an earlier source is skipped.
        format: for ``path``: ``diagnosis`` (JSON Lines ``{id, case, diagnosis, aliases}``), ``medqa``
            (MedQA-layout multiple choice, selected as the registry sources), or ``auto`` (by the first row).
        k: how many diagnoses the model is asked for, and the depth of ``topk``.
        match: ``string`` (normalised string match) or ``judge`` (string match, then a judge for the rest).
        prompt: the model's prompt, with ``{case}`` and ``{k}``.
        judge_prompt: the judge's prompt, with ``{diagnosis}`` and ``{prediction}``.
        judge_max_new_tokens: room for the judge's yes or no.
    """

    needs_data: ClassVar[bool] = False

    type: Literal["diagnosis"]
    sources: list[str] = Field(default_factory=list)
    k: int = Field(5, ge=1, le=20)
    match: Literal["string", "judge"] = "string"
    prompt: str = PROMPT
    judge_prompt: str = JUDGE_PROMPT
    judge_max_new_tokens: int = Field(8, gt=0)

    @model_validator(mode="after")
    def _one_origin(self) -> Spec:
        given = [bool(self.sources), self.dataset is not None, self.path is not None]
        if sum(given) != 1:
            raise ValueError("give exactly one of 'sources' (registry datasets), 'dataset' or 'path'")
        if self.format not in ("auto", "diagnosis", "medqa"):
            raise ValueError(f"format {self.format!r}: use auto, diagnosis or medqa")
        return self


# --- loading ------------------------------------------------------------------------------------------


def load(spec: Spec, split: str | None) -> tuple[list[DiagnosisCase], IssueLog]:
    """The task's cases; exam questions not selected are counted by reason in the IssueLog, as bad rows are."""
    from medllm.evaluation.runner import unique_ids

    issues = IssueLog()
    if spec.path is not None:
        cases = list(_read_path(spec, issues))
    else:
        sources = spec.sources or [f"{spec.dataset}:{split}" if split else str(spec.dataset)]
        cases = list(_select_from_sources(sources, split if spec.sources else None, issues))
    return unique_ids(cases), issues


def _select_from_sources(sources: list[str], split: str | None, issues: IssueLog) -> Iterator[DiagnosisCase]:
    from medllm.datasets import iter_records
    from medllm.records import MCQItem

    seen: set[str] = set()
    for source in sources:
        name, _, source_split = source.partition(":")
        for record in iter_records(name, split=source_split or split, on_issue=issues, progress=False):
            if not isinstance(record, MCQItem):
                raise DataError(f"dataset {name!r} holds records that are not multiple-choice items")
            yield from _selected(record, name, seen, issues)


def _selected(record: Any, source: str, seen: set[str], issues: IssueLog) -> Iterator[DiagnosisCase]:
    """The record as a case when :func:`select_case` keeps it (and it is not a repeat), else its reason counted."""
    case, reason = select_case(record)
    if case is not None:
        key = _dedup_key(case.case)
        if key in seen:
            case, reason = None, "duplicate case (taken from an earlier source)"
        seen.add(key)
    if case is None:
        issues.counts[f"not selected: {reason}"] += 1
        return
    case.source = source
    case.id = f"{source}/{record.id}" if record.id is not None else None
    yield case


def select_case(item: Any) -> tuple[DiagnosisCase | None, str | None]:
    """A multiple-choice item as a diagnosis case, or None and why it is not one.

    The rule: the stem's final sentence or clause asks for the diagnosis itself (``_ASK``); the case is
    the stem before it (options removed), at least :data:`MIN_CASE_WORDS` words, with no reference to an
    image or test result the data lacks (``_MISSING_EXHIBIT``); the item has one correct option, whose
    text names a diagnosis (not "all of the above", "both A and B").
    """
    stem = _INLINE_CHOICES.sub("", item.question).strip()
    ask = _ASK.search(stem)
    if ask is None:
        return None, "question does not ask for the diagnosis"
    case = _case_text(stem[: ask.start()])
    if _MISSING_EXHIBIT.search(case):
        return None, "case refers to an image or test result the data does not include"
    if len(case.split()) < MIN_CASE_WORDS:
        return None, f"case shorter than {MIN_CASE_WORDS} words"
    if len(item.answer) != 1:
        return None, "more than one correct option"
    gold = item.options[item.answer[0]].strip()
    if not gold or _NOT_A_DIAGNOSIS.search(gold):
        return None, "correct option names no single diagnosis"
    return DiagnosisCase(case=case, diagnosis=gold, source=item.source or "", question=stem), None


def _case_text(text: str) -> str:
    """The stem before its ask, ending in a full stop where the ask cut a sentence short."""
    text = text.strip().rstrip(",;:–—- ").strip()
    return text if not text or text[-1] in ".?!\"')" else text + "."


def _dedup_key(case: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", case.lower()).split())


def _read_path(spec: Spec, issues: IssueLog) -> Iterator[DiagnosisCase]:
    assert spec.path is not None
    if not spec.path.exists():
        raise DataError(f"task {spec.name!r}: {spec.path}: no such file")
    layout = spec.format if spec.format != "auto" else _detect_layout(spec.path)
    if layout == "diagnosis":
        yield from read_diagnosis_cases(spec.path, issues)
        return
    from medllm.formats import read_medqa

    seen: set[str] = set()
    for record in read_medqa(spec.path, on_issue=issues, source=spec.path.name):
        yield from _selected(record, spec.path.name, seen, issues)


def _detect_layout(path: Path) -> str:
    from medllm.io.jsonl import iter_json_rows

    with closing(iter_json_rows(path, on_issue=lambda issue: None)) as rows:
        first = next(rows, None)
    keys = set(first.value) if first is not None and isinstance(first.value, dict) else set()
    if {"case", "diagnosis"} <= keys:
        return "diagnosis"
    if {"question", "options"} <= keys:
        return "medqa"
    raise DataError(
        f"{path}: cannot tell the layout from the first row; rows need 'case' and 'diagnosis' "
        "(format: diagnosis) or MedQA's 'question' and 'options' (format: medqa)"
    )


def read_diagnosis_cases(path: Path, issues: IssueLog) -> Iterator[DiagnosisCase]:
    """Cases from JSON Lines ``{"id", "case", "diagnosis", "aliases": [...]}``; bad rows go to ``issues``.

    ``case`` and ``diagnosis`` are required non-empty strings; ``aliases`` an optional list of strings;
    ``id`` optional (the row position otherwise).
    """
    from medllm.formats._rows import convert, json_rows

    rows = json_rows(path, on_issue=issues, stats=None)
    yield from convert(rows, lambda ref, value: _diagnosis_row(ref, value, path.name), issues)


def _diagnosis_row(ref: Any, value: Any, source: str) -> DiagnosisCase:
    from medllm.formats._rows import fail, need_object, need_str_list, need_text

    row = need_object(value)
    unknown = sorted(set(row) - {"id", "case", "diagnosis", "aliases"})
    if unknown:
        raise RecordError(Reason.INVALID_VALUE, f"unknown field(s) {unknown}: expected id, case, diagnosis, aliases")
    aliases = need_str_list(row["aliases"], "aliases") if row.get("aliases") is not None else []
    if any(not alias.strip() for alias in aliases):
        fail(Reason.EMPTY_TURN, "aliases", "an empty alias")
    return DiagnosisCase(
        id=ref.id_from(row),
        case=need_text(row, "case").strip(),
        diagnosis=need_text(row, "diagnosis").strip(),
        aliases=[alias.strip() for alias in aliases],
        source=source,
    )


# --- parsing the model's differential -------------------------------------------------------------------

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)
# "1.", "2)", "(3)", "#4", "-", "*", "•" and "Diagnosis 1:" / "DDx 2 -" at the start of a line.
_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,2}[.):\]](?!\d)|#\d{1,2}[.):]?|[-*•+–—](?![-*•+–—])|(?:diagnosis|ddx|dx)\s*#?\d{1,2}\s*[.):\-–]?)\s*",
    re.IGNORECASE,
)
# What a model puts before the diagnosis itself: a label ("Most likely: X", "Diagnosis - X") or a sentence
# ("The most likely diagnosis is X").
_LABEL = re.compile(
    r"^(?:(?:(?:the\s+)?(?:most\s+)?(?:likely|probable)(?:\s+diagnosis)?|(?:final\s+|primary\s+|differential\s+)?"
    r"diagnosis|ddx|dx|answer)\s*[:\-–—]\s*|"
    r"(?:the\s+)?(?:most\s+)?(?:likely|probable)\s+(?:first\s+)?diagnosis\s+(?:is|would\s+be)\s+"
    r"(?:likely\s+to\s+be\s+)?)",
    re.IGNORECASE,
)
# Where an explanation starts after the diagnosis: a colon, a spaced dash, or "which"/"because" after it.
_EXPLANATION = re.compile(r":\s|:$|\s[-–—]\s|\s[-–—]$|,?\s+(?:which|because|since|given)\s")
#: an entry longer than this (in words) is prose or the case copied back, not the name of a diagnosis.
MAX_ENTRY_WORDS = 20
_MARKDOWN = re.compile(r"\*\*|__|`|^\s*#+\s+")


def parse_differential(text: str) -> list[str]:
    """The diagnoses listed in ``text``, in order, each stripped of numbering, markdown and explanation.

    Numbered or bulleted lines are the list when there are any (an introduction or a closing remark is
    ignored); otherwise every non-empty line that is not a heading (ending in ":") is an entry. Labels and
    sentences around the name go ("Most likely: X", "The most likely diagnosis is X, which ..." give X). A
    line listing several diagnoses separated by commas is one entry: the prompt asks for one per line.
    """
    # Markdown first, so "**1. Pneumonia**" and "### 2) Asthma" show their numbering.
    lines = [_MARKDOWN.sub("", line).strip() for line in _THINK.sub("", text).splitlines()]
    lines = [line for line in lines if line]
    marked = [line for line in lines if _MARKER.match(line)]
    chosen = marked or [line for line in lines if not line.endswith(":")]
    entries = [_clean_entry(_MARKER.sub("", line, count=1) if marked else line) for line in chosen]
    return [entry for entry in entries if entry]


def _clean_entry(text: str) -> str:
    text = _LABEL.sub("", text.strip(), count=1)
    explanation = _EXPLANATION.search(text)
    if explanation is not None:
        text = text[: explanation.start()]
    return text.strip().strip("*_").rstrip(".;,").strip()


# --- matching -------------------------------------------------------------------------------------------

_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ARTICLES = frozenset({"a", "an", "the"})


def normalise(text: str) -> str:
    """``text`` compared as a diagnosis name: accents, case, possessives, parentheses, punctuation,
    articles and plural ``s`` removed ("The Crohn's diseases (CD)" -> "crohn disease").

    A final ``s`` is kept after ``ss``, ``us`` and ``is`` (sepsis, stenosis, virus) and in words of up to
    three letters; other words lose it, so "gallstones" and "gallstone" are one name.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    text = _PARENTHETICAL.sub(" ", text)
    text = re.sub(r"'s\b", "", text)
    words = [_singular(word) for word in re.split(r"[^0-9a-z]+", text) if word and word not in _ARTICLES]
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def gold_names(diagnosis: str, aliases: Iterable[str] = ()) -> set[str]:
    """Every normalised name the known diagnosis goes by: itself and its aliases, each without and with its
    parenthetical text, and that text on its own ("Chronic lymphocytic thyroiditis (Hashimoto disease)"
    is also "Hashimoto disease"); empty names are dropped."""
    names = set()
    for text in (diagnosis, *aliases):
        inner = [part[1:-1] for part in _PARENTHETICAL.findall(text)]
        names.update(normalise(variant) for variant in (text, re.sub(r"[()\[\]]", " ", text), *inner))
    return names - {""}


def string_match(prediction: str, names: set[str]) -> bool:
    """Whether the prediction, normalised, is one of the gold's names (exact, not a substring)."""
    return normalise(prediction) in names


_VERDICT = re.compile(r"^[\s*_\"'`(\[]*(?:(?:final\s+)?answer\s*[:\-]\s*)?[*_\"'`]*(yes|no)\b", re.IGNORECASE)


def parse_judgement(text: str) -> bool | None:
    """The judge's yes (True) or no (False) when its reply starts with it, else None (unparseable)."""
    match = _VERDICT.match(_THINK.sub("", text))
    return None if match is None else match.group(1).lower() == "yes"


# --- running ---------------------------------------------------------------------------------------------


def run(context: RunContext, spec: Spec, items: list[DiagnosisCase]) -> list[dict[str, Any]]:
    """Ask for each case's differential, parse it, match each entry to the known diagnosis, log everything."""
    judge = context.role("judge", spec.name) if spec.match == "judge" else None
    conversations = [user(spec.prompt.format(case=item.case, k=spec.k)) for item in items]
    outputs = chat(context.model, conversations, spec.max_new_tokens)
    entries = [_entry(spec, item, c, o) for item, c, o in zip(items, conversations, outputs, strict=True)]
    if judge is not None:
        _judge(judge, spec, entries)
    for entry in entries:
        entry["match_rank"] = next((d["rank"] for d in entry["decisions"] if d["match"]), None)
    return entries


def _entry(spec: Spec, item: DiagnosisCase, conversation: list[dict[str, str]], output: str) -> dict[str, Any]:
    parsed = parse_differential(output)
    names_a_diagnosis = [entry for entry in parsed if len(entry.split()) <= MAX_ENTRY_WORDS]
    names = gold_names(item.diagnosis, item.aliases)
    decisions = [
        {
            "rank": rank,
            "prediction": prediction,
            "normalised": normalise(prediction),
            "string_match": string_match(prediction, names),
            "judge": None,
        }
        for rank, prediction in enumerate(names_a_diagnosis[: spec.k], start=1)
    ]
    for decision in decisions:
        decision["match"] = decision["string_match"]
    return {
        "id": item.id,
        "source": item.source,
        "case": item.case,
        "question": item.question,
        "prompt": conversation,
        "output": output,
        "parsed": parsed,
        "overlong": [entry for entry in parsed if entry not in names_a_diagnosis],
        "predictions": names_a_diagnosis[: spec.k],
        "beyond_k": max(len(names_a_diagnosis) - spec.k, 0),
        "parse_failure": not names_a_diagnosis,
        "gold": item.diagnosis,
        "aliases": item.aliases,
        "gold_names": sorted(names),
        "string_match_rank": next((d["rank"] for d in decisions if d["string_match"]), None),
        "decisions": decisions,
        "judge_model": None,
    }


def _judge(judge: Any, spec: Spec, entries: list[dict[str, Any]]) -> None:
    """Ask the judge about each entry ranked up to the first string match (later ones cannot change the rank).

    A string match stays a match whatever the judge says (the judge's "no" there is logged and counted,
    as a check on the judge); any other entry matches when the judge says yes; an unparseable reply
    leaves the string decision.
    """
    asked = []
    for entry in entries:
        entry["judge_model"] = judge.name
        known = _known_diagnosis(entry["gold"], entry["aliases"])
        for decision in entry["decisions"]:
            prompt = spec.judge_prompt.format(diagnosis=known, prediction=decision["prediction"])
            asked.append((decision, prompt))
            if decision["string_match"]:
                break
    replies = chat(judge, [user(prompt) for _, prompt in asked], spec.judge_max_new_tokens)
    for (decision, prompt), reply in zip(asked, replies, strict=True):
        verdict = parse_judgement(reply)
        decision["judge"] = {"prompt": prompt, "raw": reply, "verdict": verdict}
        decision["match"] = decision["string_match"] or verdict is True


def _known_diagnosis(gold: str, aliases: list[str]) -> str:
    """The known diagnosis as the judge reads it: with its aliases, when it has any."""
    return f"{gold} (also called: {'; '.join(aliases)})" if aliases else gold


# --- scoring ---------------------------------------------------------------------------------------------


def metrics(spec: Spec, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Top-1 and top-k accuracy with standard errors, string-only accuracy, parse and judge counts, per source.

    An item whose output lists no diagnosis (a parse failure) counts as a miss, never drops out; entries over
    :data:`MAX_ENTRY_WORDS` words are not diagnoses (``overlong_entries``) and take no rank.
    """
    n = len(entries)
    ranks = [e["match_rank"] for e in entries]
    string_ranks = [e["string_match_rank"] for e in entries]
    out: dict[str, Any] = {"n": n, "k": spec.k, "match": spec.match}
    out.update(_accuracy("top1", [r == 1 for r in ranks]))
    out.update(_accuracy("topk", [r is not None for r in ranks]))
    out["top1_string"] = _mean([r == 1 for r in string_ranks])
    out["topk_string"] = _mean([r is not None for r in string_ranks])
    out["parse_failures"] = sum(e["parse_failure"] for e in entries)
    out["overlong_entries"] = sum(len(e["overlong"]) for e in entries)
    out["short_lists"] = sum(0 < len(e["predictions"]) < spec.k for e in entries)
    out["mean_predictions"] = _mean([len(e["predictions"]) for e in entries])
    out["n_by_source"] = dict(Counter(e["source"] for e in entries))
    out["topk_by_source"] = {
        source: _mean([e["match_rank"] is not None for e in entries if e["source"] == source])
        for source in out["n_by_source"]
    }
    if spec.match == "judge":
        out.update(_judge_counts(entries))
    return out


def _judge_counts(entries: list[dict[str, Any]]) -> dict[str, Any]:
    judged = [d for e in entries for d in e["decisions"] if d["judge"] is not None]
    verdicts = [d for d in judged if d["judge"]["verdict"] is not None]
    overrides = [d for d in verdicts if d["judge"]["verdict"] and not d["string_match"]]
    return {
        "judge_models": sorted({e["judge_model"] for e in entries if e["judge_model"]}),
        "judge_calls": len(judged),
        "judge_unparseable": len(judged) - len(verdicts),
        # the judge said "same condition" where the strings differ: the matches judging adds
        "judge_overrides": len(overrides),
        "judge_override_rate": len(overrides) / len(verdicts) if verdicts else float("nan"),
        # the judge said "different" to a string match (not applied): a sign of an unreliable judge
        "judge_rejected_string_matches": sum(d["string_match"] and d["judge"]["verdict"] is False for d in verdicts),
        "items_changed_by_judge": sum(e["match_rank"] != e["string_match_rank"] for e in entries),
    }


def _accuracy(key: str, hits: list[bool]) -> dict[str, float]:
    n = len(hits)
    p = _mean(hits)
    return {key: p, f"{key}_stderr": math.sqrt(p * (1 - p) / (n - 1)) if n > 1 else float("nan")}


def _mean(values: list[Any]) -> float:
    return sum(values) / len(values) if values else float("nan")
