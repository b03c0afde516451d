"""English date and age recognizers (Safe Harbor C).

Dates: every element but the year ("March 3", "03/04/2021", "3rd of May 2020", "May 2020",
"in March"); "m/d" only after a date cue ("admitted 3/4"), so "pain 7/10" is not a date. Ages:
90 and over, next to "year-old", "y/o", "aged", "age:" or "he is".
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import AGE, DATE
from medllm.deid.patterns import ClinicalPatternRecognizer


def _month_alternation(abbreviations: bool = True) -> str:
    full = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"]  # fmt: skip
    forms = []
    for month in full:
        forms += [month, month.upper(), month.lower()]
        if abbreviations and month != "May":
            forms += [month[:3], month[:3].upper(), month[:3].lower()]
            if month == "September":
                forms += ["Sept", "SEPT", "sept"]
    return "(?:" + "|".join(sorted(set(forms), key=len, reverse=True)) + r")\b\.?"


_MONTH = _month_alternation()
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[89]\d{2}|20\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?[ \t]+)"


_WEEKDAY_BEFORE = re.compile(
    r"\b(?i:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"\.?,?[ \t]+$"
)


def _with_weekday(text: str, start: int, end: int) -> tuple[int, int]:
    """A weekday right before a date belongs to it ("Tues 3/12", "Wednesday the 17th"): it narrows the date."""
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
    return (m.start(), end) if m else (start, end)


def _valid_numeric_date(text: str, start: int, end: int) -> tuple[int, int] | None:
    span = _checked_numeric_date(text, start, end)
    return _with_weekday(text, *span) if span else None


def _checked_numeric_date(text: str, start: int, end: int) -> tuple[int, int] | None:
    parts = re.split(r"[/.-]", text[start:end])
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return start, end
    if len(parts[0]) == 4:  # ISO year first
        return start, end
    a, b = int(parts[0]), int(parts[1])
    if len(parts) == 2 and len(parts[1]) == 4:  # month/year ("recall 08/2024"); was vetoed as a day/month
        return (start, end) if 1 <= a <= 12 else None
    if (1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12):
        return start, end
    return None


_DAY_OR_MONTH = r"(?:0?[1-9]|[12]\d|3[01])"
# Holidays that fix a day (or, for Easter and Thanksgiving, a day each year).
_HOLIDAY = (
    r"(?:Christmas(?:[ \t]+(?:Eve|Day))?|New[ \t]+Year'?s(?:[ \t]+(?:Eve|Day))?|"
    r"(?:Lunar|Chinese)[ \t]+New[ \t]+Year(?:'s)?(?:[ \t]+Eve)?|Thanksgiving|Halloween|"
    r"Easter(?:[ \t]+(?:Sunday|Monday))?|Good[ \t]+Friday|Independence[ \t]+Day|"
    r"Australia[ \t]+Day|Canada[ \t]+Day|Memorial[ \t]+Day|Labou?r[ \t]+Day|Boxing[ \t]+Day|Valentine'?s(?:[ \t]+Day)?|"
    r"St\.?[ \t]+Patrick'?s[ \t]+Day|Mother'?s[ \t]+Day|Father'?s[ \t]+Day|Veterans[ \t]+Day|Remembrance[ \t]+Day|"
    r"Bonfire[ \t]+Night|Diwali|Hanukkah|Eid(?:[ \t]+al-(?:Fitr|Adha))?|"
    # Added after blind batch 12: festivals of other calendars, and a holiday named in lower case.
    r"T[eế]t|Ramadan|Ramazan|Carnaval|Carnival|Passover|Yom[ \t]+Kippur|Rosh[ \t]+Hashanah|Holi|Vesak|Songkran|"
    # (lower-case spellings listed as they are written: a case-insensitive group here made every text's gate scan
    # about 30% slower)
    r"Nowruz|Navratri|Onam|Pongal|memorial[ \t]+day|labou?r[ \t]+day|thanksgiving|christmas|new[ \t]+year'?s)"
    r"(?:[ \t]+(?:weekend|week|eve|day|morning|night|Weekend|Week|Eve|Day|Morning|Night))?"
)


def _date_recognizers() -> list[EntityRecognizer]:
    cue = (
        r"on|since|from|until|till|through|thru|dated|date|dos|dob|birth|born|admit|admitted|admission|discharged|"
        r"discharge|seen|visit|surgery|procedure|performed|done|drawn|collected|obtained|started|stopped|"
        r"began|onset|by|before|after|last|next|as[ \t]+of|note|triage|implanted|scheduled|appointment|appt|"
        r"follow-up|f/u|returned|expired|died|delivered|exam|consult|report|dictated|signed|uploaded|synced|"
        r"recorded|received|sent|faxed|updated|ordered|dispensed|filled|refilled|printed|emailed|mailed|"
        r"checked|measured|reviewed|completed|submitted|entered|posted|"
        # tests and logs dated without a verb ("X-ray 2/2", "MRI 1/8", "Next check 6/2", "nurse log 10/17")
        r"x-?ray|mri|ct|cxr|echo|ekg|ecg|eeg|labs?|bloods|draw|check|scan|biopsy|test|table|service|log|"
        r"telemetry|results?|study|at[ \t]+least|due|recheck|booked|shipped|reshipped|begins?|created|effective|"
        r"expires?|valid|out|instead[ \t]+of|do|through|thru|until|til|"
        # Blind batch 14: "LMP 3/14", "injection given 3/4", "cardiologist letter 22/7".
        r"lmp|edd|lnmp|given|letter"
    )
    ordinal = r"(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)"
    # What may follow a day told as "the 3rd": the end of a phrase or a function word, not a noun ("the 3rd floor").
    day_ends = (
        r"(?:[ \t]*(?:[.,;:!?)\n]|$)|[ \t]+(?i:but|b/c|because|like|was|were|is|to|at|for|with|when|so|then|as|i|we|"
        r"he|she|they|it|you|please|pls|if|instead|ok|okay|and(?![ \t]+(?:the[ \t]+)?\d))\b)"
    )
    patterns = [
        Pattern(
            "month day [year]",
            rf"\b{_WEEKDAY}?{_MONTH}[ \t]+(?:the[ \t]+)?{_DAY}\b(?:,?[ \t]+(?:{_YEAR4}|'\d{{2}})\b)?",
            0.9,
        ),
        Pattern(
            "day [of] month [year]",
            rf"(?=\d|[Tt]he\b|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b{_WEEKDAY}?(?:the[ \t]+)?{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH}"
            rf"(?:,?[ \t]+(?:{_YEAR4}|'\d{{2}})\b)?",
            0.9,
        ),
        Pattern("month year", rf"\b{_MONTH},?[ \t]+(?:of[ \t]+)?(?:{_YEAR4}\b|'\d{{2}}\b)", 0.85),
        Pattern("d-Mon-y", rf"(?=\d)\b{_DAY}[-/ ]{_MONTH}[-/ ](?:\d{{4}}|\d{{2}})\b", 0.9),
        Pattern(
            "numeric d/m/y",
            r"(?<![\d./-])\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)(?:\d{4}|\d{2})(?![\d]|[./-]\d)",
            0.85,
        ),
        Pattern(
            "ISO date",
            r"(?<![\d./-])(?:1[89]|20)\d{2}(?P<sep>[/.-])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])"
            r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?(?![\d]|[./-]\d)",
            0.9,
        ),
        Pattern("month/year", rf"(?<![\d./-])(?:0?[1-9]|1[0-2])/{_YEAR4}(?![\d]|[./-]\d)", 0.7),
        Pattern(
            "cue + m/d",
            rf"(?i:\b(?:{cue}))[ \t]*[:,]?(?:[ \t]+(?:is|was|on|of))?[ \t]+(?P<value>(?:0?[1-9]|"
            rf"1[0-2])(?P<sep>[/-])(?:0?[1-9]|[12]\d|3[01]))"
            r"(?![\d/-]|\.\d)(?![ \t]*(?i:tabs?|tablets?|pills?|caps?|doses?|mg|mcg|ml|units?|of|days?|weeks?|wks?|"
            r"months?|years?|yrs?|hours?|hrs?|minutes?|mins?|times|x\b|am\b|pm\b|o'?clock|shifts?|beats?|puffs?|drops?|"
            r"sprays?|cm|mm|kg|lbs?|%|/|out[ \t]+of))",
            0.8,
        ),
        # A day told as an ordinal after a date word or a weekday ("on the 3rd", "wed the 14th", "by the 8th.",
        # "on the 9th and the 23rd"); "the 4th and 5th toes", "the 3rd floor", "the 2nd time" stay.
        Pattern(
            "the + ordinal day",
            r"(?<=(?i:\b(?:on|by|until|till|til|from|since|before|after|through|thru|due|starting|and|or|than|mon|tue|tues|"
            r"wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            # Blind batch 14: "to the 3rd of this month", "Review the 18th.", "Date of screening: the 9th."
            r"to|review|reviewed|seen|appt|appointment|visit|booked|scheduled|screening|dated|date)\.?,?:?[ \t]+))"
            rf"(?P<value>(?i:the)[ \t]+{ordinal})\b(?={day_ends}|[ \t]+(?i:and[ \t]+(?:the[ \t]+)?{ordinal}\b"
            rf"{day_ends}|of[ \t]+(?:this|next|last|the)[ \t]+month\b))",
            0.75,
        ),
        Pattern(
            "(m/d) or m/d:",
            r"(?:(?<=\()(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?=\))|"
            r"(?<![\d/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?=:))",
            0.7,
        ),
        # A day and month without a year after a weekday or a scheduling word, either order ("Tue 10/17",
        # "Next visit 14/06", "tmrw 20/3", "Adm 10/10 DC 10/14"), or before a clock time ("2/14 0900").
        Pattern(
            "weekday or schedule word + d/m",
            rf"(?i:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
            rf"saturday|sunday|today|tomorrow|tmrw|tmr|yesterday|adm|dc|d/c|due|return|rtc|fill|filled|refill|visit|"
            rf"clinic|appt|from|to|til|till)\.?)[ \t]+(?P<value>{_DAY_OR_MONTH}/{_DAY_OR_MONTH})"
            r"(?![\d/]|\.\d)(?![ \t]*(?i:tabs?|tablets?|pills?|caps?|doses?|mg|of|strength|power))",
            0.75,
        ),
        Pattern(
            "d/m before a time",
            rf"(?<![\d/.])(?P<value>{_DAY_OR_MONTH}/{_DAY_OR_MONTH})(?=[ \t]+(?:@[ \t]*)?"
            r"(?:\d{1,2}(?::\d{2})?[ \t]*(?i:am|pm)\b|[0-2]\d[0-5]\d\b|at[ \t]+\d))",
            0.75,
        ),
        Pattern(
            "weekday + ordinal",
            r"\b(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
            r"\.?[ \t]+(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)\b",
            0.8,
        ),
        Pattern(
            "preposition + month",
            r"(?=(?:January|February|March|April|June|July|August|September|October|November|December)\b)"
            r"(?<=(?i:\b(?:in|on|since|during|until|till|through|from|by|early|late|mid|last|next|this|of|"
            r"between|and|before|after)[ \t]+(?:early[ \t]+|late[ \t]+|mid-?)?))"
            r"(?P<value>\p{L}+)(?![ \t]*\d)",
            0.6,
        ),
    ]
    # Added after blind batch 7: a weekday said relative to now ("next Tuesday", "last Thursday"), a holiday after
    # a date word or in brackets ("on Christmas Eve", "since Thanksgiving", "(Halloween - ...)"), and a month after
    # "last/next/this/early/late" or a preposition in lower case or short ("last June", "since Sept", "in june").
    relative = [
        Pattern(
            "relative weekday",
            r"\b(?i:next|last|this|coming|past)[ \t]+"
            r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\b",
            0.75,
        ),
        Pattern(
            "holiday",
            # (the cue is matched, not looked behind for: a pattern that opens with a look-behind is tried at
            # every position of every text, a cost the step's speed budget notices)
            r"(?:(?i:\b(?:on|since|for|after|before|over|until|till|by|around|during|coming|spent|last|this|next|"
            r"at|of|upcoming|through|the[ \t]+day[ \t]+(?:after|before)))[ \t]+(?:the[ \t]+)?|\([ \t]*|[-–|][ \t]+)"
            rf"(?P<value>{_HOLIDAY})",
            0.7,
        ),
        Pattern(
            "relative month",
            r"\b(?i:last|next|this|early|late|mid-?)[ \t]*(?:January|February|March|April|June|July|August|September|"
            r"October|November|December|Sept?|Oct|Nov|Dec|Jan|Feb|Aug|Apr|Jun|Jul)\b(?![ \t]*\d)",
            0.7,
        ),
        Pattern(
            "preposition + short or lower-case month",
            r"(?i:\b(?:in|since|during|until|till|from|by|before|after))[ \t]+"
            r"(?P<value>(?:january|february|april|june|july|august|september|october|november|december|Sept?|Oct|Nov|"
            r"Dec|Jan|Feb|Aug|Apr|Jun|Jul)\b)(?![ \t]*\d)",
            0.6,
        ),
    ]
    quick = r"\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    # What each pattern cannot match without (speed: most texts have a digit or a month word, few both).
    digit_and_month = r"\A(?=.*?\d)(?=.*?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
    day_slash_month = r"\d/\d"
    gates = {
        "month day [year]": digit_and_month,
        "day [of] month [year]": digit_and_month,
        "month year": digit_and_month,
        "d-Mon-y": digit_and_month,
        "numeric d/m/y": r"\d[/.-]\d",
        "ISO date": r"\d[/.-]\d",
        "month/year": day_slash_month,
        "cue + m/d": r"\d[/-]\d",
        "the + ordinal day": r"(?i:\d(?:st|nd|rd|th)\b)",
        "weekday + ordinal": r"(?i:(?:day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?[ \t]+\d)",
        "(m/d) or m/d:": day_slash_month,
        "weekday or schedule word + d/m": day_slash_month,
        "d/m before a time": day_slash_month,
        "preposition + month": (
            r"(?:January|February|March|April|June|July|August|September|October|November|December)\b"
        ),
    }
    # The relative patterns are a recognizer of their own, each behind its cheap gate and with no shared quick
    # check: a quick regex that joins "\d" and these words is four times slower than each alone.
    relative_gates = {
        "relative weekday": r"(?i:\b(?:next|last|this|coming|past)[ \t]+(?:mon|tue|wed|thu|fri|sat|sun))",
        "holiday": _HOLIDAY,
        "relative month": (
            r"(?i:\b(?:last|next|this|early|late|mid)[ \t-]*(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))"
        ),
        "preposition + short or lower-case month": (
            r"(?i:\b(?:in|since|during|until|till|from|by|before|after)[ \t]+"
            r"(?:jan|feb|apr|jun|jul|aug|sep|oct|nov|dec))"
        ),
    }
    return [
        ClinicalPatternRecognizer(
            DATE, patterns, "ClinicalDateRecognizer", priority=2, adjust=_valid_numeric_date, quick=quick, gates=gates
        ),
        ClinicalPatternRecognizer(
            DATE, relative, "RelativeDateRecognizer", priority=2, adjust=_with_weekday, gates=relative_gates
        ),
        ClinicalPatternRecognizer(
            DATE,
            [Pattern("YYYYMMDD", r"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b", 0.05)],
            "ContextDateRecognizer",
            context=["date", "dob", "born", "birth", "admitted", "admission", "discharged", "discharge", "dos"],
            priority=1,
            quick=r"\d{8}",
        ),
    ]


def _age_recognizer() -> ClinicalPatternRecognizer:
    over_89 = r"(?:9\d|1[0-2]\d)"
    words = (
        r"(?:ninety(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|"
        r"(?:one[ -]|a[ -])?hundred(?:[ -](?:and[ -])?(?:one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve))?)"
    )
    name_word = r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)?"
    titled = r"\b(?i:mrs?|ms|mx|miss|dr|sister|brother|resident|patient|pt)\.?"
    full_name = rf"(?:{titled}[ \t]+{name_word}|\b{name_word}[ \t]+{name_word})"
    elders = (
        r"mom|mum|mother|dad|father|grandma|grandpa|granny|gran|nan|nana|nanna|grandmother|grandfather|"
        r"great-?grand(?:mother|father|ma|pa)|(?:mother|father)-in-law|fil|mil|husband|wife|aunt|uncle|"
        r"great-?aunt|great-?uncle|neighbou?r|patient|pt|resident"
    )
    vitals = (
        r"(?i:temp|temperature|pulse|sats?|saturation|spo2|o2|oxygen|glucose|sugar|hr|rate|bp|pressure|weight|"
        r"score|level|count|reading|result|potassium|sodium|chloride|ferritin|hemoglobin|haemoglobin|a1c|"
        r"iq|grade|mark|room|bed|page|item|it|this|that|which|there)"
    )
    patterns = [
        Pattern(
            "N-year-old",
            rf"\b(?P<value>{over_89})[ \t]*-?[ \t]*(?i:years?|yrs?)[ \t]*-?[ \t]*(?i:old|of[ \t]+age)\b",
            0.9,
        ),
        Pattern("N yo", rf"\b(?P<value>{over_89})[ \t]*-?[ \t]*(?i:yo|y/o|y\.o\.?|yoa)(?![\w/])", 0.9),
        Pattern(
            "age N",
            rf"(?i:\b(?:aged?|age[ \t]+of|turned|turning|turns|at[ \t]+the[ \t]+age[ \t]+of|(?:died|death|"
            rf"passed[ \t]+away|"
            rf"expired|deceased)[ \t]+(?:at|aged?)(?:[ \t]+age)?))[ \t]*[:=]?[ \t]*"
            rf"(?P<value>{over_89})\b(?![ \t]*(?:%|mg|kg|lbs?|bpm|mm|cm|°|/|\.\d))",
            0.85,
        ),
        Pattern(
            "subject is N",
            rf"(?=\d)(?<=(?i:\b(?:(?:he|she|they|patient|pt|mother|father|mom|mum|dad|grandmother|grandfather|grandma|"
            rf"grandpa|husband|wife|aunt|uncle)[ \t]+(?:is|was|turns|turned|will[ \t]+be)|(?:he|she|they|i|you)['’]"
            rf"(?:s|re|m)|i[ \t]+am|im)(?:[ \t]+(?:now|already|almost|nearly))?[ \t]+))"
            rf"(?P<value>{over_89})\b(?![ \t]*(?:%|mg|kg|lbs?|pounds|bpm|mm|cm|°|/|\.\d|units?|percent|degrees))",
            0.8,
        ),
        # A bare age after the person it belongs to, as notes and carers write it: "Peggy Doyle, 90,
        # painless jaundice", "Mrs Winifred Ashby (92)", "my mom (95!)", "my father Walter is 104 and".
        # The person is a full name, a title and name, or an elderly relative; a lab or vital sign
        # ("Glucose (98)", "Temp is 99") is neither, and its number is usually followed by a unit.
        Pattern(
            "person, N,",
            rf"(?<=(?:{full_name}|\b(?i:{elders}))[ \t]*,[ \t]*)(?<!\b{vitals}[ \t]*,[ \t]*)(?P<value>{over_89})"
            rf"(?=[ \t]*[,;]|[ \t]+(?:and|but|who|with|from|in|on|at|lives|living|presents|presenting)\b)",
            0.8,
        ),
        Pattern(
            "person (N)",
            rf"(?<=(?:{full_name}|\b(?i:{elders}))[ \t]*\([ \t]*(?i:aged?[ \t]*)?)(?<!\b{vitals}[ \t]*\([ \t]*)"
            rf"(?P<value>{over_89})"
            r"(?=[ \t]*[!?]*[ \t]*(?:\)|,[ \t]*\p{L}))",
            0.8,
        ),
        Pattern(
            "who is N / Name is N",
            rf"(?<=(?:\b(?i:who)(?:[ \t]+(?:is|was|turned|turns)|['’]s)|(?<=[\p{{L}},][ \t]+)(?!{vitals}\b)"
            rf"\p{{Lu}}[\p{{Ll}}'’-]+[ \t]+(?:is|was|turned|turns))(?:[ \t]+(?:now|already|almost|nearly))?[ \t]+)"
            rf"(?P<value>{over_89})(?=[ \t]*(?:[,.!;]|$)|[ \t]+(?i:and|but|now|this|next|last|years?|yrs?)\b)",
            0.8,
        ),
        Pattern(
            "is N this year",
            rf"(?i:\b(?:is|was|turns|turned|will[ \t]+be)[ \t]+)(?P<value>{over_89})"
            r"(?=[ \t]+(?i:this|next|last)[ \t]+year\b)",
            0.8,
        ),
        # Added after blind batch 4: "90F w/ hip fx", "91 y, F", "(Walt, 92)". A temperature in Fahrenheit
        # ("temp 98F", "fever 99 F") is not an age: the value must open the note, a line or a bracket.
        Pattern(
            "N + sex",
            rf"(?:^|(?<=[\n(:;][ \t]*)|(?<=\b(?i:pt|patient|summary|s)[ \t]*:?[ \t]+))"
            rf"(?<!\b{vitals}[ \t]*[:(]?[ \t]*|(?i:fever|febrile|t)[ \t]*[:(]?[ \t]*)(?P<value>{over_89})"
            r"[ \t]?(?:y(?:rs?)?[ \t,]*)?(?:F|M)\b(?![ \t]*(?:°|degrees))",
            0.8,
        ),
        Pattern("N y", rf"(?<=[,(][ \t]*)(?P<value>{over_89})[ \t]*y\b(?=[ \t]*[,)])", 0.8),
        Pattern(
            "(Name, N)",
            rf"(?<=\([ \t]*{name_word}[ \t]*,[ \t]*)(?<!\([ \t]*{vitals}[ \t]*,[ \t]*)(?P<value>{over_89})(?=[ \t]*\))",
            0.75,
        ),
        Pattern(
            "words-year-old",
            rf"(?i:\b(?P<value>{words})[ \t-]*(?:years?|yrs?)[ \t-]*old\b)",
            0.85,
        ),
    ]
    return ClinicalPatternRecognizer(
        AGE, patterns, "AgeOver89Recognizer", priority=2, quick=r"9\d|1[0-2]\d|(?i:ninety|hundred)"
    )


def recognizers() -> list[EntityRecognizer]:
    """The English date and age recognizers."""
    return [*_date_recognizers(), _age_recognizer()]
