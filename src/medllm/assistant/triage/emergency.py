"""What the assistant says first when triage finds an emergency or an urgent problem.

The number to call depends on where the user is: pass a locale such as ``en-GB`` or ``zh-TW``.
Without a region, English defaults to 911 and Chinese to 120 (the issue's defaults; sources in
:data:`medllm.assistant.triage.sources.NUMBER_SOURCES`). Texts are fixed, never generated, so no
model output and nothing in a message can change or drop them.
"""

from __future__ import annotations

from dataclasses import dataclass

from medllm.assistant.triage.levels import TriageLevel, TriageResult

# Region -> emergency number. EU members answer 112 everywhere.
_EMERGENCY_NUMBERS = {
    "US": "911", "CA": "911", "MX": "911", "PH": "911", "GB": "999", "UK": "999", "IE": "112", "AU": "000",
    "NZ": "111", "IN": "112", "SG": "995", "HK": "999", "MO": "999", "TW": "119", "CN": "120", "JP": "119",
    "KR": "119", "ZA": "112", "MY": "999",
}  # fmt: skip
_EU = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IT", "LV", "LT", "LU", "MT", "NL",
    "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip
_CRISIS_LINES = {
    "US": "call or text 988 (Suicide & Crisis Lifeline)",
    "CA": "call or text 988 (Suicide Crisis Helpline)",
    "GB": "call Samaritans on 116 123",
    "UK": "call Samaritans on 116 123",
    "IE": "call Samaritans on 116 123",
    "AU": "call Lifeline on 13 11 14",
    "NZ": "call or text 1737",
    "CN": "拨打全国心理援助热线 12356",
    "TW": "撥打安心專線 1925",
}
_POISON_LINES = {
    "US": "Poison Help: 1-800-222-1222",
    "GB": "NHS 111",
    "UK": "NHS 111",
    "AU": "Poisons Information 13 11 26",
}
_DEFAULT_REGION = {"en": "US", "zh": "CN"}
_SELF_HARM_RULES = {
    "suicide_risk", "suicide_preparation", "self_harm", "harm_to_others", "mental_health_crisis",
}  # fmt: skip
_POISON_RULES = {
    "overdose", "toxic_ingestion", "child_took_medicine", "dose_error", "insulin_overdose", "child_poison_nearby",
    "carbon_monoxide", "pesticide_poisoning", "pinpoint_pupils",
}  # fmt: skip


@dataclass(frozen=True)
class Locale:
    """A language for replies and a region for phone numbers."""

    language: str
    region: str

    @classmethod
    def parse(cls, locale: str | None, language: str) -> Locale:
        """``en-GB`` -> (en, GB); a bare region or language fills in the other from ``language``'s default.

        Raises:
            ValueError: the locale is not ``ll``, ``ll-RR`` or ``ll_RR`` with a known language.
        """
        if not locale:
            return cls(language, _DEFAULT_REGION.get(language, "US"))
        parts = locale.replace("_", "-").split("-")
        lang = parts[0].lower()
        if lang not in ("en", "zh"):
            raise ValueError(f"unsupported locale {locale!r}: medllm answers in English (en-..) or Chinese (zh-..)")
        region = parts[1].upper() if len(parts) > 1 and parts[1] else _DEFAULT_REGION[lang]
        if lang == "zh" and region in ("HANS", "HANT"):
            region = "CN" if region == "HANS" else "TW"
        return cls(lang, region)

    @property
    def emergency_number(self) -> str:
        if self.region in _EU:
            return "112"
        return _EMERGENCY_NUMBERS.get(self.region, "112" if self.region not in _DEFAULT_REGION.values() else "911")


def emergency_instruction(result: TriageResult, locale: Locale) -> str:
    """The first words of the reply to an emergency: call now, in the user's language, with the right number."""
    number = locale.emergency_number
    rules = {r.rule for r in result.reasons}
    separator = "；" if locale.language == "zh" else "; "
    why = separator.join(r.label for r in result.reasons if r.level is TriageLevel.EMERGENCY)
    crisis = _CRISIS_LINES.get(locale.region) if rules & _SELF_HARM_RULES else None
    poison = _POISON_LINES.get(locale.region) if rules & _POISON_RULES else None
    if locale.language == "zh":
        lines = [f"⚠ 这可能是急症。请立即拨打 {number}（或当地急救电话），不要等待线上回复。", f"原因：{why}。"]
        if crisis:
            lines.append(f"如果你有伤害自己的想法，请马上告诉身边的人，也可以{crisis}。你并不孤单。")
        lines.append("在等待救护时，不要独处，不要自行驾车去医院。")
        return "\n".join(lines)
    lines = [
        f"⚠ This may be a medical emergency. Call {number} now (or your local emergency number). "
        "Do not wait for an online answer.",
        f"Why: {why}.",
    ]
    if crisis:
        lines.append(
            f"If you are thinking about harming yourself, tell someone near you now; you can also {crisis}. "
            "You are not alone."
        )
    if poison:
        lines.append(f"For poisoning advice while help is on the way: {poison}.")
    lines.append("While you wait, do not stay alone and do not drive yourself to hospital.")
    return "\n".join(lines)


def urgent_instruction(result: TriageResult, locale: Locale) -> str:
    """The first words of the reply to an urgent problem: be seen today, and when to call for help instead."""
    number = locale.emergency_number
    why = "；".join(r.label for r in result.reasons if r.level is TriageLevel.URGENT)
    if locale.language == "zh":
        return (
            f"建议今天就医（门诊、急诊或社区医院）：{why}。"
            f"如果症状加重或出现呼吸困难、胸痛、意识改变，请立即拨打 {number}。"
        )
    why = "; ".join(r.label for r in result.reasons if r.level is TriageLevel.URGENT)
    help_line = " (NHS 111 in the UK)" if locale.region in ("GB", "UK") else ""
    return (
        f"This needs to be seen by a clinician today: contact your doctor, an urgent care centre or a nurse "
        f"advice line{help_line}. Reason: {why}. If it gets worse, or you have trouble breathing, chest pain "
        f"or confusion, call {number}."
    )
