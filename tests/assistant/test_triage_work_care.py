"""Probes for blind rounds 37 (a student health line) and 38 (workplaces, farms and carers), both ways: each miss,
reworded, is now found, and its everyday neighbour stays where it was."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel
from tests.assistant.conftest import assert_probe_level

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

WORKPLACE = [
    # A boom or a tipper touching overhead lines; a question about safe distances stays routine.
    ("the crane jib touched the overhead power line and the operator is slumped in the cab", E),
    ("how far should a tipper stay from overhead power lines? writing our site induction", R),
    # A leg pinned under something, then pain out of proportion: compartment syndrome.
    ("his leg got pinned under a fallen tree this morning, now the calf is rock hard and the pain is way worse than "
     "it should be", E),
    ("leg got pinned under the quad for a sec last week, bruised but walking fine now", R),
    # A grease-gun pinprick; a grease gun question is not one.
    ("tiny prick on my thumb from the grease gun an hour ago, now it's swelling up and throbbing", E),
    ("what grease should I put in the grease gun for the tractor?", R),
    # Ring avulsion, a bone showing.
    ("caught my ring on a nail jumping off the trailer, the skin came off like a glove and you can see bone", E),
    # Cement burns that blister and go grey.
    ("kneeling in wet cement all afternoon. now my knees are blistered and grey", E),
    ("how long does concrete take to cure before we can walk on it?", R),
    # Glass etching cream (hydrofluoric acid) under a glove.
    ("got glass etching cream on my fingertips at work, pain is getting deeper and worse", E),
    # A mouthful of weedkiller; a weedkiller safety question.
    ("my brother took a swig from a bottle that turned out to have weedkiller in it", E),
    ("is it safe to spray weedkiller near the veggie patch?", R),
]  # fmt: skip

CARERS = [
    # A stoma gone black; a stoma question.
    ("mum's new colostomy stoma has turned dark purple, nearly black, since lunchtime", E),
    ("how often should a colostomy bag be changed?", R),
    # A stoma not working with vomiting.
    ("his ileostomy has had no output since yesterday and he keeps vomiting", E),
    # A gastrostomy tube out; a PEG routine question.
    ("dad's PEG tube fell out this evening, there's no spare at home", E),
    ("how do I clean around a PEG tube site each day?", R),
    # Autonomic dysreflexia: a spinal cord injury with a pounding headache or a very high blood pressure.
    ("my client is tetraplegic, he has a pounding headache and his face has gone blotchy", E),
    ("my husband has a C5 spinal cord injury and his BP just read 200/115, his normal is 95/60", E),
    ("my son is tetraplegic, any tips for wheelchair-friendly holidays?", R),
    # A congenital heart condition named is not a sign now; a stockpile and a worked-out dose are a plan.
    ("my son has a cyanotic heart condition, stable for years, can he go to school camp?", R),
    ("i've worked out how many of her morphine tablets it would take for me. i'm done", E),
    # A pet named by its breed is the patient, not the writer.
    ("my heeler got bitten by a snake in the paddock, he's wobbly", R),
    ("a snake bit me in the paddock and my leg is swelling", E),
]  # fmt: skip

STUDENTS = [
    # A reliever taken many times; a peak flow at half of the person's best.
    ("asthma bad tonight, used my ventolin like 10 times in two hours and my chest is still tight and I'm wheezy", E),
    ("peak flow is 200 and my best is 500, chest feels tight", E),
    ("peak flow is 450 and my best is 500, just checking my diary", R),
    # An irregular heart with breathlessness.
    ("been restricting for months, now breathless and my heart feels all wrong, really irregular", E),
    # Talking about jumping out of a window.
    ("my flatmate is holding a knife and talking about jumping out the window", E),
    # Insulin injected on purpose; an ordinary dose taken as told stays routine.
    ("injected 50 units of my humalog on purpose an hour ago, just want to sleep", E),
    ("I gave myself 10 units of insulin on purpose before dinner like the nurse said, is that right?", R),
    ("I take my lantus deliberately at night rather than in the morning, is that ok?", R),
    # Jokes and past events.
    ("ate three burgers, pretty sure im having a heart attack 😂 jk. how bad is fast food weekly?", R),
    ("this essay is killing me lmao im dying. tips for focus?", R),
    ("whats the right way to do the heimlich on yourself? no one is choking, just curious", R),
    ("my fingers go white then blue when it's cold, had it for years. what is it?", R),
    ("a while back my friend went really out of it at a party, she came round and is completely fine. is mixing G "
     "and alcohol dangerous?", R),
]  # fmt: skip

PROBES = [("work", *p) for p in WORKPLACE] + [("care", *p) for p in CARERS] + [("students", *p) for p in STUDENTS]


@pytest.mark.parametrize(("group", "text", "level"), PROBES, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(PROBES)])
def test_levels_of_rounds_37_and_38(group: str, text: str, level: TriageLevel) -> None:
    assert_probe_level(group, text, level)
