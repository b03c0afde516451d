"""English red-flag concepts: named patterns over normalised text (see :mod:`.text_en`).

A concept is one clinical finding ("face drooping", "bleeding that will not stop"); rules in
:mod:`.rules` combine concepts into triage levels. Patterns see lower-case text with contractions
spelt out ("cannot", "will not") and key-word typos repaired. Whether a match is negated, in the
past, or part of a general question is decided afterwards by :mod:`.context`, so patterns only
describe the finding itself.
"""

from __future__ import annotations


def gap(n: int) -> str:
    """Up to ``n`` words between two parts of a pattern, within one clause."""
    return rf"(?:[^\w.!?;,]+(?!(?:not|no|never|without|nor|neither)\b)[\w'/-]+){{0,{n}}}?[^\w.!?;,]+"


WHO = r"(?:my|his|her|their|the|our|your|a|one)"
PAIN = r"(?:pain|pains|painful|hurts?|hurting|ache|aches|aching|sore|soreness|discomfort|agony|agoni[sz]ing)"
SEVERE = (
    r"(?:severe\w*|excruciating|unbearable|worst|terrible|horrible|horrific|intense|agoni[sz]\w*|extreme\w*|"
    r"crushing|crippling|screaming|awful|really bad|so bad|very bad|killing me|10/10|10 out of 10|ten out of ten|"
    r"[789]/10|[789] out of 10|the worst|sharp and sudden|tearing|ripping|can not bear|cannot bear|cannot stand)"
)
SUDDEN = (
    r"(?:acute onset|acute|sudden\w*|all of a sudden|out of nowhere|out of the blue|came on fast|came on quickly|abrupt\w*|"
    r"just now|just started|just happened|started (?:about |like )?\d+ (?:min|mins|minutes|hour|hours) ago|"
    r"(?:\d+|few|couple of|ten|twenty|thirty|forty) (?:min|mins|minutes) ago|within (?:seconds|minutes))"
)
BODY = (
    r"(?:hand|hands|arm|arms|leg|legs|face|chest|back|foot|feet|finger|fingers|body|skin|neck|stomach|belly|"
    r"thigh|thighs|head|shoulder|shoulders|wrist|ankle|knee|lip|lips|eye|eyes|genitals|groin|scalp|torso|side)"
)
PILLS = (
    r"(?:pills?|tablets?|capsules?|meds|medications?|medicines?|painkillers?|pain ?killers|paracetamol|tylenol|"
    r"acetaminophen|ibuprofen|advil|motrin|aspirin|sleeping pills|sleeping tablets|xanax|valium|diazepam|"
    r"benadryl|oxy\w*|percocet|vicodin|codeine|tramadol|morphine|fentanyl|heroin|insulin|antidepressants?|"
    r"sertraline|zoloft|prozac|fluoxetine|lithium|seroquel|quetiapine|gummies|vitamins?|iron|melatonin|"
    r"opioids?|opiates?|clonazepam|klonopin|ambien|zolpidem|amitriptyline|digoxin|warfarin|metformin|"
    r"blood pressure (?:pills|tablets|meds|medication|medicine))"
)
CHILD = (
    r"(?:baby|babies|bub|toddler|infant|newborn|new born|neonate|child|children|kid|kids|son|daughter|"
    r"little one|grandson|granddaughter|nephew|niece|\d+ ?(?:year|yr|month|mo|week|wk|day)s?[- ]old|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten) ?(?:year|month|week)s?[- ]old)"
)

CONCEPTS: dict[str, list[str]] = {
    # --- heart -----------------------------------------------------------------------------------
    "chest_pain": [
        r"\b(?:crushing|squeezing|tight|heavy|pressing|painful|burning|stabbing|aching|sore) chest\b",
        r"\b(?:substernal|retrosternal|precordial|central chest) (?:pain|pressure|tightness|discomfort|heaviness)\b",
        r"\b(?:clutch\w*|grabb\w*|holding|gripping) (?:at )?(?:his|her|my|their) chest\b",
        rf"\b(?:chest|breastbone|sternum)\b{gap(4)}(?:{PAIN}|tight\w*|pressure|heavy|heaviness|squeez\w*|crush\w*|"
        r"burn\w*|pounding|stabbing|sharp|pressing|compress\w*|vice|vise|clench\w*|constrict\w*|weird|funny|"
        r"strange|like (?:an elephant|a weight|a band|a vice|a vise|something))",
        rf"\b(?:{PAIN}|tightness|pressure|heaviness|squeezing|crushing|weight|burning|stabbing|pain)\b{gap(3)}"
        r"(?:in|on|across|around|over|behind|at|of|through) (?:my |his |her |their |the )?(?:chest|breastbone|sternum)\b",
        r"\b(?:chest pains?|chest discomfort|angina|chest (?:is |feels )?tight)\b",
        r"\b(?:elephant|someone|somebody|something|a truck|a ton of bricks|a brick|a weight)\b" + gap(3)
        + r"(?:on|sitting on|sat on|standing on|pressing on|pressing down on|crushing|squeezing) (?:my|his|her|their) chest",
        r"\b(?:weight|band|vice|vise) (?:on|around|across|squeezing) (?:my|his|her|their) chest",
    ],
    "cardiac_radiation": [
        r"\b(?:spread\w*|radiat\w*|going|goes|went|moving|moves|shoot\w*|travel\w*|extend\w*|into|down)\b"
        + gap(3)
        + r"(?:arm|arms|shoulder|shoulders|jaw|neck|back|elbow|left side)\b",
        rf"\b(?:{PAIN}|pressure|tightness)\b{gap(3)}(?:between (?:my|his|her|their|the) shoulder ?blades|upper back)\b",
        rf"\b(?:left|both) (?:arm|arms|shoulder|shoulders)\b{gap(3)}(?:{PAIN}|numb\w*|tingl\w*|heavy|weak\w*|dead)",
        rf"\b(?:jaw|teeth)\b{gap(2)}(?:{PAIN})",
        r"\b(?:pain|numbness|tingling|ache|heaviness) (?:in|down|into|to) (?:my |his |her |their |the )?"
        r"(?:left )?(?:arm|jaw|shoulder)",
    ],
    "shock_signs": [r"\b(?:clammy|cold and clammy|grey|gray|ashen|pale and sweaty|mottled)\b"],
    "sweating": [r"\b(?:sweat\w*|clammy|diaphore\w*|drenched|cold sweat|soaked in sweat|pale and sweaty)\b"],
    "nausea": [
        r"\b(?:nause\w*|vomit\w*|throw\w* up|threw up|puk\w*|sick to (?:my|his|her) stomach|feel\w* sick|being sick|"
        r"keeps being sick)\b",
        r"\b(?:gone|went|looks?|turned|is) (?:really |very |so |all )?(?:pale|grey|gray|ashen|white as a sheet)\b",
    ],
    "lightheaded": [r"\b(?:light ?headed\w*|dizz\w*|woozy|about to (?:pass out|faint)|going to (?:pass out|faint))\b"],
    "palpitations": [
        r"\b(?:palpitation\w*|racing heart|heart (?:is |keeps )?(?:racing|pounding|fluttering|skipping|beating "
        r"(?:really |very |so )?fast|beating (?:funny|weird|strangely|oddly|irregularly)|going crazy|all over the place)|irregular heartbeat|heart rate (?:is |of )?"
        r"(?:over |above )?(?:1[5-9]\d|[2-9]\d\d))"
    ],
    "heart_attack": [r"\b(?:heart attack|myocardial infarction|cardiac event|heart is failing)\b"],
    "cardiac_arrest": [
        r"\b(?:not breathing|stopped breathing|stop breathing|no longer breathing|is not breathing|no pulse|"
        r"cannot find (?:a|his|her) pulse|no heartbeat|heart (?:has )?stopped|cardiac arrest|"
        r"(?:doing|giving|started|start|performing|do) (?:cpr|chest compressions)|turned blue and limp)\b"
    ],
    # --- stroke ----------------------------------------------------------------------------------
    "stroke": [r"(?<!heat )(?<!sun)\b(?:stroke|strokes|mini[- ]stroke|tia|transient ischemic attack)\b(?! of)"],
    "face_droop": [
        r"\b(?:facial|face) (?:droop\w*|weakness|palsy|paraly[sz]\w*|asymmetry)\b",
        r"\b(?:face|mouth|smile|lip|lips|cheek)\b"
        + gap(4)
        + r"(?:droop\w*|sag\w*|lopsided|crooked|uneven|twisted|slack|fallen|falling|dropp\w*|dropped|"
        r"slid\w*|slump\w*|paraly[sz]\w*|frozen|pulling to one side|not moving on one side|went funny|weird on one side)",
        r"\b(?:droop\w*|lopsided|crooked|uneven|sagging|twisted) (?:face|mouth|smile)",
        r"\bone side of (?:my|his|her|their|the) (?:face|mouth)\b",
        r"\b(?:face|mouth) (?:went|gone|is|looks) (?:all )?(?:lopsided|crooked|uneven|droopy|weird|funny|wonky)",
        r"\bface is numb on one side|\bnumb on one side of (?:my|his|her|the) face",
    ],
    "hemi_weakness": [
        r"\b(?:weak\w*|numb\w*|paraly[sz]\w*|tingl\w*|heavy|dead|limp|no feeling|no strength|"
        r"cannot (?:move|lift|raise|feel|use|grip|hold))\b" + gap(5) + r"(?:one side|half of|left side|right side|"
        r"whole (?:left|right) side|entire (?:left|right) side|one half)\b",
        r"\b(?:one side|left side|right side|half of (?:my|his|her|their) body)\b"
        + gap(4)
        + r"(?:weak\w*|numb\w*|paraly[sz]\w*|limp|dead|heavy|will not move|cannot move|not moving|gave out|giving out)",
        r"\b(?:one|his|her|my|their) arm (?:keeps )?(?:drifting|falling) down",
    ],
    "limb_weakness": [
        r"\b(?:weak\w*|numb\w*|paraly[sz]\w*|tingl\w*|heavy|dead|limp|no strength|cannot (?:move|lift|raise|feel|"
        r"use|grip|hold))\b" + gap(4) + r"(?:arm|arms|leg|legs|hand|hands|foot|feet)\b",
        r"\b(?:arm|leg|hand|foot)\b" + gap(3) + r"(?:weak\w*|numb\w*|paraly[sz]\w*|limp|dead|heavy|will not move|"
        r"cannot move|not moving|gave out|giving out|gone floppy)",
        r"\b(?:dropping|dropped|drops) (?:things|everything|(?:the|his|her|my) (?:cup|phone|fork|spoon|glass))\b",
        r"\bcannot (?:lift|raise|hold up) (?:both|his|her|my|their|one) arms?\b",
    ],
    "speech_strong": [
        r"\b(?:slurr\w*|garbl\w*|gibberish|incoheren\w*|aphasi\w*|dysarthri\w*|dysphasi\w*)\b",
        r"\b(?:words|speech|talking|sentences)\b"
        + gap(4)
        + r"(?:wrong|jumbled|mixed up|messed up|garbled|nonsense|slurred|coming out weird|coming out funny|"
        r"do not make sense|not making sense)",
        r"\bnot making (?:any )?sense\b",
        r"\btalking (?:funny|weird|strange|nonsense|gibberish|like (?:he|she|they) (?:is|are) drunk)\b",
        r"\b(?:cannot|can not|unable to|could not|struggling to) (?:get (?:the |his |her |my |their )?words out|"
        r"find (?:the |his |her |my |their )?words|form words|say words)",
    ],
    "speech_weak": [
        r"\b(?:cannot|unable to|could not|struggling to|trouble|difficulty|hard to|problems?) (?:speak|speaking|talk|"
        r"talking)\b(?! (?:right now|now|long|on the phone|much))",
    ],
    "ataxia": [
        r"\b(?:cannot|can not|unable to) (?:walk straight|stand up straight|keep (?:my|his|her) balance)\b|"
        r"\b(?:stagger\w*|unsteady on (?:my|his|her|their) feet|lost (?:my|his|her|their) balance|walking like "
        r"(?:he|she|i) (?:is|am|was) drunk|veering to one side)\b",
    ],
    "vision_loss": [
        rf"\b{SUDDEN}{gap(4)}(?:lost|loss of|losing|cannot see|blind\w*|went black|went dark|double vision|"
        r"seeing double|vision (?:went|is) (?:black|dark|blurry))",
        r"\b(?:lost|losing|loss of) (?:the |all )?(?:vision|sight|eyesight)\b",
        r"\b(?:went|gone|going) blind\b",
        r"\bcannot see (?:out of|from|with|anything (?:out of|from|with)) (?:my|his|her|their|one|the) "
        r"(?:left |right )?eye\b",
        r"\bcurtain (?:over|across|coming down|came down)",
        r"\b(?:vision|sight) (?:suddenly )?(?:went|gone|is) (?:black|dark|grey|gray|out)\b",
    ],
    "headache": [
        r"\b(?:headache|head ache|migraine|head (?:is |feels like it is )?(?:pounding|splitting|killing|exploding|"
        r"throbbing)|head hurts|pain in (?:my|his|her|their|the) head|head pain)\b"
    ],
    "thunderclap": [
        r"\b(?:worst|most severe|most painful|biggest) headache (?:of|in|i have|i've|he has|she has|ever)",
        r"\bthunderclap\b",
        r"\bheadache (?:like|as if) (?:i|he|she|someone) (?:was|were|got|had been|have been) (?:hit|struck|kicked)",
        r"\b(?:like|as if) (?:being )?(?:hit|struck) (?:on|in) the (?:back of the )?head with",
        r"\bhead (?:is |feels like it is )?(?:exploding|about to explode)",
    ],
    "confusion": [
        r"\b(?:suddenly|very|really|acting|is|seems|became|becoming|got|gotten|getting|so|and|now) "
        r"(?:very |really |so |really really )?(?:confused|disoriented|delirious)\b(?! (?:about|by|as|whether|"
        r"if|why|what|how|which|on|over|regarding))",
        r"\b(?:does not|did not|cannot|could not) (?:know|recogni[sz]e) (?:who|where|what day|me|us|anyone|"
        r"his own|her own|family)\b",
        r"\b(?:does not|did not|cannot) understand (?:what|anything|a word) (?:i|we|they|anyone) (?:say|said|am saying)\b|"
        r"\bdelirium\b|\b(?:muddled|befuddled|out of it|away with the fairies)\b",
    ],
    # --- breathing -------------------------------------------------------------------------------
    "dyspnea_severe": [
        r"\b(?:cannot|can not|could not|unable to|can barely|can hardly|barely able to|hardly able to|struggling to|"
        r"fighting to|fighting for|gasping for|not able to|impossible to) (?:breathe|breath\w*|get (?:a |any |enough )?"
        r"(?:air|breath)|catch (?:my|his|her|their|a) breath)\b",
        r"\b(?:gasping|suffocat\w*|choking|choked|chokes|turning blue|going blue|gone blue)\b(?! up)",
        r"\b(?:lips?|face|skin|fingers?|fingertips|mouth) (?:are |is |look |looks |turned |turning |went |going |gone )?"
        r"(?:all )?(?:blue|gr[ae]y|purple|bluish|blueish)\b",
        r"\b(?:blue|bluish|purple|gr[ae]y) (?:lips|face|fingertips)\b",
        r"\bcyano\w*",
        r"\bcannot (?:speak|talk|finish|say) (?:in )?(?:a )?(?:full |whole |complete )?sentences?\b",
        r"\b(?:can|could) only (?:manage|say|get out|speak) (?:a |one |two |three |a few |\w+ or \w+ )?(?:words?)\b",
        r"\b(?:blue|gr[ae]y|purple)\b" + gap(2) + r"(?:around|round) (?:the |his |her |their )?(?:mouth|lips)\b",
        r"\b(?:keeps |keep )?(?:pausing|pauses|stops|stopping) (?:in |when |while )?(?:his |her |their )?(?:breathing|breath)\b|"
        r"\bbreathing (?:keeps )?(?:pausing|stopping|stops)\b|\bkeeps pausing\b",
        r"\bcannot swallow (?:my |his |her |their )?(?:own )?(?:spit|saliva)\b|\bdrooling and\b",
        r"\b(?:cannot|unable to) (?:cough|cry|make (?:a|any) (?:sound|noise))\b|\bnot making (?:a |any )?(?:sound|noise)\b",
        r"\b(?:too )?breathless to (?:speak|talk)\b",
        r"\b(?:ribs|chest|skin) (?:is |are )?(?:sucking|pulling|caving) in\b",
        r"\b(?:severe\w*|extreme\w*|really bad|very bad|terrible) (?:shortness of breath|difficulty breathing|"
        r"trouble breathing|breathlessness|breathing difficult\w*)\b",
        r"\b(?:inhaler|nebuli[sz]er|puffer|ventolin|salbutamol|albuterol)\b" + gap(4) + r"(?:not working|is not "
        r"helping|not helping|did not help|does not help|no help|useless|no effect|not doing anything|doing nothing|"
        r"does nothing|did nothing|not touching it)",
        r"\bthroat (?:is |feels )?(?:closing|closed|shutting)\b",
        r"\b(?:breathing|breaths) (?:is |are )?(?:very |really |super |so |extremely )?(?:fast|rapid|shallow|noisy|grunting|deep and fast)\b",
        r"\bgrunting\b|\b(?:breathing|breaths) (?:is |are |seems |has gone |has become )?(?:very |really |so )?(?:slow|irregular)\b",
    ],
    "dyspnea": [
        r"\b(?:short(?:ness)? of breath|breathless\w*|out of breath|winded|sob\b|hard to breathe|harder to breathe|"
        r"(?:trouble|difficulty|difficult|problems?|struggl\w*|labou?red) (?:with |in )?(?:breath\w*)|"
        r"breath\w* (?:is |feels )?(?:hard|difficult|labou?red|heavy|tight)|wheez\w*|cannot get enough air|"
        r"(?:chest|breathing) (?:feels )?restricted|air hunger)\b",
    ],
    # --- allergy ---------------------------------------------------------------------------------
    "airway_swelling": [
        r"\b(?:tongue|uvula|airway|windpipe)\b"
        + gap(3)
        + r"(?:swell\w*|swollen|puff\w*|closing|closed|thick\w*|blow\w* up|ballooning|huge|massive|enormous|big)",
        r"\b(?:swell\w*|swollen|puffy|puffing) (?:up )?(?:of |in )?(?:the |my |his |her |their )?(?:tongue)\b",
        r"\b(?:throat|mouth)\b" + gap(3) + r"(?:swelling shut|swollen shut|closing up|closing|shutting|closed up)\b",
    ],
    "throat_swelling": [
        r"\b(?:throat)\b" + gap(3) + r"(?:swell\w*|swollen|puff\w*|thick\w*)",
        r"\b(?:swell\w*|swollen) (?:up )?(?:of |in )?(?:the |my |his |her |their )?throat\b",
        r"\bmouth (?:feels |is |went )?(?:thick|swollen)\b",
    ],
    "lip_face_swelling": [
        r"\b(?:lip|lips|face|eyes|eyelids|mouth)\b"
        + gap(3)
        + r"(?:swell\w*|swollen|puff\w*|blow\w* up|ballooning|huge|massive)",
        r"\b(?:swell\w*|swollen|puffy) (?:up )?(?:of |in )?(?:the |my |his |her |their )?(?:lip|lips|face|mouth|eyes)\b",
    ],
    "throat_tight": [
        r"\bthroat (?:is |feels |felt |getting |becoming )?(?:very |really |so )?(?:tight|tighter|itchy and tight|"
        r"scratchy and tight|narrow\w*)\b",
        r"\b(?:voice|voices) (?:has |have |is )?(?:gone |going |become |getting |sounds )?(?:hoarse|croaky|husky|raspy)\b",
    ],
    "hives": [r"\b(?:hives|welts|urticaria|rash all over|itchy bumps|breaking out|broke out|covered in (?:a )?(?:rash|spots|bumps))\b"],
    "allergen": [
        r"\b(?:peanut\w*|nuts?|cashew\w*|almond\w*|walnut\w*|shellfish|shrimps?|prawns?|crab|lobster|sesame|"
        r"wasp|bees?|hornets?|yellow ?jacket|stung|sting|penicillin|amoxicillin|augmentin|antibiotic\w*|"
        r"sulfa|latex|contrast dye|new (?:medication|medicine|drug|pill))\b",
        r"\ballergic to\b",
    ],
    "anaphylaxis": [r"\b(?:anaphyla\w*|allergic shock)\b"],
    "allergic_reaction": [r"\b(?:allergic reaction|having a reaction|reacting badly|reaction to)\b"],
    "epipen_used": [
        r"\b(?:used|gave|give|giving|injected|jabbed|administered|using|had to use|just used|have used) "
        r"(?:him |her |them |me )?(?:his |her |my |their |the |an |a )?(?:epi ?pen|epipen|adrenaline|epinephrine|"
        r"auto-?injector|anapen|jext|auvi-?q)\b",
        r"\b(?:epi ?pen|epipen|adrenaline pen|auto-?injector)\b" + gap(3) + r"(?:used|given|injected|administered)\b",
    ],
    # --- bleeding --------------------------------------------------------------------------------
    "bleeding": [r"\b(?:bleed\w*|blood\w*|hemorrhag\w*|haemorrhag\w*)\b"],
    "bleeding_severe": [
        r"\b(?:will not|would not|does not|did not|not|cannot|could not|has not|have not|is not) (?:\w+ )?stop\w*\b",
        r"\b(?:keeps|keep|kept) (?:on )?(?:bleeding|coming|pouring|flowing)|non-?stop\b",
        r"\b(?:spurt\w*|squirt\w*|pour\w*|gush\w*|pumping|pulsing|soak\w*|puddle|pool of|pools of|profuse\w*|"
        r"massive\w*|uncontroll\w*|everywhere|hemorrhag\w*|haemorrhag\w*)\b",
        r"\b(?:lots of|a lot of|so much|too much|loads of|tons of|heaps of|cups of|litres of|liters of) blood\b",
        r"\b(?:heavy|heavily|severe\w*|badly|massively|a lot|loads|so much|profusely)\b",
        r"\bthrough (?:the |a |two |three |his |her |my |several )?(?:towel|towels|bandage|bandages|gauze|cloth|"
        r"shirt|t-shirt|pads?)\b",
        r"\b(?:a |one )?pad (?:every|an|each|per) (?:hour|half hour|30 min)",
    ],
    "vomiting_blood": [
        r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|retch\w*)\b" + gap(3) + r"(?:blood|bloody|coffee grounds?|red)",
        r"\b(?:hematemesis|haematemesis|blood in (?:my|his|her|their|the) vomit|bloody vomit)\b",
    ],
    "coughing_blood": [r"\b(?:cough\w* up|coughing|spitting up|spit up)\b" + gap(4) + r"(?:blood|bloody)\b|\bhemoptysis\b"],
    "black_stool": [
        r"\b(?:black|tarry|tar-like|maroon)\b" + gap(2) + r"(?:stool|stools|poop|poo|faeces|feces|bowel movements?)\b",
        r"\b(?:lots of |a lot of )?blood (?:in|from) (?:my|his|her|their|the) (?:stool|poop|poo|bum|back passage|rectum)\b",
        r"\brectal bleeding\b",
    ],
    "menstrual": [r"\b(?:period|periods|menstrua\w*|menses|time of the month|cycle)\b"],
    "blood_in_urine": [r"\b(?:blood in (?:my|his|her|their|the) (?:urine|pee|wee)|bloody (?:urine|pee)|peeing blood|hematuria|haematuria|urine is (?:red|pink|bloody))\b"],
    # --- self-harm, suicide, harm to others ------------------------------------------------------
    "suicidal": [
        r"\bsuicid\w*",
        r"\b(?:kill|killing|end|ending|take|taking|off) (?:my ?self|myself|my own life|my life|himself|herself|"
        r"themselves|themself)\b(?! laughing)",
        r"\b(?:end|ending|take|taking) (?:my|his|her|their) (?:own )?life\b",
        r"\bend (?:it all|everything)\b",
        r"\b(?:want|wants|wanted|going|plan\w*|ready|thinking about|thought about|thinking of|urge|decided) "
        r"(?:to )?(?:die|be dead|not (?:be )?(?:alive|here|exist)|disappear forever|not wake up|stop living)\b"
        r"(?! (?:of|from|laughing|with laughter))",
        r"\bbetter off (?:dead|without me|if i (?:was|were) gone)\b",
        r"\b(?:do not|does not|did not) want to (?:live|be alive|wake up|exist|go on|be here anymore|be here|"
        r"keep living|keep going)\b",
        r"\bno (?:reason|point) (?:to|in) (?:live|living|going on|being alive)\b|\bnothing (?:left )?to live for\b",
        r"\b(?:wish|wishing) (?:i|he|she) (?:was|were|could be) dead\b",
        r"\b(?:wish|wishing) (?:i|he|she) (?:would not|could just not|did not|never) wake up\b",
        r"\bjump\w* (?:off|from|in front of) (?:a |the |my )?(?:bridge|building|roof|balcony|cliff|train|tower)\b",
        r"\b(?:hang|hanging|hanged) (?:myself|himself|herself|themselves)\b|\bnoose\b",
        r"\b(?:slit|slash\w*|cut|cutting) (?:my|his|her|their) (?:wrist|wrists|throat)\b",
        r"\b(?:overdose|od) on purpose\b",
        r"\b(?:written|wrote|write|writing) (?:a |my |his |her )?(?:suicide|goodbye) (?:note|letter)\b",
        r"\bsay\w* goodbye (?:to everyone|forever|for good)\b",
        r"\bgive (?:away )?(?:all )?(?:my|his|her) (?:stuff|things|belongings) away\b",
        r"\b(?:pills|tablets|meds)\b" + gap(3) + r"(?:lined up|ready|counted out|saved up|stockpiled|stashed|hoarded)\b",
        r"\b(?:rope|noose|gun|knife|blade|razor) (?:is |are )?(?:ready|tied|loaded|waiting)\b",
        r"\b(?:standing|sitting|stood) on (?:the |a |my )?(?:ledge|edge|railing|parapet)\b",
        r"\bon the (?:edge|ledge) of (?:the |a |my )?(?:roof|bridge|balcony|building|cliff|platform)\b",
        r"\b(?:going|heading|walking|driving|on my way) (?:to|towards) the (?:bridge|tracks|railway|cliff|roof|river)\b",
        r"\b(?:enough|how many|how much)\b" + gap(4) + r"(?:to (?:not wake up|never wake up|die|kill|end it|be fatal)|"
        r"(?:lethal|fatal|deadly))\b",
        r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b",
        r"\b(?:i am|i will be|i will) (?:doing|going to do|gonna do|do) it (?:tonight|today|now|soon|this weekend)\b",
        r"\b(?:going to|gonna|want to|will|about to|ready to|decided to) end it\b",
        r"\b(?:written|wrote|write|writing) (?:my |a |the )?(?:goodbye |farewell )?(?:letters|notes|will)\b",
        r"\bwhat is the point (?:anymore|of (?:living|going on|anything)|in living)\b",
        r"\b(?:sent|texted|posted|wrote|messaged|said)\b[^.!?]{0,30}\bgoodbye\b|\bsorry for everything\b|"
        r"\bthis is (?:my )?goodbye\b|\bgoodbye forever\b",
    ],
    "suicide_prep": [r"\b(?:bought|got|have|collected|saved) (?:a |the )?(?:rope|charcoal|gun|razor blades?)\b" + gap(4) + r"(?:for|to|tonight|ready)\b"],
    "self_harm": [
        r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm\w*|injur\w*|stab\w*|hit\w*|punch\w*|scratch\w*|"
        r"starv\w*|punish\w*|strangl\w*|choke|choking|poison\w*)( (?:\w+))? (?:my ?self|himself|herself|themselves|"
        r"themself)\b(?! (?:lifting|playing|at|on|in|while|when|during|falling|skiing|running|working|cooking|doing|"
        r"shaving|by accident|accidentally|with a knife while|moving|exercising|training|gardening))",
        r"\bself[- ]harm\w*|\bself[- ]injur\w*",
    ],
    "self_harm_accident": [r"\b(?:accident\w*|by mistake|slipped|while cooking|while shaving|in the kitchen)\b"],
    "harm_others": [
        r"\b(?:want|wants|going|urge|urges|thinking about|plan\w*|afraid i will|scared i will|might) (?:to )?"
        r"(?:kill|hurt|harm|shake|smother|strangle|stab|shoot) (?:someone|somebody|my (?:baby|child|kid|son|daughter|"
        r"wife|husband|partner|mom|dad|mother|father|boss|family)|him|her|them|people|everyone)\b",
        r"\bvoices (?:are |keep )?(?:telling|told|tell) me to (?:hurt|kill|harm)\b",
    ],
    "distress": [
        r"\b(?:cannot go on|can not go on|cannot cope|falling apart|hopeless|worthless|no way out|trapped|"
        r"breaking down|mental breakdown|nervous breakdown)\b",
        r"\b(?:hearing voices|voices in my head|hallucinat\w*|psychotic|psychosis|paranoi\w*)\b",
    ],
    # --- poisoning -------------------------------------------------------------------------------
    "overdose": [
        r"\b(?:overdos\w*|over-?dos\w*|o\.?d'?d|od'ing|intoxicat\w*|alcohol poisoning|drug poisoning)\b",
        r"\b(?:poisoned|poisoning)\b(?<!food poisoning)(?<!food poisoned)",
        r"\b(?:took|taken|take|swallowed|swallow|ate|eaten|had|has taken|have taken|downed|chugged|popped|"
        r"took like|taking)\b"
        + gap(4)
        + r"(?:too many|too much|a (?:whole|full|entire) (?:bottle|pack|packet|box|strip|jar|container|blister|sheet)|"
        r"(?:the |an |his |her |my )?(?:entire|whole) (?:bottle|pack|packet|box|strip|jar|container|sheet)|"
        r"(?:an |the )?empty (?:pill )?(?:bottle|packet|pack|box|jar|blister)s?|handfuls?|a bunch|bunch of|a lot of|lots of|loads of|a load of|load of|a heap of|a pile of|dozens?|(?:[2-9]\d|1[0-9]|\d{3,})\b|twenty|"
        r"thirty|forty|fifty|sixty|a hundred|hundred|all (?:of )?(?:my|his|her|the))"
        + gap(3)
        + PILLS,
    ],
    "insulin_overdose": [
        r"\b(?:injected|took|gave|taken|used|given)\b" + gap(3) + r"(?:\d+|too many|too much) (?:units|ml|mg)\b"
        + r"[^.!?]{0,40}\binstead of\b",
        r"\b(?:too much|too many units of|double (?:dose|doses) of|overdosed on) (?:my |his |her )?insulin\b",
    ],
    "dose_error": [
        r"\b(?:double|triple|extra|twice (?:the|my|his|her)) (?:dose|doses|dosage)\b",
        r"\b(?:took|taken|gave|given|had|has taken) (?:my |his |her |their |the )?(?:\w+ )?(?:dose|doses|medication|medicine|"
        r"pills?|tablets?|insulin) (?:twice|two times|three times|\d+ (?:or \d+ )?times|by mistake)\b",
    ],
    "toxic_ingestion": [
        r"\b(?:swallowed|ate|eaten|drank|drunk|drinking|chewed|licked|got into|ingested|sucked on|bit into|"
        r"put (?:it|them|something|one|some) in (?:his|her|their) mouth|in (?:his|her|their) mouth|swallowing|"
        r"sprayed|inhaled|breathed in)\b"
        + gap(5)
        + r"(?:bleach|detergent|laundry (?:pods?|capsules?|tablets?)|dishwasher (?:pods?|tablets?)|tide pods?|"
        r"pods?|button batter\w*|batter(?:y|ies)|magnets?|pesticides?|insecticides?|weed ?killer|rat poison|"
        r"antifreeze|anti-freeze|drain cleaner|oven cleaner|toilet cleaner|cleaning (?:product|fluid|liquid|spray)|"
        r"cleaner|chemicals?|poison\w*|lighter fluid|kerosene|paraffin|gasoline|petrol|lamp oil|"
        r"nail polish remover|acetone|e-?liquid|vape (?:juice|liquid|pod)|nicotine|iron (?:pills|tablets)|"
        r"mushrooms? from|wild mushrooms?|toadstools?|methanol|ethylene glycol|lye|caustic|ammonia|"
        r"hand sanitizer|sanitiser|mouthwash|essential oil|camphor|windshield fluid|washer fluid)",
        r"\b(?:carbon monoxide (?:poisoning|leak)|co poisoning|gas leak|fumes from|(?:co|carbon monoxide) (?:alarm|detector) "
        r"(?:is |was |keeps |has been )?(?:going off|went off|beeping|sounding|goes off))\b",
        r"\b(?:car|engine|generator|barbecue|bbq|grill) (?:was |is |left )?(?:running|on|burning) in (?:the |a |our )?"
        r"(?:closed |shut )?(?:garage|tent|shed|room)\b",
    ],
    "child_ingestion": [
        r"\b(?:swallowed|ate|eaten|drank|chewed|got into|ingested|found (?:him|her|them) with|in (?:his|her) mouth)\b"
        + gap(5)
        + PILLS,
    ],
    "bite_venom": [
        r"\b(?:snake ?bite|bitten by (?:a |an )?(?:snake|rattlesnake|viper|adder|cobra|copperhead|scorpion|"
        r"black widow|brown recluse|funnel.?web|redback)|(?:rattlesnake|snake|viper|adder|cobra|scorpion|"
        r"copperhead) (?:bit|bite|stung))\b"
    ],
    "animal_bite": [
        r"\b(?:bit|bitten|scratched) by (?:a |an |the |our |my |his |her |their |some )?(?:[\w']+ )?(?:dog|cat|bat|"
        r"raccoon|fox|monkey|rat|ferret|stray|wild animal|squirrel)\b",
        r"\b(?:dog|cat|bat|fox|monkey|raccoon) (?:bit|bite|scratched)\b",
    ],
    # --- consciousness, seizures -----------------------------------------------------------------
    "unresponsive": [
        r"\b(?:unconscious|unresponsive|not responsive|non-?responsive|not responding|is not responding|"
        r"does not respond|did not respond|will not respond|no response|(?:will|would|can|could) not "
        r"(?:wake|be woken|wake up|be roused)|cannot (?:wake|rouse)|not waking(?: up)?|(?:hard|difficult|"
        r"impossible) to (?:wake|rouse)|knocked (?:out|unconscious)|lost consciousness|loss of consciousness|"
        r"barely (?:responding|responsive|conscious|breathing)|hardly (?:responding|responsive|conscious)|"
        r"out cold|unarousable|comatose|limp and (?:unresponsive|not)|keeled over|fell unconscious|"
        r"eyes (?:are )?rolling back|not (?:really )?(?:with it|there)|zoned out and not|collapsed|"
        r"knocked (?:himself|herself|themselves|myself) out|slumped (?:over|in|on)|passed out cold)\b",
        rf"\b(?:floppy|limp|lifeless)\b",
    ],
    "fainted": [
        r"\b(?:was|went|been|is) out (?:cold )?for (?:a bit|a while|a few seconds|a second|a minute|a few minutes|\d+ "
        r"(?:seconds|minutes|mins))\b",
        r"\b(?:faint\w*|pass(?:ed|es|ing)? out|black(?:ed|s|ing)? out|collaps\w*|keeled over|"
        r"dropped to the (?:floor|ground)|fell to the (?:floor|ground)|syncope)\b"
    ],
    "near_faint": [
        r"\b(?:almost|nearly|felt like (?:i|he|she) (?:would|was going to|might)|about to|going to|feel like "
        r"(?:i|he|she) (?:will|am going to|might)|close to) (?:pass(?:ing)? out|faint\w*|collaps\w*|black(?:ing)? out)\b"
    ],
    "fall": [
        r"\b(?:fell|fall|fallen|falling|tumbled|slipped|tripped|came off|thrown from|twisted|sprained|yanked|pulled "
        r"(?:on )?(?:his|her|my) (?:arm|hand|elbow)|rolled (?:my|his|her) ankle|landed on)\b"
    ],
    "anticoagulated": [r"\b(?:on|taking|takes) (?:blood thinners|warfarin|coumadin|eliquis|xarelto|apixaban|rivaroxaban|"
                       r"dabigatran|pradaxa|edoxaban|anticoagulants?|clopidogrel|plavix)\b|\b(?:warfarin|apixaban|rivaroxaban)\b"],
    "post_stroke": [r"\b(?:since|after|from) (?:my|his|her|their) stroke\b|\bstroke (?:was|happened|that was)\b[^.!?]{0,30}"
                    r"(?:ago|last year|in (?:19|20)\d\d)\b"],
    "fiction": [r"\b(?:writing|write|wrote) (?:a |my |the )?(?:novel|story|book|script|screenplay|scene|fanfic\w*)\b|"
                r"\bmy (?:character|protagonist)\b|\bin my (?:story|novel|book|game)\b|\bfor (?:a|my) (?:novel|story|"
                r"book|class|course|exam|essay|quiz|presentation|first aid course)\b|\bjust curious\b|\bout of curiosity\b"],
    "rash": [r"\b(?:rash|hives|spots|welts|blotches)\b"],
    "fall_injury": [
        r"\b(?:hit|banged|bumped|smashed|struck|cut|split|hurt|injured|cracked)\b"
        + gap(2)
        + r"(?:head|face|chin|nose)\b",
        r"\b(?:bleeding|bloody|injur\w*|broke|broken|fracture\w*)\b",
    ],
    "seizure": [
        r"\b(?:seiz(?:ure|ures|ing)|convuls\w*|fitting|(?:having|had|has|have) (?:a |another |multiple )?fits?\b|"
        r"epileptic (?:fit|attack|episode)|grand mal|tonic[- ]clonic|status epilepticus|febrile (?:seizure|convulsion))\b"
        r"(?! up)",
        r"\b(?:shaking|jerking|twitching|convulsing) (?:uncontrollabl\w*|all over|violently|and (?:not|unresponsive|"
        r"jerking|drooling|foaming)|(?:his|her|their) (?:arms and legs|whole body))",
        r"\b(?:eyes (?:rolled|rolling) back|foaming at the mouth)\b",
    ],
    "seizure_prolonged": [
        r"\b(?:will not stop|not stopping|has not stopped|does not stop|keeps going|still (?:seizing|shaking|jerking|"
        r"fitting|going)|(?:another|second|third|a second|a third) (?:one|seizure|fit)|back to back|"
        r"one after (?:another|the other)|keeps having|repeated|first (?:ever )?(?:seizure|fit|time)|never had (?:one|a "
        r"seizure|a fit|seizures) before|not (?:waking|breathing|responding)|(?:more|longer) than (?:5|five) min\w*)",
        r"\bfor (?:over |more than |about |like |almost |nearly )?(?:[5-9]|[1-9]\d|five|six|seven|eight|nine|ten|"
        r"fifteen|twenty|thirty) ?(?:min|mins|minutes)\b",
    ],
    "seizure_known": [
        r"\b(?:epilep\w*|seizure disorder|known seizures|(?:his|her|my|their) usual (?:seizure|fit)|usual seizures?|"
        r"normal (?:seizure|fit)|typical (?:seizure|fit)|like (?:always|usual)|(?:is|am) on (?:keppra|levetiracetam|"
        r"lamotrigine|lamictal|valproate|depakote|carbamazepine|tegretol|phenytoin|dilantin))\b"
    ],
    "resolved_now": [
        r"\b(?:stopped|is over|ended|lasted (?:only |just )?(?:about |around |under )?(?:\d+|a few|thirty|"
        r"twenty|ten) (?:seconds|secs|sec)|back to (?:normal|himself|herself|themselves)|(?:is|seems|seemed|looks|"
        r"am|feel|feels) (?:fine|okay|ok|normal|alright|all right|better) now|recovered|came round|came to|"
        r"came around|woke up (?:straight away|quickly|right away|after a few seconds))\b"
    ],
    # --- injuries --------------------------------------------------------------------------------
    "burn": [
        rf"\b(?:burn(?:ed|t)?|scald(?:ed)?|singed) (?:my|his|her|their|the|our|both) (?:\w+ )?{BODY}\b",
        r"\b(?:got|get|have|has|had) (?:a |bad |severe |third[- ]degree |second[- ]degree |serious |big |large )?"
        r"(?:burn|burns|scald)\b",
        r"\b(?:burned|burnt|scalded) (?:by|with|on|from|in)\b",
        r"\b(?:boiling|hot|scalding) (?:\w+ )?(?:water|oil|coffee|tea|soup|grease|fat|milk|pan|kettle|liquid)\b"
        + gap(3)
        + r"(?:spill\w*|spilt|pour\w*|splash\w*|over|on|onto|down|across|fell|knocked)",
        r"\b(?:burn|burns|scald|scalds) (?:on|to|across|over) (?:my|his|her|their|the)\b",
        rf"\b{BODY}\b{gap(4)}(?:burnt|burned|scalded|blistering|blistered|charred)\b",
        r"\bcaught (?:on )?fire\b|\bclothes (?:caught|on) fire\b|\bon fire\b",
        r"\b(?:acid|bleach|chemical\w*|lye|drain cleaner|oven cleaner|caustic|unblocker|drain opener)\b" + gap(3)
        + r"(?:splash\w*|spill\w*|got|poured|sprayed)\b" + gap(2) + r"(?:on|in|over|onto)\b",
        r"\b(?:splash\w*|spill\w*|spray\w*|got|poured)\b" + gap(3) + r"(?:acid|bleach|chemical\w*|lye|cleaner|caustic|"
        r"unblocker|drain opener)\b" + gap(2) + r"(?:in|on|into|over) (?:my|his|her|their) (?:face|eyes?|skin|hands?|arms?)\b",
    ],
    "burn_severe": [
        r"\b(?:face|eyes?|genitals?|groin|private parts|crotch|mouth|throat|airway)\b",
        rf"\b{BODY}\b and (?:his |her |my |their )?(?:both )?{BODY}\b",
        r"\b(?:spill\w*|pour\w*|splash\w*) (?:all )?(?:over|down)\b",
        r"\b(?:large|big|huge|whole|entire|most of|all over|half (?:of )?(?:his|her|my|their)|bigger than|larger than|"
        r"third[- ]degree|3rd[- ]degree|full[- ]thickness|deep|white|"
        r"black|charred|leathery|waxy|no feeling|numb|peeling off|skin (?:is )?(?:coming|came|peeling|falling) off)\b",
        r"\b(?:electric\w*|chemical\w*|acid|lye|alkali|caustic|bleach|drain cleaner|smoke inhalation|inhaled smoke|"
        r"house fire|fire)\b",
    ],
    "blister": [r"\bbliste\w*\b"],
    "electric_shock": [
        r"\b(?:electrocut\w*|electric(?:al)? shock|shocked by (?:a|an|the)|got (?:a )?(?:big |bad |an )?(?:electric )?shock "
        r"(?:from|off)|struck by lightning|lightning strike|touched (?:a |the )?(?:live )?wire)\b"
    ],
    "chemical_eye": [
        r"\b(?:bleach|acid|chemical\w*|lye|cleaner|drain cleaner|caustic|ammonia|lime|cement|concrete|pepper spray|"
        r"oven cleaner|battery acid|alkali|unblocker|drain opener|caustic soda|descaler|limescale remover)\b" + gap(5)
        + r"(?:eye|eyes|face)\b",
        r"\b(?:eye|eyes)\b" + gap(5) + r"(?:bleach|acid|chemical\w*|lye|cleaner|caustic|ammonia|cement|alkali)\b",
    ],
    "head_injury": [
        r"\b(?:hit|banged|bumped|smashed|struck|knocked|hurt|injured|cracked|split|whacked) (?:his|her|my|their|the|our)"
        r"(?: \w+)? head\b",
        r"\bhead (?:injury|injuries|trauma|wound|knock|bump|first)\b|\bconcussion\b|\bskull fracture\b",
        r"\b(?:hit|blow|knock|bang|kick|whack|smack) (?:to|on|in) the head\b|\b(?:kicked|hit|struck) in the head\b",
        r"\b(?:fell|fall|fallen|slipped|tripped)\b" + gap(5) + r"(?:head|skull)\b",
    ],
    "head_injury_severe": [
        r"\b(?:knocked out|unconscious|passed out|blacked out|lost consciousness|vomit\w*|throwing up|threw up|"
        r"confus\w*|drowsy|sleepy|keeps falling asleep|hard to wake|seizure|fit|fitting|clear fluid|blurr\w*|"
        r"double vision|slurr\w*|will not stop crying|unequal pupils|memory loss|cannot remember|does not remember|"
        r"keeps asking the same|repeating (?:himself|herself|the same)|(?:was|went|been) out (?:cold )?for|pupils? "
        r"(?:looks? |are |is )?(?:bigger|different|unequal|dilated))\b",
        r"\bblood (?:coming )?(?:from|out of) (?:his|her|my|their) (?:ear|ears|nose)\b",
    ],
    "major_trauma": [
        r"\b(?:car (?:crash|accident|wreck)|motorcycle (?:crash|accident)|motorbike (?:crash|accident)|"
        r"(?:hit|struck|run over|knocked down) by (?:a |an )?(?:car|truck|bus|vehicle|train|motorbike|van|lorry)|"
        r"fell (?:off|from|out of) (?:a |the |his |her )?(?:roof|ladder|balcony|window|building|cliff|scaffold\w*|"
        r"horse|tree|stairs|second floor|third floor)|fall from (?:a )?height|stabbed|stab wound|knife wound|"
        r"gunshot|been shot|got shot|was shot|impaled|crushed (?:by|under)|severed|amputat\w*|"
        r"bone (?:is )?(?:sticking|poking|coming) out|open fracture|compound fracture|degloving)\b",
    ],
    "fracture": [
        r"\b(?:broke|broken|fractur\w*|cracked|dislocat\w*)\b"
        + gap(3)
        + r"(?:arm|leg|wrist|ankle|bone|hip|collarbone|finger|toe|foot|hand|rib|ribs|nose|elbow|shoulder|knee)\b",
        r"\b(?:cannot|can not|unable to) (?:put (?:any )?weight|bear weight|walk on)\b",
        r"\b(?:deformed|bent|crooked|odd angle|weird angle|strange angle)\b",
    ],
    "deep_cut": [
        r"\b(?:deep|gaping|long|big) (?:cut|gash|wound|laceration)\b|\bgash\b|\bneeds? (?:stitches|sutures|glue)\b",
        r"\b(?:cut|wound) (?:is )?(?:deep|gaping|wide open|to the bone)\b|\bsee (?:the )?(?:fat|bone|tendon)\b",
    ],
    # --- infection -------------------------------------------------------------------------------
    "stiff_neck": [
        r"\b(?:stiff neck|neck (?:is )?(?:very |really )?(?:stiff|rigid)|cannot (?:bend|touch|put|move) (?:his|her|my|"
        r"their) (?:chin|neck)|(?:bright )?lights? (?:hurts?|bother\w*)|photophobia)\b"
    ],
    "nonblanching_rash": [
        r"\b(?:rash|spots?|blotches|marks|dots)\b"
        + gap(7)
        + r"(?:does not fade|did not fade|not fading|will not fade|do not fade|did not go away|non-?blanching|"
        r"glass test|under a glass|press\w* (?:a |the )?glass|when pressed)",
        r"\b(?:purple|dark red|purplish) (?:spots|rash|blotches|dots|bruises)\b|\bpetechia\w*|\bpurpura\b",
    ],
    "cold_extremities": [r"\b(?:cold (?:hands and feet|feet and hands|hands|feet)|ice cold (?:hands|feet)|mottled|clammy and cold)\b"],
    "toxic_substance": [r"\b(?:bleach|laundry (?:pods?|capsules?)|detergent pods?|tide pods?|button batter\w*|magnets?|rat poison|"
                        r"antifreeze|drain cleaner|weed ?killer|pesticides?|lighter fluid|e-?liquid|nicotine liquid)\b"],
    "sepsis": [
        r"\b(?:sepsis|septic|blood poisoning)\b",
        r"\b(?:mottled|blotchy|bluish|ashen) (?:skin|legs|arms|knees)\b",
        r"\b(?:not (?:peed|urinated|weed)|no (?:pee|urine|wee)) (?:all day|for (?:\d+|twelve|eighteen|24) hours)\b",
    ],
    "meningitis": [r"\bmeningitis\b|\bmeningococcal\b"],
    "fever_days": [
        r"\b(?:for|since|over|past|last) (?:the )?(?:last |past )?(?:\d+|three|four|five|six|seven|several|a few|few) days\b",
        r"\b(?:\d+|three|four|five|six|seven) days (?:now|straight|in a row)\b",
    ],
    "fever_word": [r"\b(?:fever\w*|febrile|feels? (?:very |really |so )?hot|burning up|pyrexi\w*|high temp\w*|temperature)\b"],
    "kidney_infection": [
        r"\b(?:kidney infection|pyelonephritis|flank pain|pain in (?:my|his|her|their) (?:side|flank|kidney|lower back))\b",
        r"\b(?:ache|pain|hurts|aching)\b" + gap(4) + r"(?:side of (?:my|his|her|the) back|flank|kidney area|loin|kidneys?)\b",
        r"\b(?:burning|stinging|pain|burns|stings|hurts) (?:when|while|to) (?:i |he |she |they )?(?:pee|urinat|wee)\w*",
        r"\bu\.?t\.?i\.?\b|\burinary tract infection\b|\bbladder infection\b",
    ],
    "dehydration": [
        r"\b(?:cannot|can not|unable to|not able to) keep (?:anything|any fluids?|water|liquids?|food|it) down\b",
        r"\b(?:vomit\w*|throwing up|diarrh\w*)\b" + gap(3) + r"(?:for|since) (?:(?:\d+|two|three|four|a couple of) "
        r"(?:days|hours)|yesterday|last night)\b",
        r"\b(?:only|just) (?:\d|one|two|a single) wet (?:nappy|nappies|diaper|diapers)\b",
        r"\b(?:dehydrat\w*|no wet (?:diapers?|nappies|nappy)|(?:dry|no) (?:diapers?|nappies|nappy) (?:for|in|since)|"
        r"sunken (?:soft spot|fontanelle|fontanel|eyes)|not (?:peed|urinated|weeing|peeing)|very dry mouth|fewer wet "
        r"(?:nappies|diapers)|(?:will not|refus\w* to) drink)\b",
    ],
    "wound": [r"\b(?:cut|cuts|gash|wound|laceration|sliced|slashed|stab\w*|bit|bite)\b"],
    "heavy_flow": [
        r"\b(?:pouring|gushing|spurting|squirting|pumping|soak\w*|will not stop|would not stop|not stopping|does not "
        r"stop|cannot stop|keeps bleeding|through (?:the |a |two |his |her |my )?(?:towel|towels|bandage|gauze|cloth|"
        r"shirt)|puddle|pool of blood|blood everywhere|even with pressure|despite pressure)\b"
    ],
    "infection_spreading": [
        r"\b(?:red(?:,)? (?:hot|warm)(?: and)?(?:,)? swollen|red streak\w*|streaks? (?:running|going) up|redness "
        r"(?:is )?spreading|spread(?:ing|s)? (?:past|beyond|outside) the (?:pen |marker |drawn )?(?:line|mark|outline)|"
        r"(?:hot|warm)(?:,)? red(?: and)? swollen)\b",
        r"\b(?:red|hot|warm|swollen|angry)(?: hot| red| swollen| painful|,)* (?:patch|area|skin|lump|spot|leg|shin|arm)\b"
        r"[^.!?]{0,60}\bspread\w*",
        r"\b(?:pus|discharge|oozing)\b" + gap(5) + r"(?:ear|wound|cut|eye)\b|\b(?:ear|wound|cut)\b" + gap(3) + r"(?:pus|oozing|discharg\w*)\b",
    ],
    "dvt": [
        r"\b(?:calf|calves|leg)\b" + gap(3) + r"(?:swollen|swelling|painful|tender|red|hot)\b[^.!?]{0,60}"
        r"(?:flight|surgery|operation|plane|long drive|bed rest|pill|pregnan\w*)",
        r"\b(?:dvt|deep vein thrombosis|blood clot in (?:my|his|her) leg)\b",
        r"\b(?:surgery|operation|flight|plane|long drive|bed rest|cast|plaster)\b[^.!?]{0,80}\b(?:calf|calves|leg)\b" + gap(3)
        + r"(?:swollen|swelling|painful|tender|red|hot|warm)\b",
    ],
    "foreign_body": [
        r"\b(?:bead|button|pea|bean|crayon|toy|object|something|stone|lego|piece|magnet)\b" + gap(3)
        + r"(?:up|in|into|inside) (?:his|her|my|their|the) (?:nose|nostril|ear)\b",
        r"\b(?:bone|something|food|pill)\b" + gap(2) + r"(?:stuck|lodged|caught) (?:in )?(?:my|his|her|their|the) throat\b",
        r"\b(?:feels|is|got) (?:stuck|lodged) in (?:my|his|her|their) throat\b",
        r"\b(?:fish ?hook|hook|splinter|needle|thorn|shard|glass|nail|pencil|stick)\b" + gap(4) + r"(?:stuck|embedded|lodged|"
        r"went (?:in|into|through)|in (?:my|his|her|their) (?:finger|hand|foot|palm|eye|leg|arm|skin))\b",
        r"\b(?:rusty )?(?:nail|splinter|glass)\b" + gap(3) + r"(?:in|through|into) (?:my|his|her|their) (?:foot|hand|eye)\b|"
        r"\bstepped on a (?:rusty )?nail\b|\bdeep puncture\b",
    ],
    "sudden_hearing_loss": [
        r"\b(?:cannot|can barely|can hardly|lost|losing|loss of)\b" + gap(2) + r"(?:hear\w*|hearing)\b" + gap(4)
        + r"(?:ear|ears)\b|\bsudden (?:hearing loss|deafness)\b|\bdeaf in (?:one|my left|my right|his|her) ear\b"
    ],
    "eye_pain_light": [
        r"\b(?:eye|eyes)\b" + gap(3) + r"(?:hurt\w*|pain\w*|burning|sore)\b[^.!?]{0,40}\b(?:light|watering|tears|cannot open|"
        r"can't open|blurr\w*)\b|\b(?:arc eye|welder'?s flash|snow blindness)\b"
    ],
    "shingles_eye": [r"\bshingles\b[^.!?]{0,60}\b(?:eye|eyes|forehead|nose|face)\b"],
    "cannot_swallow": [r"\b(?:cannot|can barely|can hardly|unable to|hard to) swallow\b|\bpainful to swallow\b"],
    "urinary_retention": [r"\b(?:cannot|unable to|can not) (?:pee|urinate|wee|pass urine)\b|\bhave not (?:peed|urinated) (?:all day|since)"],
    "asthma_worse": [
        r"\b(?:needing|using|need|use|taking)\b" + gap(4) + r"(?:inhaler|puffer|ventolin|salbutamol|albuterol|nebuli[sz]er)\b"
        + gap(3) + r"every (?:\d|one|two|three|four|couple of|few) ?(?:hours?|hrs?)\b",
        r"\basthma\b" + gap(3) + r"(?:worse|flar\w*|attack|acting up)\b",
    ],
    "confusion_mild": [r"\b(?:more|a bit|slightly|a little|bit) (?:more )?confused (?:than usual|than normal|today|lately)?\b"],
    "injury_swelling": [r"\b(?:swollen|swelling|bruised|bruising|cannot move it|hurts to move|will not use|refus\w* to use)\b"],
    "sunburn": [r"\bsun ?burn\w*\b"],
    "infant_feeding": [r"\b(?:not feeding|will not feed|refus\w* (?:to feed|feeds|feeding|the bottle|bottles|the breast|milk)|not eating or drinking)\b"],
    # --- abdomen, testicles, pregnancy ------------------------------------------------------------
    "abdominal_pain": [
        rf"\b(?:abdom\w*|belly|stomach|tummy|pelvi\w*|lower back|side|uterus|womb|appendix|gut)\b{gap(3)}{PAIN}",
        rf"\b{PAIN}{gap(3)}(?:in|on) (?:my |his |her |their |the )?(?:abdom\w*|belly|stomach|tummy|pelvis|side|"
        r"lower right|right lower|lower left|one side|left side|right side)\b",
        r"\b(?:abdominal|stomach|belly|tummy) (?:cramp\w*|pain|ache)\b|\bcramp\w*\b",
    ],
    "abdomen_rigid": [r"\b(?:rigid|board-like|hard as a board|rock hard) (?:abdomen|belly|stomach|tummy)|(?:abdomen|belly|stomach|tummy) (?:is )?(?:rigid|hard as a board|rock hard)\b"],
    "appendicitis": [
        r"\bappendi\w*\b",
        r"\b(?:lower right|right lower|bottom right)\b" + gap(4) + r"(?:pain|hurts|ache|tender)\b|\bpain (?:moved|moving|"
        r"shifted|went) (?:down )?to (?:the |my )?(?:lower )?right\b",
    ],
    "testicular_pain": [
        rf"\b(?:testicle|testicles|testes|testis|scrotum|scrotal|balls|ball sack|nuts)\b{gap(4)}(?:{PAIN}|swell\w*|"
        r"swollen|twist\w*)",
        rf"\b{PAIN}{gap(3)}(?:in|on) (?:my |his |their |the |one |a )?(?:left |right )?(?:testicle|testicles|scrotum|balls)\b",
        r"\btesticular (?:pain|torsion)\b|\btorsion\b",
    ],
    "pregnant": [
        r"\b(?:pregnan\w*|\d+ ?(?:weeks?|wks?|months?) (?:pregnant|along|gestation)|expecting (?:a baby|twins)|"
        r"trimester|gestation\w*|due date|fetus|foetus|baby bump|i am expecting|(?:my|the) unborn)\b",
        r"\b(?:i am|she is|at|about|around) (?:\d+|\w+) ?(?:weeks?|wks?)(?: pregnant| along| with| and|,| -)",
        r"\b(?:missed (?:my |her )?period|positive pregnancy test|pregnancy test (?:was|came back|is) positive)\b",
    ],
    "shoulder_tip_pain": [r"\bshoulder[- ]tip\b|\bpain in (?:my|her) shoulder\b"],
    "not_pregnant_context": [
        r"\b(?:could|might|may|am|can) (?:i |she )?(?:be |get |become )?pregnant\b|\btrying (?:to )?(?:get|become) pregnant\b|"
        r"\b(?:should i|do i need to|can i) (?:take|do) a pregnancy test\b|\bbefore (?:i was |i got |getting )?pregnant\b|\bwhile pregnant\b\?|\bif (?:i am|i|she) "
        r"(?:is |am )?pregnant\b"
    ],
    "postpartum": [
        r"\b(?:postpartum|post-partum|post partum|gave birth|after (?:giving )?birth|after (?:the |my )?delivery|"
        r"just delivered|had (?:my|a|the|our) baby (?:\d+|a few|two|three) (?:days|weeks) ago|since (?:giving birth|delivery)|"
        r"c-?section (?:\d+|a few|two|three) (?:days|weeks) ago)\b",
    ],
    "show_bleeding": [r"\b(?:show|bloody show|spotting)\b"],
    "fetal_movement": [
        r"\b(?:baby|babies|bump)\b" + gap(4) + r"(?:quieter|less active|not as active|much quieter|quiet|"
        r"(?:barely|hardly|not) (?:moved|moving|kicked|kicking))\b",
        r"\b(?:baby|babies|fetus|foetus|bump)\b" + gap(5) + r"(?:moving|kicking|movements?|kicks?)\b" + gap(2)
        + r"(?:less|fewer|much less|a lot less|slower|reduced|less than usual|less often)\b",
        r"\b(?:baby|babies|fetus|foetus) (?:is not|has not been|has stopped|stopped|not|is no longer|has not) "
        r"(?:\w+ )?(?:moving|kicking|moved|kicked)\b",
        r"\b(?:less|fewer|reduced|decreased|no|not feeling (?:any|the)?|cannot feel (?:the |any )?) (?:fetal |foetal |baby'?s? )?"
        r"(?:movements?|kicks?|kicking)\b",
    ],
    "waters_broke": [r"\b(?:water|waters) (?:has |have )?(?:broke|broken|breaking|burst)\b|\bleaking fluid\b|\bgush of fluid\b"],
    "labour_now": [r"\b(?:baby is coming|baby'?s head|crowning|urge to push|need to push|cord (?:is )?(?:coming out|hanging)|cord prolapse)\b"],
    "vision_change": [
        r"\b(?:blurr\w*|flashing lights|flashes|seeing stars|spots in (?:my|her) vision|zigzag\w*|visual disturbance\w*|"
        r"vision (?:is |has gone |went )?(?:blurry|weird|funny|strange|fuzzy|spotty|changed)|floaters|halos)\b"
    ],
    "eye_problem": [
        r"\b(?:eye|eyes)\b" + gap(3) + r"(?:injur\w*|very painful|really painful|severe pain|hurts badly|red and painful)",
        r"\bsomething (?:stuck |lodged )?in (?:my|his|her|their) eye\b",
        r"\b(?:poked|scratched|hit|punched) (?:in )?(?:the |my |his |her |their )?eye\b",
    ],
    # --- metabolic, environment ------------------------------------------------------------------
    "hypoglycaemia": [
        r"\b(?:hypo\b|hypoglyc\w*|blood (?:sugar|glucose) (?:is |of |at |was )?(?:very |really |dangerously )?"
        r"(?:low|(?:[0-3](?:\.\d)?|[1-5]\d) ?(?:mmol|mg)?)\b|sugar (?:is |dropped |crashed )?(?:very |really )?low)"
    ],
    "dka": [
        r"\b(?:dka|ketoacidosis|ketones? (?:are |is )?(?:high|large|moderate|very high)|fruity breath|pear drops|"
        r"breath (?:smells|smelling) (?:fruity|sweet|like (?:acetone|nail polish))|kussmaul)\b"
    ],
    "environmental": [
        r"\b(?:(?:nearly |almost )?drown\w*|pulled (?:him|her|them) (?:out )?(?:of|from) the (?:water|pool|lake|sea|river)|"
        r"hypotherm\w*|heat ?stroke|heatstroke|sunstroke|frostbite)\b"
    ],
    "bp_160": [r"\b(?:blood pressure|bp)\b" + gap(4) + r"(?:1[6-9]\d|2\d\d) ?(?:/|over) ?(?:\d{2,3})\b|"
               r"\b(?:blood pressure|bp)\b" + gap(4) + r"\d{2,3} ?(?:/|over) ?(?:1[1-9]\d)\b"],
    "high_bp": [r"\b(?:blood pressure|bp)\b" + gap(4) + r"(?:1[89]\d|2\d\d) ?(?:/|over) ?(?:1[1-9]\d|\d{3})\b"],
    "severe_pain": [rf"\b{SEVERE}\b{gap(3)}(?:pain|ache|hurts|cramps?)\b", r"\bworst pain\b|\bin agony\b"],
    # --- modifiers -------------------------------------------------------------------------------
    "impending_doom": [r"\b(?:think|feel|feels|feeling) (?:like )?(?:i am|he is|she is|i'm) (?:dying|going to die|about to die)\b|"
                       r"\bi am dying\b(?! (?:to|of|for|laughing))|\bgoing to die\b"],
    "help_cry": [r"\b(?:help me|please help|help!|someone help|help us|sos)\b"],
    "sudden": [rf"\b{SUDDEN}\b"],
    "severe": [rf"\b{SEVERE}\b"],
    "child": [rf"\b{CHILD}\b"],
    "emergency_words": [r"\b(?:heart attack|stroke|anaphyla\w*|overdos\w*|seizure|unconscious|not breathing)\b"],
}
