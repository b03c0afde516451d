"""Chinese dates and ages over 89 (Safe Harbor C).

Dates: every element but the year is an identifier, so a date with a month is replaced whole:
"2021年3月4日", "2021年3月", "3月4日", "3月4号", "二〇二一年三月四日", "2021-03-04", "2021/3/4",
"2021.03.04", "24/05/2024", Minguo dates ("民國73年5月12日"), weekdays, holidays and seasons with their year.
A bare year ("2021年") is kept, as Safe Harbor allows, and so are durations ("3个月", "4日后" has no month) and
weekly schedules ("每周三", "周一至周五", "一周三次").

Ages: 90 and over before 岁 or 周岁, after 年龄 or 享年, in Chinese numerals ("九十二岁", "一百零一岁"), and
without 岁 after 今年/已经 or a pronoun ("她今年九十一了", "他94了");
the number alone is replaced ("[AGE]岁").
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import AGE, DATE
from medllm.deid.patterns import ClinicalPatternRecognizer

_CN_DIGIT = "〇零一二三四五六七八九"
_YEAR = (
    rf"(?:(?<![0-9])(?:1[89]|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}}|"
    # Taiwan's Minguo years ("民國73年5月12日", "113年10月7日"), then two-digit years before a month
    rf"(?:民国[ \t]*)?(?<![0-9])1[01][0-9](?=年[0-9一二三四五六七八九十]{{1,3}}月)|(?:民国[ \t]*)?"
    rf"(?<![0-9])[0-9]{{2}}(?=年[0-9一二三四五六七八九十]{{1,3}}月))"
)
# A year said relative to now goes with the month or season after it ("去年11月", "今年4月15日", "去年夏天").
_RELATIVE_YEAR = r"(?:今年|去年|明年|前年|后年|大前年)"
_WEEKDAY = r"(?:周|星期|礼拜)[一二三四五六日天]"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"


def _valid_numeric(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Keep "2021-03-04" and "2021/3/4"; drop impossible months and days."""
    import regex as re

    parts = re.split(r"[-/.]", text[start:end])
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        if len(parts[2]) == 4:  # day/month/year or month/day/year ("24/05/2024", "12/6/2024")
            a, b = int(parts[0]), int(parts[1])
            return (start, end) if (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31) else None
        month, day = int(parts[1]), int(parts[2])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
    return start, end


def recognizers() -> list[EntityRecognizer]:
    """The Chinese date and age recognizers."""
    dates = ClinicalPatternRecognizer(
        DATE,
        [
            Pattern(
                "year month day",
                rf"{_YEAR}[ \t]*年[ \t]*{_MONTH}[ \t]*月(?:[ \t]*{_DAY}[ \t]*[日号]|上旬|中旬|下旬|初|底|末|份)?",
                0.9,
            ),
            Pattern(
                "month day",
                rf"(?:{_RELATIVE_YEAR}|(?<![0-9年])){_MONTH}[ \t]*月"
                # a clock time may follow at once ("3月4日10:05")
                rf"[ \t]*{_DAY}[ \t]*[日号](?![0-9](?![0-9]?[:：]))",
                0.85,
            ),
            Pattern(
                "numeric date",
                r"(?<![0-9.])(?:1[89]|20)[0-9]{2}(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12][0-9]|3[01])"
                r"(?![0-9])",
                0.9,
            ),
            # Added after blind batch 4. A month alone is a date element too ("下次随访：8月", "3月份", "4月初"), told
            # with 份/初/底 or after a date's cue; "口干多饮3月", "近2月" are durations, "5月龄" an age.
            Pattern(
                "month alone",
                rf"(?:(?<![0-9年个孕满第每近约余共]){_MONTH}[ \t]*月(?:份|初|中旬|上旬|下旬|底|末)|"
                r"(?<=(?:在|于|到|从|至|上次|下次|农历|[（(]|(?:随访|复查|复诊|时间|日期)[：:][ \t]?))"
                rf"{_MONTH}[ \t]*月|{_RELATIVE_YEAR}[ \t]*{_MONTH}[ \t]*月)"
                r"(?![0-9一二三四五六七八九十]|[ \t]*(?:龄|大|余|多|内|后|前|以上|以来|左右|来|[日号]))",
                0.7,
            ),
            # Added after blind batch 10: the later months of a list ("2023年4月、5月、6月"), and a two-digit year in
            # a record's date and time ("急救病历：23.3.18 19:05").
            Pattern("month in a list", r"(?<=月、)(?:0?[1-9]|1[0-2])[ \t]*月(?![0-9龄大余多内后前])", 0.7),
            Pattern(
                "short numeric date",
                r"(?<![0-9.])[0-9]{2}(?P<sep2>[-/.])(?:0?[1-9]|1[0-2])(?P=sep2)(?:0?[1-9]|[12][0-9]|3[01])"
                r"(?=[ \t]*[0-2]?[0-9][:：][0-5][0-9])",
                0.8,
            ),
            # Lunar dates and holidays that fix a day ("腊月二十三", "正月初五", "端午节", "情人节", "除夕").
            Pattern(
                "lunar date",
                r"(?:农历|阴历)?(?:正月|腊月|冬月|(?:二|三|四|五|六|七|八|九|十)月)(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|"
                r"二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)",
                0.85,
            ),
            Pattern(
                "holiday",
                rf"(?:(?:{_YEAR}[ \t]*年|{_RELATIVE_YEAR})[ \t]*)?"
                # a holiday's full name is a date wherever it stands ("六一儿童节来", "春节期间") ...
                r"(?:(?:除夕|元旦|情人节|端午节|中秋节|国庆节|清明节|重阳节|元宵节|七夕节|腊八节|平安夜|圣诞节|春节|跨年夜|"
                r"五一劳动节|六一儿童节|劳动节|儿童节|母亲节|父亲节|冬至|夏至)(?:假期|长假|小长假)?|"
                # ... a short one that is also a word or a given name (国庆, 清明) needs 假期 or what follows a date
                r"(?:端午|中秋|国庆|清明|重阳|元宵|七夕|腊八|圣诞|五一|六一|(?<=[（(]|[ \t]|^)过年)"
                r"(?:(?:假期|长假|小长假)|(?=那天|当天|前后|前|后|期间|那几天|那阵子|那段|时|的时候|之前|之后|"
                r"[，。,；;！!？?）)\s]|$)))",
                0.7,
            ),
            # Added after blind batch 7: a season or the turn of a year with its year ("去年夏天", "2021年秋天").
            Pattern(
                "year and season",
                rf"(?:{_YEAR}[ \t]*年|{_RELATIVE_YEAR})[ \t]*"
                r"(?:春天|夏天|秋天|冬天|春季|夏季|秋季|冬季|年初|年中|年底|年末|上半年|下半年)",
                0.75,
            ),
            # A weekday that points at one day: said relative to now ("下周二", "上周五") or next to a date
            # ("3月4号 周一", "2024年4月9日（星期二）"), and since batch 11 a bare weekday too ("血透室交班 周五下午班",
            # "下次上门还是周四吗": it names one day of a week, and the English recognizers remove weekdays as well);
            # not a weekly schedule ("每周三", "周一至周五", "一周三次", "隔周二").
            Pattern(
                "weekday",
                r"(?:(?<![每一两二三几数半各逢至到隔双单、~－-])(?:上上|下下|上|下|这|本)?|"
                r"(?<=[0-9日号][ \t]*[（(]?[ \t]*))"
                rf"{_WEEKDAY}"
                r"(?![ \t]*(?:至|到|~|－|-|、|和|或|次|个|年|十|内|末|期|岁|周))",
                0.65,
            ),
            # Added after batch 11: "上个月18号", "6月初", "接收日期：24.3.12", "今年清明上坟后".
            Pattern(
                "relative month and day",
                r"(?:上上?个?月|下个?月|这个?月|本月)[ \t]*(?:3[01]|[12][0-9]|0?[1-9])[ \t]*(?:号|日)",
                0.75,
            ),
            Pattern("month part", r"(?<![0-9])(?:1[0-2]|0?[1-9])[ \t]*月(?:初|上旬|中旬|下旬|底|末)", 0.7),
            Pattern(
                "two-digit-year date after a label",
                r"(?<=(?:日期|时间|于|记录|交接班|交班)[：:]?[ \t]*)[0-9]{2}\.(?:0?[1-9]|1[0-2])\."
                r"(?:0?[1-9]|[12][0-9]|3[01])(?![0-9.])",
                0.75,
            ),
            Pattern(
                "holiday with its year",
                rf"{_RELATIVE_YEAR}[ \t]*(?:端午|中秋|国庆|清明|重阳|元宵|七夕|腊八|五一|六一|春节|元旦|除夕)",
                0.75,
            ),
            Pattern("weekday after a date", r"(?<=[0-9日号][ \t]*[（(])[一二三四五六日](?=[）)])", 0.7),
            # Day/month/year and Minguo numeric dates ("24/05/2024", "12/6/2024", "113/03/15"), a range's second
            # day ("2024.06.18-06.19") and month-day before a time ("11-12 10:00").
            Pattern(
                "d/m/y",
                r"(?<![0-9./])(?:3[01]|[12][0-9]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])/(?:19|20)[0-9]{2}(?![0-9])|"
                r"(?<![0-9./])1[01][0-9]/(?:0?[1-9]|1[0-2])/(?:3[01]|[12][0-9]|0?[1-9])(?![0-9./])",
                0.85,
            ),
            Pattern(
                "range end",
                r"(?<=(?:1[89]|20)[0-9]{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])"
                r"[ \t]*[-~～至到][ \t]*)"
                r"(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])",
                0.8,
            ),
            # Added after blind batch 8: a record's m/d or m.d heading ("产科复诊 5/28：", "10/08夜班") and an
            # English day-month-year in Chinese text ("Adm: 02-Sep-2024").
            Pattern(
                "m/d heading",
                r"(?:(?<![0-9./])(?:1[0-2]|0?[1-9])/|(?<=^|[ \t\n])(?:1[0-2]|0?[1-9])\.)"
                r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9./])(?=[ \t]*[：:]|夜班|白班|早班|中班)",
                0.7,
            ),
            Pattern(
                "d-Mon-y",
                r"(?<![0-9A-Za-z])(?:3[01]|[12][0-9]|0?[1-9])[- ]"
                r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}[- ](?:19|20)?[0-9]{2}(?![0-9])",
                0.85,
            ),
            Pattern(
                "month-day before a time",
                r"(?<![0-9./-])(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12][0-9]|3[01])(?=[ \t]+[0-2]?[0-9]:[0-5][0-9])",
                0.75,
            ),
            # Day/month and month.day with a date's frame: "本周五(9/13)", "于 2/17 在", "日期：7.16", "3.4号前".
            Pattern(
                "m/d with a frame",
                r"(?:(?<=[（(]|(?<![小大等高低多少位属对由关])于[ \t]?|在[ \t]?|周[一二三四五六日天][ \t]?|"
                r"星期[一二三四五六日天][ \t]?|日期[：:][ \t]?)"
                r"(?:1[0-2]|0?[1-9])[/.](?:3[01]|[12][0-9]|0?[1-9])(?![0-9/.])"
                r"(?![ \t]*(?:片|粒|支|袋|mg|g|ml|的|%|厘米|毫米|cm|mm|mmol|度|kg|公斤|个|次))|"
                r"(?<![0-9./])(?:1[0-2]|0?[1-9])[/.](?:3[01]|[12][0-9]|0?[1-9])[日号])",
                0.75,
            ),
            # A day of the month alone: "化疗是9号吧", "9号那天"; not "3号床", "9号楼", "3号窗口".
            Pattern(
                "day alone",
                r"(?<![0-9.月年第]|(?:窗口|床|楼|室|诊室|房间|柜台|队)[：:]?[ \t]?)(?:3[01]|[12][0-9]|[1-9])[ \t]*号"
                r"(?=吧|吗|呢|那天|当天|前|之前|上午|下午|晚上|早上|复诊|[，。,；;？?！!]|$)",
                0.7,
            ),
            Pattern(
                "English month and day",
                r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]+"
                r"(?:3[01]|[12][0-9]|0?[1-9])\b",
                0.8,
            ),
        ],
        "ChineseDateRecognizer",
        priority=2,
        adjust=_valid_numeric,
        quick=(
            r"月|[0-9]{4}[-/.]|[0-9][/.][0-9]|号|节|除夕|元旦|七夕|腊八|平安夜|[A-Z][a-z]{2}|周|星期|礼拜|年|冬至|夏至|"
            r"[0-9]-[0-9]|[（(][一二三四五六日][）)]|五一|六一|假期|过年|春节|国庆|中秋|端午|跨年|农历|阴历|"
            r"[0-9][/.][0-9]"
        ),
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
