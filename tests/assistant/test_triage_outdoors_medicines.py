"""Probes for blind rounds 39 (a pharmacy chat) and 40 (outdoors and remote places; Chinese workers and their home
villages), both ways: each miss, reworded, is now found, and its everyday neighbour stays where it was."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel
from tests.assistant.conftest import assert_probe_level

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

PHARMACY = [
    # Rapid-acting insulin taken instead of the long-acting one; a question about switching pens stays routine.
    ("took my humalog instead of my lantus at bedtime, 36 units, what should I do?", E),
    ("can I switch from lantus to toujeo pens without seeing my GP?", R),
    # Paracetamol for days with yellow skin; the maximum dose asked for its own sake.
    ("been taking panadol round the clock for a week for toothache, now my eyes look yellow", E),
    ("what is the maximum paracetamol dose in a day for an adult?", R),
    # How many it would take, pills saved up.
    ("how many of my sleeping tablets would it take to never wake up? been saving them up", E),
    # A baby's soft spot described, not asked about.
    ("baby 4 months, no wet nappy since morning, sunken soft spot, very floppy and won't wake for feeds", E),
    ("how do you spot dehydration in a baby?", R),
    # Patches that fall off are not a person falling asleep.
    ("my nicotine patches keep falling off when I sweat, any tips?", R),
]  # fmt: skip

OUTDOORS = [
    # A real bite told with a film simile; a planning question stays routine.
    ("bitten by a rattlesnake on the calf, swelling fast, mate wants to suck the venom out like in the movies", E),
    ("what would I do if my friend got bitten by a snake on the trail? planning a trip in spring", R),
    # Bear attack, impalement, a hook in the eyeball.
    ("BEAR ATTACK. FRIEND DEEP CLAWS TO HEAD, BLEEDING LOTS. 5KM FROM CAR", E),
    ("read about a bear attack in the news, how do people survive those?", R),
    ("a branch went into his belly when he fell, about 3 inches still in", E),
    ("fishing hook went into my daughter's eye while casting, it's stuck in the eyeball", E),
    ("got a fish hook stuck in my thumb, barbed, how do I get it out?", R),
    # Home canning and double vision with droopy eyelids.
    ("ate home canned beans yesterday, now double vision, droopy eyelids and hard to swallow", E),
    # A mountain-bike crash with pain out of proportion.
    ("crashed my bike yesterday, shin swollen and splinted, tonight the pain is way worse than it should be", E),
    # Frostbite two winters ago.
    ("got frostbite on my fingers two winters ago, still sensitive to cold, is that permanent?", R),
]  # fmt: skip

CHINESE = [
    # Rabies signs after a dog bite; a vaccine question stays routine.
    ("我爸一个月前被狗咬了没打疫苗，这两天发烧，怕水怕风，一喝水喉咙就抽", E),
    ("被狗咬了狂犬疫苗要打几针？", R),
    # A metal chip that cut the eyeball.
    ("打磨的时候铁屑蹦进眼睛里了，眼睛流血水，眼珠上好像有个口子", E),
    # A pet given "people's medicine" is still a pet.
    ("我家猫好像吃了老鼠药，一直吐，猫能用人吃的药吗", R),
]  # fmt: skip

PROBES = [("pharmacy", *p) for p in PHARMACY] + [("outdoors", *p) for p in OUTDOORS] + [("zh", *p) for p in CHINESE]


@pytest.mark.parametrize(("group", "text", "level"), PROBES, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(PROBES)])
def test_levels_of_rounds_39_and_40(group: str, text: str, level: TriageLevel) -> None:
    assert_probe_level(group, text, level)
