"""Red-flag rules added after the eighteenth blind set; appended to :data:`medllm.assistant.triage.rules.RULES`.

Their findings come from :mod:`.concepts_late`; each names the guidance it follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`).
"""

from __future__ import annotations

from medllm.assistant.triage.levels import Rule, TriageLevel

E, U = TriageLevel.EMERGENCY, TriageLevel.URGENT

# fmt: off
LATE_RULES: tuple[Rule, ...] = (
    # Round 18: same-day care (NHS 111 level), none of them an ambulance on its own.
    Rule("appendicitis_pattern", U, "belly pain that has moved to the lower right", "腹痛转移到右下腹",
         ("pain_moved_right",), source="nhs-appendicitis"),
    Rule("spreading_redness", U, "red, swollen skin that is spreading", "皮肤红肿范围在扩大",
         ("spreading_redness",), source="nhs-cellulitis"),
    Rule("emergency_contraception", U, "emergency contraception works best taken as soon as possible",
         "紧急避孕越早越有效", ("emergency_contraception",), source="nhs-emergency-contraception"),
    Rule("chickenpox_in_pregnancy", U, "contact with chickenpox or shingles in pregnancy", "孕期接触水痘或带状疱疹",
         ("chickenpox_contact", "pregnant"), source="nhs-chickenpox-pregnancy"),
    Rule("scarlet_fever_signs", U, "a sandpaper-like rash (possible scarlet fever)", "砂纸样皮疹（疑似猩红热）",
         ("sandpaper_rash",), source="nhs-scarlet-fever"),
)
# fmt: on
