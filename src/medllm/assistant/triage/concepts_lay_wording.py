"""Concepts from blind rounds 41 and 42: English written as a second language (West African, East African, South
Asian, Filipino, Caribbean, Gulf and Eastern European writers) and a crisis and addiction-services text line. Merged
after :mod:`.concepts_late` (a name there gains these patterns).

Each entry names the round that showed the gap and the guidance its rule follows (keys of
:data:`medllm.assistant.triage.sources.SOURCES`, cited by the rules in :mod:`.rules_late`).
"""

from __future__ import annotations

EN_ROUND42: dict[str, list[str]] = {
    # Round 41. "Hot oil from the frying pan poured on my daughter": more words between the oil and the person.
    "burn": [
        r"\b(?:boiling|scalding|hot) (?:oil|fat|grease|water)\b(?: \w+){0,6} (?:across|over|on|onto|down) (?:my|his|"
        r"her|their|the)\b"
    ],
    # "My private part is standing and painful since 4 hours and not going down" (NHS priapism: A&E after 4 hours).
    "priapism": [
        r"\b(?:private part|penis|manhood|dick|willy|thing)\b[^.!?]{0,25}\b(?:standing|erect|hard|up|stiff)\b"
        r"[^.!?]{0,60}\b(?:not going down|will not go down|does not go down|(?:since|for|over) (?:[4-9]|\d\d|four|five|"
        r"six|seven|eight) (?:hours?|hrs?))\b"
    ],
    # "She is not talking again since this morning, just staring, does not answer well, only opens eyes small": a
    # new drowsiness or confusion told in West African English (NHS: call 999 for sudden confusion).
    "confusion": [
        r"\b(?:is |has )?not talking again\b|\bjust staring\b|\bstaring (?:blankly|into space)\b|\b(?:does not|do not|"
        r"not) answer(?:ing)? (?:well|properly|us well)\b|\bopens? (?:her |his |their )?eyes? small\b"
    ],
    # "The whole belly is very painful and hard, fever, he can't move": guarding, the words in the other order.
    "abdomen_rigid": [
        r"\b(?:abdomen|belly|stomach|tummy) (?:is |feels |went |has gone )?(?:very |really |so )?(?:painful|tender|"
        r"sore) and (?:very |really |so )?(?:hard|rigid|tight)\b"
    ],
    # Round 42 (a crisis and addiction-services line). A self-harm burn gone white and leathery.
    "burn_self": [r"\bburn(?:ed|t) (?:myself|himself|herself|themselves) (?:with|on)\b"],
    # Street opioids, benzodiazepine "bars" or an opioid with alcohol, taken now: with drowsiness or slow breathing
    # an overdose (NHS: call 999 if someone is hard to wake or breathing slowly after opioids).
    "opioid_now": [
        r"\b(?:used|using|shot up|injected|smoked|snorted|took|taken|had|did)\b[^.!?]{0,25}\b(?:alone|(?:a )?new batch|"
        r"fent\w*|heroin|gear|dope|oxys?|oxycodone|xanax|bars|benzos?|opiates?|opioids?|nitazenes?|tranq|xylazine|"
        r"methadone|morphine|percs?|percocets?)\b",
        r"\b(?:oxy\w*|morphine|codeine|tramadol|fentanyl|heroin|methadone|hydrocodone|percocet|vicodin|dilaudid|"
        r"hydromorphone|tapentadol|xanax|diazepam|valium|benzos?)\b[^.!?]{0,60}\b(?:vodka|alcohol|drinks?|drinking|"
        r"beers?|wine|whisky|whiskey|rum|gin|booze|drunk)\b",
    ],
    "drowsy": [r"\b(?:hard|difficult|struggling|can not|cannot) to keep (?:my|his|her|their) eyes open\b"],
    "nodding_off": [r"\bnodding (?:off|out)\b|\bgouching\b|\bon the nod\b"],
    # Naloxone given: it wears off before the opioid does (UKHSA and NHS: always call 999 after giving naloxone).
    "naloxone_given": [
        r"\b(?:gave|given|used|sprayed|injected|administered|did|had to give|had to use)\b[^.!?]{0,25}\b(?:narcan|"
        r"naloxone|nyxoid|prenoxad)\b"
    ],
    # Pinched, shaken or shouted at with no response (NHS: call 999 for someone who is unconscious).
    "unresponsive": [
        r"\b(?:pinched|shook|shaken|shouted at|rubbed (?:his|her|their) (?:chest|sternum)|sternal rub\w*)\b[^.!?]{0,30}"
        r"\b(?:nothing|no response|no reaction|did not (?:react|respond|flinch|move|wake))\b"
    ],
    "harm_others": [
        r"\bvoices?\b[^.!?]{0,30}\b(?:telling|tell|told|tells|saying|say|command\w*|order\w*) (?:me|him|her|them) "
        r"(?:i have |that i have |he has |she has |they have )?to (?:hurt|kill|harm|cleanse|punish|get rid of|drown|"
        r"stab|attack|sacrifice|smother|save)\b"
    ],
    "suicidal": [
        # "Sometimes I think it would be better if I was not here" (round 41): passive suicidal thoughts are asked
        # about at once (NHS help for suicidal thoughts); medllm gives every suicidal thought its emergency level.
        r"\b(?:better|easier) (?:for everyone )?if i (?:was|were|am) (?:not|no longer) (?:here|around|alive|in this "
        r"world)\b(?! (?:for|at|during|on|when|while|today|tomorrow|tonight|this|next|in the|to see))",
        r"\b(?:better|easier) if i (?:just )?(?:disappeared|did not wake up|never woke up|was gone|were gone)\b",
        # A hose from the exhaust; a car running in a closed garage.
        r"\bhose\b[^.!?]{0,30}\bexhaust\b|\bexhaust\b[^.!?]{0,30}\bhose\b|\b(?:car|engine) (?:has been |is |was )?"
        r"running in (?:his|her|the|their|a) (?:closed |shut |locked )?garage\b",
        r"\b(?:drive|driving|crash|crashing|swerve|steer)\w* (?:my car |the car )?into (?:a |the )?(?:tree|wall|truck|"
        r"lorry|bridge|oncoming \w+)\b[^.!?]{0,60}\b(?:instant\w*|quick\w*|painless|die|kill\w*)\b",
        r"\b(?:had|have had) enough of (?:everything|it all|life|living|being alive)\b",
    ],
    # In the bath with a razor, "I've started" (NHS: call 999 if someone has seriously harmed themselves).
    "self_harm": [
        r"\bin the bath(?:tub)?\b[^.!?]{0,25}\bwith (?:a |the |my )?(?:razor|blade|knife|scalpel)\b",
        r"\b(?:razor|blade|knife)\b[^.!?]{0,40}\b(?:i have started|i've started|ive started|started cutting|"
        r"already cut)\b",
    ],
    # Two catalogue emergencies the n-gram model found before rounds 39-40 joined its training and not after (rules do
    # not move with retraining). A knock to the left side weeks after glandular fever: NHS glandular fever, call 999
    # for sudden sharp pain on the left side of the tummy (a ruptured spleen).
    # (a state, not an event, so the engine keeps it whatever its tense; years ago it no longer counts)
    "glandular_fever": [
        r"\b(?:glandular fever|mono|mononucleosis|ebv infection|epstein[- ]barr)\b(?![^.!?,]{0,15}\b(?:years? ago|"
        r"last year|as a (?:teen\w*|kid|child)|in (?:19|20)\d\d))"
    ],
    "left_side_pain": [
        r"\b(?:pain|ache|aching|hurts?|sore|agony)\b[^.!?]{0,25}\b(?:left (?:side|ribs|flank|upper (?:tummy|belly|"
        r"abdomen|stomach))|under (?:my |his |her |their )?left ribs)\b",
        r"\b(?:left (?:side|ribs|flank)|under (?:my |his |her |their )?left ribs)\b[^.!?]{0,20}\b(?:pain|hurts?|sore|"
        r"agony|killing)\b",
    ],
    # Weeks on allopurinol, then a widespread rash, a high fever and a swollen face (DRESS).
    "face_puffy": [
        r"\b(?:face|eyes|eyelids)\b (?:is |are |has |have |looks? )?(?:gone |got |become )?(?:all |very |really )?"
        r"(?:puffy|swollen|swelled up|swelling up)\b|\b(?:puffy|swollen) (?:face|eyes)\b",
        r"\bglands? (?:in (?:my|his|her|their) neck )?(?:are |is )?(?:up|swollen|up and sore)\b",
    ],
    # Days after an operation, a fever with a racing heart (NHS sepsis; a leak after bariatric surgery).
    "surgery_recent": [
        r"\b(?:(?:had|after|since) (?:my |a |an |the |his |her )?(?:[\w-]+ ){0,2})?(?:surgery|operation|op|gastrectomy|"
        r"bypass|c-?section|caesarean|hysterectomy|appendectomy|appendicectomy|cholecystectomy|replacement)\b"
        r"[^.!?]{0,20}\b(?:\d+|a few|two|three|four|five|six|seven|ten) days? ago\b",
        r"\b(?:\d+|two|three|four|five|six|seven|ten) days? (?:after|since|post) (?:my |his |her |the |an? )?"
        r"(?:[\w-]+ ){0,2}(?:surgery|operation|op)\b|\bpost[- ]?op (?:day )?\d\b",
    ],
    # "Condom burst last night" (NHS: emergency contraception works best as soon as possible).
    "emergency_contraception": [r"\bcondom (?:burst|tore|ripped|broke off|fell off)\b"],
}

#: The tables of this module, for :mod:`.concepts_late` to merge.
TABLES_EN: tuple[dict[str, list[str]], ...] = (EN_ROUND42,)
