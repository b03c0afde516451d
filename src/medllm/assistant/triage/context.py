"""Whether a finding is happening now: negation, the past, general questions and resolution.

A NegEx-style check (Chapman et al., *J Biomed Inform* 2001): a trigger word shortly before a
finding, within its clause, negates it, unless the trigger is a pseudo-negation ("not sure", "不知道").
The same machinery marks findings in the past ("3 years ago", "既往"), in general or hypothetical
questions ("signs of a stroke", "如果有人抽搐"), and findings said to have resolved or to be
long-standing, which lower a rule's level by one instead of removing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medllm.assistant.language import has_han

_SENTENCE_END = re.compile(r"[.!?。！？;；\n]+|\s-\s")
_CLAUSE_BREAK = re.compile(
    r"[,，、:：()（）\[\]]|\b(?:but|however|although|though|except|whereas|yet|instead|now|then|so)\b|"
    r"\band (?=(?:my|his|her|their|i|he|she|it|the|now|then|also|we|they|this|there)\b)|"
    r"但是|但|可是|不过|然而|只是|就是|而是|现在|然后|结果"
)

# --- negation ------------------------------------------------------------------------------------
_NEG_EN = re.compile(
    r"\b(?:no|not|never|without|denies|denied|deny|negative for|free of|absence of|ruled out|nor|neither|none|"
    r"no sign of|no signs of|no evidence of|no history of|no more|lack of|nothing like)\b"
)
_PSEUDO_NEG_EN = re.compile(
    r"\b(?:not (?:sure|certain|only|just|know|knowing|clear|normal|right|like|usual|acting|himself|herself|myself|"
    r"themselves|stop\w*|getting better|improving|better|going away|helping|working|responding|waking|moving|"
    r"eating|drinking|feeding|able)|no (?:doubt|relief|improvement|response|idea|change|better|longer able)|"
    r"do not know|does not know|did not know|cannot tell|whether or not|if not|not a doctor|no one|nobody|"
    r"no matter|no time|no choice|not have any (?:medication|medicine|inhaler|epipen))\b"
)
_NEG_ZH = re.compile(r"(?:没有|没|無|无|未|不|否认|并不|从不|从没|从来没有?|不再|已经不|并没有|也没有|都没有|不会|别|并未|毫无)")
_PSEUDO_NEG_ZH = re.compile(
    r"(?:不动|不醒|不上|不过|不出|不住|不清|不开|不起|不下|不进|不来|不见|不到|不稳|不利索|不听使唤|不省人事|不知道|不确定|不清楚|不晓得|不懂|不会是|是不是|会不会|有没有|不知|不明白|说不定|不一定|不会吧|不要|不然|"
    r"不得不|不断|不停|不止|不行|不了|没想到|没办法|没法|受不了|止不住|不舒服|无法|不能|不敢|不好|不对劲|不对|"
    r"别叫|别让|别说|别跟|别告诉|别给|不用|不需要|不必|不想去|不想打|不算|没事吧|不准|不许|不注意|没注意|没看住|不小心|没留意|没看见|没想|没法子)"
)

# --- the past ------------------------------------------------------------------------------------
_PAST_EN = re.compile(
    r"\b(?:(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|couple of|"
    r"couple) )?(?:weeks?|months?|years?|yrs?|decades?) ago|(?:well )?controlled|under control|in remission|"
    r"seizure[- ]free|last (?:week|month|year|summer|winter|spring|fall|autumn|"
    r"christmas|time)|(?:in|since|back in|during) (?:19|20)\d\d|history of|hx of|previous(?:ly)?|prior|"
    r"in the past|used to|years back|as a (?:child|kid|teen|teenager|baby)|when (?:i|he|she) was \d+|when (?:i|he|she) was (?:young|little|"
    r"younger|a (?:kid|child|teenager|baby|teen))|childhood|back then|once before|survived|survivor|"
    r"recovered from|recovering from|after (?:my|his|her|their) (?:stroke|heart attack|seizure|surgery|accident|"
    r"overdose|tia)|since (?:my|his|her|their) (?:stroke|heart attack|accident|overdose|tia)|died (?:of|from|by|"
    r"after|because)|passed away|lost (?:my|his|her) \w+ to|family history|runs in (?:my|the|our) family|"
    r"(?:my|his|her) (?:mom|mum|mother|dad|father|grand\w*|brother|sister|uncle|aunt|parents?|cousin) "
    r"(?:had|has had|died|passed)|(?:at|am i at|increase\w*|raise\w*|lower\w*|reduce\w*) (?:higher |high |greater )?"
    r"risk|hereditary|genetic|years later|both had|both died|all had|in (?:their|his|her) (?:late |early |mid )?\d0s|had (?:a|an|my|his|her) (?:\w+ )?(?:stroke|heart attack|seizure|"
    r"overdose|tia|anaphylactic reaction) (?:in|when|at|as|back|before|once|twice|years|months))\b"
)
_PAST_ZH = re.compile(
    r"(?:(?:\d+|[一二两三四五六七八九十几半]+)(?:多)?(?:年|个月|月|个星期|星期|周)(?:多)?(?:以)?前|去年|前年|早年|以前|之前|曾经|"
    r"既往|病史|得过|患过|犯过|发作过|做过|小时候|年轻时|那年|那次|后遗症|康复|恢复期|(?:19|20)\d\d年|上个?月|"
    r"上个?星期|上周|死于|去世|离世|过世|走的|家族史|生(?:孩子|宝宝|小孩|老大|老二)的时候|当时|那时候?|那会儿|放了?支架|搭了?桥|\d+岁(?:时|的时候|那年|就)|高中|大学的时候|遗传|风险|几率|概率|中过|梗过|抽过|晕过|过敏过|肿过|[^，。]过一次)"
)
_CURRENT_EN = re.compile(
    r"\b(?:right now|currently|today|tonight|this (?:morning|afternoon|evening)|just now|just|(?:\d+|few|couple of|"
    r"ten|twenty|thirty) (?:minutes?|mins?|hours?|hrs?) ago|again|at the moment|still|started|starting|suddenly|"
    r"is having|are having|am having|happening|is happening|keeps|now)\b"
)
_CURRENT_ZH = re.compile(r"(?:现在|刚才|刚刚|正在|此刻|今天|今早|今晚|突然|又|再次|还在|一直在|分钟前|小时前|半小时|这会儿|马上)")

# --- general and hypothetical questions ----------------------------------------------------------
_KNOWLEDGE_BEFORE_EN = re.compile(
    r"\b(?:signs?|symptoms?|warning signs?|indications?|causes?|cause|risks?|risk factors?|treatment|treatments|"
    r"treat|treated|treating|cure|manage|management|prevent\w*|recogni[sz]e|recogni[sz]ing|identify|tell if|know if|"
    r"spot|difference between|differentiate|distinguish|what is|what's|what are|what happens|define|definition|"
    r"explain|mean|means|happens (?:when|if|during|in)|happen (?:when|if|in)|first aid (?:for|when|if)|"
    r"how (?:long|common|likely|often|do you|does one|to)|prognosis|survival|statistics|rates?|chances? of|"
    r"likely to|dose|dosage|normal|respond to|handle|deal with|help (?:someone|somebody|a person) (?:with|"
    r"having)|emergency (?:plan|kit)|kit|course|training|learn|article|book|research|studies|study|rate of|"
    r"types? of|kinds? of|sign of|common|after-?effects?|aftermath|recovery from|rehab\w*|vs\.?|versus|"
    r"can (?:you|one|people|a person|someone) (?:die|survive)|aspirin (?:for|during|in)|(?:for|in|during) case of|"
    r"mimic|during|in case of|between|at what|how high|what (?:is|counts as) (?:a|an)|recover\w* from|(?:know|learn|read|questions?|info\w*|tell me|more|worried) about|"
    r"(?:helps?|good|used|useful|works?|effective) (?:for|during|in|with|after))\b"
)
_PERSONAL_SIGNS_EN = re.compile(
    r"\b(?:i|he|she|we|they|my \w+|(?:my|his|her) \w+ (?:has|is)) (?:have|has|had|am having|is having|are having|"
    r"show\w*|experienc\w*|got|get|gets|display\w*|think i have|think (?:he|she) has)(?: all)?(?: the| some| many| "
    r"classic| textbook)? (?:signs?|symptoms?|warning signs?)\b"
)
_HYPOTHETICAL_EN = re.compile(
    r"\b(?:if|in case|suppose|supposing|what if|whenever|should|when) (?:someone|somebody|anyone|a person|"
    r"people|you|one|an adult|an? (?:child|baby|kid|toddler|patient|friend|family member|man|woman|elderly person|"
    r"adult|diner|athlete|runner)|i ever|he ever|she ever|"
    r"they ever|my (?:child|baby|kid|son|daughter|husband|wife|partner|friend|mom|mum|dad|mother|father|"
    r"grand\w*|toddler) ever|it ever)\b|"
    r"\b(?:if|when|in case) (?:my|a|our) \w+(?: \w+){0,3} (?:has|have|gets|get|starts|is having)\b(?=[^.!?]*\b(?:at (?:my|the|a|"
    r"our) (?:party|house|school|wedding)|while|on (?:the |a |our )?(?:trip|holiday|hike|flight|plane)|in the future|"
    r"someday|one day|ever|again|at school|at work|next time)\b)|"
    r"\b(?:someone|somebody|anyone|a person|people|patients?) (?:who is |who are |who has |who have |with |having |"
    r"suffering )|\bfirst aid\b|\b(?:in the event of|in an emergency|god forbid|hypothetically)\b|"
    r"\b(?:can|could|does|do|will|would|is|are) (?:a |an )?(?:person|people|someone|anyone|kids|children|babies|"
    r"adults)\b|\bhow (?:would|do|can|should) (?:i|you|we|one) (?:know|tell|recogni[sz]e|spot|help|treat|handle)\b"
)
_KNOWLEDGE_ZH = re.compile(
    r"(?:什么是|何为|关于|预防|识别|判断|区分|鉴别|如何|怎么样|怎样|哪些|有什么|是什么|为什么|多久|多长时间|常见|原因|"
    r"症状|征兆|先兆|前兆|表现|病因|危险因素|治疗|急救|处理|诊断|区别|几率|概率|风险|科普|知识|课程|培训|剂量|多少|"
    r"最多|上限|一般|正常|平时|备用|备着|以防|万一|如果|假如|假设|要是|倘若|若是|一旦|遇到|碰到|发现有人|有人|引起|导致|造成|"
    r"会不会引起|容易)"
)
_KNOWLEDGE_AFTER_ZH = re.compile(
    r"^[^，。！？,.!?]{0,4}?(?:的)?(?:症状|征兆|前兆|先兆|表现|原因|病因|危险因素|治疗|急救|处理|预防|诊断|区别|后遗症|概率|风险|是什么|"
    r"有哪些|有什么|怎么(?:治|预防|处理|急救|识别|判断|区分)|如何|能活|能治|会遗传|患者|病人|的?时候|一般|多久|要多久|能好|的人|"
    r"时(?:还|能|可以|该|要|应该|怎么|用))"
)
_KNOWLEDGE_AFTER_EN = re.compile(
    r"^(?:\W+\w+){0,2}?\W+(?:symptoms|signs|warning signs|risk|risks|risk factors|prevention|awareness|rates?|"
    r"statistics|survivors?|patients?|victims?|recovery|rehab\w*|first aid|kit|medication for|drugs?|hotline)\b"
)

# --- resolution and duration -------------------------------------------------------------------------
_RESOLVED_EN = re.compile(
    r"\b(?:(?:playing|acting|behaving|eating|feeding) (?:fine|normally|happily|as usual|well)|went away|gone away|"
    r"(?:pain|it|that|symptoms?|swelling|numbness|weakness|bleeding) (?:is|are|has|have) (?:all )?gone|has resolved|"
    r"resolved|has stopped|have stopped|"
    r"stopped|subsided|settled|disappeared|passed|cleared up|(?:is|am|feel|feels|seems|looks) (?:fine|okay|ok|"
    r"normal|better|alright) now|back to normal|no longer|eased off|came back to normal|recovered|(?:feel|feels|feeling|"
    r"seems|seem) (?:totally |completely )?(?:fine|okay|ok|normal|well)|playing and laughing|playing happily|laughing "
    r"and playing)\b"
)
_RESOLVED_ZH = re.compile(
    r"(?:玩得很好|精神很好|能吃能玩|跟平时一样|一切正常|(?:已经|现在|目前|后来|过了一会儿?|休息后|然后|自己)[^，。！？]{0,4}"
    r"(?:好了|没事了|缓解了|消失了|停了|不(?:痛|疼)了|恢复|醒了|正常了)|缓解了|消失了|止住了|恢复正常了|醒过来了|自行缓解)"
)
_CHRONIC_EN = re.compile(
    r"\b(?:for (?:the )?(?:past |last )?(?:\d+|two|three|four|five|six|several|many|a few|few|couple of|couple) "
    r"(?:weeks|months|years)|for (?:weeks|months|years|ages|a long time)|since (?:i was|childhood|birth)|chronic|"
    r"always|on and off|every (?:day|morning|night|time)|sometimes|occasionally|whenever i|when i (?:exercise|run|"
    r"climb|walk|work out|lie down|bend)|after (?:exercise|running|climbing|walking|a workout|working out)|"
    r"for years|comes and goes|come and go|every now and then|after (?:the )?(?:gym|bench press\w*|lifting|"
    r"workout|push-?ups|weight training|training|a game)|muscles? (?:is |are |feel |feels )?(?:sore|tender|aching))\b"
)
_CHRONIC_ZH = re.compile(
    r"(?:(?:好几|几|[一二两三四五六七八九十\d]+)(?:个)?(?:星期|周|个月|月|年)(?:了|多|来)|一直都|长期|慢性|老毛病|经常|偶尔|时不时|有时候?|"
    r"每次|每天|每到|(?:一|每次)(?:爬楼|运动|走路|活动|干活)(?:就)?|健身后|锻炼后|打球后|肌肉|反反复复|反复发作)"
)


@dataclass(frozen=True)
class MatchContext:
    """What the words around one finding say about it."""

    negated: bool = False
    past: bool = False
    general: bool = False
    resolved: bool = False
    chronic: bool = False

    @property
    def current(self) -> bool:
        """Whether the finding is present now in someone the message is about."""
        return not (self.negated or self.past or self.general)


def _bounds(text: str, start: int, end: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    left = 0
    for m in breaks.finditer(text, 0, start):
        left = m.end()
    right_match = breaks.search(text, end)
    return left, right_match.start() if right_match else len(text)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``."""
    return _bounds(text, start, end, _SENTENCE_END)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: the sentence, cut at commas and conjunctions."""
    s_left, s_right = sentence_bounds(text, start, end)
    left, right = s_left, s_right
    for m in _CLAUSE_BREAK.finditer(text, s_left, start):
        if m.end() <= start:
            left = m.end()
    after = _CLAUSE_BREAK.search(text, end, s_right)
    if after:
        right = after.start()
    return left, right


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _negated(text: str, start: int, end: int, zh: bool) -> bool:
    left, _ = clause_bounds(text, start, end)
    before = text[left:start]
    if zh:
        window = _blank(_PSEUDO_NEG_ZH, before)[-6:]
        return _NEG_ZH.search(window) is not None
    words = _blank(_PSEUDO_NEG_EN, before).split()[-6:]
    return _NEG_EN.search(" ".join(words)) is not None


def _past(text: str, start: int, end: int, zh: bool) -> bool:
    c_left, c_right = clause_bounds(text, start, end)
    s_left, s_right = sentence_bounds(text, start, end)
    clause, sentence = text[c_left:c_right], text[s_left:s_right]
    past, current = (_PAST_ZH, _CURRENT_ZH) if zh else (_PAST_EN, _CURRENT_EN)
    if current.search(clause):
        return False
    if past.search(clause):
        return True
    # A cue elsewhere in the sentence counts when nothing in the sentence says "now".
    return past.search(sentence) is not None and current.search(sentence) is None


_QUESTION_EN = re.compile(
    r"^\W*(?:(?:at|in|for|with|from|by|on|and|so|but|also|ok|okay|quick question|question)\W+)?"
    r"(?:what|how|why|which|when|where|is|are|can|could|does|do|should|would|will|may|might|who)\b|"
    r"^\W*(?:if|when|in case|suppose|supposing)\b[^?]*\?\s*$"
)
_PERSONAL_EN = re.compile(
    r"\b(?:i|me|my|mine|we|us|our|he|him|his|she|her|they|them|their|this|these|it|its)\b"
)
_QUESTION_END_ZH = re.compile(
    r"(?:吗|呢|么|？|\?|是什么|有哪些|有什么区别|什么区别|怎么处理|如何处理|怎么办|多少度|多久|怎么治|如何治疗)\s*$"
)
_PERSONAL_ZH = re.compile(r"(?:我|他|她|孩子|宝宝|妈|爸|老公|老婆|儿子|女儿|家人|朋友|爷|奶|这|人家|室友|同事|宝贝|娃|了)")


def _general_question(sentence: str, full: str, end: int, zh: bool) -> bool:
    """A question with nobody in it ("what causes a stroke?") asks about the topic, not about a person."""
    if zh:
        tail = full[end : end + 40]
        asks = _QUESTION_END_ZH.search(sentence) or tail.lstrip().startswith(("?", "？"))
        return bool(asks) and _PERSONAL_ZH.search(sentence) is None
    return _QUESTION_EN.search(sentence) is not None and _PERSONAL_EN.search(sentence) is None


_HYPOTHETICAL_ZH = re.compile(r"(?:如果|假如|假设|万一|要是|倘若|若是|一旦|遇到有人|碰到有人|发现有人|有人(?:突然)?)")
_NOW_ZH = re.compile(r"(?:现在|正在|刚才|刚刚|此刻|这会儿|我(?:爸|妈|家|老公|老婆|孩子|儿子|女儿))")


# Intent (suicide, self-harm) said days ago still counts; only a long-past episode is history.
_LONG_PAST_EN = re.compile(
    r"\b(?:(?:\d+|a|one|two|three|four|five|several|many|few|couple of) years? ago|years ago|when (?:i|he|she) was "
    r"(?:\d+|young|little|a (?:kid|teen|teenager|child))|as a (?:teen|teenager|kid|child)|in (?:high school|college|"
    r"university|my teens|my twenties)|history of|used to|in the past|recovered|clean for|\d+ years clean)\b"
)
_LONG_PAST_ZH = re.compile(r"(?:(?:\d+|[一二两三四五六七八九十几好]+)年(?:前|了)|好几年|高中|初中|大学的时候|小时候|年轻时|以前有过|曾经|病史|已经好了)")


# "hypothetically, if someone took 40 pills ... and that someone is me": the question is personal after all.
_SELF_DISCLOSED = re.compile(
    r"\b(?:that|the|this) (?:someone|person|friend|somebody) (?:is|was) (?:actually |really )?me\b|"
    r"\basking for (?:myself|me)\b|\bit is (?:actually |really )?me\b|那个人(?:就是|是)我|其实是我|就是我自己"
)


def _long_past(text: str, start: int, end: int, zh: bool) -> bool:
    s_left, s_right = sentence_bounds(text, start, end)
    sentence = text[s_left:s_right]
    return (_LONG_PAST_ZH if zh else _LONG_PAST_EN).search(sentence) is not None


def _general(text: str, start: int, end: int, zh: bool) -> bool:
    if _SELF_DISCLOSED.search(text):
        return False
    s_left, s_right = sentence_bounds(text, start, end)
    before, after = text[s_left:start], text[end:s_right]
    if _general_question(text[s_left:s_right], text, s_right, zh):
        return True
    if zh:
        if _KNOWLEDGE_AFTER_ZH.search(after):
            return True
        if _HYPOTHETICAL_ZH.search(before) and not _NOW_ZH.search(text[s_left:s_right]):
            return True
        window = before[-12:]
        return _KNOWLEDGE_ZH.search(window) is not None and _CURRENT_ZH.search(text[s_left:s_right]) is None
    if _PERSONAL_SIGNS_EN.search(before[-60:]):
        return False
    words = " ".join(before.split()[-8:])
    owned = re.search(r"\b(?:have|has|had|having|got|get|experiencing|showing)\W+(?:\w+\W+)?$", before) is not None
    if _KNOWLEDGE_BEFORE_EN.search(words) or (_KNOWLEDGE_AFTER_EN.search(after) and not owned):
        return True
    sentence = text[s_left:s_right]
    hypothetical = _HYPOTHETICAL_EN.search(sentence)
    return hypothetical is not None and hypothetical.start() < start - s_left and _CURRENT_EN.search(sentence) is None


# For intent (suicide, self-harm) a question is no safe harbour: "how many pills would be enough to not wake up?"
# asks for a method. Only talk about the topic itself ("warning signs of suicide") is general.
_TOPIC_EN = re.compile(
    r"\b(?:signs?|warning signs?|risk|risks|rates?|statistics|prevention|prevent\w*|awareness|talk to (?:a|my|our) "
    r"(?:friend|child|kid|teen|son|daughter)|support (?:a|my) (?:friend|child)|help (?:a|my) (?:friend|child|son|daughter)|"
    r"hotline (?:number)? for|article|research|study|book|film|movie|show|lyrics|essay|class|training)\b"
)
_TOPIC_ZH = re.compile(r"(?:征兆|信号|预防|干预|科普|统计|比例|发生率|怎么劝|如何劝|怎么帮助|如何帮助|识别|电影|小说|论文|课程|培训)")


def _general_topic(text: str, start: int, end: int, zh: bool) -> bool:
    s_left, s_right = sentence_bounds(text, start, end)
    sentence = text[s_left:s_right]
    return (_TOPIC_ZH if zh else _TOPIC_EN).search(sentence) is not None


def match_context(text: str, start: int, end: int, *, intent: bool = False) -> MatchContext:
    """The context of the finding at ``text[start:end]`` (normalised text).

    Args:
        text: the normalised message.
        start: where the finding starts.
        end: where it ends.
        intent: the finding is an intent (suicide, self-harm): only talk about the topic makes it general.
    """
    zh = has_han(text[start:end])
    s_left, s_right = sentence_bounds(text, start, end)
    sentence = text[s_left:s_right]
    after = text[end : min(len(text), s_right + 80)]
    resolved = (_RESOLVED_ZH if zh else _RESOLVED_EN).search(after) is not None
    chronic = (_CHRONIC_ZH if zh else _CHRONIC_EN).search(sentence) is not None
    return MatchContext(
        negated=_negated(text, start, end, zh),
        past=(_long_past(text, start, end, zh) if intent else _past(text, start, end, zh)),
        general=_general_topic(text, start, end, zh) if intent else _general(text, start, end, zh),
        resolved=resolved,
        chronic=chronic,
    )
