"""De-identification of medical text in English and Chinese: Safe Harbor identifiers found and replaced.

Public API:

- :class:`Deidentifier` (:mod:`medllm.deid.engine`): ``deidentify(text, language)`` and
  ``deidentify_many(texts, languages)`` give a :class:`DeidResult` per text (new text, every
  :class:`Replacement`, counts by type, languages read and languages without recognizers);
- :func:`default_deidentifier`, :func:`deidentify_text`: a shared default instance;
- :data:`ENTITY_TYPES`: the identifier types (:mod:`medllm.deid.entities` documents each).

Layout: :mod:`~medllm.deid.routing` (which language reads which part of a text),
:mod:`~medllm.deid.readers` (one Presidio analyzer per language), :mod:`~medllm.deid.en` and
:mod:`~medllm.deid.zh` (the recognizers), :mod:`~medllm.deid.neutral` (e-mail, URL, IP),
:mod:`~medllm.deid.patterns` (the recognizer base class), :mod:`~medllm.deid.spans` (overlap
resolution), :mod:`~medllm.deid.operators` (tags, hashes or surrogates through Presidio's
anonymizer), :mod:`~medllm.deid.wordlists` and :mod:`~medllm.deid.evaluation`.

Why a package of its own, not inside ``medllm.curate``: de-identification serves the curation step,
``medllm data deid``, the server's request log and the evaluation alike; none of them should
import the curation pipeline to get it.

What it does not promise: this is pattern, word-list and small-model NER de-identification, not
a guarantee. The evaluation (``medllm data deid-eval``) measures recall per class on text written
independently of the rules, and its figures are in ``docs/deid.md``.
"""

from medllm.deid.engine import DEFAULT_MIN_SCORE, Deidentifier, default_deidentifier, deidentify_text
from medllm.deid.entities import ENTITY_TYPES, DeidResult, Replacement

__all__ = [
    "DEFAULT_MIN_SCORE",
    "ENTITY_TYPES",
    "DeidResult",
    "Deidentifier",
    "Replacement",
    "default_deidentifier",
    "deidentify_text",
]
