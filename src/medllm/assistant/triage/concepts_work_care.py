"""Concepts from blind rounds 37 and 38: workplaces, farms, carers writing about the people they look after, and
young adults on a student health line. Merged after :mod:`.concepts_late` (a name there gains these patterns).

Each entry names the round that showed the gap and the guidance its rule follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`, cited by the rules in :mod:`.rules_late`).
"""

from __future__ import annotations

_POWER_LINE = (
    r"(?:(?:overhead |live |high[- ]voltage |hv |low[- ]hanging )?(?:power ?lines?|powerlines?|overhead lines?)|"
    r"(?:live|mains|high[- ]voltage|hv) (?:wires?|cables?|lines?|conductors?))"
)
_PRESSURE_TOOL = (
    r"(?:grease (?:gun|line|nipple|fitting)|hydraulic (?:line|hose|leak|fitting|fluid)|paint (?:gun|sprayer)|"
    r"airless (?:sprayer|gun)|high[- ]pressure (?:line|hose|washer|jet|gun|sprayer|injector|fitting)|fuel injector|"
    r"pressure washer|water blaster)"
)
_HAND = r"(?:finger\w*|thumb|hand|palm|fingertip\w*)"
_POTENT_POISON = (
    r"(?:paraquat|gramoxone|diquat|weed ?killer|herbicide|insecticide|organophosphate\w*|sheep dip|pesticide|"
    r"antifreeze|anti-freeze|ethylene glycol|methanol|methylated spirits?|meths|drain cleaner|caustic soda|lye|"
    r"rat poison|rodenticide|cyanide|sodium hydroxide|hydrofluoric)"
)
_SWALLOW = r"(?:drank|drunk|drink|swallow\w*|swig|sip|mouthful|gulp\w*|ingest\w*|took a (?:swig|sip|mouthful|gulp))"
_RELIEVER = r"(?:inhaler|reliever|puffer|ventolin|salbutamol|albuterol|blue (?:inhaler|one|pump))"
_INSULIN = (
    r"(?:insulin|novorapid|humalog|lantus|levemir|fiasp|apidra|tresiba|toujeo|humulin|novomix|lispro|aspart|"
    r"glargine|degludec)"
)
_MANY = r"(?:[6-9]|1\d|20|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"

EN_ROUND38: dict[str, list[str]] = {
    # Round 38. The tipper tray or a boom touching overhead lines (NHS burns: electrical burns and shocks go to A&E;
    # someone still touching the source must not be touched).
    "electric_shock": [
        rf"\b(?:touch\w*|hit|contact\w*|struck|caught|brushed|clipped|snagged|came into contact with)\b[^.!?]{{0,30}}"
        rf"\b{_POWER_LINE}\b",
        rf"\b{_POWER_LINE}\b[^.!?]{{0,40}}\b(?:touch\w*|hit|came down on|fell on|landed on|arced|arcing)\b",
    ],
    # "Leg was pinned under a log": the limb as the subject of the crush (compartment syndrome rule).
    "limb_crush": [
        r"\b(?:leg|legs|calf|shin|foot|feet|arm|forearm|hand|thigh)\b (?:was |got |were |had been |been |is )?"
        r"(?:pinned|crushed|trapped|jammed|squashed|stuck|caught) (?:under|between|beneath|in)\b"
    ],
    # A pinprick from a grease gun: the hole looks trivial, the injected grease needs surgery the same day.
    "injection_injury": [
        rf"\b(?:prick|pinprick|pin prick|jab|nick|puncture|hole|stab|spray|squirt|shot|jet)\b[^.!?]{{0,50}}"
        rf"\b{_PRESSURE_TOOL}\b",
        rf"\b{_PRESSURE_TOOL}\b[^.!?]{{0,60}}\b{_HAND}\b",
    ],
    # Ring avulsion ("skin peeled right off like a glove, bone showing"): NHS, call 999 for a serious injury.
    "major_trauma": [
        r"\b(?:peeled|ripped|torn|pulled|stripped) (?:right |clean |all the way )?off like a glove\b|"
        r"\bbone (?:is )?(?:showing|exposed|visible|poking through)\b|\b(?:can )?see (?:the )?bone\b[^.!?]{0,30}\b"
        r"(?:bleed\w*|blood)\b"
    ],
    # Cement and concrete burns are alkali burns that deepen over hours (NHS burns: go to A&E for chemical burns).
    "burn": [
        r"\b(?:wet |fresh )?(?:cement|concrete|mortar|quicklime)\b[^?!\n]{0,100}\b(?:blister\w*|burn\w*|raw|weeping|"
        r"(?:grey|gray|black) (?:and|in) \w+)\b",
        r"\b(?:glass )?etching (?:cream|paste|acid|gel|solution|compound)\b",
    ],
    "burn_severe": [
        r"\b(?:cement|concrete|mortar|quicklime)\b",
        r"\b(?:glass )?etching (?:cream|paste|acid|gel|solution|compound)\b",
    ],
    # Paraquat, weedkiller, antifreeze or caustic swallowed, even a sip (NHS poisoning: get help at once).
    "potent_poison_swallowed": [
        rf"\b{_SWALLOW}\b[^.!?]{{0,45}}\b{_POTENT_POISON}\b",
        rf"\b{_POTENT_POISON}\b[^.!?]{{0,45}}\b(?:drank|swallowed|swallowing|drunk|ingested|gulped)\b",
    ],
    # A stoma gone purple or black (necrosis), or one that has stopped working with vomiting (obstruction).
    "stoma_dark": [
        r"\bstoma\b[^.!?]{0,50}\b(?:gone|going|turned|turning|is|looks|become|became|gone a|turned a)? ?(?:a )?"
        r"(?:very |really |dark |deep |almost )*(?:purple|black|dusky|blue-black|very dark)\b"
    ],
    "stoma_no_output": [
        r"\b(?:stoma|colostomy|ileostomy|bag)\b[^.!?]{0,40}\b(?:nothing (?:in|out|coming)|no output|not working|"
        r"has not (?:worked|put out|had anything|filled)|stopped (?:working|putting out|filling)|empty for)\b"
    ],
    # A gastrostomy (PEG) tube out: the opening starts to close within hours.
    "feeding_tube_out": [
        r"\b(?:peg|rig|gastrostomy|g-?tube|feeding tube|mic-?key|jejunostomy)(?: tube| button)?\b[^.!?]{0,30}"
        r"\b(?:came out|come out|fell out|fallen out|falls out|pulled out|has come out|slipped out|out completely|"
        r"dislodged|popped out|pulled it out)\b",
        r"\bpulled (?:out )?(?:her|his|their|the) (?:peg|feeding tube|gastrostomy)(?: tube)? out\b",
    ],
    # Autonomic dysreflexia in a spinal cord injury: a pounding headache, flushing or blotching above the injury and
    # a sudden rise in blood pressure (Spinal Injuries Association: a medical emergency).
    "spinal_injury_known": [
        r"\b(?:tetrapleg\w*|quadripleg\w*|spinal cord injur\w*|sci|spinal injur\w*|"
        r"(?:c[1-8]|t[1-6])(?: (?:spinal|level|complete|incomplete|sci|injury|tetraplegic|quadriplegic))+)\b"
    ],
    "dysreflexia_signs": [
        r"\b(?:pounding|thumping|banging|throbbing|splitting) headache\b|\b(?:blotchy|flushed|bright red) "
        r"(?:face|skin|neck|chest)\b|\bface (?:is |has gone |gone |went )?(?:blotchy|flushed|bright red)\b|"
        r"\bgoose ?bumps\b|\bsweating (?:above|from the chest up|on (?:his|her|their) (?:face|head))\b"
    ],
    # Worked out how much it would take; saving up a partner's morphine (NHS: a plan and the means).
    "suicidal": [
        r"\b(?:worked out|figured out|calculated|looked up|googled|researched) how (?:much|many)\b[^.!?]{0,40}"
        r"\b(?:(?:it'?d|it would|i'?d|i would|would|to) (?:take|need|kill|be enough|be fatal|do it)|"
        r"is (?:fatal|lethal|enough))\b",
        r"\b(?:got|taken|took|get|getting) (?:the |my |his |dad'?s |a )?(?:gun|rifle|shotgun|pistol) out of (?:the |"
        r"my |his )?(?:cabinet|safe|cupboard|closet|wardrobe|locker)\b(?![^.!?]{0,30}\b(?:to shoot|for (?:the )?"
        r"(?:fox|foxes|rabbits?|pigs?|roos?|kangaroos?|deer|vermin|pests?|dog|snake)))",
        r"\b(?:talk\w* about|threaten\w* to|wants? to|going to|gonna|about to|trying to|tried to|keeps saying he will"
        r"|keeps saying she will) jump\w* (?:out (?:of )?(?:the |a |his |her |my )?window|off (?:the |a )?(?:roof|"
        r"balcony|bridge|building|cliff))\b",
    ],
    # Insulin injected on purpose (NHS: an overdose, call 999; the n-gram model caught it before round 38 was added to
    # its training and not after: a rule does not move with retraining).
    "overdose": [
        rf"\b(?:(?:[3-9]\d|\d{{3}}) ?(?:units?|u)|whole pen|entire pen|too much|all (?:of )?my)\b[^.!?]{{0,30}}"
        rf"\b{_INSULIN}\b[^.!?]{{0,30}}\b(?:on purpose|deliberately|intentionally|to end it|so i do not wake up)\b",
        rf"\b(?:on purpose|deliberately|intentionally)\b[^.!?]{{0,20}}\b(?:injected|took|overdosed on|gave myself)\b"
        rf"[^.!?]{{0,30}}\b{_INSULIN}\b",
    ],
    # Rounds 37: a reliever taken many times, an irregular heart in someone who is restricting.
    "reliever_failing": [
        rf"\b(?:used|using|taken|taking|had|done|puffed|took)\b[^.!?]{{0,15}}\b{_RELIEVER}\b[^.!?]{{0,15}}"
        rf"\b(?:like |about |maybe |over |more than |at least |already |nearly |almost )?{_MANY} (?:times|puffs|goes)\b"
    ],
    "palpitations": [
        r"\bheart\b[^.!?]{0,25}\b(?:irregular|all wrong|out of rhythm|not beating right|beating wrong|off rhythm)\b"
    ],
}


#: The tables of this module, oldest round first, for :mod:`.concepts_late` to merge.
TABLES_EN: tuple[dict[str, list[str]], ...] = (EN_ROUND38,)
