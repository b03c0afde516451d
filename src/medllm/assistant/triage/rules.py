"""The red-flag rules: which findings, together, set which level, and the guidance each follows.

A rule fires when all of ``all_of`` and at least one of ``any_of`` (when given) are current, and
none of ``none_of`` is. ``soften`` rules drop one level when every match of their first finding is
said to have resolved or to be long-standing (a TIA that has passed, chest pain "for months"):
still to be seen, no longer an ambulance. Rules about intent, poisoning or injury never soften.

Sources are keys of :data:`medllm.assistant.triage.sources.SOURCES`. Where guidance differs, the
more cautious level is used: NHS advice for a baby under 3 months with a fever is an urgent call,
medllm makes it an emergency.
"""

from __future__ import annotations

from dataclasses import dataclass

from medllm.assistant.triage.levels import TriageLevel

E, U = TriageLevel.EMERGENCY, TriageLevel.URGENT


@dataclass(frozen=True)
class Rule:
    """One red flag."""

    id: str
    level: TriageLevel
    en: str
    zh: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    source: str = "nhs-999"
    soften: bool = True


_CARDIAC_FEATURES = (
    "cardiac_radiation", "sweating", "nausea", "lightheaded", "dyspnea", "dyspnea_severe", "severe", "sudden",
    "palpitations", "fainted", "unresponsive",
)  # fmt: skip
_ANY_DYSPNEA = ("dyspnea", "dyspnea_severe", "throat_tight", "airway_swelling")
_STROKE_COMPANIONS = ("sudden", "speech_weak", "speech_strong", "confusion", "vision_loss", "face_droop", "headache")

RULES: tuple[Rule, ...] = (
    # Life support
    Rule("cardiac_arrest", E, "not breathing or no pulse", "没有呼吸或心跳", ("cardiac_arrest",), soften=False),
    Rule("unresponsive", E, "unconscious or not responding", "昏迷或叫不醒", ("unresponsive",), none_of=("near_faint",), soften=False),
    Rule("severe_breathing", E, "severe difficulty breathing or choking", "严重呼吸困难或窒息", ("dyspnea_severe",)),
    Rule("feels_like_dying", E, "says they feel they are dying", "自述快不行了", ("impending_doom",)),
    Rule("cry_for_help", E, "asking for help with breathing or chest symptoms", "呼救伴呼吸或胸部症状", ("help_cry",), ("dyspnea", "chest_pain", "bleeding", "seizure", "unresponsive")),
    Rule("sudden_breathlessness", E, "sudden breathlessness", "突发气短", ("dyspnea",), ("sudden", "chest_pain", "lip_face_swelling", "infant_under_3m")),
    # Heart
    Rule("heart_attack", E, "possible heart attack", "疑似心梗", ("heart_attack",), source="nhs-heart-attack"),
    Rule("cardiac_chest_pain", E, "chest pain with heart-attack features", "伴心梗特征的胸痛", ("chest_pain",), _CARDIAC_FEATURES, source="nhs-heart-attack"),
    Rule("shock", E, "clammy or grey skin with breathlessness and sickness or faintness", "面色苍白湿冷伴气短和恶心或头晕", ("shock_signs",), ("dyspnea_and_unwell",), source="nhs-heart-attack"),
    Rule("atypical_heart_attack", E, "jaw, arm or back pain with sweating and sickness", "下颌、手臂或后背痛伴出汗、恶心", ("cardiac_radiation", "sweating"), ("nausea", "dyspnea", "lightheaded"), source="nhs-heart-attack"),
    Rule("chest_pain", U, "chest pain", "胸痛", ("chest_pain",), source="nhs-111"),
    Rule("palpitations_with_symptoms", E, "racing heart with chest pain, fainting or breathlessness", "心慌伴胸痛、晕厥或气短", ("palpitations",), ("chest_pain", "fainted", "dyspnea", "dyspnea_severe")),
    Rule("palpitations", U, "palpitations", "心慌", ("palpitations",), source="nhs-111"),
    # Stroke (FAST / 中风120)
    Rule("stroke", E, "possible stroke", "疑似中风", ("stroke",), source="nhs-stroke"),
    Rule("face_droop", E, "face drooping (stroke sign)", "口角歪斜（中风征象）", ("face_droop",), source="nhs-stroke"),
    Rule("one_sided_weakness", E, "weakness or numbness on one side (stroke sign)", "一侧肢体无力或麻木（中风征象）", ("hemi_weakness",), source="nhs-stroke"),
    Rule("limb_weakness_sudden", E, "sudden arm or leg weakness (stroke sign)", "突发肢体无力（中风征象）", ("limb_weakness",), _STROKE_COMPANIONS, source="nhs-stroke"),
    Rule("limb_weakness", U, "arm or leg weakness or numbness", "肢体无力或麻木", ("limb_weakness",), none_of=("post_stroke",), source="nhs-111"),
    Rule("speech_problem", E, "slurred or confused speech (stroke sign)", "言语不清（中风征象）", ("speech_strong",), source="nhs-stroke"),
    Rule("speech_problem_sudden", E, "sudden trouble speaking (stroke sign)", "突发说话困难（中风征象）", ("speech_weak",), ("sudden", "face_droop", "limb_weakness"), source="nhs-stroke"),
    Rule("speech_difficulty", U, "trouble speaking", "说话困难", ("speech_weak",), source="nhs-111"),
    Rule("sudden_ataxia", E, "sudden loss of balance with other stroke signs", "突发平衡障碍伴其他中风征象", ("ataxia",), ("sudden", "speech_weak", "speech_strong", "vision_loss", "vision_change", "headache", "nausea", "limb_weakness", "face_droop"), source="nhs-stroke"),
    Rule("ataxia", U, "loss of balance", "平衡障碍", ("ataxia",), source="nhs-111"),
    Rule("vision_loss", E, "sudden loss of vision", "突然视力丧失", ("vision_loss",), source="nhs-stroke"),
    Rule("thunderclap_headache", E, "sudden, worst-ever headache", "突发剧烈头痛", ("thunderclap",), source="nhs-999"),
    Rule("sudden_severe_headache", E, "sudden severe headache", "突发剧烈头痛", ("headache", "sudden", "severe")),
    Rule("headache_neuro", E, "headache with confusion, weakness or a stiff neck", "头痛伴意识、肢体或颈部症状", ("headache",), ("confusion", "limb_weakness", "stiff_neck", "speech_strong")),
    Rule("confusion", E, "sudden confusion", "突然意识混乱", ("confusion",)),
    # Allergy
    Rule("anaphylaxis", E, "possible anaphylaxis", "疑似严重过敏反应", ("anaphylaxis",), source="nhs-anaphylaxis"),
    Rule("airway_swelling", E, "swelling of the tongue or throat", "舌头或喉咙肿胀", ("airway_swelling",), source="nhs-anaphylaxis"),
    Rule("allergic_throat_swelling", E, "throat swelling with an allergic trigger or breathing trouble", "过敏诱因下喉咙肿胀", ("throat_swelling",), ("allergen", "hives", "lip_face_swelling", "allergic_reaction", "sudden", *_ANY_DYSPNEA), source="nhs-anaphylaxis"),
    Rule("throat_swelling", U, "swollen throat", "喉咙肿胀", ("throat_swelling",), source="nhs-111"),
    Rule("adrenaline_used", E, "adrenaline auto-injector used", "已使用肾上腺素笔", ("epipen_used",), source="nhs-anaphylaxis", soften=False),
    Rule("allergic_swelling", E, "lip or face swelling with an allergic trigger or breathing trouble", "嘴唇或面部肿胀伴过敏诱因或呼吸困难", ("lip_face_swelling",), ("allergen", "hives", "sudden", "chest_pain", *_ANY_DYSPNEA), source="nhs-anaphylaxis"),
    Rule("allergic_throat", E, "tight throat after an allergic trigger", "接触过敏原后喉咙发紧", ("throat_tight",), ("allergen", "hives", "lip_face_swelling", "allergic_reaction"), source="nhs-anaphylaxis"),
    Rule("allergy_breathing", E, "allergic reaction with breathing trouble or faintness", "过敏伴呼吸困难或头晕", ("hives",), (*_ANY_DYSPNEA, "chest_pain", "lightheaded", "fainted"), source="nhs-anaphylaxis"),
    Rule("allergic_reaction_breathing", E, "allergic reaction with breathing trouble", "过敏反应伴呼吸困难", ("allergic_reaction",), (*_ANY_DYSPNEA, "chest_pain"), source="nhs-anaphylaxis"),
    Rule("facial_swelling", U, "facial swelling", "面部肿胀", ("lip_face_swelling",), source="nhs-111"),
    Rule("allergic_rash", U, "allergic reaction or spreading hives", "过敏反应或荨麻疹", ("hives",), source="nhs-111"),
    Rule("drug_rash", U, "rash after a new medicine or allergen", "用药或接触过敏原后皮疹", ("rash", "allergen"), source="nhs-111"),
    Rule("allergic_reaction", U, "allergic reaction", "过敏反应", ("allergic_reaction",), source="nhs-111"),
    # Bleeding
    Rule("wound_bleeding", E, "a wound bleeding heavily", "伤口大量出血", ("wound", "heavy_flow"), soften=False),
    Rule("severe_bleeding", E, "heavy bleeding that will not stop", "止不住的大出血", ("bleeding", "bleeding_severe"), none_of=("menstrual",)),
    Rule("heavy_period", U, "very heavy menstrual bleeding", "月经量过多", ("bleeding", "bleeding_severe", "menstrual"), source="nhs-111"),
    Rule("vomiting_blood", E, "vomiting blood", "呕血", ("vomiting_blood",)),
    Rule("coughing_blood_heavy", E, "coughing up a lot of blood", "大量咳血", ("coughing_blood", "bleeding_severe")),
    Rule("coughing_blood", U, "coughing up blood", "咳血", ("coughing_blood",), source="nhs-111"),
    Rule("blood_in_stool", U, "black or bloody stools", "黑便或便血", ("black_stool",), source="nhs-111"),
    Rule("blood_in_urine", U, "blood in urine", "尿血", ("blood_in_urine",), source="nhs-111"),
    # Mental health
    Rule("suicide_risk", E, "thoughts or plans of suicide", "有自杀念头或计划", ("suicidal",), source="nhs-suicide", soften=False),
    Rule("suicide_preparation", E, "preparing the means of suicide", "准备自杀工具", ("suicide_prep",), source="nhs-suicide", soften=False),
    Rule("self_harm", E, "self-harm", "自伤", ("self_harm",), none_of=("self_harm_accident",), source="nhs-suicide", soften=False),
    Rule("harm_to_others", E, "urge to harm someone", "有伤害他人的冲动", ("harm_others",), source="nhs-suicide", soften=False),
    Rule("mental_health_crisis", U, "mental health crisis", "心理危机", ("distress",), source="nhs-suicide"),
    # Poisoning
    Rule("overdose", E, "overdose or poisoning", "药物过量或中毒", ("overdose",), source="nhs-poisoning", soften=False),
    Rule("toxic_ingestion", E, "swallowed or breathed in something poisonous", "误服或吸入有毒物质", ("toxic_ingestion",), source="nhs-poisoning", soften=False),
    Rule("child_took_medicine", E, "a child swallowed medicine", "儿童误服药物", ("child_ingestion", "child"), source="nhs-poisoning", soften=False),
    Rule("insulin_overdose", E, "insulin overdose", "胰岛素过量", ("insulin_overdose",), source="nhs-poisoning", soften=False),
    Rule("dose_error_unwell", E, "too much medicine with drowsiness or confusion", "药物过量伴嗜睡或意识改变", ("dose_error",), ("confusion", "unresponsive", "fainted", "dyspnea", "dyspnea_severe", "seizure"), source="nhs-poisoning", soften=False),
    Rule("dose_error", U, "took too much of a medicine by mistake", "误服过量药物", ("dose_error",), source="nhs-poisoning"),
    Rule("venomous_bite", E, "venomous bite or sting", "毒蛇或毒虫咬伤", ("bite_venom",), soften=False),
    Rule("animal_bite", U, "animal bite", "动物咬伤", ("animal_bite",), source="nhs-111"),
    # Infants
    Rule("infant_fever", E, "fever in a baby under 3 months", "3个月以下婴儿发热", ("infant_under_3m", "fever"), source="nhs-fever-children", soften=False),
    Rule("infant_unwell", E, "a baby under 3 months who is floppy, breathless or not feeding", "3个月以下婴儿精神差、呼吸困难或拒奶", ("infant_under_3m",), ("dyspnea", "infant_feeding", "dehydration", "unresponsive"), source="nhs-fever-children", soften=False),
    Rule("infant_fever_3_6m", U, "fever in a baby aged 3 to 6 months", "3至6个月婴儿发热", ("infant_3_6m", "fever"), source="nhs-fever-children", soften=False),
    # Consciousness, seizures, injuries
    Rule("faint_with_injury", E, "fainted with an injury or heart symptoms", "晕倒并受伤或伴心脏症状", ("fainted",), ("fall_injury", "head_injury", "chest_pain", "palpitations", "dyspnea", "seizure", "pregnant", "confusion", "black_stool", "vomiting_blood", "severe_pain"), none_of=("near_faint",), soften=False),
    Rule("fainted", U, "fainted", "晕倒", ("fainted",), none_of=("near_faint",), source="nhs-111", soften=False),
    Rule("near_faint", U, "nearly fainted", "差点晕倒", ("near_faint",), source="nhs-111"),
    Rule("prolonged_seizure", E, "seizure that will not stop, repeats or is the first", "持续、反复或首次抽搐", ("seizure", "seizure_prolonged"), source="nhs-seizure", soften=False),
    Rule("seizure", E, "seizure", "抽搐", ("seizure",), source="nhs-seizure"),
    Rule("severe_burn", E, "severe, large, electrical or chemical burn", "严重、大面积、电或化学烧伤", ("burn", "burn_severe"), source="nhs-burns", soften=False),
    Rule("electric_shock", E, "electric shock", "触电", ("electric_shock",), source="nhs-burns", soften=False),
    Rule("chemical_eye", E, "chemical in the eye", "化学物质溅入眼睛", ("chemical_eye",), source="nhs-burns", soften=False),
    Rule("burn", U, "burn with blisters or in a child", "起水泡或儿童烧烫伤", ("burn",), ("blister", "child"), source="nhs-burns"),
    Rule("fall_with_head_signs", E, "a fall followed by being knocked out, vomiting or drowsiness", "摔倒后昏迷、呕吐或嗜睡", ("fall", "head_injury_severe"), ("head_injury", "fainted", "nausea", "unresponsive", "confusion"), source="nhs-head-injury", soften=False),
    Rule("serious_head_injury", E, "head injury with vomiting, drowsiness or knocked out", "头部外伤伴呕吐、嗜睡或昏迷", ("head_injury", "head_injury_severe"), source="nhs-head-injury", soften=False),
    Rule("head_injury_anticoagulated", U, "head injury while taking blood thinners", "服用抗凝药时头部外伤", ("head_injury", "anticoagulated"), source="nhs-head-injury", soften=False),
    Rule("head_injury", U, "head injury", "头部外伤", ("head_injury",), source="nhs-head-injury"),
    Rule("major_trauma", E, "serious injury", "严重外伤", ("major_trauma",), soften=False),
    Rule("possible_fracture", U, "possible broken bone", "疑似骨折", ("fracture",), source="nhs-111"),
    Rule("deep_cut", U, "deep cut", "深伤口", ("deep_cut",), source="nhs-111", soften=False),
    # Infection
    Rule("nonblanching_rash", E, "rash that does not fade under a glass", "压之不褪色的皮疹", ("nonblanching_rash",), source="nhs-meningitis", soften=False),
    Rule("meningitis_signs", E, "fever with a stiff neck", "发热伴颈部僵硬", ("fever", "stiff_neck"), source="nhs-meningitis"),
    Rule("meningitis", E, "possible meningitis", "疑似脑膜炎", ("meningitis",), source="nhs-meningitis"),
    Rule("sepsis", E, "signs of sepsis", "脓毒症征象", ("sepsis",), source="nhs-sepsis"),
    Rule("sepsis_signs", E, "fever with cold hands and feet and a racing heart or confusion", "发热伴四肢冰冷及心跳快或意识改变", ("fever", "cold_extremities"), ("palpitations", "confusion", "confusion_mild", "dyspnea", "lightheaded"), source="nhs-sepsis"),
    Rule("child_poison_nearby", E, "a child with a poisonous product", "儿童接触有毒物品", ("toxic_substance", "child"), ("nausea", "dyspnea", "dyspnea_severe", "unresponsive", "lightheaded", "child_ingestion", "toxic_ingestion"), source="nhs-poisoning", soften=False),
    Rule("persistent_fever", U, "fever for three days or more", "发热三天以上", ("fever", "fever_days"), source="nhs-111"),
    Rule("fever_in_pregnancy", U, "fever in pregnancy", "孕期发热", ("fever", "pregnant"), none_of=("not_pregnant_context",), source="nhs-111", soften=False),
    Rule("spreading_infection", U, "spreading infection or discharge", "感染扩散或流脓", ("infection_spreading",), source="nhs-111"),
    Rule("possible_clot", U, "possible blood clot in the leg", "疑似下肢血栓", ("dvt",), source="nhs-111"),
    Rule("foreign_body", U, "something stuck in the nose, ear, throat or skin", "异物卡住或刺入", ("foreign_body",), source="nhs-111"),
    Rule("sudden_hearing_loss", U, "sudden hearing loss", "突发听力下降", ("sudden_hearing_loss",), source="nhs-111"),
    Rule("painful_eye", U, "painful eye with light sensitivity or blurred vision", "眼痛伴畏光或视物模糊", ("eye_pain_light",), source="nhs-111"),
    Rule("shingles_near_eye", U, "shingles near the eye", "眼部附近带状疱疹", ("shingles_eye",), source="nhs-111"),
    Rule("cannot_swallow", U, "cannot swallow", "无法吞咽", ("cannot_swallow",), source="nhs-111"),
    Rule("urinary_retention", U, "cannot pass urine", "无法排尿", ("urinary_retention",), source="nhs-111"),
    Rule("asthma_worsening", U, "worsening asthma", "哮喘加重", ("asthma_worse",), source="nhs-111"),
    Rule("mild_confusion", U, "more confused than usual", "比平时糊涂", ("confusion_mild",), source="nhs-111"),
    Rule("injury_after_fall", U, "injury with swelling after a fall", "摔伤后肿胀", ("fall", "injury_swelling"), source="nhs-111"),
    Rule("blistering_sunburn", U, "sunburn with blisters or fever", "晒伤起水泡或发热", ("sunburn",), ("blister", "fever"), source="nhs-111"),
    Rule("uti_in_pregnancy", U, "urinary infection in pregnancy", "孕期尿路感染", ("kidney_infection", "pregnant"), none_of=("not_pregnant_context",), source="nhs-111", soften=False),
    Rule("high_fever", U, "high fever", "高热", ("temp_39_5",), source="nhs-111"),
    Rule("kidney_infection", U, "urinary symptoms with fever", "泌尿系症状伴发热", ("kidney_infection", "fever"), source="nhs-111"),
    Rule("dehydration", U, "signs of dehydration", "脱水迹象", ("dehydration",), source="nhs-111"),
    # Abdomen, testicles
    Rule("acute_abdomen", E, "severe abdominal pain with a rigid belly", "剧烈腹痛伴腹部板硬", ("abdominal_pain", "abdomen_rigid")),
    Rule("severe_abdominal_pain", U, "severe abdominal pain", "剧烈腹痛", ("abdominal_pain",), ("severe", "sudden"), none_of=("menstrual",), source="nhs-111"),
    Rule("appendicitis", U, "possible appendicitis", "疑似阑尾炎", ("appendicitis",), source="nhs-111"),
    Rule("testicular_torsion", E, "sudden severe testicle pain", "突发剧烈睾丸疼痛", ("testicular_pain",), ("sudden", "severe"), source="nhs-testicle"),
    Rule("testicle_pain", U, "testicle pain", "睾丸疼痛", ("testicular_pain",), source="nhs-testicle"),
    # Pregnancy
    Rule("pregnancy_bleeding_heavy", E, "heavy bleeding in pregnancy", "孕期大出血", ("pregnant", "bleeding", "bleeding_severe"), none_of=("not_pregnant_context",), source="nhs-pregnancy-bleeding", soften=False),
    Rule("postpartum_bleeding", E, "heavy bleeding after birth", "产后大出血", ("postpartum", "bleeding", "bleeding_severe"), source="nhs-pregnancy-bleeding", soften=False),
    Rule("pregnancy_severe_pain", E, "severe abdominal pain in pregnancy", "孕期剧烈腹痛", ("pregnant",), ("severe_pain", "acute_pain_in_pregnancy", "shoulder_tip_pain"), none_of=("not_pregnant_context",), source="nhs-pregnancy-bleeding", soften=False),
    Rule("pre_eclampsia", E, "severe headache or vision changes in pregnancy", "孕期剧烈头痛或视物模糊", ("pregnant",), ("headache_with_vision", "severe_headache", "headache_with_bp"), none_of=("not_pregnant_context",), source="nhs-pre-eclampsia", soften=False),
    Rule("postpartum_pre_eclampsia", E, "severe headache, vision changes or high blood pressure after birth", "产后剧烈头痛、视物模糊或血压高", ("postpartum",), ("headache_with_vision", "severe_headache", "headache_with_bp"), source="nhs-pre-eclampsia", soften=False),
    Rule("labour_emergency", E, "baby coming now or cord visible", "即将分娩或脐带脱出", ("labour_now",), source="nhs-999", soften=False),
    Rule("pregnancy_bleeding", U, "bleeding in pregnancy", "孕期出血", ("pregnant", "bleeding"), none_of=("not_pregnant_context",), source="nhs-pregnancy-bleeding", soften=False),
    Rule("pregnancy_pain", U, "abdominal pain in pregnancy", "孕期腹痛", ("pregnant", "abdominal_pain"), none_of=("not_pregnant_context",), source="nhs-pregnancy-bleeding"),
    Rule("reduced_fetal_movements", U, "baby moving less", "胎动减少", ("fetal_movement",), source="nhs-baby-movements", soften=False),
    Rule("waters_broken", U, "waters broken", "破水", ("waters_broke",), source="nhs-baby-movements", soften=False),
    Rule("postpartum_bleeding_any", U, "bleeding after birth", "产后出血", ("postpartum", "bleeding"), source="nhs-pregnancy-bleeding", soften=False),
    # Metabolic, environment, other
    Rule("severe_hypoglycaemia", E, "low blood sugar with confusion or unconsciousness", "低血糖伴意识障碍", ("hypoglycaemia",), ("confusion", "unresponsive", "seizure", "fainted", "speech_strong")),
    Rule("hypoglycaemia", U, "low blood sugar", "低血糖", ("hypoglycaemia",), source="nhs-111"),
    Rule("dka", E, "possible diabetic ketoacidosis", "疑似糖尿病酮症酸中毒", ("dka",)),
    Rule("environmental", E, "drowning, heatstroke or hypothermia", "溺水、热射病或失温", ("environmental",), soften=False),
    Rule("hypertensive_emergency", E, "very high blood pressure with symptoms", "血压极高伴症状", ("high_bp",), ("headache", "chest_pain", "vision_change", "confusion", "limb_weakness", "speech_weak", "speech_strong", "dyspnea")),
    Rule("very_high_blood_pressure", U, "very high blood pressure", "血压很高", ("high_bp",), source="nhs-111"),
    Rule("breathlessness", U, "shortness of breath", "气短", ("dyspnea",), source="nhs-111"),
    Rule("eye_problem", U, "eye injury or vision change", "眼外伤或视力变化", ("eye_problem",), source="nhs-111"),
    Rule("vision_change", U, "vision change", "视力变化", ("vision_change",), source="nhs-111"),
    Rule("severe_pain", U, "severe pain", "剧烈疼痛", ("severe_pain",), source="nhs-111"),
)
