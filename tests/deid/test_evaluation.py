"""The evaluation: scoring by definition, sources kept apart from the rules, and a small end-to-end run."""

from __future__ import annotations

from collections import Counter

import pytest

from medllm.deid.entities import DeidResult, Replacement
from medllm.deid.evaluation.corpus import Gold, Sample
from medllm.deid.evaluation.score import score


class _Fake:
    """Replaces exactly the given character spans of each text."""

    def __init__(self, spans: dict[str, list[tuple[str, int, int]]]) -> None:
        self.spans = spans

    def deidentify_many(self, texts, languages):
        out = []
        for text in texts:
            reps = [Replacement(t, a, b, text[a:b]) for t, a, b in self.spans.get(text, [])]
            out.append(DeidResult(text, reps, Counter(r.type for r in reps)))
        return out


def test_scoring_counts_partial_removal_as_a_miss_and_any_overlap_as_a_lost_term():
    text = "Maria Lopez takes Lasix in Tucson, AZ 85701."
    sample = Sample(
        "s1", "en", "test", "t", text,
        identifiers=[Gold("NAME", 0, 11, "Maria Lopez"), Gold("LOCATION", 27, 43, "Tucson, AZ 85701")],
        keep=[Gold("drug", 18, 23, "Lasix")],
    )  # fmt: skip
    # The state code may stay: only Tucson and the ZIP must go.
    fake = _Fake({text: [("NAME", 6, 11), ("LOCATION", 27, 33), ("LOCATION", 38, 43), ("NAME", 18, 20)]})
    report = score(fake, [sample], "test", "dev", "test")
    assert (report.classes["NAME"].planted, report.classes["NAME"].removed) == (1, 0)  # "Maria" left
    assert report.classes["LOCATION"].removed == 1
    assert report.keep["drug"].survived == 0
    assert report.spurious == Counter({"NAME": 1})


@pytest.mark.parametrize(
    ("language", "text", "age", "number"),
    [
        ("zh", "患者93岁，女", "93岁", "93"),
        ("zh", "老人九十二岁了", "九十二岁", "九十二"),
        ("en", "Pt is a 99-year-old man", "99-year-old", "99"),
        ("en", "Pt: Moon | Age 90 | MRN", "Age 90", "90"),
        ("en", "she is ninety-one years old", "ninety-one years old", "ninety-one"),
    ],
)
def test_an_age_is_removed_when_its_number_is_and_only_then(language, text, age, number):
    start = text.index(age)
    sample = Sample("s", language, "test", "t", text, identifiers=[Gold("AGE", start, start + len(age), age)])
    at = text.index(number)
    removed = score(_Fake({text: [("AGE", at, at + len(number))]}), [sample], "t", "dev", "t")
    assert removed.classes["AGE"].removed == 1  # "[AGE]岁", "a [AGE]-year-old" reveal nothing
    unit_only = score(_Fake({text: [("AGE", start + len(age) - 1, start + len(age))]}), [sample], "t", "dev", "t")
    assert unit_only.classes["AGE"].removed == 0


@pytest.mark.parametrize(
    ("text", "name", "needed"),
    [
        ("陈老师您好", "陈老师", "陈"),
        ("付女士您好", "付女士", "付"),
        ("武大爷您好", "武大爷", "武"),
        ("小军的血常规", "小军", "小军"),
    ],
)
def test_a_chinese_name_is_removed_without_its_title(text, name, needed):
    start = text.index(name)
    sample = Sample("s", "zh", "test", "t", text, identifiers=[Gold("NAME", start, start + len(name), name)])
    at = text.index(needed)
    removed = score(_Fake({text: [("NAME", at, at + len(needed))]}), [sample], "t", "dev", "t")
    assert removed.classes["NAME"].removed == 1
    if needed != name:
        title_only = score(_Fake({text: [("NAME", at + len(needed), start + len(name))]}), [sample], "t", "dev", "t")
        assert title_only.classes["NAME"].removed == 0


def test_a_province_in_a_chinese_address_may_stay_like_a_us_state():
    text = "住址河北省保定市竞秀区，电话"
    gold = "河北省保定市竞秀区"
    start = text.index(gold)
    sample = Sample("s", "zh", "test", "t", text, identifiers=[Gold("LOCATION", start, start + len(gold), gold)])
    city = text.index("保定市")
    kept = score(_Fake({text: [("LOCATION", city, start + len(gold))]}), [sample], "t", "dev", "t")
    assert kept.classes["LOCATION"].removed == 1
    province_only = score(_Fake({text: [("LOCATION", start, city)]}), [sample], "t", "dev", "t")
    assert province_only.classes["LOCATION"].removed == 0


def test_evaluation_terms_and_names_are_not_in_the_recognizers_lists():
    from medllm.deid.evaluation.chinese import MESSAGES_DEV as ZH_DEV
    from medllm.deid.evaluation.chinese import MESSAGES_HELDOUT as ZH_HELDOUT
    from medllm.deid.evaluation.english import MESSAGES_DEV, MESSAGES_HELDOUT
    from medllm.deid.evaluation.terms import CHINESE_TERMS
    from medllm.deid.wordlists import chinese

    lists = chinese.NOT_NAMES | chinese.LARGE_PLACES_ZH | set(chinese.NAME_CUES_BEFORE) | set(chinese.HONORIFICS_AFTER)
    for terms in CHINESE_TERMS.values():
        assert not set(terms) & lists
    assert not set(MESSAGES_DEV) & set(MESSAGES_HELDOUT)
    assert not set(ZH_DEV) & set(ZH_HELDOUT)


def test_a_small_run_of_every_set(mirror):
    pytest.importorskip("presidio_evaluator")
    pytest.importorskip("faker")
    from medllm.deid import Deidentifier
    from medllm.deid.evaluation.run import evaluate_split, markdown

    sizes = {"presidio": 30, "messages": 30, "sentences": 15, "zh": 30}
    result = evaluate_split(Deidentifier(), "dev", sizes)
    assert {s["name"] for s in result["sets"]} == {"en-presidio", "en-messages", "en-bc5cdr", "en-ncbi", "zh-messages"}
    for language in ("en", "zh"):
        rows = result["summary"][language]["recall"].values()
        planted, removed = sum(r["planted"] for r in rows), sum(r["removed"] for r in rows)
        assert planted > 20 and removed / planted >= 0.85, result["summary"][language]
    assert result["code_version"]["deid_source_sha256"]
    assert any("recall" in line for line in markdown(result))


def _place_removed(text: str, place: str, replaced: list[str]) -> bool:
    start = text.index(place)
    sample = Sample("s", "en", "test", "t", text, identifiers=[Gold("LOCATION", start, start + len(place), place)])
    spans = [("LOCATION", text.index(part), text.index(part) + len(part)) for part in replaced]
    return score(_Fake({text: spans}), [sample], "t", "dev", "t").classes["LOCATION"].removed == 1


@pytest.mark.parametrize(
    ("text", "place", "replaced", "removed"),
    [
        # A state or province code after its town may stay, even with no comma between them.
        ("Home: 512 Sumac Row, Dayton OH 45410.", "512 Sumac Row, Dayton OH 45410",
         ["512 Sumac Row", "Dayton", "45410"], True),
        ("7 Birchwood Close, Kanata ON K2K 2X4.", "7 Birchwood Close, Kanata ON K2K 2X4",
         ["7 Birchwood Close", "Kanata", "K2K 2X4"], True),
        ("Sydney Street Medical, Mackay QLD 4740", "Sydney Street Medical, Mackay QLD 4740",
         ["Sydney Street Medical", "Mackay", "4740"], True),
        # ... but the town itself may not.
        ("Home: 512 Sumac Row, Dayton OH 45410.", "512 Sumac Row, Dayton OH 45410", ["512 Sumac Row", "45410"], False),
        # Lower-case joining words name nothing; the names they join must still go.
        ("send them to the Walgreens on Harmony Rd in Fort Collins?", "Walgreens on Harmony Rd in Fort Collins",
         ["Walgreens on Harmony Rd", "Fort Collins"], True),
        ("she died at Hospice of the North Shore.", "Hospice of the North Shore", ["Hospice of the"], False),
    ],
)  # fmt: skip
def test_states_provinces_and_joining_words_may_stay_in_a_place(text, place, replaced, removed):
    assert _place_removed(text, place, replaced) is removed
