"""Probes for blind rounds 41 (English as a second language) and 42 (a crisis and addiction-services line), both ways:
each miss, reworded, is now found, and its everyday neighbour stays where it was."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel
from tests.assistant.conftest import assert_probe_level

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

SECOND_LANGUAGE = [
    ("Hot oil from the frying pan poured on my son, on his chest and both arms, the skin is white and peeling", E),
    ("my private part is standing and painful since 5 hours and not going down, I have sickle cell", E),
    ("Please my father is not talking again since morning, he is just staring, he does not answer well", E),
    ("my husband's belly is very painful and hard since morning, fever, he cannot move", E),
    ("condom burst yesterday night, what can I take?", U),
    ("Sometimes I feel it would be better if I was not here. No plan, my sister is with me", E),
    ("it would be better if I was not here for the meeting, can I change my appointment?", R),
    ("my mother is staring at the TV all day since she retired, how to motivate her to walk?", R),
]  # fmt: skip

CRISIS_LINE = [
    ("burned myself with a lighter, the patch is white and leathery and doesn't hurt", E),
    ("my housemate took two bars tonight, I pinched her and nothing, she is breathing 5 times a minute", E),
    ("the voices are telling me I have to punish my kids tonight. I'm scared of myself", E),
    ("used alone tonight, new batch, hard to keep my eyes open", E),
    ("gave him narcan 5 minutes ago, he came round but now he's nodding off again", E),
    ("where can I get naloxone kits for our hostel?", R),
    ("there's a hose from the exhaust into his car window in the garage and he's not moving", E),
    ("I've had enough of everything, going for a drive, is hitting a tree at 120 instant?", E),
    ("in the bath with a razor. I've started", E),
    ("it's 3 years today since my brother died of an overdose. I'm ok, just sad", R),
    ("6 months clean today, the cravings are easier now", R),
    # Catalogue emergencies the n-gram model caught before retraining and not after: now rules.
    ("had glandular fever a few weeks ago, took a knock at rugby and now pain under my left ribs", E),
    ("I had glandular fever 10 years ago, now a stitch in my left side when I run", R),
    ("gastric bypass 4 days ago, fever and my heart rate is 124", E),
    ("three weeks on allopurinol, now a rash everywhere, high fever and my face is swollen", E),
    ("on allopurinol for gout, any foods to avoid?", R),
]  # fmt: skip

PROBES = [("esl", *p) for p in SECOND_LANGUAGE] + [("crisis", *p) for p in CRISIS_LINE]


@pytest.mark.parametrize(("group", "text", "level"), PROBES, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(PROBES)])
def test_levels_of_rounds_41_and_42(group: str, text: str, level: TriageLevel) -> None:
    assert_probe_level(group, text, level)
