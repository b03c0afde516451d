"""Medical facts in free text, for the checks that reject rewrites and dialogues which lose or invent them.

Four kinds, found by word lists and patterns (no model): drugs (generic and brand names from
:mod:`medllm.deid.wordlists.medical` plus the USAN stems that rarely end ordinary words), doses (a number
with a unit, normalised: ``500 mg`` = ``500mg``), tests (a list of common investigations with their
abbreviations folded together: ``EKG`` = ``ECG`` = ``electrocardiogram``) and diagnoses (single-word
disease names). It errs towards recall on the terms it knows: a rewrite that only rephrases keeps
every fact and passes; one that drops a dose or swaps a drug fails. Facts it has no word for are not
checked, which ``docs/synth.md`` states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medllm.deid.wordlists.medical import BRAND_DRUGS, DISEASE_WORDS, GENERIC_DRUGS

# Stems long and specific enough that ordinary English words do not end with them.
_SAFE_DRUG_STEMS = (
    "pril", "sartan", "olol", "dipine", "statin", "prazole", "tidine", "floxacin", "mycin", "cillin",
    "conazole", "navir", "ciclovir", "cyclovir", "tinib", "parin", "xaban", "gliptin", "gliflozin", "glutide",
    "formin", "triptan", "setron", "lukast", "azepam", "zolam", "profen", "coxib", "fenac", "oxetine",
    "triptyline", "cycline", "semide", "thiazide", "codone", "morphone", "mab", "platin", "taxel",
)  # fmt: skip
_GENERIC_DISEASE_WORDS = {"disease", "syndrome", "disorder", "infection", "palsy", "atrophy", "dystrophy", "diabetic"}
_DIAGNOSES = frozenset(DISEASE_WORDS - _GENERIC_DISEASE_WORDS)
_DRUGS = frozenset(GENERIC_DRUGS | BRAND_DRUGS)

# Investigations: canonical name -> patterns (lower-case text, word boundaries added).
_TESTS = {
    "ecg": [r"ecg", r"ekg", r"electrocardiogram"],
    "echocardiogram": [r"echocardiogram", r"echo"],
    "x-ray": [r"x[\s-]?rays?", r"radiograph"],
    "ct": [r"ct(?: scan)?", r"cat scan", r"computed tomography"],
    "mri": [r"mri(?: scan)?", r"magnetic resonance imaging"],
    "ultrasound": [r"ultrasound", r"sonography", r"usg"],
    "cbc": [r"cbc", r"complete blood count", r"full blood count", r"fbc"],
    "blood test": [r"blood tests?", r"blood work"],
    "urinalysis": [r"urinalysis", r"urine tests?", r"urine analysis"],
    "biopsy": [r"biopsy", r"biopsies"],
    "endoscopy": [r"endoscopy", r"gastroscopy"],
    "colonoscopy": [r"colonoscopy"],
    "culture": [r"cultures?"],
    "lipid panel": [r"lipid (?:panel|profile)"],
    "hba1c": [r"hba1c", r"a1c", r"glycated h(?:a)?emoglobin"],
    "thyroid function": [r"thyroid function tests?", r"tsh", r"tft"],
    "liver function": [r"liver function tests?", r"lft"],
    "kidney function": [r"kidney function tests?", r"renal function tests?", r"creatinine"],
    "pap smear": [r"pap (?:smear|test)"],
    "mammogram": [r"mammogram", r"mammography"],
    "eeg": [r"eeg", r"electroencephalogram"],
    "spirometry": [r"spirometry", r"pulmonary function tests?"],
    "pregnancy test": [r"pregnancy test"],
}
_TEST_PATTERNS = [(name, re.compile(r"\b(?:" + "|".join(p) + r")\b")) for name, p in _TESTS.items()]
_UNITS = r"mg/kg|mcg|µg|ug|mg|g|kg|ml|l|iu|units?|mmol/l|mg/dl|%|tablets?|tabs?|puffs?|drops?"
_DOSE = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*({_UNITS})(?![a-z])")
_UNIT_ALIASES = {"ug": "mcg", "µg": "mcg", "unit": "units", "tablet": "tablets", "tab": "tablets", "tabs": "tablets"}
_WORD = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Facts:
    """The facts found in one text, each kind a set of normalised strings."""

    drugs: frozenset[str] = field(default_factory=frozenset)
    doses: frozenset[str] = field(default_factory=frozenset)
    tests: frozenset[str] = field(default_factory=frozenset)
    diagnoses: frozenset[str] = field(default_factory=frozenset)

    def items(self) -> dict[str, frozenset[str]]:
        return {"drugs": self.drugs, "doses": self.doses, "tests": self.tests, "diagnoses": self.diagnoses}


def _is_drug(word: str) -> bool:
    return word in _DRUGS or (len(word) >= 7 and word.endswith(_SAFE_DRUG_STEMS))


def extract_facts(text: str) -> Facts:
    """Drugs, doses, tests and diagnoses named in ``text``."""
    lower = text.lower()
    words = _WORD.findall(lower)
    doses = set()
    for number, unit in _DOSE.findall(lower):
        unit = _UNIT_ALIASES.get(unit, unit)
        doses.add(f"{float(number):g}{unit}")
    return Facts(
        drugs=frozenset(w for w in words if _is_drug(w)),
        doses=frozenset(doses),
        tests=frozenset(name for name, pattern in _TEST_PATTERNS if pattern.search(lower)),
        diagnoses=frozenset(w for w in words if w in _DIAGNOSES),
    )


def compare_facts(before: str, after: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Facts of ``before`` missing from ``after`` (dropped) and facts of ``after`` not in ``before`` (added)."""
    old, new = extract_facts(before).items(), extract_facts(after).items()
    dropped = {kind: sorted(old[kind] - new[kind]) for kind in old if old[kind] - new[kind]}
    added = {kind: sorted(new[kind] - old[kind]) for kind in new if new[kind] - old[kind]}
    return dropped, added


# --- knowledge-entry facts in dialogues ---------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:not|no|don't|do not|doesn't|does not|isn't|is not|never|without|avoid|unnecessary|won't|stop taking)\b"
    r"(?:\W+\w+){0,3}\W+$"
)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces: the form facts are matched in."""
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.lower()).split())


def fact_forms(fact: str) -> list[str]:
    """The ways a KB fact may be written: whole, without its parenthesis, the parenthesis alone."""
    forms = {normalise(fact)}
    inside = re.findall(r"\(([^)]*)\)", fact)
    outside = re.sub(r"\([^)]*\)", " ", fact)
    forms.add(normalise(outside))
    forms.update(normalise(part) for part in inside)
    return [f for f in forms if len(f) >= 3]


def mentions(text: str, fact: str) -> bool:
    """Whether ``text`` names ``fact`` (any of its forms, on word boundaries)."""
    padded = f" {normalise(text)} "
    return any(f" {form} " in padded for form in fact_forms(fact))


def negated(text: str, fact: str) -> bool:
    """Whether ``text`` names ``fact`` right after a negation ("you do not need an ECG")."""
    norm = normalise(text)
    for form in fact_forms(fact):
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", norm):
            if _NEGATION.search(norm[: match.start()]):
                return True
    return False
