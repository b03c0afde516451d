"""Probes for blind rounds 43 (specialist-nurse helplines) and 44 (adults who look after other people's children, in
English and Chinese), both ways: each miss, reworded, is now found, and its everyday neighbour stays where it was."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel
from tests.assistant.conftest import assert_probe_level

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

SPECIALIST = [
    ("my son has leukaemia and is on maintenance chemo, temp 38.4 tonight, can we wait till morning?", E),
    ("my daughter has a PICC line for home PN, temp 38.7 and shivery", E),
    ("how often should her PICC line dressing be changed?", R),
    ("crohn's flare, belly massively swollen and tight, temp 38.5 and my heart is racing", E),
    ("ulcerative colitis, any diet tips during a mild flare?", R),
    ("long-term prednisolone for years, ran out 3 days ago, now vomiting and nearly passed out", E),
    ("I have Addison's, how do I double my hydrocortisone on sick days?", R),
    ("LVAD patient, urine is like cola today and it gave a low flow alarm", E),
    ("my LVAD gave a low battery alarm, swapped batteries and it's fine, just logging it", R),
    ("she's been taking her methotrexate every day instead of once a week, now mouth ulcers", E),
    ("immunotherapy knocked out my thyroid, can I take levothyroxine with coffee?", R),
    # Rules for emergencies the n-gram model found before rounds 43-44 joined its training and not after.
    ("I have haemophilia, sudden pain in my groin since lunch and I can't straighten my hip", E),
    ("I have haemophilia, what sports are safest for my joints?", R),
]  # fmt: skip

CHILDREN = [
    ("a splash of sodium hydroxide went in a pupil's eye in chemistry, he says it burns", E),
    ("his eye has swollen almost shut, fever 39, it hurts to look sideways and he sees double", E),
    ("on the school trip a boy says voices are telling him to jump from the window", E),
    ("a 15 year old told me she has a rope in her wardrobe and plans to use it tonight", E),
    ("toddler won't move her leg, knee hot, red and swollen, temp 39", E),
    ("keeps saying 'I'm going to die' every time we have a spelling test, he's fine, just dramatic", R),
    ("landed on her neck off the trampoline, neck really hurts and her hands are tingling", E),
    ("his forearm is swollen and bent, he cries if anyone touches it and he's gone grey", E),
    ("学生满脸青春痘，用什么洗面奶好？", R),
    ("给小学生做心肺复苏按压要多深？想做个培训", R),
]  # fmt: skip

PROBES = [("specialist", *p) for p in SPECIALIST] + [("children", *p) for p in CHILDREN]


@pytest.mark.parametrize(("group", "text", "level"), PROBES, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(PROBES)])
def test_levels_of_rounds_43_and_44(group: str, text: str, level: TriageLevel) -> None:
    assert_probe_level(group, text, level)
