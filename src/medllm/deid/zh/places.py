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
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from medllm.deid.entities import LOCATION
from medllm.deid.wordlists.chinese import LARGE_PLACES_ZH, PROVINCES
from medllm.deid.zh.nlp import ChineseArtifacts, dictionary_flag

_SUFFIX = (
    "特别行政区|自治区|自治州|自治县|地区|街道|社区|新村|小区|大厦|大道|大街|胡同|花园|公寓|广场|开发区|工业园|"
    "省|市|州|盟|区|县|旗|镇|乡|村|路|街|巷|弄|里|苑|屯|庄"
)
# Characters a component's name may hold: Han characters and letters, not particles or pronouns.
_STOP = "的了是在也就还又很已我你他她它们这那被到说因于附近最旁边之间"
_BODY = rf"(?:(?![{_STOP}])[\p{{Han}}A-Za-z])"
_NUMBER = r"(?:[0-9０-９]+(?:[-－][0-9０-９]+)*|[一二三四五六七八九十百零〇]+)"
_NUMBER_PART = rf"(?:{_NUMBER}[ \t]*(?:号楼|号院|号|栋|幢|单元|楼|层|室|房|户|组|弄|排|座)|[A-Za-z][ \t]*座)"
_COMPONENT = rf"(?:{_BODY}{{1,10}}(?:{_SUFFIX})|{_NUMBER_PART})"
_ADDRESS = re.compile(rf"(?:{_COMPONENT})+(?:[ \t]*(?<![0-9])[0-9]{{6}}(?![0-9]))?")
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
            if len(parts) >= 2 or kind == "cue":
                spans[(start, m.end())] = 0.85
        # A lone place in jieba's dictionary (a city, a district), not a province, country or region;
        # places jieba's HMM guesses are too often pieces of transliterated drug names ("美托", "洛尔").
        for word in nlp_artifacts.words:
            if (
                word.flag == "ns"
                and len(word.text) >= 2
                and word.text not in LARGE_PLACES_ZH
                and dictionary_flag(word.text) == "ns"
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
        return [
            RecognizerResult(
                LOCATION,
                start,
                end,
                score,
                analysis_explanation=AnalysisExplanation(self.name, score, textual_explanation="Chinese address"),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for (start, end), score in sorted(spans.items())
        ]
