"""Concepts from blind rounds 39 and 40: a pharmacy's "ask the pharmacist" chat (emergencies told as medicine
questions) and an outdoor and remote-area line (attacks, impalements, hooks, home canning), with Chinese workers and
their villages. Merged after :mod:`.concepts_late` (a name there gains these patterns).

Each entry names the round that showed the gap and the guidance its rule follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`, cited by the rules in :mod:`.rules_late`).
"""

from __future__ import annotations

_RAPID_INSULIN = r"(?:novorapid|humalog|fiasp|apidra|lispro|aspart|rapid[- ]acting|fast[- ]acting|short[- ]acting)"
_BASAL_INSULIN = r"(?:lantus|levemir|tresiba|toujeo|basal|long[- ]acting|glargine|degludec|background)"
_WILD_ANIMAL = (
    r"(?:grizzly|bear|shark|cougar|mountain lion|crocodile|croc|alligator|gator|hippo|elephant|buffalo|bull|moose|"
    r"leopard|lion|wolf|wolves|pit ?bulls?|dogs)"
)
_OBJECT = (
    r"(?:branch|stick|stake|pole|rebar|spike|piece of metal|metal bar|glass|arrow|bolt|fence post|rod|pitchfork|"
    r"antler|horn|post|spear)"
)
_TRUNK = r"(?:belly|stomach|abdomen|tummy|gut|chest|neck|back|side|groin)"

EN_ROUND40: dict[str, list[str]] = {
    # Round 39. A rapid-acting insulin taken instead of the long-acting one, or a large dose by mistake (NHS: an
    # overdose of insulin can cause a severe hypo hours later; call 999 if symptoms).
    "overdose": [
        rf"\b{_RAPID_INSULIN}(?: insulin)? instead of (?:my |the |his |her )?{_BASAL_INSULIN}\b",
        r"\b(?:accidentally|by mistake|by accident)\b[^.!?]{0,40}\b(?:[3-9]\d|\d{3}) ?(?:units?|u)\b",
    ],
    # Paracetamol taken for days with yellow skin (NHS paracetamol: go to A&E if you have taken too much).
    "paracetamol_word": [
        r"\b(?:paracetamol|acetaminophen|tylenol|panadol|calpol|co-?codamol|nyquil|dayquil|lemsip|excedrin|"
        r"percocet|vicodin|solpadeine|beechams)\b"
    ],
    # "How many of my amitriptyline would it take to not wake up. I've been saving them up" (NHS: a plan and means).
    "suicidal": [
        r"\bhow (?:many|much)\b[^.!?]{0,60}\b(?:would it take|does it take|will it take|it would take|it takes|do i "
        r"need|would i need) to (?:not wake up|never wake up|die|kill (?:me|myself)|end (?:it|my life)|not be here)\b",
        r"\b(?:been )?(?:saving|stockpiling|hoarding|stashing|squirrelling|squirreling) (?:them|these|my pills|my "
        r"tablets|my meds) up\b",
    ],
    # A mountain-bike crash with a swollen, splinted shin (compartment syndrome with pain out of proportion).
    "limb_crush": [
        r"\b(?:crash\w*|fell|fall|came off|thrown|landed)\b[^.!?]{0,60}\b(?:shin|calf|leg|forearm|arm)\b[^.!?]{0,20}"
        r"\b(?:swollen|swelling|splint\w*|broken|fractur\w*)\b"
    ],
    # Satellite-messenger capitals: "DEEP CLAWS SCALP + ARM BLEEDING LOTS".
    "bleeding_severe": [r"\bbleeding (?:lots|heaps|loads|everywhere|like crazy|a ton)\b"],
    "major_trauma": [
        rf"\b{_WILD_ANIMAL} (?:attack\w*|maul\w*|charged|gored)\b|\b(?:attacked|mauled|gored) by (?:a |an |two )?"
        rf"{_WILD_ANIMAL}\b|\bdeep (?:claw|bite)\w*\b",
        rf"\b{_OBJECT}\b[^.!?]{{0,40}}\b(?:went|gone|stuck|sticking|lodged|embedded|go) (?:into|in|out of)\b"
        rf"[^.!?]{{0,25}}\b{_TRUNK}\b",
        r"\b(?:\d+|two|three|four|five|six) ?(?:inches|inch|cm) (?:of it )?(?:stuck|still) in\b",
    ],
    # A fish hook or a shard in the eyeball (NHS eye injuries: go to A&E; do not pull it out).
    "eye_penetrating": [
        r"\b(?:hook|fish ?hook|wire|nail|splinter|shard|dart|stick|branch|pencil|screw|needle)\b[^.!?]{0,30}"
        r"\b(?:went|gone|stuck|lodged|embedded|jammed|pierced|poked|speared)\b (?:right |straight )?(?:into|in) "
        r"(?:his |her |my |their |the )?(?:eye ?ball|eye)\b(?! ?(?:drops?|wash|lid|brow))",
        r"\bstuck in (?:the |his |her |my |their )?eye ?ball\b",
    ],
    # Botulism after home canning, myasthenic crisis, a brainstem stroke: double vision with drooping eyelids or
    # trouble swallowing or talking (NHS botulism: call 999).
    "eyelid_droop": [
        r"\b(?:droop\w*|drooping|heavy|saggy) (?:eye ?lids?|lids)\b|\beye ?lids? (?:are |is |look |keep )?"
        r"(?:droop\w*|sagging|closing by themselves)\b"
    ],
    "swallow_speech_trouble": [
        r"\b(?:hard|difficult|trouble|struggling|struggles|cannot|can not|unable|difficulty|problems?) (?:to |with )?"
        r"(?:swallow\w*|talk\w*|speak\w*)\b"
    ],
}

ZH_ROUND40: dict[str, list[str]] = {
    # Round 40. Rabies once symptoms start: fear of water and wind, throat spasms on drinking (WHO rabies).
    "hydrophobia": [r"怕水|恐水|怕风|恐风|见水就|喝水(?:的时候)?[^，。！？,.!?]{0,3}喉咙(?:就)?(?:抽|痉挛|发紧|卡住)"],
    # A metal chip that flew into the eye and left a cut on the eyeball (NHS eye injuries).
    "eye_penetrating": [
        r"眼(?:珠|球)(?:子)?(?:上)?[^，。！？,.!?]{0,4}(?:有个?口子|破了|裂了|扎破|划破)",
        r"(?:蹦进|崩进|飞进|扎进|戳进|插进|刺进|溅进)(?:了)?(?:眼睛|眼珠|眼球)[^。！？!?]{0,12}(?:流血|出血|血水|口子|看不见)",
    ],
}

#: The tables of this module, for :mod:`.concepts_late` to merge.
TABLES_EN: tuple[dict[str, list[str]], ...] = (EN_ROUND40,)
TABLES_ZH: tuple[dict[str, list[str]], ...] = (ZH_ROUND40,)
