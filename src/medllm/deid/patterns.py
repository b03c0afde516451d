"""The pattern recognizer every de-identification recognizer is built on, in any language.

Every pattern recognizer here is a Presidio :class:`~presidio_analyzer.PatternRecognizer`, so the
analyzer's scoring, its context enhancer and its serialisation all apply. Two additions over plain
Presidio patterns, in :class:`ClinicalPatternRecognizer`:

- a pattern may mark the identifier with a named group ``value`` ("MRN: 00123456" removes only
  ``00123456``; "病历号：123456" only ``123456``); the label around it is the context that makes the
  match trustworthy;
- a recognizer may veto or trim a match (``adjust``: a checksum, a calendar check, a medical-term
  test) and pick the entity from the text around it (phone vs fax by the nearest preceding label).

Labelled identifiers are found by their label with high confidence; unlabelled identifier-shaped
numbers get a low score that only Presidio's context enhancer can lift over the threshold.
"""

from __future__ import annotations

from collections.abc import Callable

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

__all__ = ["CASE", "ClinicalPatternRecognizer", "Pattern", "SharedMatches", "labelled"]

CASE = re.DOTALL | re.MULTILINE  # our patterns are case-sensitive; labels use (?i:...) locally


# ---------------------------------------------------------------- base class
class ClinicalPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer with value groups, per-match vetoes and a conflict ``priority``.

    Args:
        supported_entity: the entity type (one of :data:`~medllm.deid.entities.ENTITY_TYPES`).
        patterns: Presidio patterns; a named group ``value`` marks the identifier inside a match.
        name: the recognizer's name (recorded in each result).
        context: words that raise a low-scored match when one is among the preceding words.
        priority: breaks ties between overlapping results of equal score (higher wins).
        adjust: ``(text, start, end) -> (start, end) | None``: trim or veto a match.
        entity_for: ``(text, start, end) -> entity``: choose the entity from the surrounding text.
        quick: a cheap regex that must match somewhere for the recognizer to run at all (speed).
        shared: a :class:`SharedMatches` to take the matches from instead of the patterns'
            own regexes (several recognizers with one pattern and different context words).
        gates: pattern name -> a cheap regex that must match somewhere for that pattern to run
            (speed: a pattern that embeds a street address cannot match a text without a digit, and
            an unanchored pattern costs a scan of the whole text).
        language: the language whose analyzer runs it (``en``, ``zh``).
    """

    def __init__(
        self,
        supported_entity: str,
        patterns: list[Pattern],
        name: str,
        context: list[str] | None = None,
        priority: int = 1,
        adjust: Callable[[str, int, int], tuple[int, int] | None] | None = None,
        entity_for: Callable[[str, int, int], str] | None = None,
        flags: int = CASE,
        quick: str | None = None,
        shared: SharedMatches | None = None,
        language: str = "en",
        gates: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            name=name,
            patterns=patterns,
            context=context,
            global_regex_flags=flags,
            supported_language=language,
        )
        self.priority = priority
        self._adjust = adjust
        self._entity_for = entity_for
        self._quick = re.compile(quick, flags) if quick else None
        if shared is not None:
            self._compiled = [(self.patterns[0], shared)]
        else:
            self._compiled = [(p, re.compile(p.regex, flags)) for p in self.patterns]
        gates = gates or {}
        unknown = set(gates) - {p.name for p in self.patterns}
        if unknown:
            raise ValueError(f"{name}: gates name no pattern: {sorted(unknown)}")
        # Recognizers often give several patterns one gate ("a digit and a month name"): each distinct
        # gate is searched once per text, and ``_gate_of`` maps a pattern to its gate's index (-1: none).
        distinct: dict[str, int] = {}
        for p, _ in self._compiled:
            if p.name in gates:
                distinct.setdefault(gates[p.name], len(distinct))
        self._distinct_gates = [re.compile(g, flags) for g in distinct]
        self._gate_of = [distinct[gates[p.name]] if p.name in gates else -1 for p, _ in self._compiled]
        self._has_value = ["value" in compiled.groupindex for _, compiled in self._compiled]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results: list[RecognizerResult] = []
        if self._quick is not None and self._quick.search(text) is None:
            return results
        opened: list[bool | None] = [None] * len(self._distinct_gates)
        for (pattern, compiled), gate, has_value in zip(self._compiled, self._gate_of, self._has_value, strict=True):
            if gate >= 0:
                if opened[gate] is None:
                    opened[gate] = self._distinct_gates[gate].search(text) is not None
                if not opened[gate]:
                    continue
            for match in compiled.finditer(text):
                start, end = match.span("value") if has_value else match.span()
                if start < 0 or start >= end:
                    continue
                if self._adjust is not None:
                    span = self._adjust(text, start, end)
                    if span is None:
                        continue
                    start, end = span
                    if start >= end:
                        continue
                entity = self._entity_for(text, start, end) if self._entity_for else self.supported_entities[0]
                explanation = self.build_regex_explanation(
                    self.name, pattern.name, pattern.regex, pattern.score, None, self.global_regex_flags
                )
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=start,
                        end=end,
                        score=pattern.score,
                        analysis_explanation=explanation,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return EntityRecognizer.remove_duplicates(results)


class SharedMatches:
    """One regex whose matches on the latest text are cached, for recognizers that share a pattern."""

    def __init__(self, pattern: str, flags: int = CASE) -> None:
        self.regex = re.compile(pattern, flags)
        self.groupindex = self.regex.groupindex
        self._text: str | None = None
        self._matches: list = []

    def finditer(self, text: str) -> list:
        if text is not self._text:
            self._text, self._matches = text, list(self.regex.finditer(text))
        return self._matches


# ---------------------------------------------------------------- labels
_ID_SUFFIX = r"(?:[ \t]*(?:number|num|nbr|no\.?|#|id|identifier|code))?"
_SEP = (
    r"[ \t]*(?:[:#=]|-(?=[ \t]))?[ \t]*(?:(?:is|was|reads|shows)[ \t]+[:#]?[ \t]*)?"
    r"(?:(?:of|for|on)[ \t]+(?:(?:the|her|his|my|their|patient's)[ \t]+)?[a-z]+[ \t]*[:#]?[ \t]+)?"
)


def labelled(label: str, value: str) -> str:
    """A case-insensitive label, an optional "number/#/ID" word, a separator, then ``value``."""
    return rf"(?i:\b(?:{label}){_ID_SUFFIX}){_SEP}(?P<value>{value})"


def explained_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, why: str
) -> RecognizerResult:
    """A Presidio result that records ``recognizer`` and a one-line reason: the form every local recognizer returns."""
    return RecognizerResult(
        entity,
        start,
        end,
        score,
        analysis_explanation=AnalysisExplanation(recognizer.name, score, textual_explanation=why),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
