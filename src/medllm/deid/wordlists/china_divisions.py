"""China's administrative divisions below the province, for finding Chinese place names without a unit.

Source: ``adcodes.csv`` of the ``cpca`` package (PyPI, MIT; 3,511 divisions with their GB/T 2260
codes), read from the installed package as data: medllm never imports cpca (its import loads pandas).
jieba's part-of-speech tags miss many of these ("大连" is tagged an adverb, "金华" a proper noun, "延吉"
a person), so a list is the reliable signal.

Each division gives its full name ("金华市", "龙岗区", "恩施土家族苗族自治州") and, where it has one,
a short name without the unit or the ethnic groups ("金华", "龙岗", "恩施"). Levels follow the code:
``prefecture`` (地级: cities, 地区, 自治州, 盟) and ``county`` (县级: districts, counties,
county-level cities, 旗). Provinces are left out: like US states they may stay.

Short names are ordinary words more often than full names ("公安", "合作", "平安" are counties), so
:mod:`medllm.deid.zh.places` uses a prefecture's short name on its own only when jieba cuts it as a word
and it is not in :data:`COMMON_WORD_PREFECTURES`, and a county's short name only next to another place.
"""

from __future__ import annotations

import csv
import functools
from typing import NamedTuple

import regex as re

from medllm.deid.wordlists.common import tokens

_UNITS = (
    "特别行政区", "自治州", "自治县", "自治旗", "地区", "林区", "新区", "矿区", "市", "区", "县", "旗", "盟", "州",
)  # fmt: skip
# China's 56 recognised ethnic groups (names as in autonomous divisions' names), and 各族.
_ETHNIC_GROUPS = (
    "土家|苗|回|藏|维吾尔|蒙古|壮|朝鲜|满|侗|瑶|白|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|"
    "达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|"
    "鄂伦春|赫哲|门巴|珞巴|基诺|布依|彝|汉|各"
)
_ETHNIC_TAIL = re.compile(rf"(?:(?:{_ETHNIC_GROUPS})族)+$")

# Prefecture short names that are everyday words: "来宾" (guests), "开封" (to open), "大同" (great
# harmony), "日照" (sunshine), "长治" (as in 长治久安), "黄山" (the mountain), "北海" (the park), "阿里"
# (the company), "中山" (Sun Yat-sen, in countless road and university names), "吉林" (also the
# province), "东方" ("the East"), "安康" (good health), "普洱" (the tea), "朝阳" (the rising sun).
COMMON_WORD_PREFECTURES: frozenset[str] = frozenset(
    tokens("来宾 开封 大同 日照 长治 黄山 北海 阿里 白山 中山 吉林 东方 安康 安顺 中卫 玉树 普洱 怒江 朝阳 白银")
)

# Large foreign cities written in Chinese: places smaller than a country, so identifiers too.
FOREIGN_CITIES: frozenset[str] = frozenset(
    tokens(
        """
多伦多 温哥华 蒙特利尔 纽约 洛杉矶 旧金山 西雅图 芝加哥 波士顿 休斯顿 华盛顿 费城 拉斯维加斯 檀香山 伦敦 曼彻斯特
伯明翰 爱丁堡 巴黎 柏林 慕尼黑 法兰克福 汉堡 罗马 米兰 马德里 巴塞罗那 阿姆斯特丹 布鲁塞尔 维也纳 苏黎世 日内瓦
莫斯科 圣彼得堡 东京 大阪 京都 横滨 名古屋 首尔 釜山 曼谷 清迈 河内 胡志明市 吉隆坡 雅加达 马尼拉 新德里 孟买
迪拜 悉尼 墨尔本 布里斯班 珀斯 奥克兰 惠灵顿 开普敦 约翰内斯堡 开罗 圣保罗 里约热内卢 布宜诺斯艾利斯 墨西哥城
"""
    )
)


class Division(NamedTuple):
    """One division: its name as written and its level (``prefecture`` or ``county``)."""

    name: str
    level: str
    short: bool


def short_name(full: str) -> str | None:
    """``full`` without its unit and ethnic groups, if two or more characters remain and it differs."""
    name = full
    for unit in _UNITS:
        if name.endswith(unit) and len(name) - len(unit) >= 2:
            name = name[: -len(unit)]
            break
    bare = _ETHNIC_TAIL.sub("", name)
    if len(bare) >= 2:
        name = bare
    return name if name != full and len(name) >= 2 else None


@functools.cache
def divisions() -> dict[str, Division]:
    """Every full and short name, mapped to its division; empty without the ``cpca`` package.

    A name shared by divisions of both levels keeps the prefecture ("吉林"); a short name equal to a
    full name of another division keeps the full name's reading.
    """
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = distribution("cpca").locate_file("cpca/resources/adcodes.csv")
    except PackageNotFoundError:
        return {}
    out: dict[str, Division] = {}
    with open(path, encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
        for row in csv.DictReader(handle):
            code, full = row["adcode"], row["name"].strip()
            if len(code) < 6 or code[2:6] == "0000" or not full:
                continue  # a province, or a malformed row
            level = "prefecture" if code[4:6] == "00" else "county"
            for name, short in ((full, False), (short_name(full), True)):
                if not name:
                    continue
                known = out.get(name)
                if known is None or (known.level == "county" and level == "prefecture") or (known.short and not short):
                    out[name] = Division(name, level, short)
    return out
