"""What a message is about and what it leaves out: the follow-up step of the assistant.

DISC-MedLLM's consultations show the two scenarios: a person describing their own (or a
dependant's) symptoms, who should be asked what a clinician asks first before any advice, and a
knowledge question ("what causes gout?"), which is answered directly. This module tells them apart
and lists the missing details, by patterns, in English and Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A symptom, in plain words. Kept broad: a false "symptom" only costs a follow-up question.
_SYMPTOM_EN = re.compile(
    r"\b(?:pain\w*|ache\w*|aching|hurt\w*|sore\w*|fever\w*|temperature|cough\w*|rash\w*|itch\w*|swell\w*|swollen|"
    r"bleed\w*|blood|dizz\w*|nause\w*|vomit\w*|throw\w* up|diarrh\w*|constipat\w*|headache\w*|migraine\w*|tired|"
    r"fatigue\w*|exhausted|lump\w*|numb\w*|tingl\w*|burn\w*|cramp\w*|insomnia|can'?t sleep|cannot sleep|anxious|"
    r"anxiety|depress\w*|short of breath|breathless\w*|wheez\w*|chest|palpitation\w*|discharge|spots?|acne|"
    r"bump\w*|bruis\w*|stiff\w*|weak\w*|faint\w*|runny nose|congest\w*|sneez\w*|sick|unwell|ill|infection|"
    r"pee\w*|urinat\w*|period\w*|bloat\w*|gas|heartburn|reflux|symptoms?|feel\w* (?:bad|awful|off|weird|strange))\b"
)
_SYMPTOM_ZH = re.compile(
    r"(?:疼|痛|痒|咳|发烧|发热|低烧|高烧|头晕|恶心|吐|拉肚子|腹泻|便秘|肿|麻|疹|出血|流血|失眠|睡不着|乏力|没劲|累|"
    r"不舒服|难受|胸闷|心慌|气短|喘|鼻塞|流鼻涕|打喷嚏|嗓子|喉咙|月经|尿|拉稀|胀|酸|晕|出汗|盗汗|焦虑|抑郁|症状|包块|结节)"
)
_PERSONAL_EN = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|we|our|us)\b|\b(?:he|she|his|her|they|their) (?:has|have|had|is|keeps|"
    r"feels|gets|got)\b"
)
_PERSONAL_ZH = re.compile(r"(?:我|俺|咱|孩子|宝宝|儿子|女儿|老公|老婆|爸|妈|爷|奶|家人|他|她)")
_KNOWLEDGE_EN = re.compile(
    r"^\W*(?:what|how|why|which|is|are|can|could|does|do|should|when|who|explain|tell me|describe|list|define)\b|"
    r"\b(?:what (?:is|are|causes)|how (?:does|do|is|are|long|common)|difference between|symptoms of|signs of|"
    r"causes of|treatment (?:of|for)|tell me about)\b"
)
_KNOWLEDGE_ZH = re.compile(r"(?:什么是|是什么|有哪些|有什么|为什么|怎么回事|如何|怎样|区别|原因|科普|介绍一下)")
_ASKS_TREATMENT_EN = re.compile(
    r"\b(?:what (?:can|should) i take|can i take|should i take|medicine|medication|drug|pill|tablet|dose|dosage|"
    r"treat\w*|cure|remed\w*|antibiotic\w*|ibuprofen|paracetamol|acetaminophen|aspirin|cream|ointment)\b"
)
_ASKS_TREATMENT_ZH = re.compile(
    r"(?:吃什么药|用什么药|什么药|能吃|能用|药|治疗|怎么治|偏方|剂量|吃多少|抗生素|布洛芬|对乙酰氨基酚|药膏)"
)
_PELVIC_EN = re.compile(
    r"\b(?:abdom\w*|belly|stomach|tummy|pelvi\w*|period\w*|bleed\w*|pee\w*|urinat\w*|vagina\w*|nause\w*)\b"
)
_PELVIC_ZH = re.compile(r"(?:肚子|腹|小腹|月经|例假|阴道|出血|尿|恶心|乳房)")
_MALE_OR_CHILD_EN = re.compile(
    r"\b(?:my (?:son|husband|dad|father|brother|boyfriend|grandfather|grandpa|baby|toddler)|i am a man|"
    r"i'm a man|\d+ ?m\b|male|he|his|him)\b"
)
_MALE_OR_CHILD_ZH = re.compile(r"(?:儿子|老公|爸|爷|哥|弟|男|宝宝|婴儿|他)")

_TREATMENT_QUESTION = re.compile(
    r"\b(?:what|which|can|could|should|may|is it ok to|is it safe to)\b[^.?!]{0,20}\b(?:take|use|have|give)\b|"
    r"\bwhat (?:medicine|medication|pills?|tablets?|drugs?)\b|(?:吃什么药|用什么药|能吃|能用|可以吃|可以用)"
)

# What a clinician asks first, and how to tell it was already said.
_SLOTS_EN: dict[str, re.Pattern[str]] = {
    "onset": re.compile(
        r"\b(?:since|for (?:the )?(?:past |last )?(?:\d+|a|an|one|two|three|four|five|six|several|few|couple of|many) "
        r"(?:minutes?|hours?|days?|weeks?|months?|years?)|\d+ ?(?:minutes?|hours?|days?|weeks?|months?|years?)|ago|"
        r"yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week|month)|started|began|"
        r"suddenly|all of a sudden|on and off|chronic|recently|for ages|for a while|lately)\b"
    ),
    "severity": re.compile(
        r"\b(?:mild\w*|moderate\w*|severe\w*|slight\w*|bad|terrible|unbearable|excruciating|\d+ ?/ ?10|\d+ out of 10|"
        r"a little|a bit|very|really|extremely|worst|sharp|dull|throbbing|constant|intermittent|comes and goes|"
        r"can'?t (?:work|sleep|walk)|cannot (?:work|sleep|walk)|keeps me up)\b"
    ),
    "age": re.compile(
        r"\b\d{1,3} ?(?:years?|yrs?|y/?o|months?|weeks?|days?)[ -]?(?:old)?\b|\b(?:i am|i'm|im|age|aged) \d{1,3}\b|"
        r"\b\d{1,2} ?[mf]\b|\b(?:baby|infant|toddler|newborn|teen\w*|elderly|pensioner|in (?:my|his|her) \d0s)\b"
    ),
    "medicines": re.compile(
        r"\b(?:taking|take|took|taken|on (?:\w+ )?(?:medication|meds|tablets|pills)|medication\w*|medicine\w*|meds|"
        r"pills?|tablets?|no (?:other )?(?:meds|medication|medicines)|not on any|prescri\w*|ibuprofen|paracetamol|"
        r"acetaminophen|aspirin|antibiotic\w*|inhaler|insulin|\w+ ?\d+ ?mg)\b"
    ),
    "allergies": re.compile(r"\b(?:allerg\w*|nkda|no known allergies)\b"),
    "pregnancy": re.compile(
        r"\b(?:pregnan\w*|breastfeed\w*|breast-?feed\w*|nursing|trimester|postpartum|menopaus\w*)\b"
    ),
    "history": re.compile(
        r"\b(?:history of|diagnosed|conditions?|diabet\w*|asthma\w*|high blood pressure|hypertension|heart (?:disease|"
        r"condition)|surgery|operation|(?:otherwise )?(?:fit and )?healthy|otherwise well|no (?:medical )?(?:history|"
        r"problems|conditions))\b"
    ),
}
_SLOTS_ZH: dict[str, re.Pattern[str]] = {
    "onset": re.compile(
        r"(?:\d+|[一二两三四五六七八九十几半]+)\s*(?:个)?(?:天|周|星期|月|年|小时|分钟)|昨天|今天|前天|最近|刚才|刚刚|开始|以来|突然|一直|好久|很久|这几天|早上|晚上"
    ),
    "severity": re.compile(
        r"(?:轻微|有点|有些|厉害|剧烈|严重|受不了|隐隐|一阵一阵|持续|很|非常|特别|\d+分|睡不着觉|影响)"
    ),
    "age": re.compile(
        r"(?:\d+\s*岁|[一二两三四五六七八九十]+岁|岁的|宝宝|婴儿|老人|\d+后|(?:男|女)[，,]?\s*\d+|\d+个月)"
    ),
    "medicines": re.compile(r"(?:吃了|吃过|服用|在吃|用了|用过|药|没吃药|没用药|打针|输液)"),
    "allergies": re.compile(r"(?:过敏)"),
    "pregnancy": re.compile(r"(?:怀孕|孕|哺乳|喂奶|备孕|绝经)"),
    "history": re.compile(
        r"(?:病史|以前|既往|糖尿病|高血压|哮喘|心脏病|手术|身体(?:一直)?(?:很|挺)?(?:好|健康)|没有?(?:别的|其他)?(?:毛病|病))"
    ),
}

QUESTIONS = {
    "en": {
        "onset": "When did this start, and is it getting better, worse or staying the same?",
        "severity": "How bad is it (0 to 10), and does it stop you from doing your usual things?",
        "age": "How old is the person with these symptoms?",
        "medicines": "Are you taking any medicines, including over-the-counter ones or supplements?",
        "allergies": "Do you have any allergies to medicines?",
        "pregnancy": "Could you be pregnant, or are you breastfeeding?",
        "history": "Do you have any long-term conditions, such as diabetes, heart or lung disease?",
    },
    "zh": {
        "onset": "这种情况是什么时候开始的？是在好转、加重还是没有变化？",
        "severity": "有多严重（0到10分打几分）？影响日常生活吗？",
        "age": "出现症状的人多大年纪？",
        "medicines": "目前在用什么药吗（包括非处方药和保健品）？",
        "allergies": "有没有药物过敏？",
        "pregnancy": "有没有可能怀孕，或者正在哺乳？",
        "history": "有没有慢性病（比如糖尿病、心脏病或肺病）？",
    },
}
MAX_QUESTIONS = 3


@dataclass(frozen=True)
class Intake:
    """What the user's turns say: the scenario and the details a clinician would still need."""

    scenario: str  # "symptoms" (own or a dependant's), "knowledge" or "other"
    missing: tuple[str, ...] = ()
    questions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needs_followup(self) -> bool:
        return bool(self.questions)


def _scenario(text: str, zh: bool) -> str:
    symptom = (_SYMPTOM_ZH if zh else _SYMPTOM_EN).search(text) is not None
    personal = (_PERSONAL_ZH if zh else _PERSONAL_EN).search(text) is not None
    if symptom and personal:
        return "symptoms"
    if (_KNOWLEDGE_ZH if zh else _KNOWLEDGE_EN).search(text) or text.rstrip().endswith(("?", "？")):
        return "knowledge"
    return "symptoms" if symptom else "other"


def assess(user_turns: list[str], language: str) -> Intake:
    """Decide the scenario of a conversation's user turns and which first questions are still open.

    A symptom description is underspecified when two of onset, severity and age are missing, or when
    it asks what to take and medicines, allergies or (where it could apply) pregnancy are unknown.
    At most :data:`MAX_QUESTIONS` questions are asked, most important first.

    Args:
        user_turns: the user's messages so far, oldest first.
        language: ``en`` or ``zh``, the language of the questions.

    Returns:
        The scenario, the missing details and the questions to ask (empty when nothing is missing).
    """
    text = "\n".join(user_turns).lower()
    zh = language == "zh"
    scenario = _scenario(user_turns[-1].lower() if user_turns else "", zh)
    if scenario == "knowledge" and len(user_turns) > 1 and _scenario(text, zh) == "symptoms":
        scenario = "symptoms"  # a question that follows a description of symptoms is still about them
    if scenario != "symptoms":
        return Intake(scenario)
    slots = _SLOTS_ZH if zh else _SLOTS_EN
    # "what can I take?" asks for a medicine; it does not say which ones are already taken.
    said = _TREATMENT_QUESTION.sub(" ", text)
    missing = [name for name, pattern in slots.items() if not pattern.search(said)]
    core = [s for s in ("onset", "severity", "age") if s in missing]
    asks_treatment = (_ASKS_TREATMENT_ZH if zh else _ASKS_TREATMENT_EN).search(text) is not None
    pregnancy_relevant = (_PELVIC_ZH if zh else _PELVIC_EN).search(text) is not None or asks_treatment
    if (_MALE_OR_CHILD_ZH if zh else _MALE_OR_CHILD_EN).search(text):
        pregnancy_relevant = False
    wanted: list[str] = []
    if len(core) >= 2:
        wanted.extend(core)
    if asks_treatment:
        wanted.extend(s for s in ("medicines", "allergies") if s in missing)
    if pregnancy_relevant and "pregnancy" in missing and (len(core) >= 2 or asks_treatment):
        wanted.append("pregnancy")
    ordered = [s for s in ("onset", "severity", "age", "medicines", "allergies", "pregnancy") if s in wanted]
    chosen = ordered[:MAX_QUESTIONS]
    return Intake("symptoms", tuple(missing), tuple(QUESTIONS["zh" if zh else "en"][s] for s in chosen))
