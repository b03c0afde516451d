"""English recognizers for contact details and identifier numbers (Safe Harbor D-M).

Phone and fax numbers (fax when the nearest label before the number is fax), SSNs, and labelled
numbers: medical record, health plan, account, certificate or licence, vehicle (VIN, plate) and
device (serial, UDI, IMEI) numbers. Presidio's own US recognizers (SSN, NPI, DEA, Medicare MBI,
insurance member ID, credit card) are reused as they are; e-mails, URLs and IP and MAC addresses are
found by the language-neutral recognizers of :mod:`medllm.deid.neutral`.
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
    PHONE,
    SSN,
    VEHICLE_ID,
)
from medllm.deid.patterns import CASE, ClinicalPatternRecognizer, SharedMatches, labelled

# ---------------------------------------------------------------- values
_ID_VALUE = (
    # A letter prefix and digit groups count too ("BCX 771 204 118", "UHC 9081 7763 02", "BOUJ 5802 1914").
    r"(?=[A-Za-z0-9./-]*\d|[A-Z]{2,5}[ \t]\d{2,6}[ \t-]\d)[A-Za-z0-9](?:[A-Za-z0-9]|[./-](?=[A-Za-z0-9])){1,39}"
    r"(?:[ \t](?=\d)\d{2,6}(?:-\d{2,6})*){0,4}(?:[ \t]\d(?![\w-]))?(?![\w-])"
)
_PLATE_VALUE = r"(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){0,3}(?![\w-])"
_IBAN_COUNTRIES = (
    "AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|BY|CH|CR|CY|CZ|DE|DK|DO|EE|EG|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IQ|IS|IT|"
    "JO|KW|KZ|LB|LC|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|RS|SA|SC|SE|SI|SK|SM|ST|SV|TL|TN|TR|UA|"
    "VA|VG|XK"
)
_UDI_VALUE = r"(?:\(\d{2}\)[A-Za-z0-9]+){2,6}"


def _labelled_id(label: str, value: str = _ID_VALUE) -> str:
    return labelled(label, value)


# ---------------------------------------------------------------- contact details
_PHONE_LABELS = re.compile(
    r"(?i)\b(fax(?:ed|ing)?|facsimile|fx|phone[sd]?|ph|tel|telephone|cell|mobile|mob|pager|beeper|call(?:ed|"
    r"ing)?|text|contact|whatsapp)\b"
)


def _phone_or_fax(text: str, start: int, end: int) -> str:
    labels = _PHONE_LABELS.findall(text[max(0, start - 32) : start])
    return FAX if labels and labels[-1].lower().startswith(("fax", "facsimile", "fx")) else PHONE


def _adjust_phone(text: str, start: int, end: int) -> tuple[int, int] | None:
    while end > start and (text[end - 1] in " \t.-(" or (text[end - 1] == ")" and "(" not in text[start:end])):
        end -= 1
    while start < end and text[start] in " \t.-)":
        start += 1
    digits = sum(c.isdigit() for c in text[start:end])
    if not 6 <= digits <= 16:
        return None
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}", text[start:end].strip()):
        return None  # a date after "on" or "at", not a number to call
    return start, end


def _phone_recognizers() -> list[EntityRecognizer]:
    ext = r"(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?"
    value = r"\+?\(?\d[\d \t().-]{4,20}\d" + ext
    formatted = [
        Pattern(
            "NANP",
            r"(?<![\w+/.-])(?:(?:\+?1|001)[ \t.-]?)?(?:\(\d{3}\)[ \t.-]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}"
            + ext
            + r"(?![\w-]|\.\d)",
            0.75,
        ),
        # A seven-digit local number ("555-0178", "at 555-0129"): no area code, but the layout is a phone
        # number's; not a range of amounts ("200-1000 mg") and not part of a longer identifier.
        Pattern(
            "local seven digits",
            r"(?<![\w+/.$#:-]|[\w#][ \t]?-)[2-9]\d{2}-\d{4}(?![\w-]|\.\d|[ \t]*(?i:mg|mcg|ml|units?|iu|kg|g|lbs?|"
            r"mm|cm|days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|times|steps|calories|kcal|mmol|%))",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])(?:\+\d{1,3}|00\d{1,3}(?=[ \t.-]))(?:[ \t.-]?\(?\d{1,5}\)?){2,5}" + ext + r"(?![\w-])",
            0.7,
        ),
        Pattern(
            "labelled",
            r"(?i:\b(?:phone|ph|tel|telephone|cell|cellphone|mobile|mob|home|work|desk|office|pager|beeper|contact|fax|"
            r"facsimile|call|ring|text|whatsapp|reach|number|messages?|answering|dial|dialed|dialled)"
            r"(?:[ \t]+(?:number|no\.?|#|phone))?[ \t]*[:#.]?"
            r"[ \t]*(?:(?:is|at|on|to|me[ \t]+at|me[ \t]+back[ \t]+at|back[ \t]+at|her[ \t]+at|him[ \t]+at)[ \t]+)?)"
            r"(?P<value>" + value + r")(?![\w-])",
            0.85,
        ),
        Pattern(
            "phone + label after",
            r"(?<![\w+./-])(?P<value>" + value + r")(?=[ \t]*(?:\(|\[)?(?i:office|mobile|cell|fax|home|work|desk|"
            r"landline|direct|phone)\b)",
            0.8,
        ),
    ]
    bare = [
        Pattern("bare 10 digits", r"(?<![\w+./-])\d{10}(?![\w-]|\.\d)", 0.1),
        Pattern("national 0-prefixed", r"(?<![\w+./-])0\d{2,4}[ \t-]?\d{3,4}[ \t-]?\d{3,4}(?![\w-]|\.\d)", 0.1),
    ]
    common = {"priority": 2, "adjust": _adjust_phone, "entity_for": _phone_or_fax, "quick": r"\d\d"}
    return [
        ClinicalPatternRecognizer(PHONE, formatted, "PhoneFaxRecognizer", **common),
        # Unformatted digit runs are phone numbers only with a context word nearby (Presidio's enhancer).
        ClinicalPatternRecognizer(
            PHONE,
            bare,
            "ContextPhoneFaxRecognizer",
            context=["phone", "call", "tel", "telephone", "cell", "mobile", "contact", "reach", "fax", "pager", "text"],
            **common,
        ),
    ]


# ---------------------------------------------------------------- numbers with labels
def _valid_id(text: str, start: int, end: int) -> tuple[int, int] | None:
    value = text[start:end]
    digits = sum(c.isdigit() for c in value)
    if digits == 0 or (digits < 2 and len(value) < 6) or (digits < 4 and len(value) < 5):
        return None
    if re.fullmatch(r"\d{1,3}/\d{1,3}", value) or (re.fullmatch(r"\d+(?:\.\d+)?", value) and len(value) < 4):
        return None  # a blood pressure or a small measurement, not an identifier
    if re.fullmatch(r"[\d.,]+(?:mg|mcg|ml|mL|kg|g|mm|cm|units?|iu|IU|%)", value):
        return None
    return start, end


_LABELS: dict[str, list[str]] = {
    MRN: [
        r"mrn|mr[ \t]*#|mr[ \t]+(?:no\.?|number)|med(?:ical)?\.?[ \t]*rec(?:ord)?s?\.?[ \t]*(?:no\.?|number|num|#)",
        r"(?:medical|hospital|health)[ \t]+record(?:s)?|record[ \t]*(?:number|no\.?|#|num)|"
        r"chart[ \t]*(?:number|no\.?|#|id)",
        r"hospital[ \t]+(?:number|no\.?|#|id)|patient[ \t]+(?:id|identifier|number|no\.?|#)|pt\.?[ \t]*(?:id|#|no\.?)",
        r"unit[ \t]+(?:number|no\.?)|encounter|visit[ \t]+(?:number|no\.?|#|id)|case[ \t]+(?:number|no\.?|#)",
        r"accession|specimen[ \t]+(?:id|number|no\.?|#)|empi|emr|ehr|csn|fin",
        # added after blind batch 4: "Hosp no. K4471092", "Acc #: RAD-2024-118273", "Case S24-11092"
        r"hosp\.?[ \t]*(?:no\.?|number|#)|acc\.?[ \t]*#|case(?=[ \t]+[A-Z]{1,3}\d{2}-\d)",
    ],
    HEALTH_PLAN_ID: [
        r"member[ \t]*(?:id|#|number|no\.?|identification)|subscriber[ \t]*(?:id|#|number|no\.?)",
        r"policy[ \t]*(?:id|#|number|no\.?)(?:[ \t]+is)?",
        r"insurance[ \t]*(?:member[ \t]+)?(?:id|#|number|no\.?|card[ \t]+number)",
        r"(?:health[ \t]+)?plan[ \t]*(?:\([ \t]*id|id|#|number|no\.?)?|group[ \t]*(?:id|#|number|no\.?)?",
        r"ramq(?:[ \t]+card)?|nhi|ohip|nhs[ \t]*(?:number|no\.?|#)?|medicare[ \t]+card|health[ \t]+card",
        r"medicaid|medicare|mbi|hicn?|beneficiary[ \t]*(?:id|#|number|no\.?)|tricare|chip",
    ],
    ACCOUNT: [
        r"cc(?=[ \t#:]*\d{12})|iban|"
        r"account|acct\.?|a/c|billing[ \t]+(?:account|id|number|no\.?|#)|invoice|claim|bank[ \t]+account",
        r"routing|card[ \t]*(?:number|no\.?|#)|credit[ \t]+card|debit[ \t]+card|har|guarantor[ \t]+(?:account|#|id)",
        r"ref(?:erence)?\.?[ \t]*(?:number|no\.?|#|id)|confirmation|transaction|prior[ \t]+auth(?:orization)?",
        r"authorization|auth\.?[ \t]*(?:number|no\.?|#)|prescription[ \t]*(?:number|no\.?|#)|rx[ \t]*(?:#|"
        r"number|no\.?)",
        r"order[ \t]*(?:number|no\.?|#)|receipt|payment[ \t]*(?:id|#|reference)|statement[ \t]*(?:number|no\.?|#)",
        r"rider[ \t]*(?:#|id|number|no\.?)|profile[ \t]*(?:#|id|number|no\.?)|(?:the|my|your)[ \t]+card(?=[ \t]+\d{4})",
    ],
    LICENSE: [
        r"licen[cs]e(?![ \t]+plate)|lic\.?(?=[ \t]*(?:#|no))|driver'?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e",
        r"cdl|dea(?:[ \t]+registration)?|npi|certificate|cert\.?(?=[ \t]*(?:#|no))|certification",
        r"registration(?![ \t]+plate)|passport|permit|state[ \t]+id|credential|upin|tax[ \t]+id|ein|tin",
        r"dl(?:[ \t]+on[ \t]+file(?:[ \t]+should[ \t]+be)?)?(?=[ \t:#]+[A-Z0-9]*\d)",
    ],
    VEHICLE_ID: [
        r"vin|vehicle[ \t]+identification|vehicle[ \t]+(?:id|number|no\.?|#|registration|reg\.?|plate|tag)",
        r"licen[cs]e[ \t]+plates?|(?:number|registration)[ \t]+plates?|plates?|tag[ \t]*(?:number|no\.?|#)",
        r"(?:car|truck|motorcycle|van)[ \t]+(?:registration|reg\.?|plate|tag)|reg(?:istration)?[ \t]+(?:number|"
        r"no\.?|plate)",
    ],
    DEVICE_ID: [
        r"serial|s/n|sn(?=[ \t]*[:#]|[ \t]+[A-Z0-9-]*\d)|device[ \t]*(?:id|identifier|serial|number|no\.?|#)|udi|"
        r"unique[ \t]+device[ \t]+identifier",
        r"implant[ \t]*(?:id|serial|number|no\.?|#)|imei|mac[ \t]+address|esn|meid|asset[ \t]+tag|"
        r"equipment[ \t]*(?:id|#)",
        r"(?:pacemaker|defibrillator|icd|pump|cgm|monitor|hearing[ \t]+aid|implant|stimulator|glucometer|meter|"
        r"sensor|transmitter|cpap|bipap|ventilator|wheelchair|device|prosthesis|"
        r"hearing[ \t]+aid)[ \t]+(?:serial|sn|s/n|id)",
    ],
}
_CONTEXT: dict[str, list[str]] = {
    MRN: ["mrn", "mrn#", "record", "records", "chart", "mr#", "encounter", "accession", "emr", "ehr"],
    HEALTH_PLAN_ID: ["member", "insurance", "insurer", "policy", "subscriber", "medicaid", "medicare", "beneficiary"],
    ACCOUNT: ["account", "acct", "billing", "invoice", "claim", "bank", "card", "reference", "confirmation"],
    LICENSE: ["license", "licence", "dea", "npi", "certificate", "passport", "permit", "registration"],
    VEHICLE_ID: ["vin", "vehicle", "plate", "plates", "car", "truck", "motorcycle"],
    DEVICE_ID: ["serial", "device", "udi", "imei", "implant", "pacemaker", "pump", "defibrillator"],
}
# Equal scores: the more specific label wins ("license plate" is a vehicle, not a licence).
_PRIORITY = {VEHICLE_ID: 6, DEVICE_ID: 5, HEALTH_PLAN_ID: 5, MRN: 4, LICENSE: 4, ACCOUNT: 3}


_RECORD_LABEL = (
    r"(?i:e?pcr|incident|kit|intake|ticket|tracking)|Run|Rx|RX|UPI[ \t]+ref|"
    r"(?i:report|case|file|employee|emp|bill|session|scan|visit|ref|code|access[ \t]+code|job|badge|"
    r"student)(?=[ \t]*(?:#|no\.?|number|id\b|:))"
)
_RECORD_NUMBER = (
    rf"(?<![\w-])(?:{_RECORD_LABEL})[ \t]*(?i:#|no\.?|number|id)?[ \t]*[:#]?[ \t]*"
    rf"(?P<value>(?=(?:[A-Za-z/.-]*\d){{4}}){_ID_VALUE})"
)
_CARD_ENDING = (
    r"(?i:\b(?:visa|mastercard|amex|discover|card|account|acct)[ \t]+(?:ending|ends)(?:[ \t]+(?:in|with))?)"
    r"[ \t]*(?P<value>\d{4})\b"
)


def _labelled_id_recognizers() -> list[EntityRecognizer]:
    recognizers: list[EntityRecognizer] = []
    generic = r"\b(?=[A-Za-z0-9-]*\d{4})[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){4,24}\b"
    shared = SharedMatches(generic, CASE | re.IGNORECASE)
    for entity, labels in _LABELS.items():
        label = "|".join(labels)
        patterns = [Pattern(f"labelled {entity}", _labelled_id(label), 0.9)]
        if entity == VEHICLE_ID:
            patterns.append(Pattern("labelled plate", _labelled_id(label, _PLATE_VALUE), 0.9))
            patterns.append(
                Pattern(
                    "VIN",
                    r"\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b",
                    0.6,
                )
            )
        if entity == DEVICE_ID:
            patterns.append(Pattern("labelled UDI", _labelled_id(label, _UDI_VALUE), 0.95))
            patterns.append(Pattern("GS1 UDI", r"\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9]+){0,5}", 0.8))
        if entity == ACCOUNT:
            # An IBAN's shape (country, two check digits, 11-30 letters and digits) is specific enough
            # without a label; Presidio's IbanRecognizer also wants the check digits to be right.
            patterns.append(
                Pattern("IBAN shape", rf"\b(?:{_IBAN_COUNTRIES})\d{{2}}(?=[A-Z0-9]*\d{{6}})[A-Z0-9]{{11,30}}\b", 0.8)
            )
        if entity == ACCOUNT:
            # Added after blind batch 7: record numbers of ambulance runs, incidents, referrals, kits, visits,
            # employees and bills ("PCR #24-118730", "Run 88-20431", "kit # NS-7710442", "employee #44871",
            # "Rx 7719302"), with four digits or more; a card's last four digits ("Visa ending 4417").
            patterns.append(Pattern("labelled record number", _RECORD_NUMBER, 0.85))
            patterns.append(Pattern("card ending", _CARD_ENDING, 0.85))
        if entity == LICENSE:
            patterns.append(Pattern("DL#", r"\bDL[ \t]*[#:][ \t]*(?P<value>" + _ID_VALUE + ")", 0.9))
        recognizers.append(
            ClinicalPatternRecognizer(
                entity,
                patterns,
                f"Labelled{entity.title().replace('_', '')}Recognizer",
                priority=_PRIORITY[entity],
                adjust=_valid_id,
                quick=r"\d\D{0,2}\d",
            )
        )
        # Unlabelled identifier-shaped numbers: only a context word nearby lifts them over the threshold.
        recognizers.append(
            ClinicalPatternRecognizer(
                entity,
                [Pattern(f"{entity} near context", generic, 0.05)],
                f"Context{entity.title().replace('_', '')}Recognizer",
                context=_CONTEXT[entity],
                priority=0,
                adjust=_valid_id,
                flags=CASE | re.IGNORECASE,
                quick=r"\d{4}",
                shared=shared,
            )
        )
    return recognizers


def _ssn_recognizer() -> ClinicalPatternRecognizer:
    label = r"ssn|ss#|ss[ \t]+no\.?|social[ \t]+security(?:[ \t]+(?:number|no\.?|#|num))?|soc\.?[ \t]+sec\.?"
    return ClinicalPatternRecognizer(
        SSN,
        [
            Pattern(
                "labelled SSN",
                _labelled_id(
                    # Any grouping of nine digits: after the label, "751 053 141" is as much an SSN as "751-05-3141".
                    label,
                    r"\d(?:[ \t.-]?\d){8}\b|(?:xxx|XXX|\*{3})[ \t.-]?(?:xx|XX|\*{2})[ \t.-]?\d{4}\b"
                    # the UK's equivalent, a National Insurance number ("QQ 12 34 56 C")
                    r"|[A-Z]{2}(?:[ \t]?\d{2}){3}[ \t]?[A-Z]\b",
                ),
                0.95,
            ),
            Pattern(
                "SSN last four",
                rf"(?i:\b(?:{label})\b[^\n.]{{0,24}}?\b(?:ending[ \t]+(?:in|with)|last[ \t]+(?:4|four)(?:[ \t]+digits)?"
                r"(?:[ \t]+(?:is|are|of))?))[ \t]*:?[ \t]*(?P<value>\d{4})\b",
                0.9,
            ),
        ],
        "LabelledSsnRecognizer",
        priority=5,
        quick=r"\d\d",
    )


def presidio_recognizers() -> list[EntityRecognizer]:
    """Presidio's predefined recognizers reused as they are (their entities are mapped to ours)."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        IbanRecognizer,
        MedicalLicenseRecognizer,
        UsHealthInsuranceMemberIdRecognizer,
        UsMbiRecognizer,
        UsNpiRecognizer,
        UsSsnRecognizer,
    )

    recognizers = [
        UsSsnRecognizer(),
        UsMbiRecognizer(),
        UsHealthInsuranceMemberIdRecognizer(),
        UsNpiRecognizer(),
        MedicalLicenseRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
    ]
    for recognizer in recognizers:
        recognizer.priority = 1
    return recognizers


def recognizers() -> list[EntityRecognizer]:
    """The contact-detail and identifier-number recognizers, Presidio's reused ones included."""
    return [
        *_phone_recognizers(),
        _ssn_recognizer(),
        *_labelled_id_recognizers(),
        *presidio_recognizers(),
    ]
