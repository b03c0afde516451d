"""Red-flag rules added after the eighteenth blind set; appended to :data:`medllm.assistant.triage.rules.RULES`.

Their findings come from :mod:`.concepts_late`; each names the guidance it follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`).
"""

from __future__ import annotations

from medllm.assistant.triage.levels import Rule, TriageLevel

E, U = TriageLevel.EMERGENCY, TriageLevel.URGENT

#: The rule the n-gram second opinion reports under (:mod:`.ngram_model`); no concept sets its finding, the engine
#: adds the reason itself when the model says emergency and no rule did.
NGRAM_RULE = "worded_like_an_emergency"

# fmt: off
LATE_RULES: tuple[Rule, ...] = (
    # Round 18: same-day care (NHS 111 level), none of them an ambulance on its own.
    Rule("appendicitis_pattern", U, "belly pain that has moved to the lower right", "腹痛转移到右下腹",
         ("pain_moved_right",), source="nhs-appendicitis"),
    Rule("spreading_redness", U, "red, swollen skin that is spreading", "皮肤红肿范围在扩大",
         ("spreading_redness",), source="nhs-cellulitis"),
    Rule("emergency_contraception", U, "emergency contraception works best taken as soon as possible",
         "紧急避孕越早越有效", ("emergency_contraception",), source="nhs-emergency-contraception"),
    Rule("chickenpox_in_pregnancy", U, "contact with chickenpox or shingles in pregnancy", "孕期接触水痘或带状疱疹",
         ("chickenpox_contact", "pregnant"), source="nhs-chickenpox-pregnancy"),
    Rule("scarlet_fever_signs", U, "a sandpaper-like rash (possible scarlet fever)", "砂纸样皮疹（疑似猩红热）",
         ("sandpaper_rash",), source="nhs-scarlet-fever"),
    # Round 19.
    Rule("atypical_heart_attack_grey", E, "jaw, arm or back pain with grey or clammy skin and sickness or sweating",
         "下颌、手臂或后背痛伴面色灰白湿冷及恶心或出汗", ("cardiac_radiation", "shock_signs"),
         ("nausea", "sweating", "lightheaded", "dyspnea"), source="nhs-heart-attack"),
    Rule("severe_dehydration", E, "dehydration with sunken eyes, wrinkled skin or unable to stand",
         "脱水伴眼窝凹陷、皮肤起皱或站不起来", ("dehydration", "dehydration_severe"), source="who-cholera"),
    Rule("marine_sting_severe", E, "a jellyfish or other marine sting with breathing trouble, chest pain or collapse",
         "水母等海洋生物蜇伤伴呼吸困难、胸痛或晕倒", ("marine_sting",),
         ("dyspnea", "dyspnea_severe", "chest_pain", "fainted", "unresponsive", "seizure", "throat_tight",
          "severe", "pain_extreme"), source="healthdirect-jellyfish", soften=False),
    Rule("first_seizure", E, "a first seizure", "第一次抽搐发作", ("seizure", "first_seizure"), source="nhs-seizure",
         soften=False),
    Rule("exposure_prophylaxis", U, "a needle-stick or sexual exposure: preventive treatment works best within hours",
         "针刺伤或高危暴露：阻断用药越早越好", ("exposure_prophylaxis",), source="nhs-pep"),
    Rule("lyme_rash", U, "a spreading ring rash after a tick bite", "蜱虫叮咬后出现扩大的环形红斑", ("tick_rash",),
         source="nhs-lyme"),
    Rule("new_jaundice", U, "yellow skin or eyes", "皮肤或眼白发黄", ("jaundice",), source="nhs-jaundice"),
    Rule("flashes_floaters", U, "new flashes or floaters in the eye", "眼前新出现闪光或飞蚊", ("flashes_floaters",),
         source="nhs-detached-retina"),
    Rule("mastitis", U, "a red, hot breast with fever", "乳房红肿发热伴发烧", ("mastitis",), source="nhs-mastitis"),
    Rule("wound_infection", U, "a wound that is red, hot or oozing", "伤口红肿发热或流脓", ("wound_infection",),
         source="nhs-111"),
    Rule("low_mood", U, "low mood for some time: talk to a doctor soon", "持续情绪低落：尽快就医或求助",
         ("low_mood",), source="nice-depression"),
    # Round 20.
    Rule("severe_hyperkalaemia", E, "a blood potassium of 6.5 or more", "血钾6.5以上", ("potassium_severe",),
         source="uk-hyperkalaemia", soften=False),
    Rule("inr_high", U, "an INR of 5 or more", "INR 5以上", ("inr_high",), source="nhs-warfarin"),
    Rule("pd_peritonitis", U, "cloudy peritoneal dialysis fluid (possible peritonitis)", "腹透液浑浊（疑似腹膜炎）",
         ("pd_cloudy",), source="nhs-dialysis"),
    Rule("fistula_silent", U, "a dialysis fistula that no longer buzzes", "透析内瘘震颤消失", ("fistula_silent",),
         source="nhs-dialysis"),
    Rule("heart_failure_weight", U, "weight up 2 kg or more in three days (fluid building up)",
         "三天内体重增加2公斤以上", ("weight_gain_fast",), source="nhs-heart-failure"),
    Rule("diarrhoea_after_chemo", U, "diarrhoea after chemotherapy", "化疗后腹泻", ("after_chemo", "diarrhoea_any"),
         source="nhs-sepsis"),
    Rule("obstetric_cholestasis", U, "itchy palms or soles in pregnancy", "孕期手心脚心瘙痒",
         ("itchy_palms_soles", "pregnant"), source="nhs-pregnancy-itching"),
    Rule("urine_infection_in_pregnancy", U, "urine infection signs in pregnancy", "孕期尿路感染症状",
         ("urine_infection_signs", "pregnant"), source="nhs-111"),
    Rule("diabetic_foot", U, "a red, weeping or dark sore on a diabetic foot", "糖尿病足伤口红肿、流液或发黑",
         ("diabetic_foot",), source="nhs-diabetic-foot"),
    # Round 22.
    Rule("suicide_no_return", E, "going somewhere high or to water and not planning to come back",
         "要去高处或水边且不打算回来", ("no_return",), ("bridge_place", "at_height_now", "distress", "plan_ready"),
         source="nhs-suicide", soften=False),
    Rule("kidney_stone_pain", U, "waves of pain from the side to the groin (possible kidney stone)",
         "腰部一阵阵疼痛放射到腹股沟（疑似肾结石）", ("renal_colic",), source="nhs-kidney-stones"),
    Rule("severe_sunburn", U, "sunburn with blisters and feeling unwell", "晒伤起泡并感觉不适", ("sunburn_severe",),
         source="nhs-sunburn"),
    Rule("sexual_assault", U, "sexual assault: help, emergency contraception and HIV prevention work best soon",
         "性侵：尽快求助，紧急避孕和阻断用药越早越好", ("sexual_assault",), source="nhs-sexual-assault"),
    Rule("new_diabetes_signs", U, "thirst, passing urine often and weight loss (possible type 1 diabetes)",
         "口渴、多尿、体重下降（疑似1型糖尿病）", ("new_diabetes_signs",), source="nhs-type-1-diabetes"),
    Rule("fever_after_malaria_travel", U, "a fever after travel to a malaria area", "去过疟疾流行区后发热",
         ("malaria_travel", "fever"), source="nhs-malaria"),
    Rule("alcohol_withdrawal", U, "shaking or sweating after stopping heavy drinking", "骤然戒酒后手抖、出汗",
         ("alcohol_withdrawal",), source="nhs-alcohol"),
    Rule("tetanus_risk", U, "a dirty or puncture wound with tetanus cover unknown", "污染或刺伤伤口且破伤风免疫不明",
         ("tetanus_risk",), source="nhs-tetanus"),
    Rule("fish_bone", U, "a fish bone stuck in the throat", "鱼刺卡喉", ("fish_bone",), source="nhs-111"),
    Rule("contact_lens_eye", U, "a red or painful eye in a contact lens wearer", "戴隐形眼镜后眼红眼痛",
         ("contact_lens_eye",), source="nhs-111"),
    Rule("gout_flare", U, "a suddenly red, swollen, very painful big toe joint", "大脚趾关节突然红肿剧痛",
         ("gout_flare",), source="nhs-gout"),
    # Round 23.
    Rule("posterior_stroke", E, "unsteady walking with double vision or vision loss (possible stroke)",
         "走路不稳伴复视或视力丧失（疑似中风）", ("ataxia",), ("double_vision", "vision_loss", "speech_strong"),
         source="nhs-stroke"),
    Rule("eye_penetrating", E, "something driven into the eye", "异物高速扎入眼睛", ("eye_penetrating",),
         source="nhs-eye-injury", soften=False),
    Rule("floor_of_mouth_swelling", E, "swelling under the jaw pushing the tongue up (airway at risk)",
         "下颌下肿胀把舌头顶起（气道危险）", ("tongue_pushed_up",), source="nhs-999", soften=False),
    Rule("tetanus_signs", E, "lockjaw with stiffness or spasms (possible tetanus)",
         "牙关紧闭伴肌肉僵硬或抽搐（疑似破伤风）", ("trismus", "muscle_spasm"), source="nhs-tetanus", soften=False),
    # Round 24.
    Rule("insulin_confusion", E, "on insulin and confused, aggressive, drowsy or unresponsive (possible severe hypo)",
         "使用胰岛素且意识混乱、烦躁、嗜睡或叫不醒（疑似严重低血糖）", ("on_insulin",),
         ("confusion", "agitation", "drowsy", "unresponsive", "seizure", "fainted"), source="nhs-999", soften=False),
    # Round 25.
    Rule("hernia_stuck", E, "a hernia that is stuck, hard or dark, with pain or vomiting",
         "疝气卡住变硬发紫伴疼痛或呕吐",
         ("hernia_word", "hernia_stuck"), ("severe_pain", "severe", "nausea", "abdominal_pain", "pain_extreme"),
         source="nhs-hernia",
         soften=False),
    Rule("urinary_retention_painful", E, "unable to pass urine with a painful, swollen lower belly",
         "完全尿不出且小腹胀痛", ("urinary_retention",), ("severe_pain", "severe", "abdominal_pain", "pain_extreme"),
         source="nhs-urinary-retention"),
    # Round 26.
    Rule("orbital_cellulitis", E, "a swollen eyelid with pain on moving the eye, double vision or fever",
         "眼皮肿伴转动眼球疼痛、复视或发热", ("eyelid_swollen",), ("eye_movement_pain", "double_vision"),
         source="nhs-cellulitis-eye", soften=False),
    # Round 27.
    Rule("acid_attack", E, "acid or another corrosive thrown at someone", "被泼硫酸等腐蚀性物质", ("acid_attack",),
         source="nhs-burns", soften=False),
    # Round 28.
    Rule("spider_bite_systemic", E, "a spider bite with sweating, drooling, twitching or breathing trouble",
         "蜘蛛咬伤后出汗、流涎、肌肉抽动或呼吸困难", ("spider_bite",),
         ("sweating", "drooling", "muscle_twitching", "dyspnea", "dyspnea_severe", "confusion"),
         source="healthdirect-spider", soften=False),
    Rule("weakness_double_vision", E, "numb or heavy arm or leg with double vision (possible stroke)",
         "肢体麻木无力伴复视（疑似中风）", ("limb_weakness", "double_vision"), source="nhs-stroke"),
    # Rounds 29 and 30.
    Rule("fever_confusion", E, "fever with new confusion (sepsis sign)", "发热伴意识混乱（脓毒症征象）",
         ("fever", "confusion"), source="nhs-sepsis"),
    Rule("decompression_sickness", E, "tingling, joint pain, a blotchy rash or breathlessness after diving",
         "潜水后肢体麻刺、关节痛、皮肤花斑或呼吸困难（减压病）", ("dived_recently",),
         ("limb_tingling", "skin_mottled", "dyspnea", "dyspnea_severe", "confusion", "limb_weakness", "chest_pain"),
         source="nhs-decompression", soften=False),
    Rule("farewell_message", E, "a farewell message (possible suicide risk)", "发来诀别信息（可能有自杀风险）",
         ("farewell_message",), source="nhs-suicide", soften=False),
    Rule("injection_injury", E, "grease, paint or fluid injected under pressure into the hand",
         "高压油脂、油漆或液体注入手部", ("injection_injury",), source="high-pressure-injection", soften=False),
    Rule("mushroom_poisoning", E, "vomiting or diarrhoea after eating wild mushrooms", "吃野蘑菇后呕吐或腹泻",
         ("mushroom_gut",), source="nhs-poisoning", soften=False),
    Rule(NGRAM_RULE, E, "worded like the emergencies in medllm's labelled messages (statistical model)",
         "措辞与已标注的急症消息相似（统计模型）", ("ngram_model",), source="medllm-triage-sets", soften=False),
)
# fmt: on
