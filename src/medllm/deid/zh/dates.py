"""Chinese dates and ages over 89 (Safe Harbor C).

Dates: every element but the year is an identifier, so a date with a month is replaced whole:
"2021年3月4日", "2021年3月", "3月4日", "3月4号", "二〇二一年三月四日", "2021-03-04", "2021/3/4",
"2021.03.04". A bare year ("2021年") is kept, and so are durations ("3个月", "4日后" has no month).

Ages: 90 and over before 岁 or 周岁, after 年龄 or 享年, in Chinese numerals ("九十二岁", "一百零一岁"), and
without 岁 after 今年/已经 or a pronoun ("她今年九十一了", "他94了");
the number alone is replaced ("[AGE]岁").
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import AGE, DATE
from medllm.deid.patterns import ClinicalPatternRecognizer

_CN_DIGIT = "〇零一二三四五六七八九"
_YEAR = rf"(?:(?<![0-9])(?:1[89]|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}}|[0-9]{{2}}(?=年[0-9一二三四五六七八九十]{{1,3}}月))"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"


def _valid_numeric(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Keep "2021-03-04" and "2021/3/4"; drop impossible months and days."""
    import regex as re

    parts = re.split(r"[-/.]", text[start:end])
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        month, day = int(parts[1]), int(parts[2])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
    return start, end


def recognizers() -> list[EntityRecognizer]:
    """The Chinese date and age recognizers."""
    dates = ClinicalPatternRecognizer(
        DATE,
        [
            Pattern("year month day", rf"{_YEAR}[ \t]*年[ \t]*{_MONTH}[ \t]*月(?:[ \t]*{_DAY}[ \t]*[日号])?", 0.9),
            Pattern("month day", rf"(?<![0-9年]){_MONTH}[ \t]*月[ \t]*{_DAY}[ \t]*[日号](?![0-9])", 0.85),
            Pattern(
                "numeric date",
                r"(?<![0-9.])(?:1[89]|20)[0-9]{2}(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12][0-9]|3[01])"
                r"(?![0-9])",
                0.9,
            ),
        ],
        "ChineseDateRecognizer",
        priority=2,
        adjust=_valid_numeric,
        quick=r"月|[0-9]{4}[-/.]",
        language="zh",
    )
    over_89 = r"(?:1[0-2][0-9]|9[0-9])"
    digit = "[一二三四五六七八九]"
    cn_over_89 = rf"(?:九十{digit}?|一百(?:零{digit}|一十{digit}?|[一二]十{digit}?)?)"
    ages = ClinicalPatternRecognizer(
        AGE,
        [
            Pattern("N岁", rf"(?<![0-9.])(?P<value>{over_89})(?![0-9])[ \t]*(?:周岁|岁)", 0.9),
            Pattern("年龄 N", rf"(?:年龄|年纪|享年|终年)[ \t]*[：:]?[ \t]*(?P<value>{over_89})(?![0-9])", 0.85),
            Pattern("九十岁", rf"(?P<value>{cn_over_89})[ \t]*(?:周岁|岁)", 0.85),
            # Without 岁, as people say it: "她今年九十一了", "她94了", "我外婆今年98，". A pronoun or
            # 今年/已经/都 before and 了 or a clause end after, so that "血糖94了" or "评分95" is not an age.
            Pattern(
                "今年N了",
                r"(?:(?<=(?:今年|已经|已|都|快|满|年满|虚岁|活到|活了)[ \t]*)|"
                r"(?<=[她他我您]|老人|老人家)(?=[0-9一九]))"
                rf"(?P<value>{over_89}|{cn_over_89})(?![0-9])(?=[ \t]*(?:了|多了|出头|高龄|[，。,.!！]))",
                0.8,
            ),
        ],
        "ChineseAgeRecognizer",
        priority=2,
        quick=r"岁|年龄|年纪|享年|终年|了|今年|[9九]|一百",
        language="zh",
    )
    return [dates, ages]
