"""The whole of an English name once part of it is found: initials, a given name that is also a word, "Last, First".

Recognizers often find the surname and miss what stands next to it: the initial in "Dr. P. Hollister",
a given name that is an ordinary word in "Pt May Thompson" or "Summer Nguyen", the given name in the
record layout "REYES, CARLOS MD" or "O'Neill, Declan P". Leaving it leaks the person. :func:`extend`
grows each English NAME span over those neighbours; it never starts a name on its own.
"""

from __future__ import annotations

import regex as re

from medllm.deid.entities import NAME
from medllm.deid.spans import Span
from medllm.deid.wordlists.common import tokens

_WORD = r"[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)?"
# Words that stand before a name but are not part of it: titles, record labels, roles, sentence openers.
_NOT_A_NAME = frozenset(
    tokens(
        """
dr dr. doctor mr mrs ms mx miss prof sister brother pt patient name names resident attending ordering provider
requested read reader by tech nurse np pa rn md do dear hi hello hey from to cc re subject and or the a an with
for of in on at per seen called call ask tell thanks thank signed regards best caller triage surgeon consultant
member insured subscriber guarantor mother father mom mum dad son daughter wife husband partner sister brother
please today yesterday tomorrow when if but so also then after before since because yes no ok okay i im this
that these those we they he she it my our your his her their
"""
    )
)
_CONTRACTION = re.compile(r"[A-Za-z]+['’](?:m|s|re|ve|d|ll|t)")
_INITIAL_BEFORE = re.compile(r"(?:^|(?<=\s))[A-Z]\.?\s+$")
_WORD_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?P<word>{_WORD})\s+$")
_INITIAL_AFTER = re.compile(r"\s+[A-Z]\.?(?=[\s,;)|]|$)")
# "REYES, CARLOS MD", "O'Neill, Declan P", "Kamara, F.", "Baptiste, Ines (DOB", "FITZGERALD, Niamh |".
_FIRST_AFTER_COMMA = re.compile(
    rf",[ \t]*(?P<first>{_WORD}|[A-Z]\.)(?:[ \t]+[A-Z]\.?)?(?=[ \t]{{2,}}|[ \t]*[|(]|[ \t]+(?:MD|DO|RN|NP|PA|MRN|DOB|"
    r"UR|ID|Member|Health|UNIT|Acct)\b|[ \t]*$|\.[ \t]|\.$|\n)"
)
# The surname before "CARLOS" in "Ordering: REYES, CARLOS": after a label, a bar or the start of a line.
_LAST_BEFORE_COMMA = re.compile(rf"(?:^|[:|]|\s{{2}})[ \t]*(?P<last>{_WORD}),[ \t]*$", re.MULTILINE)


def extend(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each English NAME grown over the initials and name words next to it (module docstring)."""
    for span in spans:
        if span.type != NAME or span.language == "zh":
            continue
        for _ in range(3):  # at most three neighbours on the left: "Mary Agnes O'Rourke"
            before = text[max(0, span.start - 40) : span.start]
            m = _INITIAL_BEFORE.search(before) or _WORD_BEFORE.search(before)
            if not m:
                break
            word = m.group().strip()
            if (
                word.rstrip(".").lower() in _NOT_A_NAME
                or (len(word) > 2 and word.isupper() and len(word) <= 3)
                or _CONTRACTION.fullmatch(word)  # "I'm Jamal", "It's Marisol"
            ):
                break
            if m.start() == 0 and span.start - 40 > 0 and not before[:1].isspace():
                break
            span.start -= len(before) - m.start()
        m = _FIRST_AFTER_COMMA.match(text, span.end)
        if m and m.group("first").rstrip(".").lower() not in _NOT_A_NAME:
            span.end = m.end()
        else:
            m = _INITIAL_AFTER.match(text, span.end)
            if m:
                span.end = m.end()
        m = _LAST_BEFORE_COMMA.search(text[max(0, span.start - 40) : span.start])
        if m and m.group("last").lower() not in _NOT_A_NAME:
            span.start -= len(text[max(0, span.start - 40) : span.start]) - m.start("last")
    return spans
