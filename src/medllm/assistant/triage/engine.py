"""The triage engine: normalise, find red-flag findings, keep the current ones, apply the rules.

No model is involved, so triage is deterministic, fast (well under a millisecond for a typical
message) and cannot be talked out of a level: instructions in the text are just more text, and
the patterns only look for findings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from medllm.assistant.language import detect_language, has_han
from medllm.assistant.triage import concepts_en, concepts_zh
from medllm.assistant.triage.context import MatchContext, match_context
from medllm.assistant.triage.features import measure
from medllm.assistant.triage.levels import TriageLevel, TriageReason, TriageResult
from medllm.assistant.triage.rules import RULES, Rule
from medllm.assistant.triage.text_en import normalize_en
from medllm.assistant.triage.text_zh import normalize_zh

# Long messages are read in overlapping windows so a red flag at the end of a 1 MB paste is still
# found, in time linear in the length, without any pattern running over the whole text at once.
_WINDOW = 3000
_OVERLAP = 300


@dataclass(frozen=True)
class Finding:
    """One concept matched in the text, with its context."""

    concept: str
    evidence: str
    context: MatchContext


_LATIN = re.compile(r"[a-z]")


@functools.lru_cache(maxsize=2)
def _compiled(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    # One alternation per concept: a third of the Python-level scans of one pattern at a time.
    table = concepts_zh.CONCEPTS if language == "zh" else concepts_en.CONCEPTS
    return tuple((name, re.compile("|".join(f"(?:{p})" for p in sources))) for name, sources in table.items())


@functools.lru_cache(maxsize=1)
def _rules_by_first_finding() -> dict[str, tuple[Rule, ...]]:
    index: dict[str, list[Rule]] = {}
    for rule in RULES:
        index.setdefault(rule.all_of[0], []).append(rule)
    return {name: tuple(rules) for name, rules in index.items()}


def normalize(text: str) -> str:
    """The text the patterns read: Chinese repaired and simplified, English lower-cased and repaired."""
    return normalize_en(normalize_zh(text))


# Hyperbole that uses emergency words: "this cold is killing me", "nearly gave me a heart attack",
# "I choked in my interview", "我想吃火锅想死了", "笑死我了".
_FIGURATIVE = re.compile(
    r"\b(?:dying to|die (?:of|from) (?:embarrassment|boredom|shame|laughter|cringe)|die laughing|could (?:just )?die|"
    r"to die for|kill for|killing me|dead tired|bored to death|scared to death|(?:nearly |almost )?(?:gave|give|giving) "
    r"(?:me|him|her|us) a (?:heart attack|stroke)|(?:nearly|almost) had a heart attack (?:when|at|seeing|laughing)|"
    r"heart attack (?:haha|lol|lmao)|heart (?:skipped a beat|stopped) (?:when|at|seeing|for a second)|"
    r"chok(?:e|ed|ing) (?:in|on|during|at) (?:my|the|a|his|her|our) (?:presentation|exam|test|interview|game|speech|match|"
    r"final|audition|date|performance)|chok(?:e|ed|ing) under pressure|overdos\w* on (?:chocolate|sugar|candy|netflix|"
    r"tv|food|carbs|memes)|(?:diet|social|career|political|financial|fashion|calorie) suicide|suicide (?:squeeze|"
    r"mission|doors|run|drill|sprints?))\b|"
    r"想(?:吃|喝|玩|见|睡|看|要|去|买|回|你|家|念)[^，。！？,.!?]{0,10}想死|(?:笑|累|气|烦|热|冷|饿|困|忙|吓|无聊|丑|美|开心|"
    r"高兴|尴尬|急|馋|羡慕|闷|憋屈|懒|穷)死"
)


# Urgent rules whose finding, when resolved or long-standing, is no longer urgent (gym soreness, an old
# bump that is fine now); injuries, infections and the rest stay urgent.
_SOFT_URGENT = frozenset({"chest_pain", "palpitations", "breathlessness", "severe_pain", "head_injury", "limb_weakness",
                          "speech_difficulty", "facial_swelling", "ataxia", "vision_change", "allergic_reaction"})
# Findings that describe the situation rather than a symptom: their own context does not matter.
_CONTEXT_FREE = frozenset({"post_stroke", "fiction", "menstrual", "not_pregnant_context", "self_harm_accident", "anticoagulated"})
_INTENT_CONCEPTS = frozenset({"suicidal", "suicide_prep", "self_harm", "harm_others"})
_FIGURATIVE_CONCEPTS = frozenset({"suicidal", "heart_attack", "stroke", "cardiac_arrest", "dyspnea_severe", "overdose"})


def _figurative(text: str, start: int, end: int) -> bool:
    from medllm.assistant.triage.context import sentence_bounds

    left, right = sentence_bounds(text, start, end)
    return any(m.start() <= end and m.end() >= start for m in _FIGURATIVE.finditer(text, left, right))


def find(text: str) -> list[Finding]:
    """Every concept match in normalised ``text`` with its context, in text order per concept."""
    findings: list[Finding] = []
    contexts: dict[tuple[tuple[int, int], bool], MatchContext] = {}
    # Each language's patterns run only on text that has its script: half the work for most messages.
    tables = [_compiled(lang) for lang, present in (("en", _LATIN.search(text)), ("zh", has_han(text))) if present]
    for table in tables:
        for name, pattern in table:
            for match in pattern.finditer(text):
                if match.end() == match.start():
                    continue
                span = match.span()
                if name in _FIGURATIVE_CONCEPTS and _figurative(text, *span):
                    continue
                key = (span, name in _INTENT_CONCEPTS)
                if key not in contexts:
                    contexts[key] = match_context(text, *span, intent=key[1])
                findings.append(Finding(name, match.group().strip(), contexts[key]))
    return findings


def _windows(text: str) -> Iterable[str]:
    if len(text) <= _WINDOW:
        yield text
        return
    for start in range(0, len(text), _WINDOW - _OVERLAP):
        yield text[start : start + _WINDOW]


def _active(findings: list[Finding], text: str) -> dict[str, list[Finding]]:
    active: dict[str, list[Finding]] = {}
    # Story, exam or curiosity framing makes every finding hypothetical ("I'm writing a novel where ...").
    fiction = any(f.concept == "fiction" for f in findings)
    for f in findings:
        if f.concept in _CONTEXT_FREE or (f.context.current and not fiction):
            active.setdefault(f.concept, []).append(f)
    m = measure(text)
    fever = "fever_word" in active or (m.temperature_c is not None and m.temperature_c >= 38.0)
    # A temperature under 38 °C is a normal reading, not a fever, whatever word surrounds it.
    if m.temperature_c is not None and m.temperature_c < 38.0 and "fever_word" in active:
        fever = not all(f.evidence in ("temperature", "temp", "体温") for f in active["fever_word"])
    virtual: dict[str, bool] = {
        "fever": fever,
        "temp_39_5": m.temperature_c is not None and m.temperature_c >= 39.5,
        "infant_under_3m": m.infant_age_days is not None and m.infant_age_days < 90,
        "infant_3_6m": m.infant_age_days is not None and 90 <= m.infant_age_days < 183,
    }
    has = active.__contains__
    virtual["acute_pain_in_pregnancy"] = has("abdominal_pain") and (has("severe") or has("sudden"))
    virtual["headache_with_vision"] = has("headache") and (has("vision_change") or has("vision_loss"))
    virtual["severe_headache"] = has("headache") and has("severe")
    virtual["headache_with_bp"] = has("headache") and (has("bp_160") or has("high_bp"))
    virtual["dyspnea_and_unwell"] = (has("dyspnea") or has("dyspnea_severe")) and (
        has("nausea") or has("lightheaded") or has("cardiac_radiation")
    )
    for name, present in virtual.items():
        if present:
            evidence = name.replace("_", " ")
            active.setdefault(name, []).append(Finding(name, evidence, MatchContext()))
    return active


def _fires(rule: Rule, active: dict[str, list[Finding]]) -> bool:
    return (
        all(c in active for c in rule.all_of)
        and (not rule.any_of or any(c in active for c in rule.any_of))
        and not any(c in active for c in rule.none_of)
    )


def _reason(rule: Rule, active: dict[str, list[Finding]], language: str) -> TriageReason:
    level, note = rule.level, ""
    primary = active[rule.all_of[0]]
    softens = rule.soften and (rule.level is TriageLevel.EMERGENCY or rule.id in _SOFT_URGENT)
    if softens and all(f.context.resolved or f.context.chronic for f in primary):
        level = TriageLevel(max(level - 1, TriageLevel.ROUTINE))
        note = "resolved or long-standing" if any(f.context.resolved for f in primary) else "long-standing"
    evidence = [f.evidence for c in (*rule.all_of, *rule.any_of) for f in active.get(c, [])[:1]]
    return TriageReason(
        rule=rule.id,
        level=level,
        label=rule.zh if language == "zh" else rule.en,
        evidence=tuple(dict.fromkeys(evidence)),
        source=rule.source,
        note=note,
    )


def triage(text: str, *, language: str | None = None) -> TriageResult:
    """Triage one message (or the user turns of a conversation joined by newlines).

    Args:
        text: what the user wrote; any length, any characters.
        language: ``en`` or ``zh`` to force the reply language; detected from the text by default.

    Returns:
        The level, the rules that fired (most urgent first) and the reply language.
    """
    language = language or detect_language(text)
    reasons: dict[str, TriageReason] = {}
    for window in _windows(text):
        normalised = normalize(window)
        active = _active(find(normalised), normalised)
        candidates = [r for name in active for r in _rules_by_first_finding().get(name, ())]
        for rule in candidates:
            if rule.id not in reasons and _fires(rule, active):
                reasons[rule.id] = _reason(rule, active, language)
    ordered = sorted(reasons.values(), key=lambda r: -r.level)
    # Drop a reason when a more urgent one already rests on the same first finding.
    kept: list[TriageReason] = []
    primaries: dict[str, TriageLevel] = {}
    for reason in ordered:
        primary = next(r.all_of[0] for r in RULES if r.id == reason.rule)
        if primary in primaries and primaries[primary] > reason.level:
            continue
        primaries.setdefault(primary, reason.level)
        kept.append(reason)
    level = kept[0].level if kept else TriageLevel.ROUTINE
    return TriageResult(level=level, reasons=tuple(kept), language=language)


def triage_many(texts: Iterable[str], *, language: str | None = None) -> list[TriageResult]:
    """Triage many messages, in order (one result per message)."""
    return [triage(text, language=language) for text in texts]
