"""Chinese-text names marked by their form or their place in a message rather than by jieba's words.

:mod:`medllm.deid.zh.names` trusts jieba's segmentation after a cue; jieba often cuts a name into
dictionary words ("患者/万国/华", "姓名：/段/国庆"), and then the cue finds nothing. The frames here read
characters instead:

- **a cue, then a surname and one or two given-name characters, then a boundary** ("患者万国华，男",
  "参保人鲁建新（", "12床钱文，", "家属官建平已签字"). A dictionary word is taken only when what follows
  is a record's next field ("，男", "，45岁", two spaces then 性别): "患者高热3天" is a fever, "患者简明，男" a name;
- **the person a message is addressed to or signed by**: "丽丽，你舅舅……", "老周，结果出来了", "——秀梅";
- **姓 + a surname** ("医生好像姓金");
- **names joined by a middle dot** ("阿依古丽·买买提", "艾米丽·陈");
- **names in Latin letters** inside Chinese text: two capitalised words one of which is a known given
  name or surname ("Emily Zhang", "Hunter Li"), or one capitalised word after a cue or before an
  honorific ("Smith医生", "患者May（梅芳华）");
- **a nickname after 叫** ("孩子叫林朵朵", "宝宝叫果果") and a quoted speaker in a group chat ("“小蔡”：");
- **a social-media handle** after 微信号/QQ ("baoding_xiaoyu88"), which names a person as well as a name does.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult

from medllm.deid.entities import NAME
from medllm.deid.patterns import explained_result
from medllm.deid.wordlists.chinese import (
    GIVEN_NAME_CHARS,
    NAME_CUES_BEFORE,
    NOT_NAMES,
    SINGLE_SURNAMES,
    SURNAMES_COMMON_AS_WORDS,
)
from medllm.deid.wordlists.common import tokens
from medllm.deid.zh.names import _AFTER_NAME, _given_ok, drug_word_around, surname_at
from medllm.deid.zh.nlp import ChineseArtifacts, dictionary_flag

_NAME_FLAGS = (None, "nr", "nrfg", "nrt")
_CUE_NAME_FLAGS = (*_NAME_FLAGS, "m", "t", "nz")
# jieba's classes for a one-character word that is not a surname here: verbs, adverbs, prepositions,
# conjunctions, particles, pronouns.
_FUNCTION_FLAGS = frozenset({"v", "d", "p", "c", "u", "uj", "ul", "ud", "uz", "ug", "r", "ad", "vn", "f", "t"})
# Cues the main recognizer lacks: insurance and billing roles, kin with 我, a bed number.
_MORE_CUES = tokens(
    """
参保人 投保人 被保险人 被保人 就诊人 村医 陪护 申请人 代领人 翻译陪同 翻译 家长 开方医生 处方医生 转诊医生 主诊医生
我爸 我妈 我弟 我哥 我姐 我妹 我公公 我婆婆 我岳父 我岳母 我舅舅 我姑姑 我叔叔 我阿姨
"""
)
_CUE = re.compile(
    "(?:"
    + "|".join(re.escape(c) for c in sorted({*NAME_CUES_BEFORE, *_MORE_CUES}, key=len, reverse=True))
    + r"|\d+床)[：:　 \t]*"
)
# What may follow a name in a record or a message: punctuation, a space, a sex, an age, a bracket.
_BOUNDARY = re.compile(r"(?:$|[，,。.；;：:、！!？?（(\s　\d]|[男女](?![人士孩生]))")
# A record's next field: only this lets a dictionary word after a cue be a name ("患者简明，男").
_NEXT_FIELD = re.compile(r"(?:[，,\s　]+(?:[男女]|\d+岁|性别|年龄)|（|\()")
_VOCATIVE = re.compile(r"(?:^|(?<=[\n】」』]))[ \t]*(?P<name>\p{Han}{2,3})[，,]")
_SIGNATURE = re.compile(r"(?:[。！!])[ \t]*(?P<name>\p{Han}{2,3})[ \t。!！]*$")
# A dash before the last words signs the message: any two to four characters there are a name ("——春花").
_DASH_SIGNATURE = re.compile(r"(?:——|—|--)[ \t]*(?P<name>\p{Han}{2,4})[ \t。!！]*$")
_SURNAME_SAID = re.compile(r"(?<![贵您])姓(?P<name>\p{Han})(?![名别氏])")
_DOTTED = re.compile(r"\p{Han}{1,6}[·•・]\p{Han}{1,6}")
_LATIN_PAIR = re.compile(
    r"(?<![A-Za-z@.])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}(?![A-Za-z@])"
)
_LATIN_ONE = re.compile(r"(?<![A-Za-z@.])(?P<name>[A-Z][a-z]{2,})(?![A-Za-z@])")
_LATIN_CUE_BEFORE = re.compile(r"(?:患者|姓名|参保人|就诊人|尊敬的|发件人|收件人|联系人|家属|医生|护士)[：:　 \t]*$")
_LATIN_AFTER = re.compile(r"[ \t]*(?:医生|先生|女士|小姐|教授|护士|老师|（\p{Han}|\(\p{Han})")
_EPONYM_AFTER = re.compile(r"[ \t'’s-]*(?:型|综合征|综合症|病|氏|症|征|syndrome|disease|sign|test)", re.IGNORECASE)
_CALLED = re.compile(
    r"(?:孩子|宝宝|儿子|女儿|娃|宝贝|闺女|小名|乳名|大名|名字)(?:叫|是)(?P<name>\p{Han}{2,3})(?=[，,。.！!？?；;、）)\s]|$)"
)
_QUOTED_SPEAKER = re.compile(r"[“\"](?P<name>\p{Han}{2,3})[”\"][：:]")
_HANDLE = re.compile(
    r"(?:微信号?|WeChat|wechat|QQ号?|小红书号?|抖音号?|用户名)[：:\s]*(?:是[ \t]*)?"
    r"(?P<name>[A-Za-z][A-Za-z0-9_\-.]{3,})"
)
# Words that open a message as a greeting or a kin term, not a name ("妈，", "老婆，", "医生，").
_NOT_ADDRESSEE = frozenset(
    tokens(
        """
爸爸 妈妈 老公 老婆 宝贝 亲爱的 医生 大夫 护士 老师 您好 你好 大家 各位 家人 哥哥 姐姐 弟弟 妹妹 儿子 女儿 朋友 同志
爷爷 奶奶 外公 外婆 姥姥 姥爷 老板 领导 主任 师傅 小姐 先生 女士 宝宝 孩子 老人 今天 明天 昨天 现在 刚才 请问 谢谢
"""
    )
)


class ChineseMarkedNameRecognizer(LocalRecognizer):
    """Chinese-text names found by character frames (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[NAME], name="ChineseMarkedNameRecognizer", supported_language="zh")
        self.priority = 3

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseArtifacts):
            return []
        found: dict[tuple[int, int], tuple[float, str]] = {}

        def add(start: int, end: int, score: float, why: str) -> None:
            if end <= start or text[start:end] in NOT_NAMES or drug_word_around(text, start, end):
                return
            if found.get((start, end), (0.0, ""))[0] < score:
                found[(start, end)] = (score, why)

        function_words = {w.start for w in nlp_artifacts.words if len(w.text) == 1 and w.flag in _FUNCTION_FLAGS}
        for m in _CUE.finditer(text):
            if m.end() in function_words and not _NEXT_FIELD.search(text, m.end(), m.end() + 6):
                continue  # "患者有明显……", "病人都会……", "患者于昨日……": a verb or adverb, not a surname
            span = _name_after_cue(text, m.end())
            if span:
                add(*span, 0.85, f"after {m.group().strip()}")
        for pattern, why in ((_VOCATIVE, "the person addressed"), (_SIGNATURE, "the signature")):
            for m in pattern.finditer(text):
                if _addressee(m.group("name")):
                    add(*m.span("name"), 0.7, why)
        for m in _DASH_SIGNATURE.finditer(text):
            if m.group("name") not in _NOT_ADDRESSEE and m.group("name")[0] not in "祝谢您你我请":
                add(*m.span("name"), 0.8, "signed after a dash")
        for m in _SURNAME_SAID.finditer(text):
            if m.group("name") in SINGLE_SURNAMES:
                add(*m.span("name"), 0.85, "姓 + surname")
        for m in _DOTTED.finditer(text):
            add(*m.span(), 0.85, "names joined by a middle dot")
        for m in _LATIN_PAIR.finditer(text):
            if _EPONYM_AFTER.match(text, m.end()):
                continue  # "Ferguson Smith型", "Stevens Johnson综合征": a disease named after people
            if _known_latin(m.group().split()):
                add(*m.span(), 0.85, "a name in Latin letters")
        for m in _LATIN_ONE.finditer(text):
            if _LATIN_CUE_BEFORE.search(text, 0, m.start()) or _LATIN_AFTER.match(text, m.end()):
                add(*m.span("name"), 0.8, "a name in Latin letters with a cue")
        for pattern, why in ((_CALLED, "after 叫"), (_QUOTED_SPEAKER, "a quoted speaker"), (_HANDLE, "a handle")):
            for m in pattern.finditer(text):
                add(*m.span("name"), 0.8, why)
        return [explained_result(self, NAME, a, b, score, why) for (a, b), (score, why) in sorted(found.items())]


def _name_after_cue(text: str, p: int) -> tuple[int, int] | None:
    """A surname at ``p`` and one or two given-name characters ending at a boundary (module docstring)."""
    n = surname_at(text, p) if p < len(text) else 0
    if n == 0:
        return None
    for size in (2, 1):
        end = p + n + size
        if end > len(text) or not _cue_given_ok(text[p + n : end]):
            continue
        if not (_BOUNDARY.match(text, end) or _AFTER_NAME.match(text, end)):
            continue
        if _NEXT_FIELD.match(text, end):
            return p, end
        # After a cue jieba's numeral and time readings are names too ("朋友许成推荐", "女儿明明今年五岁").
        if dictionary_flag(text[p:end]) in _CUE_NAME_FLAGS and text[p] not in SURNAMES_COMMON_AS_WORDS:
            return p, end
    return None


# After a cue a given name may hold characters that running text needs to exclude: numerals and time
# words are common in names ("王一诺", "兰秋月", "蓝天佑", "于海洋"); particles, pronouns and verbs are not.
_CUE_NOT_GIVEN = frozenset(
    "的了是在和与及也都就还又很已经等因于有被从到说讲问答称诉述自无未不没把将让给向对为或而但却其该此这那"
    "我你他她它们吗呢吧啊哦呀嗯哈想要去来叫觉感病住做吃看找陪推帮跟得患男女岁个次位名例"
)


def _cue_given_ok(given: str) -> bool:
    """A given name after a cue: one or two Chinese characters, none of :data:`_CUE_NOT_GIVEN`."""
    return 0 < len(given) <= 2 and all("\u3400" <= c <= "\u9fff" and c not in _CUE_NOT_GIVEN for c in given)


def _addressee(name: str) -> bool:
    """Whether a message's first or last word is a person's name or nickname, not a greeting or kin term."""
    if name in _NOT_ADDRESSEE or name in NOT_NAMES or name[0] in "祝谢您你我请" or name.endswith(("宝宝", "孩子")):
        return False
    if name[0] in "阿小" and len(name) == 2 and name[1] not in "孩朋伙姐哥弟妹宝时心儿":
        return True
    if name[0] == "老" and len(name) == 2 and name[1] in SINGLE_SURNAMES:
        return True
    if len(name) == 2 and name[0] == name[1]:
        return dictionary_flag(name) in (*_NAME_FLAGS, "nz", "a", "i")
    if surname_at(name, 0) and _given_ok(name[surname_at(name, 0) :]) and dictionary_flag(name) in _NAME_FLAGS:
        return True
    return len(name) == 2 and any(c in GIVEN_NAME_CHARS for c in name) and dictionary_flag(name) in _NAME_FLAGS


def _known_latin(words: list[str]) -> bool:
    from medllm.deid.wordlists.names import first_names, surnames

    given, family = first_names(), surnames()
    return any(w.lower() in given or w.lower() in family for w in words)
