"""The guidance each red-flag rule follows, cited by key in :mod:`.rules`.

Rules follow NHS advice on when to call 999 and when to use 111, its condition pages, and, for China,
the national pre-hospital emergency regulation and the Stroke 1-2-0 campaign. Every source's key is
checked against the rules in the test suite.
"""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "nhs-999": "NHS, When to call 999. https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
    "nhs-111": "NHS, When to use 111. https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-use-111/",
    "nhs-heart-attack": "NHS, Heart attack: symptoms. https://www.nhs.uk/conditions/heart-attack/symptoms/",
    "nhs-stroke": "NHS, Stroke: symptoms (FAST). https://www.nhs.uk/conditions/stroke/symptoms/ ; Zhao J, Liu R. "
    "Stroke 1-2-0: a rapid response programme for stroke in China. Lancet Neurol 2017;16(1):27-28.",
    "nhs-angina": "NHS, Angina: call 999 if chest pain does not stop within 5 minutes of a second dose of GTN. "
    "https://www.nhs.uk/conditions/angina/",
    "nhs-palpitations": "NHS, Heart palpitations: call 999 with chest pain, shortness of breath or fainting. "
    "https://www.nhs.uk/conditions/heart-palpitations/",
    "nhs-heatstroke": "NHS, Heat exhaustion and heatstroke: call 999 if someone is not sweating even while too hot, "
    "confused, fitting or unresponsive. https://www.nhs.uk/conditions/heat-exhaustion-heatstroke/",
    "nhs-anaphylaxis": "NHS, Anaphylaxis. https://www.nhs.uk/conditions/anaphylaxis/",
    "nhs-suicide": "NHS, Help for suicidal thoughts. "
    "https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/help-for-suicidal-thoughts/",
    "nhs-poisoning": "NHS, Poisoning. https://www.nhs.uk/conditions/poisoning/",
    "nhs-fever-children": "NHS, Fever in children (a baby under 3 months with a temperature of 38C or higher needs "
    "urgent help; medllm treats it as an emergency). https://www.nhs.uk/conditions/fever-in-children/",
    "nhs-seizure": "NHS, What to do if someone has a seizure. "
    "https://www.nhs.uk/conditions/epilepsy/what-to-do-if-someone-has-a-seizure-fit/",
    "nhs-burns": "NHS, Burns and scalds. https://www.nhs.uk/conditions/burns-and-scalds/",
    "nhs-head-injury": "NHS, Head injury and concussion. https://www.nhs.uk/conditions/head-injury-and-concussion/",
    "nhs-meningitis": "NHS, Meningitis. https://www.nhs.uk/conditions/meningitis/",
    "nhs-sepsis": "NHS, Sepsis. https://www.nhs.uk/conditions/sepsis/",
    "nhs-testicle": "NHS, Testicle pain. https://www.nhs.uk/conditions/testicle-pain/",
    "nhs-pregnancy-bleeding": "NHS, Vaginal bleeding in pregnancy. "
    "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/vaginal-bleeding/",
    "nhs-pre-eclampsia": "NHS, Pre-eclampsia. https://www.nhs.uk/conditions/pre-eclampsia/",
    "nhs-baby-movements": "NHS, Your baby's movements. https://www.nhs.uk/pregnancy/keeping-well/your-babys-movements/",
}

#: Where the phone numbers in :mod:`.emergency` come from.
NUMBER_SOURCES: dict[str, str] = {
    "cn-120": "《院前医疗急救管理办法》(国家卫生和计划生育委员会令第3号, 2014-02-01 施行): "
    "全国院前医疗急救呼叫号码为 120。",
    "cn-12356": "国家卫生健康委, 2024-12-25: 设置 12356 为全国统一心理援助热线, 2025-05-01 前各地开通。",
    "us-988": "988 Suicide & Crisis Lifeline (call or text 988). https://988lifeline.org/",
    "us-poison": "Poison Help line 1-800-222-1222 (US). https://www.poison.org/",
    "uk-samaritans": "Samaritans, 116 123 (UK and Ireland). https://www.samaritans.org/",
    "au-lifeline": "Lifeline Australia, 13 11 14. https://www.lifeline.org.au/",
    "tw-1925": "衛生福利部 安心專線 1925 (Taiwan).",
}
