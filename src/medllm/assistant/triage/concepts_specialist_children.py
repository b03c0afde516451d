"""Concepts from blind rounds 43 and 44: specialist-nurse helplines (cancer, transplant, dialysis, heart devices,
steroid-dependent and inflammatory conditions) and adults who look after other people's children (school nurses,
teachers, nursery staff, coaches, grandparents). Merged after :mod:`.concepts_late`.

Each entry names the round that showed the gap and the guidance its rule follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`, cited by the rules in :mod:`.rules_late`).
"""

from __future__ import annotations

EN_ROUND44: dict[str, list[str]] = {
    # Round 43. "On maintenance chemo" (NHS sepsis: a fever during chemotherapy is an emergency).
    "immunosuppressed": [r"\bon (?:\w+ )?chemo\w*\b|\b(?:maintenance|oral) chemo\w*\b"],
    # A central line (Hickman, PICC, port) with a fever: line sepsis (NHS sepsis; every line team says call at once).
    "central_line": [
        r"\b(?:hickman|picc(?: line)?|portacath|port-a-cath|port a cath|central line|cvc|broviac|tunnell?ed line|"
        r"(?:tpn|pn) line)\b"
    ],
    # Methotrexate taken every day instead of weekly (NHS methotrexate: an overdose; get help straight away).
    "overdose": [
        r"\bmethotrexate\b[^.!?]{0,60}\b(?:every day|daily|each day)\b[^.!?]{0,30}\binstead of\b",
        r"\b(?:every day|daily|each day) instead of (?:once a week|weekly)\b",
    ],
    # Ulcerative colitis or Crohn's with a swollen, tight belly and fever or a racing heart (toxic megacolon).
    "ibd_known": [r"\b(?:ulcerative colitis|crohn'?s|ibd|colitis|inflammatory bowel)\b"],
    "belly_distended": [
        r"\b(?:tummy|belly|abdomen|stomach)\b[^.!?]{0,15}\b(?:massively|hugely|really|very|so)? ?(?:swollen|distended|"
        r"bloated|blown up)\b(?:[^.!?]{0,10}\btight\b)?"
    ],
    # Steroid-dependent: long-term prednisolone stopped, Addison's, hypopituitarism (NHS Addison's: adrenal crisis;
    # read by the existing adrenal_crisis rule).
    "adrenal_insufficiency": [
        r"\b(?:addison'?s|adrenal insufficiency|hypopituitar\w*|hypopit|congenital adrenal hyperplasia|cah)\b",
        r"\b(?:long[- ]term|years of|on and off) (?:prednisolone|prednisone|hydrocortisone|steroids)\b[^?!\n]{0,120}"
        r"\b(?:stopped|ran out|run out|missed|not taken|haven'?t taken|have not taken)\b",
        r"\b(?:stopped|ran out of|run out of|missed) (?:my |his |her |their )?(?:prednisolone|prednisone|"
        r"hydrocortisone|steroids)\b",
    ],
    # An LVAD alarm or cola-dark urine (pump thrombosis; VAD centres: call the VAD team or 999 at once).
    "lvad": [r"\b(?:lvad|vad|heartmate|heartware|left ventricular assist device)\b"],
    "device_warning": [
        r"\b(?:low flow|high power|power spike|pump stop\w*|pump|controller|driveline)\b[^.!?]{0,20}\balarm\w*\b|"
        r"\balarm\w*\b[^.!?]{0,10}\b(?:low flow|pump stop\w*)\b|\b(?:pee|urine|wee)\b[^.!?]{0,20}\b(?:like cola|"
        r"cola|coca[- ]cola|tea[- ]coloured|very dark)\b"
    ],
    # Round 44. Sodium hydroxide in a pupil's eye (NHS: chemical in the eye, rinse and go to A&E).
    "chemical_eye": [
        r"\b(?:sodium hydroxide|potassium hydroxide|hydroxide|hydrochloric|sulphuric|sulfuric|nitric|naoh)\b"
        r"[^.!?]{0,50}\b(?:eye|eyes)\b"
    ],
    # An eye swollen shut with pain on looking sideways and double vision (orbital cellulitis).
    "eyelid_swollen": [r"\beye\b[^.!?]{0,20}\bswollen (?:almost |nearly |completely |right )?shut\b"],
    "eye_movement_pain": [
        r"\b(?:hurts|painful|pain|sore)\b[^.!?]{0,30}\b(?:look|looking|move|moving)\b (?:his |her |my |their )?"
        r"(?:eyes? )?(?:sideways|side to side|up|down|left|right|around)\b"
    ],
    # Voices telling a pupil to jump out of a window; a rope kept for tonight.
    "suicidal": [
        r"\bvoices?\b[^.!?]{0,30}\b(?:telling|tell|told|tells|saying|say)\b[^.!?]{0,25}\bto (?:jump|kill (?:himself|"
        r"herself|myself|themselves)|hurt (?:himself|herself|myself|themselves)|die|end it)\b"
    ],
    "suicide_prep": [
        r"\b(?:a |the )?(?:rope|noose|ligature)\b[^.!?]{0,60}\b(?:tonight|plans? to use|planning to use|going to use|"
        r"to hang)\b"
    ],
    # A hot, red, swollen joint with fever, a child who will not move the leg (NHS septic arthritis: A&E).
    "joint_hot_swollen": [
        r"\b(?:knee|hip|ankle|elbow|wrist|shoulder|joint)\b[^.!?]{0,15}\b(?:is |are |looks |went )?(?:hot|red|warm),? "
        r"(?:(?:and )?(?:red|hot|warm),? )?(?:and )?(?:swollen|puffy)\b"
    ],
    # Haemophilia with a new pain, numbness or a head injury: a bleed into a muscle (psoas), a joint or the head
    # (NHS haemophilia: get help straight away for a bleed in the head, neck, tummy or a large muscle).
    "bleeding_disorder": [r"\b(?:ha?emophilia|ha?emophiliac|von willebrand\w*|factor (?:viii|ix|8|9) deficiency)\b"],
}

ZH_ROUND44: dict[str, list[str]] = {}

#: The tables of this module, for :mod:`.concepts_late` to merge.
TABLES_EN: tuple[dict[str, list[str]], ...] = (EN_ROUND44,)
