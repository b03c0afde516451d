"""One reader per language: run that language's Presidio analyzer on many texts, return candidate spans.

- :class:`EnglishReader`: spaCy's NER gated to name candidates and batched (``nlp.pipe``), each
  distinct window run once (:class:`WindowCache`), and only the recognizers that can match a text
  (no number recognizer on a text without digits);
- :class:`ChineseReader`: jieba and the Chinese recognizers;
- :class:`NeutralReader`: the language-neutral recognizers alone (e-mail, URL, IP, MAC), for the
  parts of a text in a language without recognizers.

Analyzers are built once per process and configuration (:func:`english_analyzer`,
:func:`chinese_analyzer`): building the English one loads spaCy (seconds), analyzing does not
change it, so every :class:`~medllm.deid.engine.Deidentifier` of a process shares it.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence

import regex as re

from medllm.deid.entities import AGE, DATE, EMAIL, LOCATION, NAME, PRESIDIO_ENTITY_MAP, URL
from medllm.deid.spans import Span

_DIGIT = re.compile(r"\d")
_WITHOUT_DIGITS = frozenset({NAME, LOCATION, DATE, AGE, EMAIL, URL})  # types that can occur without a digit
# Presidio's own recognizers have no cheap pre-check; these skip them on text that cannot match.
_PRESIDIO_QUICK = {
    "IP_ADDRESS": re.compile(r"\d\.\d{1,3}\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:"),
    "MAC_ADDRESS": re.compile(r"[0-9A-Fa-f]{2}[:.-][0-9A-Fa-f]{2}[:.-][0-9A-Fa-f]{2}"),
    "US_SSN": re.compile(r"\d{3}"),
    "US_MBI": re.compile(r"\d[A-Za-z]"),
    "US_HEALTH_INSURANCE_MEMBER_ID": re.compile(r"\d{5}"),
    "US_NPI": re.compile(r"\d{4}"),
    "MEDICAL_LICENSE": re.compile(r"[A-Za-z]\d{7}"),
    "CREDIT_CARD": re.compile(r"\d{4}"),
    "IBAN_CODE": re.compile(r"[A-Z]{2}\d{2}"),
}
WEAK_PRIORITY = 1  # spaCy's NER, the name shape and "near X" places; cue recognizers rank higher
DEFAULT_NER_CACHE_SIZE = 65_536  # windows (about a hundred characters each)


@functools.lru_cache(maxsize=4)
def english_analyzer(model_name: str, gate: bool = True, window: int = 5):
    """The English analyzer for this configuration, built once per process."""
    from medllm.deid.en import build_analyzer

    return build_analyzer(model_name, gate=gate, window=window)


@functools.cache
def chinese_analyzer():
    """The Chinese analyzer, built once per process."""
    from medllm.deid.zh import build_analyzer

    return build_analyzer()


class _Reader:
    """What every reader shares: the wanted types, the threshold and the recognizer priorities."""

    language = ""

    def __init__(self, analyzer, wanted: frozenset[str], min_score: float) -> None:
        self.analyzer = analyzer
        self.wanted = wanted
        self.min_score = min_score
        recognizers = analyzer.registry.recognizers
        self._priority = {r.name: getattr(r, "priority", 1) for r in recognizers}
        supported = {e for r in recognizers for e in r.supported_entities}
        self._request = sorted(e for e in supported if PRESIDIO_ENTITY_MAP.get(e, e) in wanted)

    def _spans(self, raw, offset: int, keep=None) -> list[Span]:
        spans = []
        for r in raw:
            kind = PRESIDIO_ENTITY_MAP.get(r.entity_type, r.entity_type)
            if kind not in self.wanted:
                continue
            name = (r.recognition_metadata or {}).get("recognizer_name", "")
            priority = self._priority.get(name, 1)
            if keep is not None and not keep(kind, r, priority):
                continue
            spans.append(Span(kind, r.start + offset, r.end + offset, r.score, priority, self.language))
        return spans


class WindowCache:
    """spaCy's entities in each NER window, by the window's text, least recently used dropped first.

    The gated NER (:class:`~medllm.deid.en.ner.GatedSpacyNlpEngine`) runs on windows of a few words
    around name candidates, and the same windows recur across texts ("Regards Dr. ..." sign-offs,
    repeated sentences). spaCy's NER reads each doc on its own, so a window's entities depend on
    its text alone and one run per distinct window gives what a run per occurrence would.

    Args:
        size: how many windows to keep (0: none kept, but the windows of one batch are still
            run once each).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, tuple[tuple[str, int, int], ...]] = OrderedDict()

    def entities(self, nlp, pieces: list[str], batch_size: int) -> list[tuple[tuple[str, int, int], ...]]:
        """``(label, start, end)`` of the name and place entities in each window (window offsets)."""
        from medllm.deid.en.ner import ClinicalSpacyRecognizer

        labels = ClinicalSpacyRecognizer.LABELS
        out: list[tuple[tuple[str, int, int], ...] | None] = []
        todo: dict[str, list[int]] = {}
        for k, piece in enumerate(pieces):
            found = self._items.get(piece)
            if found is not None:
                self._items.move_to_end(piece)
                self.hits += 1
            elif piece in todo:
                todo[piece].append(k)
                self.hits += 1
            else:
                todo[piece] = [k]
                self.misses += 1
            out.append(found)
        fresh = list(todo)
        for piece, doc in zip(fresh, nlp.pipe(fresh, batch_size=batch_size), strict=True):
            found = tuple((e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in labels)
            for k in todo[piece]:
                out[k] = found
            if self.size > 0:
                self._items[piece] = found
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return out  # type: ignore[return-value]


class EnglishReader(_Reader):
    """English: gated spaCy NER in batches plus the English recognizers.

    Args:
        wanted: identifier types to report.
        min_score: Presidio's confidence threshold.
        model: the spaCy pipeline.
        gate_ner: run NER only around possible names (False: on whole texts, slower).
        batch_size: texts per ``nlp.pipe`` batch.
        vocabulary: a :class:`~medllm.deid.wordlists.kb.Vocabulary` whose terms are never names or
            places found without a cue, or None.
        ner_cache_size: NER windows whose entities are kept for reuse (:class:`WindowCache`);
            None runs the analyzer's own ``process_batch`` on every window (the plain path).
    """

    language = "en"

    def __init__(
        self,
        wanted: frozenset[str],
        min_score: float,
        model: str,
        gate_ner: bool = True,
        batch_size: int = 64,
        vocabulary=None,
        ner_cache_size: int | None = DEFAULT_NER_CACHE_SIZE,
    ) -> None:
        super().__init__(english_analyzer(model, gate=gate_ner), wanted, min_score)
        self.batch_size = batch_size
        self.vocabulary = vocabulary
        self.windows = WindowCache(ner_cache_size) if ner_cache_size is not None else None
        self._request_no_digits = [e for e in self._request if PRESIDIO_ENTITY_MAP.get(e, e) in _WITHOUT_DIGITS]

    def find_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Candidate spans for each text (offsets within that text)."""
        out: list[list[Span]] = [[] for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        engine = self.analyzer.nlp_engine
        if self.windows is not None:
            for i, nlp_artifacts in zip(todo, self._artifacts([texts[i] for i in todo]), strict=True):
                out[i] = self._find(texts[i], nlp_artifacts)
            return out
        for first in range(0, len(todo), self.batch_size):
            chunk = todo[first : first + self.batch_size]
            artifacts = engine.process_batch([texts[i] for i in chunk], "en", batch_size=self.batch_size)
            for i, (_, nlp_artifacts) in zip(chunk, artifacts, strict=True):
                out[i] = self._find(texts[i], nlp_artifacts)
        return out

    def _artifacts(self, texts: list[str]) -> list:
        """What ``GatedSpacyNlpEngine.process_batch`` gives, with each distinct window run once."""
        from medllm.deid.en.ner import LazyNlpArtifacts, NerEntity

        engine = self.analyzer.nlp_engine
        assert self.windows is not None
        windows = [(i, a, b) for i, text in enumerate(texts) for a, b in engine.windows(text)]
        found: list[list[NerEntity]] = [[] for _ in texts]
        pieces = [texts[i][a:b] for i, a, b in windows]
        for (i, a, _), piece, entities in zip(
            windows, pieces, self.windows.entities(engine.nlp["en"], pieces, self.batch_size), strict=True
        ):
            found[i].extend(NerEntity(label, a + s, a + e, piece[s:e]) for label, s, e in entities)
        return [LazyNlpArtifacts(text, found[i], engine, "en") for i, text in enumerate(texts)]

    def _find(self, text: str, nlp_artifacts) -> list[Span]:
        if _DIGIT.search(text):
            request = [e for e in self._request if e not in _PRESIDIO_QUICK or _PRESIDIO_QUICK[e].search(text)]
        else:
            request = self._request_no_digits
        if not request:
            return []
        raw = self.analyzer.analyze(
            text, "en", entities=request, nlp_artifacts=nlp_artifacts, score_threshold=self.min_score
        )

        def keep(kind: str, result, priority: int) -> bool:
            return not (
                self.vocabulary is not None
                and kind in (NAME, LOCATION)
                and priority <= WEAK_PRIORITY
                and self.vocabulary.covers(text, result.start, result.end)
            )  # a term of an extra vocabulary, found without a cue

        return self._spans(raw, 0, keep)


class ChineseReader(_Reader):
    """Chinese: jieba and the Chinese recognizers."""

    language = "zh"

    def __init__(self, wanted: frozenset[str], min_score: float) -> None:
        super().__init__(chinese_analyzer(), wanted, min_score)

    def find_many(self, texts: Sequence[str]) -> list[list[Span]]:
        from medllm.chinese_script import simplified_view

        # The rules read a Simplified view of the text (same length): Traditional records from Taiwan and
        # Hong Kong then meet the same labels, surnames and place words.
        return [
            self._spans(
                self.analyzer.analyze(simplified_view(t), "zh", entities=self._request, score_threshold=self.min_score),
                0,
            )
            if t.strip()
            else []
            for t in texts
        ]


class NeutralReader:
    """The language-neutral recognizers alone, for text in a language without recognizers."""

    language = "xx"

    def __init__(self, wanted: frozenset[str], min_score: float) -> None:
        from medllm.deid import neutral

        self.recognizers = neutral.recognizers("xx")
        self.wanted = wanted
        self.min_score = min_score

    def find_many(self, texts: Sequence[str]) -> list[list[Span]]:
        out = []
        for text in texts:
            spans = []
            for recognizer in self.recognizers:
                for r in recognizer.analyze(text, recognizer.supported_entities, None):
                    kind = PRESIDIO_ENTITY_MAP.get(r.entity_type, r.entity_type)
                    if kind in self.wanted and r.score >= self.min_score:
                        spans.append(Span(kind, r.start, r.end, r.score, getattr(recognizer, "priority", 1), "xx"))
            out.append(spans)
        return out
