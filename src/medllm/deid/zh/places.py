"""Chinese addresses and places smaller than a province (Safe Harbor B).

An address is a run of components, each ending in an administrative or street unit (省, 市, 区, 县,
镇, 乡, 村, 路, 街, 巷, 弄 ...) or a number with its unit (88号, 3栋, 2单元, 502室, B座), optionally
followed by a six-digit postcode: "北京市朝阳区建国路88号", "杭州市西湖区文三路259号3单元502室".
It starts at a place jieba tags as such (``ns``), at a province name, or right after an address
cue (住址, 地址, 家住, 住在, 现住, 籍贯 ...), and the whole run is replaced, province included (a
province on its own stays: it is a state-sized unit). A lone place that jieba tags ``ns`` and that is
not a province, a country or a larger region is replaced too ("我在杭州上班").

A component's characters never include particles or pronouns (的, 了, 在, 我 ...), so an address
stops where the sentence goes on ("住在朝阳区附近的医院" gives 朝阳区).
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import LOCATION
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists.china_divisions import COMMON_WORD_PREFECTURES, FOREIGN_CITIES, divisions
from medllm.deid.wordlists.chinese import LARGE_PLACES_ZH, PROVINCES
from medllm.deid.wordlists.common import tokens
from medllm.deid.zh.names import is_han
from medllm.deid.zh.nlp import ChineseArtifacts, Word, dictionary_flag

_SUFFIX = (
    "特别行政区|自治区|自治州|自治县|地区|街道|社区|新村|小区|大厦|大道|大街|胡同|花园|公寓|广场|开发区|工业园|"
    # estates, campuses and a shop's branch named by its road ("新华联家园", "东亭花苑", "上坊新城", "长乐西路店")
    "家园|花苑|新城|家属院|宿舍|校区|路店|街店|"
    "苏木|嘎查|省|市|州|盟|区|县|旗|镇|乡|村|路|街|巷|弄|里|苑|屯|庄"
)
_UNIT_IN = re.compile(rf"(?:{_SUFFIX})")
# Characters a component's name may hold: Han characters and letters, not particles or pronouns.
_STOP = "的了是在也就还又很已我你他她它们这那被到说因于附近最旁边之间住址去送往至给把"
_BODY = rf"(?:(?![{_STOP}])[\p{{Han}}A-Za-z])"
_NUMBER = r"(?:[0-9０-９]+(?:[-－][0-9０-９]+)*|[一二三四五六七八九十百零〇]+)"
# Traditional forms too (號, 樓, 棟, 層, 門) and lanes and doors ("188巷23號4樓", "8栋2门", "第5座18樓D室"; blind
# batch 14).
_NUMBER_PART = (
    rf"(?:第?[甲乙丙丁A-Za-z]?{_NUMBER}[ \t]*(?:号楼|號樓|号院|號院|号|號|栋|棟|幢|单元|單元|楼|樓|层|層|室|房|"
    rf"户|戶|组|組|弄|排|座|段|巷|门|門)|[A-Za-z][ \t]*(?:座|室)|附{_NUMBER}[号號])"
)
_COMPONENT = rf"(?:{_BODY}{{1,10}}(?:{_SUFFIX})|{_NUMBER_PART})"
# A room number written bare after the building or unit: "5栋502", "3单元502", "B座1708", "131号6-3".
_ROOM = (
    r"(?:(?<=[号號栋棟幢元座楼樓])[0-9]{1,5}(?:[-－][0-9]{1,4})?(?![0-9])|"
    # building-flat after an estate's name: "湖滨花园18-201", "东亭花苑5-302", "鸿博小区3-2-601"
    r"(?<=[园苑区城院舍])[0-9]{1,3}(?:[-－][0-9]{1,4}){1,2}(?![0-9]))"
)
_ADDRESS = re.compile(rf"(?:{_COMPONENT})+{_ROOM}?(?:[ \t]*(?<![0-9])[0-9]{{6}}(?![0-9]))?")
# A named estate, road or building followed by a number part is an address with no cue: "保利花园7栋1单元".
_NAMED_NUMBERED = re.compile(
    rf"{_BODY}{{2,10}}(?:小区|花园|公寓|大厦|家园|新村|广场|大道|大街|胡同|路|街|巷|弄|里|苑|条|村|屯|庄|园|湾|坊|城)"
    r"[ \t]*"
    rf"(?:{_NUMBER_PART})+{_ROOM}?"
)
# A flat or room number alone: "我们是1502室".
_ROOM_ALONE = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{1,3}(?:栋|幢|号楼)[ \t]*)?[0-9]{3,5}[ \t]*(?:室|房间?)(?!间)")
# Health facilities: a name ending in 医院, 卫生院 ... ("浙江大学医学院附属第二医院", "中山一院", "天河区疾控").
_FACILITY = re.compile(
    r"(?:总医院|医院|卫生院|卫生室|卫生服务中心|卫生服务站|保健院|康复院|护理院|护理站|养老院|敬老院|疗养院|疾控中心|疾控|"
    r"诊所|门诊部|院区|小学|中学|幼儿园|(?<=\p{Han})[一二三四五六七八九]院|"
    # named centres of care ("中山大学肿瘤防治中心", "上海儿童医学中心", "省妇幼生殖中心", "上海市精神卫生中心")
    r"(?:医学|医疗|肿瘤防治|生殖|精神卫生|体检|透析|康复|急救|血液|诊疗|心血管病|癌症|妇幼|儿童医学)中心|"
    # added after blind batch 7: schools, universities, employers and shops, care homes, labs, a service's branch
    r"大学|学院|实验学校|国际学校|学校|[一二三四五六七八九]中|有限公司|公司|集团|工厂|厂|修车铺|项目部|颐养院|护老院|"
    # (a pharmacy chain's name alone, "益丰大药房", is no place, like "CVS": its branch is, "（白云区京溪店）")
    r"检验所|卫生所|中医馆|医馆|药局|医保中心|分站|分部|科学园区|工业园区|"
    # added after blind batch 8: police, courts and assessors, mines, shops and restaurants, parks, airports
    r"派出所|公安分局|公安局|人民法院|司法鉴定所|鉴定所|鞋业|煤矿|酒楼|面包坊|菜市场|公园|机场|科技园|热力站|"
    r"消防救援站|疗护中心|保健中心|护老院|高中|"
    # added after blind batch 10: assessors and committees, disease-control institutes, police branches, theme parks
    r"鉴定中心|鉴定委员会|(?:村民|居民)委员会|防治所|防治院|分局|欢乐世界|游乐园|乐园|动物园|游乐场)"
)
# Suffixes that make an organisation of any name before them that is not generic ("北滘医院", "腾跃网络科技
# 有限公司", "育才中学"), even when jieba tags none of its words a proper noun.
_NAMED_BY_SUFFIX = frozenset(
    tokens(
        "医院 中学 小学 高中 有限公司 公司 集团 厂 派出所 公安分局 人民法院 司法鉴定所 鉴定所 鞋业 煤矿 酒楼 面包坊 "
        "菜市场 公园 机场 科技园 热力站 消防救援站 疗护中心 保健中心 护老院 卫生服务中心 养老院 颐养院 鉴定中心 "
        "防治所 防治院 分局 欢乐世界 游乐园 乐园 动物园"
    )
)
# Words of a facility's name that say what kind it is, not which one ("儿童医院", "网络科技有限公司").
_KIND_WORDS = frozenset(
    tokens(
        "儿童 妇幼 妇女 肿瘤 精神 精神卫生 中医 中西医 结合 人民 口腔 眼科 骨科 传染病 胸科 康复 妇产 儿科 心血管 肛肠 "
        "皮肤病 男科 整形 美容 专科 综合 三甲 二甲 公立 私立 民营 附属 第一 第二 第三 医科 职业病 防治 中心 网络 科技 "
        "信息 建筑 物流 电子 实验 国际 外国语 贸易 发展 服务 管理 工程 技术 股份 实业 医疗 健康 卫生 社区 街道 "
        "当地 本地 附近 一家 这家 那家 某 大 小 好 新 老 县 市 省 区 镇 乡 村 城 我们 你们 他们 公共 私人 农贸 "
        "中心 第 人民 军队 部队 武警 铁路 矿务局 职工"
    )
)
# Hospitals named by their level and number: "第二人民医院", "省立医院", "省人民医院", "市中医院".
_RANKED_HOSPITAL = re.compile(
    r"(?:(?<!\p{Han})(?:省立|省|市立)|第[一二三四五六七八九十]+)(?:人民医院|中医院|中医医院|医院|妇幼保健院)"
)
# Well-known hospitals called by their short names in messages ("去协和查了", "在邵逸夫做的肠镜", "约在积水潭").
_HOSPITAL_NICKNAME = re.compile(
    r"(?:在|去|到|转|转到|约的是|挂|住进|来)(?P<name>(?:协和|华西|湘雅|瑞金|仁济|积水潭|天坛|宣武|安贞|阜外|邵逸夫|齐鲁|西京|"
    r"华山|长海|长征|同济|北医三院|中日友好|301)(?:医院)?)(?=[查看做住挂复就的，。,、\s]|$)"
)
# jieba flags a facility's name is made of (nouns, places, organisations, numbers like 第二, 附属), and
# words that are never part of one even when tagged as nouns.
_FACILITY_FLAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl", "m", "b", "j", "zg", "eng"})
_NOT_FACILITY_NAME = frozenset(
    tokens(
        """
患者 家属 病人 出院 入院 住院 门诊 急诊 医生 大夫 报告 费用 机构 地点 单位 转诊 随访 检查 上级 当地 附近 定点
县里 市里 省里 我院 本院 该院 外院 贵院 建议 医保 定点医院 就诊 挂号 预约 复查
"""
    )
)
# Words that make a facility's name generic when they are all it has: "社区医院", "三家医院", "乡卫生院".
_GENERIC_FACILITY_WORDS = frozenset(
    tokens(
        "社区 互联网 定点 专科 综合 私立 公立 民营 正规 这家 那家 一家 两家 三家 几家 好几家 大 小 "
        "乡 镇 县 州 市 省 区 村 普通 高等 职业 西 中"
    )
)
_PARTS = re.compile(_COMPONENT)
_CUES = re.compile(
    r"(?:家庭住址|联系地址|通讯地址|现住址|户籍地址|户籍地|户口所在地|居住地|住址|地址|家住|住在|居住在|居住于|现住|现居|籍贯|来自)"
    r"[：:\s]*"
)
_AFTER_PREPOSITION = re.compile(
    rf"(?:在|到|去了|去|来自|回到|回|从|住|赴|前往|搬到|迁往)(?P<value>{_BODY}{{1,4}}?(?:市|县|区|镇|乡|村|州|旗))"
    r"(?![\p{Han}]{0,1}(?:区|县|市|镇))"
)
# A dictionary place without a unit counts after a preposition, punctuation or a space, not glued
# to other characters ("开美托洛尔": 洛尔 is part of a drug name there).
_PLACE_ENDINGS = ("市", "县", "区", "州", "省", "镇", "乡", "村", "岛", "港", "湾")
_BEFORE_PLACE = frozenset("在到去从回住往自于是和与及、，。；：！？（）“”\"' \t\n,.;:!?()")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)[：:\s]*(?P<value>[0-9]{6})(?![0-9])")


class ChineseAddressRecognizer(LocalRecognizer):
    """Chinese addresses, places smaller than a province, and postcodes."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[LOCATION], name="ChineseAddressRecognizer", supported_language="zh")
        self.priority = 2

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseArtifacts):
            return []
        spans: dict[tuple[int, int], float] = {}
        anchors: dict[int, str] = {}
        for word in nlp_artifacts.words:
            if word.flag == "ns" or word.text in PROVINCES:
                anchors.setdefault(word.start, "place")
        for m in _CUES.finditer(text):
            anchors[m.end()] = "cue"
        for start, kind in sorted(anchors.items()):
            m = _ADDRESS.match(text, start)
            if m is None:
                continue
            parts = _PARTS.findall(m.group())
            chunk = m.group().strip()
            if chunk in LARGE_PLACES_ZH:
                continue  # a province or a country alone stays
            # Count units, not components: a greedy component can swallow a unit ("凉山州昭觉县竹核乡").
            if len(parts) >= 2 or len(_UNIT_IN.findall(chunk)) >= 2 or kind == "cue":
                spans[(start, m.end())] = 0.85
        # A lone place in jieba's dictionary (a city, a district), not a province, country or region;
        # places jieba's HMM guesses are too often pieces of transliterated drug names ("美托", "洛尔").
        for word in nlp_artifacts.words:
            if (
                word.flag == "ns"
                and len(word.text) >= 2
                and word.text not in LARGE_PLACES_ZH
                and dictionary_flag(word.text) == "ns"
                # jieba's dictionary tags many ordinary words ns ("海鲜", "绵羊", "大三阳", "中度"): a place
                # must be a known division or city, or carry a unit
                and (
                    word.text in divisions()
                    or word.text in FOREIGN_CITIES
                    or (len(word.text) >= 3 and word.text.endswith(_PLACE_ENDINGS))
                )
                and (word.text.endswith(_PLACE_ENDINGS) or word.start == 0 or text[word.start - 1] in _BEFORE_PLACE)
                and not any(a <= word.start and word.end <= b for a, b in spans)
            ):
                spans[(word.start, word.end)] = 0.6
        # A place named by its unit after a movement or location word: "在娟县上班", "去了瑜市".
        ends = {w.end: w.text for w in nlp_artifacts.words}
        for m in _AFTER_PREPOSITION.finditer(text):
            chunk = m.group("value")
            before = ends.get(m.start("value"))
            if before is None or not text[m.start() : m.start("value")].endswith(before):
                continue  # the preposition is part of a word ("住址北京市", "住院"): not this rule
            flag = dictionary_flag(chunk)
            if (
                chunk not in LARGE_PLACES_ZH
                and flag in (None, "ns")
                and not any(a <= m.start("value") and m.end("value") <= b for a, b in spans)
            ):
                spans[m.span("value")] = 0.7
        for m in _POSTCODE.finditer(text):
            spans[m.span("value")] = 0.9
        for m in _NAMED_NUMBERED.finditer(text):
            spans.setdefault(m.span(), 0.8)
        for m in _ROOM_ALONE.finditer(text):
            spans.setdefault(m.span(), 0.7)
        for span in _gazetteer_places(text, nlp_artifacts.words):
            spans.setdefault(span, 0.75)
        spans = _without_leading_province(text, spans)
        for span in _facilities(text, nlp_artifacts.words):  # a hospital's name keeps its province
            spans.setdefault(span, 0.85)
        for m in _RANKED_HOSPITAL.finditer(text):
            spans.setdefault(m.span(), 0.75)
        for m in _HOSPITAL_NICKNAME.finditer(text):
            spans.setdefault(m.span("name"), 0.75)
        return [
            explained_result(self, LOCATION, start, end, score, "Chinese address")
            for (start, end), score in sorted(spans.items())
        ]


_MAX_DIVISION = 12  # characters in the longest division name kept
_PROPER_FLAGS = frozenset({"ns", "nz", "nr", "nrt"})
# A facility's name holds a proper noun: a place, an organisation, a person ("西京医院", "中南医院").
_PROPER_NAME_FLAGS = frozenset({"ns", "nt", "nz", "nr", "nrt", "nrfg", "j"})


def _gazetteer_places(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """Runs of division names (:mod:`medllm.deid.wordlists.china_divisions`) and large foreign cities.

    A run is one or more names side by side, a province before them included ("湖北恩施", "广州番禺",
    "青岛市南区"). A run stands as a place when it holds two names, a full name of three characters or
    more ("蕉岭县"), a foreign city, a prefecture's short name that jieba cuts as a word of its own and
    that is not an everyday word ("我在金华"), or a county's short name that jieba's dictionary calls a
    place or a proper noun ("义乌", "龙岗"); other county short names are everyday words ("公安", "平安").
    """
    table = divisions()
    starts = {w.start for w in words}
    ends = {w.end for w in words}
    hits: list[tuple[int, int, bool]] = []  # (start, end, stands alone)
    position = 0
    while position < len(text):
        found = None
        for size in range(min(_MAX_DIVISION, len(text) - position), 1, -1):
            chunk = text[position : position + size]
            division = table.get(chunk)
            if chunk in FOREIGN_CITIES:
                found = (position, position + size, position in starts)
            elif chunk in PROVINCES:
                found = (position, position + size, False)
            elif division is not None:
                aligned = position in starts and position + size in ends
                if not division.short:
                    alone = size >= 3 and (position in starts or position + size in ends)
                elif division.level == "prefecture":
                    alone = aligned and chunk not in COMMON_WORD_PREFECTURES
                else:  # a county's short name alone: only one jieba knows as a place or a proper noun ("义乌")
                    # ... after a preposition or punctuation: "哌拉西林" holds 西林, a county in Guangxi.
                    after_boundary = position == 0 or text[position - 1] in _BEFORE_PLACE
                    alone = aligned and after_boundary and dictionary_flag(chunk) in _PROPER_FLAGS
                found = (position, position + size, alone)
            if found:
                break
        if found:
            # A full name may start on the last character of the one before: "青岛市南区" is 青岛市 + 市南区.
            for size in range(min(_MAX_DIVISION, len(text) - found[1] + 1), 2, -1):
                division = table.get(text[found[1] - 1 : found[1] - 1 + size])
                if division is not None and not division.short:
                    found = (found[0], found[1] - 1 + size, True)
                    break
            hits.append(found)
            position = found[1]
        else:
            position += 1
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, bool]] = []
    for hit in [*hits, None]:
        if hit is not None and run and text[run[-1][1] : hit[0]].strip(" \t") == "":
            run.append(hit)
            continue
        if run:
            names = [text[a:b] for a, b, _ in run]
            smaller = [h for h, name in zip(run, names, strict=True) if name not in PROVINCES]
            if smaller and (len(run) >= 2 or smaller[0][2]):
                spans.append((run[0][0], run[-1][1]))
        run = [hit] if hit is not None else []
    return spans


def _facilities(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """Hospitals, clinics and care homes by name: the suffix and the noun-like words before it."""
    spans = []
    for m in _FACILITY.finditer(text):
        index = next((i for i, w in enumerate(words) if w.start <= m.start() < w.end), None)
        if index is None:
            continue
        start = words[index].start
        j = index - 1
        while j >= 0:
            word = words[j]
            bracket = word.text in ("（", "）", "(", ")")
            if word.text in _NOT_FACILITY_NAME or not (bracket or word.flag in _FACILITY_FLAGS):
                break
            start = word.start
            j -= 1
        if start == m.start() and m.group() in _NAMED_BY_SUFFIX:
            # jieba gave the name no noun ("北/滘/医院": f, yg): take up to four characters of one-character
            # words or unknown words before the suffix, never a verb, particle or pronoun
            k = index - 1
            while k >= 0 and m.start() - words[k].start <= 4:
                word = words[k]
                if (
                    not all(is_han(c) for c in word.text)
                    or word.text in _NOT_FACILITY_NAME
                    or word.flag[:1] in ("v", "p", "c", "u", "r", "d", "m", "q", "a")
                ):
                    break
                start = word.start
                j = k - 1
                k -= 1
        while start < m.start() and text[start] in "（）() \t":
            start += 1
        name = text[start : m.start()]
        named = words[j + 1 : index + 1]
        proper = any(w.flag in _PROPER_NAME_FLAGS or w.text in divisions() for w in named) or (
            words[index].flag in _PROPER_NAME_FLAGS and words[index].start < m.start()
        )
        if not proper and not (
            m.group() in _NAMED_BY_SUFFIX
            and len(name) >= 2
            and name not in _KIND_WORDS | _GENERIC_FACILITY_WORDS | _NOT_FACILITY_NAME
            and name[0] not in "所很好多各每几三二一这那某该本此其全"
            and not any(c in _STOP or c in "时带往级" for c in name)
            # a dictionary word before the suffix names a kind ("宠物医院", "定点医院", "石材厂"); a name is
            # a word the dictionary lacks ("北滘医院") or one it calls a proper noun
            and dictionary_flag(name) in (None, *_PROPER_NAME_FLAGS)
            and not all(c in "".join(_KIND_WORDS) for c in name)
        ):
            continue  # no proper noun before the suffix: "社区医院", "三甲医院", "男科专科医院"
        if len(name) >= 2 or (name and m.group() not in ("医院", "诊所", "门诊部")):
            spans.append((start, m.end()))
    return spans


# The four municipalities are cities as much as provinces: in an address they go with the rest
# ("住址北京市朝阳区建国路88号" -> "住址[LOCATION]"); alone they stay, like a province.
_MUNICIPALITIES = frozenset(("北京市", "北京", "天津市", "天津", "上海市", "上海", "重庆市", "重庆"))
_LEADING_LARGE = sorted(LARGE_PLACES_ZH - _MUNICIPALITIES, key=len, reverse=True)


def _without_leading_province(text: str, spans: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each span without a province or country it opens with ("河北省保定市竞秀区" -> 保定市竞秀区): like a US
    state in an English address, a province may stay (Safe Harbor (B)); what follows it may not. A
    municipality (北京, 上海, 天津, 重庆) is kept in the span: it is the city."""
    out: dict[tuple[int, int], float] = {}
    for (start, end), score in spans.items():
        for back in range(1, 5):  # a span that starts inside a province's name ("东省青岛市"): skip the rest of it
            for large in _LEADING_LARGE:
                if (
                    start - back >= 0
                    and text.startswith(large, start - back)
                    and start < start - back + len(large) < end
                ):
                    start = start - back + len(large)
                    break
        moved = True
        while moved:
            moved = False
            for large in _LEADING_LARGE:
                if text.startswith(large, start) and start + len(large) < end:
                    start += len(large)
                    while start < end and text[start] in " \t":
                        start += 1
                    moved = True
                    break
        out[(start, end)] = max(score, out.get((start, end), 0.0))
    return out
