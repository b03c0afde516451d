"""Numbers that decide a level: an infant's age and a measured temperature.

"My 6 week old has 38.3" is an emergency and "my 4 month old has 38.3" is not, so ages and
temperatures are read as numbers, in English and Chinese, with units (°C or °F, days to months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
}  # fmt: skip
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "半": 0.5}
_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30.4, "mo": 30.4, "天": 1, "周": 7, "星期": 7, "月": 30.4}

_AGE_EN = re.compile(
    r"\b(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen)[\s-]*(day|week|wk|month|mo)s?[\s-]*old\b"
    r"|\b(?:baby|son|daughter|infant|newborn|she|he|grandson|granddaughter)\b[^.!?]{0,25}?\b(?:is|turned|just turned)"
    r" (\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month)s?\b(?! pregnant| along)"
    r"|\bborn (\d+|one|two|three|four|five|six|seven|eight|nine|ten) (day|week)s? ago\b"
)
_NEWBORN_EN = re.compile(r"\b(?:newborn|new born|neonate|new baby|born (?:yesterday|today|last night))\b")
_AGE_ZH = re.compile(
    r"(?<![孕怀])(出生|生下来|宝宝|婴儿|孩子|娃|儿子|女儿|闺女|宝贝|新生儿)?(?:才|刚|已经|刚刚)?(\d+|[一二两三四五六七八九十几半]+)\s*"
    r"(?:个)?(半)?(天|周|星期|月)(大|的|了|多|左右)?"
)
_BABY_ZH = re.compile(r"(?:宝宝|婴儿|新生儿|娃|孩子|儿子|女儿|闺女|宝贝|出生|月子)")
_NEWBORN_ZH = re.compile(r"(?:新生儿|刚出生|刚生的|出生(?:才)?[一二两三四五六七八九十\d]+天|满月(?:前|内)?|没满月)")
_PREGNANCY_NEAR = re.compile(r"(?:孕|怀孕|妊娠|pregnan|along)")

_TEMP_EN = re.compile(
    r"(?<![\d/.])(\d{2,3}(?:\.\d+)?)\s*(?:°|º|degrees?|deg)?\s*(?:(c|f|celsius|fahrenheit)\b|(℃|℉))?(?![\d/])"
)
_TEMP_CONTEXT_EN = re.compile(r"\b(?:temp\w*|fever\w*|thermometer|reading|febrile|hot|burning up|spiked|spiking|°|degrees?)")
_TEMP_ZH = re.compile(r"(\d{2}(?:\.\d+)?)\s*(?:度|℃|°c|°)\s*(\d|半)?")
_TEMP_ZH_WORDS = re.compile(r"(三十[五六七八九]|四十[一二]?|四十)度([一二三四五六七八九]|半)?")
_ZH_TENS = {"三十五": 35, "三十六": 36, "三十七": 37, "三十八": 38, "三十九": 39, "四十": 40, "四十一": 41, "四十二": 42}


@dataclass(frozen=True)
class Measurements:
    """What the message says in numbers: the youngest infant age in days and the highest temperature in °C."""

    infant_age_days: float | None = None
    temperature_c: float | None = None


def _number_en(token: str) -> float | None:
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    try:
        return float(token)
    except ValueError:
        return None


def _number_zh(token: str) -> float | None:
    if token.replace(".", "", 1).isdigit():
        return float(token)
    if token in ("几",):
        return 3.0  # "几天" / "几个月": a few; read as three, the cautious middle
    total, current = 0.0, 0.0
    for char in token:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        elif char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        else:
            return None
    return total + current


def _ages(text: str) -> list[float]:
    ages: list[float] = []
    for m in _AGE_EN.finditer(text):
        tail = text[m.end() : m.end() + 12]
        if _PREGNANCY_NEAR.search(tail):
            continue
        number, unit = next((g, u) for g, u in zip(m.groups()[::2], m.groups()[1::2], strict=True) if g)
        value = _number_en(number)
        if value is not None:
            ages.append(value * _DAYS[unit])
    if _NEWBORN_EN.search(text) or _NEWBORN_ZH.search(text):
        ages.append(7.0)
    for m in _AGE_ZH.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if _PREGNANCY_NEAR.search(before):
            continue
        prefix, number, half, unit, suffix = m.groups()
        # "高烧三天了" is a duration, not an age: an age follows a baby word or 出生, or ends in 大 / 的 + baby word.
        after = text[m.end() : m.end() + 4]
        baby_follows = _BABY_ZH.match(after) is not None or (suffix == "的" and _BABY_ZH.search(after) is not None)
        sentence = re.split(r"[，。！？,.!?；;\n]", text[m.start():])[0] + text[max(0, m.start() - 12) : m.start()]
        big = suffix == "大" and _BABY_ZH.search(sentence) is not None and "比" not in text[max(0, m.start() - 2) : m.start()]
        if not (prefix or big or baby_follows):
            continue
        value = _number_zh(number)
        if value is not None:
            ages.append((value + (0.5 if half else 0)) * _DAYS[unit])
    return ages


def _to_celsius(value: float, unit: str | None) -> float | None:
    unit = (unit or "").lower()
    if unit in ("f", "fahrenheit", "℉") or (not unit and 93 <= value <= 110):
        value = (value - 32) * 5 / 9
    return value if 34 <= value <= 44 else None


def _temperatures(text: str) -> list[float]:
    temps: list[float] = []
    for m in _TEMP_EN.finditer(text):
        window = text[max(0, m.start() - 40) : m.end() + 20]
        # A bare reading with one decimal between 36 and 43 ("my 5 week old is 38.6") is a temperature.
        bare_reading = "." in m.group(1) and 36 <= float(m.group(1)) <= 42.9
        if not (m.group(2) or m.group(3) or bare_reading) and not _TEMP_CONTEXT_EN.search(window):
            continue
        value = _to_celsius(float(m.group(1)), m.group(2) or m.group(3))
        if value is not None:
            temps.append(value)
    for m in _TEMP_ZH.finditer(text):
        value = float(m.group(1))
        if m.group(2):
            value += 0.5 if m.group(2) == "半" else int(m.group(2)) / 10
        value = _to_celsius(value, None)
        if value is not None:
            temps.append(value)
    for m in _TEMP_ZH_WORDS.finditer(text):
        value = float(_ZH_TENS.get(m.group(1), 0))
        if m.group(2):
            value += 0.5 if m.group(2) == "半" else _ZH_DIGITS[m.group(2)] / 10
        if 34 <= value <= 44:
            temps.append(value)
    return temps


def measure(text: str) -> Measurements:
    """The youngest infant age (days) and highest temperature (°C) in normalised text, where stated."""
    ages = [a for a in _ages(text) if a < 366]
    temps = _temperatures(text)
    return Measurements(min(ages) if ages else None, max(temps) if temps else None)
