"""English weekdays and short day/month dates that the date patterns of :mod:`~medllm.deid.en.dates` leave.

Added after blind batch 10, where a third of the missed English dates were a weekday tied to an event
("recheck Monday", "concussion Friday night", "colonoscopy thurs??", "dialysis Tues/Thurs/Sat") and most of
the rest a day and month without a year in a list or a chat stamp ("Given 11/4, 11/5, 11/6", "[12/03, 19:02]",
"on 21/03"). A weekday narrows a date to one day of a week; Safe Harbor removes every element of a date but the
year, so a weekday goes too. Kept: the medical terms named after a weekday ("Saturday night palsy", "Monday
fever"), and abbreviations that are also words ("sat on", "the Sun", "Sat 94%" as a saturation) unless a date
word or a date-like ending makes them weekdays.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import DATE
from medllm.deid.patterns import ClinicalPatternRecognizer

_FULL = r"(?i:mon|tues|wednes|thurs|fri|satur|sun)(?i:day)s?"
# Medical eponyms: radial nerve palsy after sleeping on an arm, byssinosis, and the like.
_NOT_A_DAY = r"(?![ \t]+(?i:night[ \t]+palsy|fever|morning[ \t]+(?:sickness|disease|fever)))"
_SHORT = r"(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)"
_SHORT_ANY_CASE = r"(?i:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)"
# What may follow a capitalised short weekday: the end of a phrase, another weekday, a time or a date.
_SHORT_ENDS = (
    r"(?=\.?[ \t]*(?:[,;:!?)\]/&\n]|$)|\.?[ \t]+(?i:am|pm|night|morning|eve|evening|afternoon|noon|at|re|w/?|with|"
    r"and|or|to|thru|through|starting|-)\b|\.[ \t]+(?=\p{Lu})|\.?[ \t]*\d{1,2}(?::\d{2}|[ \t]*(?i:am|pm)\b|/\d))"
)
_CUES = (
    r"on|by|next|last|this|coming|past|until|till|til|from|since|due|every|recheck|visit|appt|appointment|"
    r"starting|through|thru|see|call"
)
_MONTH_DAY = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
_DAY_MONTH = r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])"
_SHORT_DATE = rf"(?:{_MONTH_DAY}|{_DAY_MONTH})"
# An item of a list of short dates, and what may stand between two ("11/4, 11/5, 11/6 (absent 11/7), 11/8").
_ITEM = rf"(?<![\d/.]){_SHORT_DATE}(?![\d/]|\.\d)"
_GAP = r"\)?(?:,[ \t]*(?:\(\p{L}+[ \t]+)?|[ \t]+\(\p{L}+[ \t]+)"
# What a day and month cannot be followed by: a unit, a scale or a count ("5/10 pain", "1/2 tab").
_NOT_A_FRACTION = (
    r"(?![ \t]*(?i:tabs?|tablets?|pills?|caps?|doses?|mg|mcg|ml|units?|of|pain|scale|strength|power|vision|days?|"
    r"weeks?|wks?|months?|years?|hours?|hrs?|times|x\b|%))"
)


def recognizers() -> list[EntityRecognizer]:
    """The weekday and short-date recognizer."""
    patterns = [
        Pattern("weekday", rf"\b{_FULL}\b{_NOT_A_DAY}", 0.7),
        Pattern("short weekday", rf"\b{_SHORT}\b{_SHORT_ENDS}", 0.65),
        Pattern("weekday in a list", rf"(?<=(?i:{_SHORT}|day)[ \t]*[/,&][ \t]*){_SHORT}\b", 0.65),
        Pattern(
            "cue + short weekday",
            rf"(?i:\b(?:{_CUES}))\.?[ \t]+(?P<value>{_SHORT_ANY_CASE})\b(?!['’]|[ \t]+(?i:on|in|down|up|there|with|"
            r"for|the|a|an|my|his|her|by|screen|exposure|light|burn|damage|cream|block|protection)\b)",
            0.65,
        ),
        # Added after blind batch 12: "sat morning", "fri 8am", "thurs night"; "last fall"; "end of Feb".
        Pattern(
            "lower-case weekday before a time",
            # ("I sat morning and night by her bed" is a verb.)
            rf"(?<!\b(?i:i|we|he|she|they|just|had|have|was|were|and)[ \t]+)\b{_SHORT_ANY_CASE}\b"
            r"(?=[ \t]+(?:\d{1,2}(?::\d{2})?[ \t]*(?i:am|pm)\b|(?i:morning|night|evening|afternoon)\b))",
            0.65,
        ),
        Pattern("relative season", r"\b(?i:last|this|next)[ \t]+(?i:spring|summer|fall|autumn|winter)\b", 0.65),
        Pattern(
            "part of a month",
            r"\b(?i:end|beginning|start|middle)[ \t]+of[ \t]+(?:January|February|March|April|May|June|July|August|"
            r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?",
            0.7,
        ),
        Pattern(
            "list of short dates",
            rf"(?:(?<={_ITEM}{_GAP}{_ITEM}{_GAP}){_ITEM}|(?<={_ITEM}{_GAP}){_ITEM}(?={_GAP}{_ITEM})|"
            rf"{_ITEM}(?={_GAP}{_ITEM}{_GAP}{_ITEM}))",
            0.7,
        ),
        Pattern(
            "short date + comma + time",
            rf"(?<![\d/.])(?P<value>{_SHORT_DATE})(?=,[ \t]*\d{{1,2}}:\d{{2}})",
            0.75,
        ),
        Pattern(
            "cue + day-first short date",
            r"(?i:\b(?:on|from|until|till|since|dated|given|by|before|after|check|checked|seen|discharged|belt|letter|"
            r"lmp|edd|lnmp))"
            rf"[ \t]+(?P<value>(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))(?![\d/]|\.\d){_NOT_A_FRACTION}",
            0.75,
        ),
        Pattern(
            "short date opening a line",
            rf"(?:^|(?<=\n))[ \t]*(?P<value>{_SHORT_DATE})(?![\d/]|\.\d)(?=[ \t]*[—–:-][ \t])",
            0.7,
        ),
    ]
    gates = {
        "weekday": r"(?i:day)",
        "short weekday": r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)",
        "weekday in a list": r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)",
        "cue + short weekday": r"(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)\b)",
        "lower-case weekday before a time": r"(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)\w*[ \t]+(?:\d|m|n|e|a))",
        "relative season": r"(?i:spring|summer|fall|autumn|winter)",
        "part of a month": r"(?i:\b(?:end|beginning|start|middle) of)",
        "list of short dates": r"\d/\d{1,2}(?:,|[ \t]+\()",
        "short date + comma + time": r"\d/\d{1,2},[ \t]*\d{1,2}:",
        "cue + day-first short date": r"\b(?:1[3-9]|2\d|3[01])/\d",
        "short date opening a line": r"(?m:^[ \t]*\d{1,2}/\d)",
    }
    return [
        ClinicalPatternRecognizer(DATE, patterns, "WeekdayRecognizer", priority=2, adjust=_not_a_score, gates=gates)
    ]


_SCORE_WORDS = re.compile(r"(?i:\b(?:pain|score|scale|rated|rating|strength|power|grade|vas|nrs)\b)")


def _not_a_score(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A run of "5/10, 6/10, 7/10" after a pain or strength word is a series of scores, not of dates."""
    if "/" in text[start:end] and _SCORE_WORDS.search(text, max(0, start - 60), start):
        return None
    return start, end
