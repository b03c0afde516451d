"""Probes for what the eighteenth and later blind sets showed, both ways: the miss now found, and the near
neighbour that must stay where it was (a rule widened for a miss must not start alarming on everyday text)."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel, triage

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

ROUND18 = [
    # Pressure, not pain, in the jaw and the back, with breathlessness and sickness (AHA: women's heart attacks).
    ("58, diabetic. An hour of strange pressure in my jaw and between my shoulder blades, short of breath and "
     "nauseous", E),
    ("my mum has an ache in her jaw and between her shoulder blades, sweating and feels sick", E),
    ("pressure in my jaw when I chew, the dentist thinks I grind my teeth at night", R),
    ("tight between my shoulder blades after sitting at a desk all day, any stretches?", R),
    # Cold to touch with drowsiness: hypothermia.
    ("found grandad on the floor of his freezing flat, he's icy cold to the touch and really drowsy", E),
    ("my neighbour is very cold to touch and confused, her heating broke days ago", E),
    ("my baby's hands feel very cold to touch at night, is the room too cold?", R),
    # A goodbye sent by message, then out of reach.
    ("室友刚才发微信说'谢谢你，再见了'，然后发了张天台的照片，电话一直不接", E),
    ("我朋友给我留言说对不起，再见了，现在怎么也联系不上", E),
    ("同事今天离职，群里说谢谢大家照顾，以后常联系", R),
    # The gym is where a thunderclap headache happened; a sore muscle after the gym is still no emergency.
    ("刚才在健身房突然后脑勺像被人用棍子打了一下，这辈子最疼的头痛，还吐了，脖子也发硬", E),
    ("健身后胸口肌肉酸痛，按着才疼，正常吗", R),
    # A family history is no event now; an event now in someone with the history still is.
    ("我家有中风家族史，爷爷和大伯都中风过，我今年40，现在没什么症状，怎么预防", R),
    ("我爸有中风家族史，刚才突然说话不清楚，右手拿不住筷子", E),
    # Food poisoning worry with no symptoms; real poisoning stays.
    ("刚吃了一盒过期一天的酸奶，现在一点感觉都没有，会不会食物中毒？", R),
    ("孩子误喝了半瓶敌敌畏，现在在吐", E),
    # A fever medicine given as dosed, then the temperature; a child who got into the pills stays an emergency.
    ("孩子2岁半，发烧38.5，吃了布洛芬退到37.5，能吃能玩，该怎么护理", R),
    ("孩子2岁，趁我不注意吃了半板布洛芬", E),
    # "要心梗了哈哈" is a figure of speech; symptoms told with a laugh are not.
    ("老板说我这个方案再改下去他要心梗了哈哈，话说人气到什么程度真的会心梗？", R),
    ("我早上起来半边脸发麻 说话老是说错字 哈哈", E),
    # Same-day care, not an ambulance: appendicitis, shingles near the eye, spreading redness, emergency
    # contraception, chickenpox contact in pregnancy, a sandpaper rash; their textbook questions stay routine.
    ("dull ache around my belly button since last night that's moved to the lower right side, feel a bit sick", U),
    ("what are the first signs of appendicitis?", R),
    ("Got a painful blistery rash on one side of my forehead going down towards my eye, I'm 70", U),
    ("the red patch on my shin is spreading, it's bigger than yesterday and hot", U),
    ("Condom split last night. How quickly do I need emergency contraception?", U),
    ("I'm 20 weeks pregnant and my nephew has just come out in chickenpox, I was with him yesterday", U),
    ("My daughter has a sore throat, a temperature and a rough sandpapery rash on her chest", U),
    ("小腿上被蚊子咬的地方抓破了，现在红肿一大片，发热发烫，红的范围比昨天大了一圈", U),
    ("肚脐周围疼了一晚上，现在转移到右下腹了，有点恶心", U),
    ("怀孕5个月，昨天抱了得水痘的外甥，我没出过水痘", U),
    ("水痘疫苗一般几岁打？", R),
]  # fmt: skip


@pytest.mark.parametrize(("text", "level"), ROUND18)
def test_levels_round18(text: str, level: TriageLevel) -> None:
    assert triage(text).level is level, triage(text).to_dict()
