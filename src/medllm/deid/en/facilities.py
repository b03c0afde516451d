"""English places told without a house number: named health facilities, streets after "on", numbered roads.

- **facilities**: one to four capitalised words and a facility word ("Royal Darwin Hospital", "Glen Oaks
  Cardiology", "Oak Ridge Skilled Nursing", "Eye Clinic of Wausau"). Names made of generic words only
  ("the Sleep Clinic", "Urgent Care") are not places and stay;
- **streets without a number** after on/off/at/near/along ("the pharmacy on Dundas St W", "the lab on
  Cranberry Hwy"): the street name narrows a person's place as much as a house number does;
- **numbered roads** after the same words ("on Route 9", "on Co Rd 11", "on Hwy 290").
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern

from medllm.deid.entities import LOCATION
from medllm.deid.patterns import ClinicalPatternRecognizer

_FACILITY_HEAD = (
    r"Hospital|Medical Cent(?:er|re)|Health(?: Cent(?:er|re)| System)?|Clinic|Infirmary|Rehab(?:ilitation)?"
    r"(?: Cent(?:er|re)| Hospital)?|Cardiology|Orthop(?:a)?edics|Home Care|Homecare|Memory Care|Skilled Nursing"
    r"(?: Facility)?|Nursing Home|Care Home|Allergy|Sleep Cent(?:er|re)|Surgery Cent(?:er|re)|Medical Group|"
    r"Cancer Cent(?:er|re)|Hospice|Dialysis(?: Cent(?:er|re))?|Pediatrics|Paediatrics|Dermatology|Family Practice|"
    r"Family Medicine|Urgent Care|Imaging|Radiology|Labs?|Laboratory|Pharmacy|"
    # Added after blind batch 4: centres of any kind, institutes, specialty practices, schools, an ER by name.
    r"Cent(?:er|re)|Ctr|Institute|Associates|Neurology|Geriatrics|Internal Med(?:icine)?|Family Med|Rheumatology|"
    r"Oncology|Urology|Gastroenterology|Endocrinology|Nephrology|Pulmonology|Psychiatry|Podiatry|Ophthalmology|"
    r"Assisted Living|Senior Living|Retirement (?:Home|Community|Village)|Care Cent(?:er|re)|School|Academy|ER|"
    # a UK general practice ("Sketty Surgery", "Colney Lane Surgery"); specialties stay generic (below)
    r"Surgery|Primary Care|Medical Foundation|Dentistry|Dental|Physiotherapy|"
    # Added after blind batch 8: more kinds of care and of workplace, school, church, pub or ground by name
    # ("Coogee Family Medical", "Larkfield Psychiatric Unit", "Tomah VAMC", "Greyhawk Haulage Ltd", "St Bega's
    # Primary", "Scanlon's pub", "Otterburn Ranges").
    r"Medical|Unit|VAMC|VA Medical Center|Long Term Care|Travel Medicine|Occupational Medicine|Sports Medicine|"
    r"Genetics|Agency|Sixth Form|Primary|College|Ltd|Limited|LLP|LLC|Inc\.?|Pty|& Sons|Solicitors|Roofing|Haulage|"
    r"Logistics|Insurance|Church|church|Chapel|Mosque|Temple|Synagogue|Gurdwara|Pub|pub|Inn|Tavern|Pool|pool|"
    r"Depot|depot|Golf Course|golf course|Bridge|Ranges|Hall|hall|Funeral Directors|funeral directors"
)
# Words that make a facility's name generic when it has no other: "the Sleep Clinic", "Urgent Care".
_GENERIC = (
    r"The|A|An|Our|Your|My|His|Her|Their|This|That|Local|Main|General|Sleep|Eye|Heart|Cancer|Urgent|Walk-in|"
    r"Emergency|Children's|Women's|Community|Mental|Health|Family|Primary|Specialty|Private|Public|Regional|"
    r"County|State|University|Veterans|VA|Teaching|Day|Outpatient|Inpatient|Memory|Allergy|Dental|Pain|Fertility|"
    r"Travel|Student|Campus|Online|Virtual|Hospital|Medical|Care|Home|Skilled|Nursing|Surgery|Clinic|"
    r"Med|Internal|Breast|Diabetes|Arthritis|MS|Stroke|Trauma|Burn|Wound|Vein|Spine|Kidney|Liver|Lung|Transplant|"
    r"Poison|Control|Disease|Research|Wellness|Fitness|Surgical|Ambulatory|Infusion|Birth|Maternity|Weight|"
    r"Bariatric|Call|Contact|Service|Services|Customer|Information|Resource|Resources|Crisis|Counseling|"
    r"Counselling|Rehab|Rehabilitation|Senior|Assisted|Living|Retirement|Middle|High|Elementary|Primary|Secondary|"
    r"Nursery|Medical|Cardiac|Heart|Eye|Ear|Dental|Diagnostic|Diagnostics|Imaging|Blood|Donor|Donation|Testing|"
    r"Vaccination|Vaccine|Immunization|Screening|Treatment|Addiction|Recovery|Detox|Behavioral|Behavioural|"
    r"Neurology|Oncology|Cancer|Comprehensive|Integrated|Advanced|National|International|Global|American|Other|"
    # specialties before "Surgery", "Dentistry", "Physiotherapy": "Plastic Surgery", "Oral Surgery" are no places
    r"Plastic|Oral|Cardiac|Cardiothoracic|Thoracic|Vascular|Hand|Minor|Major|Orthopaedic|Orthopedic|Colorectal|"
    r"Spinal|Neuro|Paediatric|Pediatric|Cosmetic|Reconstructive|Maxillofacial|Robotic|Laparoscopic|Keyhole|Elective|"
    r"Same|Knee|Hip|Foot|Back|Eye|Weight|Bariatric|Refractive|Laser|Sports|Musculoskeletal|Pelvic|Women's|Men's|"
    r"Family|Day|Your|Previous|Recent|Emergency|Urgent|Restorative|Cosmetic|Implant|Orthodontic|Specialist|"
    # generic before the heads added after batch 8 ("Intensive Care Unit", "Royal College", "Town Hall")
    r"Intensive|Coronary|Neonatal|Renal|Assessment|Admissions|Acute|Dependency|Observation|Decision|Clinical|"
    r"Psychiatric|Research|Royal|Town|City|Village|Church|Parish|Sunday|Secondary|Junior|Infant|Sixth|Form|Fire|Police|"
    r"Bus|Train|Railway|Private|Swimming|Leisure|Golf|Suspension|Toll|Health|Life|Car|Home|Travel|Occupational|Sports|"
    r"Step-down|Stepdown|Surgical|Medical|Long|Term|Next|Appeals|Appeal|Respirator|DOT|Cardiovascular|Palliative|"
    r"Hospice|Cardiology|Haematology|Hematology|Maternity|Antenatal|Postnatal|Discharge|Complaints|Billing|Records|"
    r"Genetics|Team|Department"
)
_NAME_WORD = r"(?:St\.?|Saint|[A-Z]\.|[A-Z][A-Za-z'’-]+(?:\.[A-Za-z]+)*)"  # no sentence end inside ("Lancaster. Labs")
_FACILITY = (
    rf"\b(?!(?:{_GENERIC})\b(?:[ \t]+(?:{_GENERIC})\b)*[ \t]+(?:{_FACILITY_HEAD})\b(?![ \t]+(?:of|at)[ \t]+[A-Z]))"
    # a title or a department is no part of the name ("Member of the Royal College of Physicians")
    r"(?!(?:Member|Members|Fellow|Fellows|President|Dean|Director|Head|Chair|Professor|Department|Dept|Division|"
    r"Faculty|Society|Association|Council|Board|Dear|To|Attn|Royal[ \t]+(?:College|Society|Academy))\b)"
    rf"{_NAME_WORD}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_NAME_WORD}){{0,3}}[ \t]+(?:{_FACILITY_HEAD})\b"
    rf"(?:[ \t]+(?:of|at)[ \t]+[A-Z][A-Za-z'’-]+(?:[ \t]+[A-Z][A-Za-z'’-]+){{0,2}})?"
)
_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Boulevard|Blvd|Highway|Hwy|Drive|Dr|Lane|Ln|Way|Wy|Parkway|Pkwy|Court|Ct|"
    r"Place|Pl|Terrace|Ter|Trace|Trce|Crescent|Cres|Pike|Row|Square|Sq|Turnpike|Tpke|Circle|Cir|Trail|Trl|Plaza|"
    r"Quay|Qy|Bend|Bnd|View|Vw|Close|Mews|Gardens|Grove|Walk|Crossing|Xing|Expressway|Expy|Freeway|Fwy"
)
_AFTER_WORD = r"(?<=\b(?:on|off|at|near|along|by|down|up|onto)[ \t]+)"
_STREET = (
    rf"{_AFTER_WORD}(?!(?:the|a|an|my|our|your)\b)(?:[A-Z][A-Za-z'’-]+[ \t]+){{1,3}}(?:{_STREET_SUFFIX})\b\.?"
    r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b)?"
)
_ROAD_NUMBER = (
    rf"{_AFTER_WORD}(?:Route|Rte|Hwy|Highway|Co\.?[ \t]+Rd|County[ \t]+Road|State[ \t]+Route|SR|US|Interstate|I-)"
    r"[ \t]?\d{1,4}\b"
)


def recognizers() -> list[EntityRecognizer]:
    """The facility, unnumbered-street and numbered-road recognizers."""
    # Each runs only when its cheap cue is in the text (speed: these scan every English turn of a dataset).
    heads = (
        r"Hospital|Clinic|Cent(?:er|re)|Health|Rehab|Cardiology|Orthop|Care|Nursing|Hospice|Dialysis|Allergy|"
        r"iatrics|Dermatology|Practice|Medicine|Group|Imaging|Radiology|Lab|Pharmacy|Ctr|Institute|Associates|logy|"
        r"Internal Med|Family Med|Living|Retirement|School|Academy|ER\b|Surgery|Primary Care|Foundation|Dent|Physio|"
        r"Medical|Unit|VAMC|Term Care|Genetics|Agency|Sixth Form|Primary|College|Ltd|Limited|LLP|LLC|Inc|Pty|& Sons|"
        r"Solicitors|Roofing|Haulage|Logistics|Insurance|[Cc]hurch|Chapel|Mosque|Temple|Synagogue|Gurdwara|[Pp]ub\b|"
        r"Inn\b|Tavern|[Pp]ool\b|[Dd]epot|[Gg]olf [Cc]ourse|Bridge|Ranges|[Hh]all\b|[Ff]uneral [Dd]irectors"
    )
    after_word = r"\b(?:on|off|at|near|along|by|down|up|onto)[ \t]+[A-Z]"
    return [
        ClinicalPatternRecognizer(
            LOCATION, [Pattern("named facility", _FACILITY, 0.75)], "FacilityRecognizer", priority=2, quick=heads
        ),
        ClinicalPatternRecognizer(
            LOCATION,
            [Pattern("street after on/at", _STREET, 0.7), Pattern("numbered road", _ROAD_NUMBER, 0.7)],
            "UnnumberedStreetRecognizer",
            priority=2,
            quick=after_word,
        ),
    ]
