"""English places named by a business: a chain store with its branch, a business before its address,
a labelled workplace or facility, and the town after a facility's name.

Added after blind batch 6, where a third of the missed places were of these kinds:

- **chain branches**: a pharmacy, supermarket or lab chain with what picks one branch: a store number
  ("Walgreens #07331", "Rite Aid Pharmacy 03918"), a street or town after on/at/in ("the CVS on Hickman
  Road", "Costco pharmacy in Niles", "rite aid on 5th st") or in brackets ("Costco Pharmacy #118
  (Issaquah)"). The chain name alone ("I use CVS") says nothing about where a person is and stays;
- **a business before its address**: "at Boots, 43 High St", "Quest PSC, 8830 Tampa Ave": the name goes
  with the street, which the street recognizers already take;
- **labelled places**: "Employer: Harbourline Drilling Ltd, Aberdeen", "Facility: Cork Street Oral
  Surgery", "Funeral home: Kucera-Novak Funeral Chapel" (not "Location:" or "Site:", which name body
  sites in clinical notes);
- **a facility's town**: "Mayo Clinic Rochester", "UnityPoint Clinic - Ingersoll", "Eastlake High
  (Sammamish)".
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.en.context import trim_place
from medllm.deid.entities import LOCATION
from medllm.deid.patterns import ClinicalPatternRecognizer
from medllm.deid.wordlists import medical
from medllm.deid.wordlists.english import english_lexicon

# National pharmacy, supermarket-pharmacy, retail-clinic and lab chains of the US, Canada, the UK,
# Ireland, Australia and India (their public brand names). A list, because a chain's name is what
# makes "the X on Main St" a business rather than a street description.
CHAINS = (
    "CVS", "CVS/pharmacy", "Walgreens", "Rite Aid", "Walmart", "Wal-Mart", "Costco", "Kroger", "Meijer", "Safeway",
    "Publix", "Target", "Hy-Vee", "Thrifty White", "Duane Reade", "Bartell Drugs", "Bartell", "Osco", "Jewel-Osco",
    "Sav-On", "Albertsons", "H-E-B", "HEB", "Wegmans", "Giant Eagle", "ShopRite", "Stop & Shop", "Harris Teeter",
    "Winn-Dixie", "Food Lion", "Fred Meyer", "Ralphs", "Vons", "Sam's Club", "Kinney Drugs", "Navarro",
    "Capsule", "Alto", "MinuteClinic", "CareNow", "Quest", "Quest Diagnostics", "LabCorp", "Labcorp",
    "Boots", "Lloyds Pharmacy", "LloydsPharmacy", "Superdrug", "Well Pharmacy", "Rowlands", "Day Lewis",
    "Asda", "Tesco", "Sainsbury's", "Morrisons", "Shoppers Drug Mart", "Shoppers", "Rexall", "London Drugs",
    "Jean Coutu", "Pharmaprix", "Uniprix", "Familiprix", "Loblaws", "LifeLabs", "Dynacare", "Priceline",
    "Priceline Pharmacy", "Chemist Warehouse", "Terry White Chemmart", "TerryWhite Chemmart", "Amcal", "Blooms",
    "Apollo Pharmacy", "MedPlus", "Wellness Forever", "Netmeds", "Guardian", "Watsons", "Mannings",
    "Dr Lal PathLabs", "Thyrocare", "SRL Diagnostics", "Metropolis",
)  # fmt: skip
# Written in lower case too only where the name is no English word ("the rite aid on 5th st", not "boots").
_LOWER_CASE_CHAINS = (
    "cvs",
    "walgreens",
    "rite aid",
    "walmart",
    "costco",
    "kroger",
    "meijer",
    "safeway",
    "publix",
    "hy-vee",
)
_CHAIN = "|".join(sorted((c.replace(" ", "[ \t]+") for c in (*CHAINS, *_LOWER_CASE_CHAINS)), key=len, reverse=True))
_CHAIN_HEAD = (
    r"(?:[ \t]*/?[ \t]*(?i:pharmacy|drugs?|drug[ \t]+mart|chemmart|chemist|store|supercentre|supercenter|PSC))"
)
_CAP = r"\p{Lu}[\p{L}\p{M}'’-]*"
_TOWN = (
    rf"(?:(?:St\.?|Saint|Fort|Ft\.|Mount|Mt\.|Port|The|New|North|South|East|West)[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
)
_LOWER_STREET = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|[a-z][a-z'’-]+)(?:[ \t]+[a-z][a-z'’-]+){0,2}[ \t]+"
    r"(?:st|street|ave|avenue|rd|road|blvd|hwy|highway|dr|drive|ln|lane|way|pkwy|parkway)\b\.?"
)
_WEEKDAY_MONTH = (
    r"Mon|Monday|Tue|Tues|Tuesday|Wed|Wednesday|Thu|Thur|Thurs|Thursday|Fri|Friday|Sat|Saturday|Sun|Sunday|"
    r"Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|Sep|Sept|September|Oct|"
    r"October|Nov|November|Dec|December|Today|Tomorrow|Tonight|Yesterday|I|We|He|She|They|It|You"
)
_CHAIN_BRANCH = (
    rf"(?<![\p{{L}}-])(?:{_CHAIN})(?![\p{{L}}-]){_CHAIN_HEAD}?"
    rf"(?:"
    rf"[ \t]*(?:#|(?i:store|no\.?|number)[ \t]*#?)[ \t]*\d{{1,6}}\b(?:[ \t]*\({_TOWN}\))?"  # a store number
    rf"|[ \t]+\d{{3,6}}\b"  # "Rite Aid Pharmacy 03918"
    rf"|[ \t]+(?:on|at|in|off)[ \t]+(?:(?!(?:{_WEEKDAY_MONTH})\b){_TOWN}|{_LOWER_STREET})"  # on Hickman Road
    rf"|[ \t]*\({_TOWN}\)"  # "(Issaquah)"
    rf")"
)
_CHAIN_BEFORE_TOWN = (
    rf"(?<![\p{{L}}-])(?:{_CHAIN}){_CHAIN_HEAD}[ \t]+(?!(?:{_WEEKDAY_MONTH})\b){_TOWN}(?=[ \t]*[,.;:\n)]|$)"
)
# "at Boots, 43 High St", "Acadiana Dental Group, 201 Rue Louis XIV": a business name right before its address.
_ADDRESS_AFTER_COMMA = (
    r",[ \t]+(?:(?:Suite|Ste|Unit|Shop|Floor)\.?[ \t]+\S+,?[ \t]+)?\d{1,6}(?:-\d{1,6})?[A-Za-z]?[ \t]+"
    r"(?:[NSEW]\.?[ \t]+)?\p{Lu}"
)
_BUSINESS_BEFORE_ADDRESS = (
    rf"(?<=(?:\b(?:at|from|to|At|From|To|via|@)[ \t]+|^[ \t]*|[:|][ \t]*|[-–][ \t]+))"
    rf"(?P<value>{_CAP}(?:[ \t]+(?:&|and|of|the|de|{_CAP})){{0,5}})"
    rf"(?={_ADDRESS_AFTER_COMMA})"
)
# Labels whose value is a workplace or facility ("Location" and "Site" are left out: body sites).
_PLACE_LABEL = (
    r"Employer|Facility|Pharmacy|School|Funeral[ \t]+home|Workplace|Work[ \t]+site|Clinic|Practice|Nursing[ \t]+home|"
    r"Care[ \t]+home|Care[ \t]+facility|Residence|Dispensing[ \t]+pharmacy|Preferred[ \t]+pharmacy|College|"
    r"University|Company|Organi[sz]ation"
)
_NOT_A_PLACE = r"None|N/?A|Unknown|Self|Home|Retired|Unemployed|Not[ \t]+applicable|Yes|No|Same|TBD|Pending"
_LABELLED_PLACE = (
    rf"(?<=(?:^|\n|[ \t]{{2}}|[.;|][ \t]*)[ \t]*(?i:{_PLACE_LABEL})[ \t]*:[ \t]*)"
    rf"(?P<value>(?!(?i:{_NOT_A_PLACE})\b)\p{{Lu}}[^\n,;|]{{1,60}}?"
    rf"(?:,[ \t]+{_TOWN}(?=[ \t]*(?:\n|$)))?)"
    r"(?=[ \t]*(?:[,;|\n]|$|[ \t]{2}|\.[ \t]|\.$))"
)
_FACILITY_WORD = (
    r"Hospitals?|Clinic|Medical[ \t]+Cent(?:er|re)|Health|Healthcare|Health[ \t]+Care|Pharmacy|Chemmart|Chemist|"
    r"Pediatrics|Paediatrics|Infirmary|High|High[ \t]+School|College|Academy"
)


# "Victoria Hospital, Kirkcaldy", "Evolve Treatment Center, Ojai", "Eddie Stobart depot, Daventry" (blind batch 14):
# after these words and a comma, a capitalised word that ends the phrase is the facility's town.
_FACILITY_COMMA_WORD = (
    rf"{_FACILITY_WORD}|Cent(?:er|re)|Practice|Surgery|Imaging|Radiology|Hospice|Infirmary|[Dd]epot|Specsavers|Boots|"
    r"Walgreens|Walmart|Costco|Kroger|Tesco|Asda|Sainsbury's|Lloyds|Superdrug|Unit"
)
# Words a comma may bring after a facility that are not its town: people and their roles, parts of a letter.
_NOT_TOWN_AFTER_COMMA = (
    r"Dr|Doctor|Mr|Mrs|Ms|Miss|Prof|Professor|Nurse|Sister|Ward|Room|Bed|Suite|Floor|Level|Building|Block|Wing|Dept|"
    r"Department|Attn|Re|Ref|Tel|Phone|Fax|Email|Dear|Thanks|Thank|Regards|Yours|Sincerely|Please|Discharged|Admitted|"
    r"Seen|Reviewed|Patient|Pt|Consultant|Registrar"
)
# Words after a facility's name that name a part of it, not its town ("Medical Center Case Management").
_PART_OF_FACILITY = frozenset(
    (
        "management",
        "office",
        "administration",
        "billing",
        "records",
        "reception",
        "desk",
        "department",
        "dept",
        "services",
        "service",
        "unit",
        "ward",
        "team",
        "program",
        "programme",
        "wing",
        "building",
        "campus",
        "annex",
        "lab",
        "labs",
        "laboratory",
        "clinic",
        "pharmacy",
        "registration",
        "admissions",
        "triage",
        "radiology",
        "pathology",
        "imaging",
        "outpatient",
        "outpatients",
        "inpatient",
        "emergency",
        "foundation",
        "board",
        "trust",
        "group",
        "system",
        "network",
        "centre",
        "center",
        "hospital",
        "site",
        "floor",
    )
)  # fmt: skip


def _adjust_town(text: str, start: int, end: int) -> tuple[int, int] | None:
    # The facility before is the cue, so not the strict check of a bare word; after a dash or a bracket
    # ("Fairview Clinic - Edina for the rash") the word is the branch's town, whatever follows it.
    marked = re.search(r"[-–(][ \t]*$", text[max(0, start - 3) : start]) is not None
    span = trim_place(text, start, end, medical=not marked)
    if span is None:
        return None
    lex = english_lexicon()
    words = text[span[0] : span[1]].split()
    if any(w.lower() in _PART_OF_FACILITY or lex.not_a_name(w, strict=True) for w in words):
        return None
    return span


def _adjust_comma_town(text: str, start: int, end: int) -> tuple[int, int] | None:
    # The facility and the comma are the cue: the sentence after may be clinical ("..., Ojai. She has anorexia")
    # without the town being a medical word, so only the words themselves are checked.
    span = trim_place(text, start, end, medical=False)
    if span is None:
        return None
    words = text[span[0] : span[1]].split()
    lex = english_lexicon()
    if any(
        w.lower() in _PART_OF_FACILITY
        or lex.not_a_name(w, strict=True)
        or medical.is_medical_word(w.lower())
        or medical.is_drug_like(w.lower())
        for w in words
    ):
        return None
    return span


def recognizers() -> list[EntityRecognizer]:
    """The chain-branch, business-before-address, labelled-place and facility-town recognizers."""
    return [
        ClinicalPatternRecognizer(
            LOCATION,
            [
                Pattern("chain branch", _CHAIN_BRANCH, 0.8),
                Pattern("chain pharmacy and town", _CHAIN_BEFORE_TOWN, 0.75),
            ],
            "ChainBranchRecognizer",
            priority=2,
            quick=rf"\b(?:{_CHAIN})",
        ),
        ClinicalPatternRecognizer(
            LOCATION,
            [Pattern("business before its address", _BUSINESS_BEFORE_ADDRESS, 0.65)],
            "BusinessBeforeAddressRecognizer",
            priority=1,
            quick=_ADDRESS_AFTER_COMMA,
        ),
        ClinicalPatternRecognizer(
            LOCATION,
            [Pattern("labelled workplace or facility", _LABELLED_PLACE, 0.75)],
            "LabelledPlaceRecognizer",
            priority=2,
            quick=rf"(?i:\b(?:{_PLACE_LABEL})[ \t]*:)",
        ),
        ClinicalPatternRecognizer(
            LOCATION,
            [
                Pattern(
                    "town after a facility",
                    rf"\b(?:{_FACILITY_WORD})(?:[ \t]+[-–]|[ \t]*\(|[ \t])[ \t]*"
                    rf"(?P<value>(?!(?:{_WEEKDAY_MONTH})\b){_TOWN})"
                    r"(?=\)|[ \t]*(?:[,.;:\n/|]|$)|[ \t]+\(|[ \t]+(?:[-–]|and|on|for|in|at|to|with|where|since|who|"
                    r"which)[ \t]|[ \t]+outpatients?\b)",
                    0.6,
                )
            ],
            "FacilityTownRecognizer",
            priority=1,
            adjust=_adjust_town,
            quick=rf"\b(?:{_FACILITY_WORD})[ \t]*[-–(]?[ \t]*\p{{Lu}}",
        ),
        ClinicalPatternRecognizer(
            LOCATION,
            [
                Pattern(
                    "town after a facility and a comma",
                    rf"\b(?:{_FACILITY_COMMA_WORD}),[ \t]+"
                    rf"(?P<value>(?!(?:{_WEEKDAY_MONTH}|{_NOT_TOWN_AFTER_COMMA})\b){_TOWN})"
                    r"(?=[ \t]*(?:[,.;:\n)/|]|$)|[ \t]+(?:[-–]|and|on|for|in|at|to|with|where|since|who|which|about|"
                    r"after|before|outpatients?)[ \t])",
                    0.6,
                )
            ],
            "FacilityCommaTownRecognizer",
            priority=1,
            adjust=_adjust_comma_town,
            quick=rf"\b(?:{_FACILITY_COMMA_WORD}),[ \t]+\p{{Lu}}",
        ),
    ]
