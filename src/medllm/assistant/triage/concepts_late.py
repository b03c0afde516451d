"""Concepts added after the eighteenth blind set and later ones, both languages; merged by the engine after
:mod:`.concepts_acute`.

A name that exists in an earlier table extends that concept (its patterns are appended); a new name is read by the
rules in :mod:`.rules_late`. Kept in a module of its own so the earlier tables stop growing; each entry says which
blind round showed the gap and which guidance the finding follows.
"""

from __future__ import annotations

from medllm.assistant.triage.concepts_en import gap

EN: dict[str, list[str]] = {
    # Round 18. "A strange pressure in my jaw and between my shoulder blades": pressure, not pain, and two places
    # named in one breath. AHA: women more often have jaw, neck or back pain, breathlessness and nausea in a heart
    # attack; a rule still needs breathlessness, sweating or sickness with it.
    "cardiac_radiation": [
        r"\b(?:pressure|tightness|heaviness|squeez\w*|pain|ache|aching|discomfort) (?:in|on|around|across) "
        r"(?:my |his |her |their |the )?(?:jaw|left arm|both arms|left shoulder)\b",
        rf"\b(?:jaw|neck|left arm|arm|shoulder)\b{gap(3)}between (?:my |his |her |their |the |both )?"
        r"shoulder[- ]?blades\b",
    ],
    # Round 18. "Very cold to touch, drowsy and mumbling": NHS hypothermia, call 999 when someone is very cold with
    # drowsiness, confusion or slurred speech (the rule asks for one of those with it).
    "hypothermia_signs": [
        r"\b(?:very|really|so|extremely|icy|freezing|stone|deathly) cold to (?:the )?touch\b",
        r"\bon the floor of (?:a|her|his|their|the|my \w+'s) (?:freezing|unheated|ice[- ]cold) "
        r"(?:house|home|flat|room|bedroom|apartment|kitchen|bathroom)\b",
    ],
}

ZH: dict[str, list[str]] = {
    # Round 18. A farewell sent by message ("发微信说'谢谢你，再见了'"), as "sent ... goodbye" is in English: NHS
    # suicide guidance treats a goodbye message from someone now out of reach as an emergency.
    "suicidal": [
        r"(?:发|说|留|写|打)(?:了)?[^。！？]{0,12}(?:谢谢你|谢谢你们|对不起)[^。！？]{0,4}再见了?",
        r"(?:发|说|留|写)(?:了)?[^。！？]{0,12}(?:永别|诀别|遗言|告别的话|最后一条)",
        r"(?:谢谢你|谢谢你们|对不起)[^。！？a-z]{0,3}再见了",
    ],
    # Round 18. "吃了布洛芬退到37.5": a fever medicine given as dosed, then the temperature; a child's fever being
    # treated, not a child who got into the medicine cabinet.
    "medicine_given": [
        r"(?:吃了|喂了|服了|用了|给(?:他|她|孩子|宝宝)?吃了?)(?:退烧药|布洛芬|美林|泰诺林?|对乙酰氨基酚|退热贴|"
        r"小儿退热)[^，。！？]{0,4}(?:退(?:到|了|下来)|降(?:到|了|下来)|烧(?:退|降)|体温)"
    ],
}
