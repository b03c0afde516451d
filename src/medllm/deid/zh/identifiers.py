"""Chinese numbers that identify: phones, resident ID numbers, record, insurance and account numbers, plates.

- Mobile numbers: 11 digits starting 13-19, with an optional +86 and spaces or dashes in 3-4-4
  groups ("138 1234 5678"); landlines with an area code ("010-12345678", "(0571)8765 4321") or a
  phone label (电话, 座机, 固话, 联系方式 ...); 400/800 service numbers. A number after 传真 is a fax.
- Resident identity card numbers (居民身份证号码, GB 11643-1999): 18 characters, a birth date inside
  (YYYYMMDD) and an ISO 7064 MOD 11-2 check digit, which is verified: without a label only a
  number whose check digit holds is taken; after a label (身份证, 证件号) any 18- or 15-digit number is.
- Labelled numbers: medical record (病历号, 病案号, 住院号, 门诊号, 就诊卡号, ID号 ...), health insurance
  (医保卡号, 社保卡号, 参保号 ...), bank and other accounts (银行卡号, 账号, QQ号, 微信号 ...), licences
  and certificates (驾驶证号, 护照号, 执业证号 ...) and devices (设备编号, 序列号 ...).
- Licence plates: a province abbreviation, a letter and five or six letters or digits ("京A12345",
  "粤B·D12345", "青K-04925").
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import (
    ACCOUNT,
    DEVICE_ID,
    FAX,
    HEALTH_PLAN_ID,
    LICENSE,
    MRN,
    NATIONAL_ID,
    PHONE,
    VEHICLE_ID,
)
from medllm.deid.patterns import CASE, ClinicalPatternRecognizer
from medllm.deid.wordlists.chinese import PROVINCE_ABBREVIATIONS

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def resident_id_valid(number: str) -> bool:
    """True when an 18-character resident ID number's last character is its ISO 7064 MOD 11-2 check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def _checksum(text: str, start: int, end: int) -> tuple[int, int] | None:
    return (start, end) if resident_id_valid(text[start:end]) else None


# A separator between a label and its value: a colon, "是"/"为"/"号码", spaces.
_SEP = r"[ \t]*(?:号码|号)?[ \t]*(?:[：:]|是|为|:|发你|发给你|给你)?[ \t]*"
_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"


def _labelled(label: str, value: str) -> str:
    return rf"(?:{label}){_SEP}(?P<value>{value})"


def _phone_or_fax(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 12) : start]
    fax, phone = before.rfind("传真"), max(before.rfind("电话"), before.rfind("手机"))
    return FAX if fax > phone else PHONE


def _phone_recognizers() -> list[EntityRecognizer]:
    mobile = rf"{_NOT_DIGIT_BEFORE}(?:\+?86[ \t-]?)?1[3-9][0-9](?:[ \t-]?[0-9]{{4}}){{2}}{_NOT_DIGIT_AFTER}"
    landline = (
        rf"{_NOT_DIGIT_BEFORE}(?:\(0[0-9]{{2,3}}\)|（0[0-9]{{2,3}}）|0[0-9]{{2,3}}[ \t-])[ \t]?"
        rf"[0-9]{{3,4}}[ \t-]?[0-9]{{4}}(?:[ \t-]?(?:转|ext)[ \t]*[0-9]{{1,5}})?{_NOT_DIGIT_AFTER}"
    )
    service = rf"{_NOT_DIGIT_BEFORE}[48]00[ \t-]?[0-9]{{3}}[ \t-]?[0-9]{{4}}{_NOT_DIGIT_AFTER}"
    label = r"电话|手机|手机号|座机|固话|联系方式|联系电话|电话号码|传真|热线|微信电话|拨打|打|致电|WhatsApp"
    labelled = _labelled(label, r"\+?[0-9(（][0-9 \t()（）-]{5,16}[0-9]")
    # Added after blind batch 7: Taiwan numbers ("(02) 2555-0134", "03-455-5612", mobiles "0912-555-301"),
    # masked mobiles ("186****3392") and the last digits of a phone ("手机尾号5521").
    taiwan_landline = (
        rf"{_NOT_DIGIT_BEFORE}(?:\(0[2-9][0-9]?\)|（0[2-9][0-9]?）)[ \t]?[0-9]{{3,4}}[ \t-]?[0-9]{{4}}"
        + _NOT_DIGIT_AFTER
    )
    taiwan_mobile = rf"{_NOT_DIGIT_BEFORE}09[0-9]{{2}}[ \t-]?[0-9]{{3}}[ \t-]?[0-9]{{3}}{_NOT_DIGIT_AFTER}"
    masked = rf"{_NOT_DIGIT_BEFORE}1[3-9][0-9][*＊xX]{{4}}[0-9]{{4}}{_NOT_DIGIT_AFTER}"
    tail = r"(?<=(?:电话|手机|手机号|号码)[ \t]*尾号[ \t]*(?:是|为|[：:])?[ \t]*)[0-9]{4}(?![0-9])"
    # A Hong Kong number (eight digits, 4 + 4) after a relative or a contact word ("兒子 李志強 6555 2871").
    hong_kong = (
        r"(?<=(?:联络|联系|儿子|女儿|母亲|父亲|家人|家属|丈夫|妻子|老公|老婆|太|先生|小姐|WhatsApp|电话|手机)"
        r"[^\n，。；;0-9]{0,8})(?<![0-9])[235679][0-9]{3}[ \t][0-9]{4}(?![0-9])"
    )
    return [
        ClinicalPatternRecognizer(
            PHONE,
            [
                Pattern("mobile", mobile, 0.85),
                Pattern("landline", landline, 0.8),
                Pattern("service number", service, 0.7),
                Pattern("labelled", labelled, 0.85),
                Pattern("Taiwan landline", taiwan_landline, 0.8),
                Pattern("Taiwan mobile", taiwan_mobile, 0.8),
                Pattern("masked mobile", masked, 0.8),
                Pattern("last digits of a phone", tail, 0.8),
                Pattern("Hong Kong number after a contact", hong_kong, 0.75),
            ],
            "ChinesePhoneRecognizer",
            priority=2,
            entity_for=_phone_or_fax,
            quick=r"[0-9]{3}|尾号",
            language="zh",
        )
    ]


def _resident_id_recognizers() -> list[EntityRecognizer]:
    value18 = r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
    label = (
        r"身份证|身份证号|居民身份证|公民身份号码|身份号码|证件号|证件号码|身份证件号|身分证|身分证字号|身分证统一编号|"
        r"统一编号|香港身份证号码|香港身份证|HKID"
    )
    checked = ClinicalPatternRecognizer(
        NATIONAL_ID,
        [Pattern("resident ID with check digit", rf"{_NOT_DIGIT_BEFORE}{value18}{_NOT_DIGIT_AFTER}", 0.95)],
        "ChineseResidentIdRecognizer",
        priority=5,
        adjust=_checksum,
        quick=r"[0-9]{17}",
        language="zh",
    )
    # Added after blind batch 7: Taiwan's national ID (a letter, 1 or 2, eight digits) and Hong Kong's identity
    # card (one or two letters, six digits, a check character in brackets), labelled or with a valid check.
    other = r"[A-Z][12][0-9]{8}|[A-Z]{1,2}[0-9]{6}[(（][0-9A][)）]"
    labelled = ClinicalPatternRecognizer(
        NATIONAL_ID,
        [
            Pattern(
                "labelled resident ID",
                _labelled(label, rf"[0-9]{{17}}[0-9Xx]|[0-9]{{15}}|{other}") + _NOT_DIGIT_AFTER,
                0.9,
            )
        ],
        "ChineseLabelledIdRecognizer",
        priority=5,
        quick=r"[0-9]{15}|[A-Z][12][0-9]{8}|[0-9]{6}[(（]",
        language="zh",
    )
    regional = ClinicalPatternRecognizer(
        NATIONAL_ID,
        [Pattern("Taiwan or Hong Kong ID with check", rf"(?<![A-Za-z0-9])(?:{other})(?![A-Za-z0-9])", 0.85)],
        "TaiwanHongKongIdRecognizer",
        priority=5,
        adjust=_regional_check,
        quick=r"[A-Z][12][0-9]{8}|[0-9]{6}[(（]",
        language="zh",
    )
    return [checked, labelled, regional]


_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # A=10 ... O=35, the Ministry of the Interior's order


def taiwan_id_valid(number: str) -> bool:
    """True when a Taiwan national ID's last digit is its check digit."""
    if len(number) != 10 or number[0] not in _TW_LETTERS or not number[1:].isdigit():
        return False
    code = _TW_LETTERS.index(number[0]) + 10
    digits = [code // 10, code % 10, *map(int, number[1:])]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def hong_kong_id_valid(number: str) -> bool:
    """True when a Hong Kong identity card number's bracketed character is its check character."""
    m = re.fullmatch(r"([A-Z]{1,2})([0-9]{6})[(（]([0-9A])[)）]", number)
    if not m:
        return False
    letters, digits, check = m.groups()
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters]
    total = sum(v * w for v, w in zip(values, (9, 8), strict=False)) + sum(
        int(d) * w for d, w in zip(digits, (7, 6, 5, 4, 3, 2), strict=True)
    )
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


def _regional_check(text: str, start: int, end: int) -> tuple[int, int] | None:
    value = text[start:end]
    return (start, end) if taiwan_id_valid(value) or hong_kong_id_valid(value) else None


# A labelled value: letters, digits and hyphens, or digit groups written with spaces ("6101 1300 5517 28").
_ID_VALUE = (
    r"(?:[0-9]{4}(?:[ \t][0-9]{2,4}){1,5}(?![0-9])|[0-9]{6,}(?:[ \t][0-9]{4,}){1,3}(?![0-9])|"
    r"(?=(?:[A-Za-z-]*[0-9]){3})[A-Za-z0-9][A-Za-z0-9-]{3,29}(?:[(（][0-9A-Z][)）])?" + _NOT_DIGIT_AFTER + ")"
)
_LABELS: dict[str, str] = {
    MRN: (
        r"病历号|病案号|住院号|门诊号|就诊号|就诊卡号|诊疗卡号|住院病历号|病人ID|患者ID|ID号|登记号|检查号|影像号|"
        r"标本号|条码号|床号?[ \t]*住院号|病历编号|档案号|健康档案号|就诊ID|门诊ID|检查编号|"
        # added after blind batch 4: emergency, wristband, clinic card and dialysis numbers
        r"急诊号|腕带号|就诊卡|诊疗卡|透析号|治疗号|留观号"
    ),
    HEALTH_PLAN_ID: (
        r"医保卡号|医保号|医保账号|医保编号|社保卡号|社保号|社会保障卡号|社会保障号|医疗保险号|参保号|个人编号|"
        r"新农合号|保单号|会员号|备案编号|认定编号|参保人编号|医保卡|社保卡|特药编号|保单"
    ),
    ACCOUNT: (
        r"银行卡号|银行账号|卡号|账号|帐号|账户|帐户|QQ号|QQ|微信号|支付宝账号|订单号|发票号|交易号|病理号|样本编号|"
        r"送检编号|报告编号|快递单号|运单号|顺丰|圆通|中通|申通|韵达|EMS|"
        r"(?:工商|建设|农业|中国|招商|交通|邮储|邮政储蓄)银行"
    ),
    LICENSE: (
        r"驾驶证号|驾驶证|驾照号|驾照|护照号|护照|执业证号|执业证书编号|执业证书号|资格证号|资格证书编号|执照号|"
        r"许可证号|执业医师证号|医师证号|执业证|护照[（(][ \t]*No\.?"
    ),
    DEVICE_ID: r"设备编号|设备号|序列号|机身号|IMEI|植入物编号|器械编号|SN|S/N|(?:泵|仪|机|器)[（(]?编号",
    VEHICLE_ID: r"车牌号|车牌|车架号|车辆识别代号",
}
_PRIORITY = {VEHICLE_ID: 6, DEVICE_ID: 5, HEALTH_PLAN_ID: 5, MRN: 4, LICENSE: 4, ACCOUNT: 3}


def _labelled_recognizers() -> list[EntityRecognizer]:
    out: list[EntityRecognizer] = []
    for entity, label in _LABELS.items():
        value = _ID_VALUE
        if entity == VEHICLE_ID:
            value = rf"[{PROVINCE_ABBREVIATIONS}]?[A-Za-z][ \t·.-]?[A-Za-z0-9]{{5,6}}|[A-HJ-NPR-Z0-9]{{17}}"
        out.append(
            ClinicalPatternRecognizer(
                entity,
                [Pattern(f"labelled {entity}", _labelled(label, value), 0.9)],
                f"ChineseLabelled{entity.title().replace('_', '')}Recognizer",
                priority=_PRIORITY[entity],
                quick=r"[0-9]",
                flags=CASE | re.IGNORECASE,
                language="zh",
            )
        )
    # A bank card number in groups of four (16-19 digits), labelled or not.
    out.append(
        ClinicalPatternRecognizer(
            ACCOUNT,
            [Pattern("card number", r"(?<![0-9])[0-9]{4}(?:[ \t][0-9]{4}){3}(?:[ \t][0-9]{1,4})?(?![0-9])", 0.75)],
            "ChineseCardNumberRecognizer",
            priority=3,
            quick=r"[0-9]{4}[ \t][0-9]{4}",
            language="zh",
        )
    )
    # Special plates end with a character: 警 police, 学 driving school, 急 ambulance ... ("云A·1207急").
    plate = (
        rf"(?<![A-Za-z0-9])[{PROVINCE_ABBREVIATIONS}][A-HJ-NP-Z][ \t·.-]?"
        r"(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[警学挂领港澳试超急])(?![A-Za-z0-9])"
    )
    out.append(
        ClinicalPatternRecognizer(
            VEHICLE_ID,
            [Pattern("licence plate", plate, 0.8)],
            "ChinesePlateRecognizer",
            priority=6,
            quick=rf"[{PROVINCE_ABBREVIATIONS}][A-Z]",
            language="zh",
        )
    )
    out.append(
        ClinicalPatternRecognizer(
            ACCOUNT,
            [
                Pattern("any labelled number", _ANY_LABELLED, 0.6),
                Pattern("Taiwan certificate number", r"[\p{Han}]{1,6}字第[ \t]*[0-9]{4,}[ \t]*号", 0.8),
            ],
            "ChineseAnyLabelledNumberRecognizer",
            priority=2,
            entity_for=_kind_by_label,
            quick=r"(?:号|码|#)[ \t]*(?:[：:#]|是|为)?[ \t]*[A-Za-z0-9]|字第",
            flags=CASE | re.IGNORECASE,
            language="zh",
        )
    )
    return out


# Added after blind batch 7, where a third of the missed numbers had labels no list held (预约单号, 建床号,
# 清单流水号, 理赔案件号, 评估员证号, 出生医学证明编号 ...): any short label ending in a number word, then a value
# with three digits or more. What the label names decides the kind; labels of things that identify nobody
# (a drug's batch or approval number, a bed, a room, a queue ticket) are left alone.
_NUMBER_WORD = r"编号|编码|号码|单号|卡号|证号|案号|流水号|字号|号|单[ \t]*#"
_NOT_PERSONAL = (
    r"批号|批准文号|准字|型号|规格|(?<!建)床号|房号|取号|取号码|房间号|座号|序号|楼号|门牌号|期号|版本号|挂号|排队号|看诊号|诊间号|叫号|"
    r"电话|手机|传真|微信|QQ|邮编|邮政编码|代码|国药"
)
_ANY_LABELLED = (
    rf"(?P<label>[\p{{Han}}A-Za-z]{{0,6}}?(?:{_NUMBER_WORD}))(?<!(?:{_NOT_PERSONAL}))"
    rf"[ \t]*(?:[：:#]|是|为)?[ \t]*(?P<value>(?=[A-Za-z0-9-]{{5}}|[0-9]{{4}}[ \t]){_ID_VALUE})"
    r"(?![ \t]*(?:[～~至到]|个|种|例|次|人|名|岁|元|年|kb|bp))"
)
_KIND_WORDS = (
    (NATIONAL_ID, r"身份|身分|护照|通行证|居留"),
    (VEHICLE_ID, r"车牌|车号|车架"),
    (DEVICE_ID, r"设备|序列|泵|机身|仪器|器械|植入"),
    (HEALTH_PLAN_ID, r"医保|社保|参保|保单|保险单|健保"),
    (LICENSE, r"执业|注册|资格|证书|医师编|药师|评估员|许可|驾驶|出生医学证明|证号"),
    (MRN, r"病历|病案|住院|门诊|就诊|诊疗|体检|建床|治疗编号|患者编号|病人编号|登记|档案|随访"),
)


def _kind_by_label(text: str, start: int, end: int) -> str:
    label = text[max(0, start - 14) : start]
    for kind, words in _KIND_WORDS:
        if re.search(words, label):
            return kind
    return ACCOUNT


def recognizers() -> list[EntityRecognizer]:
    """The Chinese phone, resident ID, labelled-number and plate recognizers."""
    return [*_phone_recognizers(), *_resident_id_recognizers(), *_labelled_recognizers()]
