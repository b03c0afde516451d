"""Red-flag rules added after the sixth blind set; appended to :data:`medllm.assistant.triage.rules.RULES`.

Each names the guidance it follows (keys of :data:`medllm.assistant.triage.sources.SOURCES`). The findings
come from :mod:`.concepts_acute` and the main concept tables.
"""

from __future__ import annotations

from medllm.assistant.triage.levels import Rule, TriageLevel

E, U = TriageLevel.EMERGENCY, TriageLevel.URGENT

# fmt: off
ACUTE_RULES: tuple[Rule, ...] = (
    # NHS, coughing up blood: A&E or 999 for more than a few spots or streaks, or with breathing difficulty, a very
    # fast heartbeat or chest pain.
    Rule("massive_haemoptysis", E, "coughing up a large amount of blood", "大量咳血", ("coughing_blood_heavy",),
         source="nhs-coughing-blood", soften=False),
    Rule("coughing_blood_unwell", E, "coughing up blood with breathlessness, chest pain or a racing heart",
         "咳血伴气短、胸痛或心跳很快", ("coughing_blood",),
         ("dyspnea", "dyspnea_severe", "chest_pain", "palpitations", "hr_fast", "tachycardia", "bleeding_severe"),
         source="nhs-coughing-blood"),
    # A heavy pressure (said to be "not really pain") with pain in the jaw or arm and sweating or sickness.
    Rule("cardiac_pressure", E, "chest pressure or heaviness with jaw or arm pain", "胸部压迫感伴下颌或手臂痛",
         ("pressure_sensation", "cardiac_radiation"), ("sweating", "nausea", "dyspnea", "lightheaded", "shock_signs"),
         source="nhs-heart-attack"),
    # Broken hip or leg: call 999 (NHS); an older person who has fallen and cannot get up is not left on the floor.
    Rule("broken_hip_or_leg", E, "a leg that looks shortened, turned out or bent after an injury (possible broken "
         "hip or leg)", "伤后腿变短、外旋或变形（疑似髋部或腿骨折）", ("leg_deformity",),
         ("fall", "fall_injury", "hip_pain", "fracture", "cannot_get_up", "major_trauma", "severe_pain", "severe"),
         source="nhs-broken-leg", soften=False),
    Rule("hip_fracture_fall", E, "hip pain after a fall and cannot get up (possible broken hip)",
         "摔倒后髋部痛、起不来（疑似髋部骨折）", ("hip_pain", "fall"), ("cannot_get_up", "older_person"),
         source="nhs-broken-leg", soften=False),
    Rule("older_fall_cannot_get_up", E, "an older person who has fallen and cannot get up", "老人摔倒后起不来",
         ("cannot_get_up", "fall", "older_person"), source="nhs-falls", soften=False),
    # Choking: something stuck and the child or adult cannot cough, cry, speak or breathe, or is going red or blue.
    Rule("choking", E, "choking: something stuck and cannot speak, cough or breathe",
         "异物卡喉：发不出声、咳不出或喘不上气", ("stuck_object",),
         ("choking_signs", "dyspnea", "dyspnea_severe", "stridor"), source="nhs-choking", soften=False),
    # Aortic dissection: sudden tearing chest or back pain.
    Rule("tearing_chest_back_pain", E, "sudden tearing pain in the chest or back (possible aortic dissection)",
         "胸背部撕裂样疼痛（疑似主动脉夹层）", ("tearing_pain",),
         ("sudden", "severe", "severe_pain", "lightheaded", "near_faint", "fainted", "sweating", "high_bp", "bp_160",
          "cardiac_radiation", "chest_pain", "shock_signs", "limb_weakness", "older_person"),
         source="aha-aortic-dissection"),
    # Quinsy: severe one-sided throat pain with swelling needs a same-day assessment.
    Rule("quinsy", U, "one-sided throat swelling (possible quinsy)", "一侧咽喉肿痛（疑似扁桃体周围脓肿）",
         ("quinsy_signs",), source="nhs-quinsy"),
)
# fmt: on
