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
    # Round 18, urgent (NHS 111 level). Appendicitis: pain that starts around the navel and moves to the lower right
    # (NHS appendicitis); shingles on the forehead or near the eye (widening the earlier concept); spreading
    # redness of the skin (NHS cellulitis); emergency contraception, which works best the sooner it is taken
    # (NHS emergency contraception); chickenpox contact in pregnancy (NHS chickenpox in pregnancy: call a GP or
    # midwife straight away if you have not had it).
    "pain_moved_right": [
        r"\b(?:moved|moving|shifted|gone|went|travel\w*|spread\w*) (?:down )?(?:to|into|towards) "
        r"(?:the |my |his |her )?(?:lower )?right(?: lower)? (?:side|belly|tummy|abdomen|stomach|groin)\b",
    ],
    "shingles_eye": [
        rf"\b(?:blister\w*|rash|shingles)\b{gap(8)}(?:forehead|eye|eyes|eyelid|tip of (?:my|his|her) nose)\b",
        rf"\b(?:forehead|eyelid)\b{gap(6)}(?:blister\w*|rash)\b",
    ],
    "spreading_redness": [
        r"\b(?:red(?:ness)?|swelling|red patch|red area)\b[^.!?]{0,40}\b(?:spreading|getting bigger|growing|"
        r"bigger than (?:yesterday|this morning|last night)|past the (?:pen|line)|beyond the (?:pen|line))\b",
    ],
    "emergency_contraception": [
        r"\b(?:emergency contraception|morning[- ]after pill|plan b|levonelle|ellaone|condom (?:split|broke|came off|"
        r"slipped off)|forgot (?:to take )?(?:my|the) pill and had sex)\b",
    ],
    "chickenpox_contact": [
        r"\b(?:chicken ?pox|varicella|shingles)\b[^.!?]{0,60}\b(?:was with|been with|played with|spent|around|exposed|"
        r"contact|visited|held|hugged)\b|\b(?:exposed|contact) to (?:chicken ?pox|varicella|shingles)\b",
    ],
    "sandpaper_rash": [r"\b(?:sandpaper\w*|sand ?paper|rough) (?:like )?rash\b|\brash\b[^.!?]{0,20}\bsandpaper\b"],
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
    # Round 18, urgent: the Chinese counterparts of the English entries above.
    "pain_moved_right": [
        r"(?:转移到|移到|挪到|跑到|转到|到了)(?:了)?右下(?:腹|肚子)|右下腹[^，。,.]{0,6}(?:压痛|按着痛|按着疼|反跳痛)"
    ],
    "shingles_eye": [
        r"(?:带状疱疹|疱疹|水泡|缠腰龙|蛇串疮)[^。！？.!?]{0,12}(?:额头|眼睛|眼皮|眼周|鼻尖)|"
        r"(?:额头|眼皮|眼周)[^。！？.!?]{0,8}(?:水泡|疱疹)"
    ],
    "spreading_redness": [
        r"(?:红肿|发红|红的)[^。！？.!?]{0,12}(?:范围|面积)?[^。！？.!?]{0,6}(?:比昨天|比早上|越来越)(?:大|扩|宽)|"
        r"(?:红肿|发红)[^。！？]{0,6}(?:在)?(?:扩散|蔓延|往上走|往上蔓延)"
    ],
    "emergency_contraception": [r"(?:紧急避孕|事后避孕|毓婷|安婷|避孕套(?:破|滑|掉)|套(?:子)?破了)"],
    "chickenpox_contact": [
        r"(?:水痘|带状疱疹)[^。！？.!?]{0,20}(?:接触|在一起|待了|抱了|玩了|碰到)|"
        r"(?:接触|抱了|陪了|照顾了|跟)[^。！？.!?]{0,8}(?:水痘|带状疱疹)"
    ],
    "sandpaper_rash": [
        r"(?:砂纸|沙纸)(?:一样|样|似)?(?:的)?(?:皮疹|疹子|红疹)|(?:皮疹|疹子|红疹)[^。！？.!?]{0,6}(?:砂纸|沙纸)"
    ],
}
