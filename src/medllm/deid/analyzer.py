"""Presidio's analyzer and recognizer registry with two per-text costs removed, results unchanged.

The curation build calls ``AnalyzerEngine.analyze`` once per distinct turn (hundreds of thousands
of times), and two parts of it cost more than most recognizers while giving nothing back here:

- ``RecognizerRegistry.get_recognizers`` filters every recognizer by language and entity on every
  call; the readers ask for a handful of distinct entity lists, so the answer is memoised per
  (language, entities) until a recognizer is added or removed;
- the context enhancer loops over every recognizer even when no recognizer found anything (most
  patient messages have no identifier at all); with no results there is nothing to enhance.

Both were measured with ``benchmarks/bench_deid.py`` (about 5% of the English step's time) and are
checked against the plain Presidio classes in ``tests/deid/test_analyzer.py``.
"""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult

__all__ = ["MemoRecognizerRegistry", "QuickAnalyzerEngine"]


class MemoRecognizerRegistry(RecognizerRegistry):
    """A registry whose ``get_recognizers`` answers are kept per (language, entities, all_fields)."""

    def __init__(self, *args, **kwargs) -> None:
        self._memo: dict[tuple, list[EntityRecognizer]] = {}
        super().__init__(*args, **kwargs)

    def get_recognizers(
        self,
        language: str,
        entities: list[str] | None = None,
        all_fields: bool = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
    ) -> list[EntityRecognizer]:
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities) if entities else None, all_fields, len(self.recognizers))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = super().get_recognizers(language, entities, all_fields, None)
        return list(found)

    def add_recognizer(self, recognizer: EntityRecognizer) -> None:
        self._memo = {}
        super().add_recognizer(recognizer)

    def remove_recognizer(self, *args, **kwargs) -> None:
        self._memo = {}
        super().remove_recognizer(*args, **kwargs)


class QuickAnalyzerEngine(AnalyzerEngine):
    """An AnalyzerEngine that skips the context enhancer when the recognizers found nothing."""

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not raw_results:
            return []
        return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
