"""Chinese recognizers and the Chinese Presidio analyzer (jieba segmentation, no model download).

:mod:`~medllm.deid.zh.names` (surnames, cues, honorifics, jieba's name tags),
:mod:`~medllm.deid.zh.context_names` and :mod:`~medllm.deid.zh.marked_names` (names by their place or form),
:mod:`~medllm.deid.zh.speaker_names` (names after role labels, user names, chat speakers),
:mod:`~medllm.deid.zh.nicknames` (nicknames with their cue, Latin and pinyin names),
:mod:`~medllm.deid.zh.places` (addresses, places below a province, postcodes),
:mod:`~medllm.deid.zh.dates` (dates and ages over 89) and :mod:`~medllm.deid.zh.identifiers`
(phones, resident ID numbers with their check digit, labelled numbers, plates); e-mails, URLs and
IP addresses come from :mod:`medllm.deid.neutral`.
"""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, EntityRecognizer

from medllm.deid import neutral
from medllm.deid.analyzer import MemoRecognizerRegistry, QuickAnalyzerEngine
from medllm.deid.patterns import CASE
from medllm.deid.zh import dates, identifiers, nicknames
from medllm.deid.zh.bracket_names import ChineseBracketNameRecognizer
from medllm.deid.zh.context_names import ChineseContextNameRecognizer
from medllm.deid.zh.marked_names import ChineseMarkedNameRecognizer
from medllm.deid.zh.names import ChineseNameRecognizer
from medllm.deid.zh.nlp import JiebaNlpEngine
from medllm.deid.zh.places import ChineseAddressRecognizer
from medllm.deid.zh.speaker_names import ChineseSpeakerNameRecognizer

__all__ = ["build_analyzer", "recognizers"]


def recognizers() -> list[EntityRecognizer]:
    """Every Chinese recognizer, the language-neutral ones included."""
    return [
        ChineseNameRecognizer(),
        ChineseContextNameRecognizer(),
        ChineseMarkedNameRecognizer(),
        ChineseSpeakerNameRecognizer(),
        ChineseBracketNameRecognizer(),
        *nicknames.recognizers(),
        ChineseAddressRecognizer(),
        *dates.recognizers(),
        *identifiers.recognizers(),
        *neutral.recognizers("zh"),
    ]


def build_analyzer() -> AnalyzerEngine:
    """A Presidio AnalyzerEngine over jieba with the Chinese recognizers."""
    engine = JiebaNlpEngine()
    engine.load()
    registry = MemoRecognizerRegistry(recognizers=recognizers(), supported_languages=["zh"], global_regex_flags=CASE)
    return QuickAnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["zh"])
