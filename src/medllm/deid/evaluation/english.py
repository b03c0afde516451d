"""English evaluation texts written independently of the recognizers.

Two sources, each split into a ``dev`` half (looked at while the rules were tuned) and a
``heldout`` half (generated with other seeds and other locales, evaluated once at the end):

- **presidio-evaluator's sentence generator** (Microsoft's presidio-research, MIT, ``pip install
  presidio-evaluator``): its own 200-odd templates (bank, travel and support messages, news lines,
  addresses) filled with Faker values and the fake people of its FakeNameGenerator table, across
  several English-speaking locales, some sentences lower-cased whole. The templates are split in two
  halves by a hash of their text.
- **patient messages** (:data:`MESSAGES_DEV`, :data:`MESSAGES_HELDOUT`): free-text messages of the
  kind patients write, with identifiers that carry no label, names that are common words ("Rose",
  "Grace", "Hunter", "May"), lower-case names and street suffixes the rules never listed
  ("Extension", "Crossing"), plus drug and disease names from BC5CDR and NCBI-disease that must
  survive. They were written for this evaluation, the held-out ones before any rule was tuned on
  the dev ones.

Gold classes follow Safe Harbor: a person, street address, city or postcode must go; a state or a
country must stay; a full date or a date of birth must go, a weekday or a bare year need not; an age
must go only from 90 up. Organisations, job titles, nationalities and religions are not scored.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from medllm.deid.evaluation.corpus import Builder, Gold, Sample, lower_sample

PRESIDIO_SOURCE = "presidio-evaluator 0.3.2 templates + Faker"
MESSAGES_SOURCE = "patient messages (medllm.deid.evaluation.english)"
LOCALES = {"dev": ("en_US", "en_GB", "en_AU"), "heldout": ("en_CA", "en_IE", "en_IN")}

# presidio-evaluator's template placeholders -> our gold classes (None: not scored).
_PRESIDIO_CLASSES: dict[str, str | None] = {
    "person": "NAME", "name": "NAME", "name_female": "NAME", "name_male": "NAME", "first_name": "NAME",
    "first_name_female": "NAME", "first_name_male": "NAME", "first_name_nonbinary": "NAME", "last_name": "NAME",
    "last_name_female": "NAME", "last_name_male": "NAME",
    "address": "LOCATION", "street_name": "LOCATION", "street_address": "LOCATION", "building_number": "LOCATION",
    "secondary_address": "LOCATION", "city": "LOCATION", "zipcode": "LOCATION", "postcode": "LOCATION",
    "country": "keep:place", "state": "keep:place", "state_abbr": "keep:place",
    "date_of_birth": "DATE", "birthday": "DATE", "date_time": "DATE", "day_of_week": None, "year": "keep:year",
    "phone_number": "PHONE", "email": "EMAIL", "ssn": "SSN", "ip_address": "IP", "credit_card_number": "ACCOUNT",
    "credit_card": "ACCOUNT", "iban": "ACCOUNT", "us_driver_license": "LICENSE", "url": "URL", "age": "AGE",
}  # fmt: skip


def _half(template: str) -> str:
    import hashlib

    return "dev" if hashlib.sha1(template.encode()).digest()[0] % 2 == 0 else "heldout"


def presidio_sentences(n: int, split: str, seed: int) -> list[Sample]:
    """``n`` sentences from presidio-evaluator's generator on ``split``'s half of its templates.

    Raises:
        ImportError: presidio-evaluator is not installed (``pip install 'medllm[deid-eval]'``).
    """
    try:
        from presidio_evaluator.data_generator import PresidioSentenceFaker
        from presidio_evaluator.data_generator.presidio_sentence_faker import presidio_templates_file_path
    except ImportError:
        raise ImportError("the English evaluation needs presidio-evaluator: pip install 'medllm[deid-eval]'") from None
    import contextlib
    import io
    import warnings

    templates = [t.strip() for t in presidio_templates_file_path.read_text().splitlines() if t.strip()]
    templates = [t for t in templates if _half(t) == split]
    mapping = {k: k for k in (*PresidioSentenceFaker.ENTITY_TYPE_MAPPING, *_PRESIDIO_CLASSES)}
    samples: list[Sample] = []
    locales = LOCALES[split]
    for k, locale in enumerate(locales):
        count = n // len(locales) + (1 if k < n % len(locales) else 0)
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            warnings.simplefilter("ignore")
            random.seed(seed * 1000 + k)
            faker = PresidioSentenceFaker(
                locale, lower_case_ratio=0.1, sentence_templates=templates, entity_type_mapping=mapping,
                random_seed=seed * 1000 + k,
            )  # fmt: skip
            generated = faker.generate_new_fake_sentences(count)
        for i, sentence in enumerate(generated):
            samples.append(_from_presidio(sentence, f"en-presidio-{split}-{locale}-{i}"))
    return samples


def _unescape(text: str) -> tuple[str, list[int]]:
    """The text with the template file's literal backslash-n turned into newlines, and for each
    old offset its new offset (the templates store line breaks escaped)."""
    out, mapping, i = [], [], 0
    while i < len(text):
        mapping.append(len(out))
        if text.startswith("\\n", i):
            mapping.append(len(out))
            out.append("\n")
            i += 2
        else:
            out.append(text[i])
            i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def _from_presidio(sentence, id: str) -> Sample:
    text, mapping = _unescape(sentence.full_text)
    identifiers, keep = [], []
    for span in sentence.spans:
        span.start_position, span.end_position = mapping[span.start_position], mapping[span.end_position]
        value = text[span.start_position : span.end_position]
        if not value.strip() or value.strip().lower() == "nan":
            continue  # the generator's table has empty cells, printed as "nan"
        kind = _PRESIDIO_CLASSES.get(span.entity_type)
        if kind is None:
            continue
        if kind == "AGE":
            digits = "".join(c for c in value if c.isdigit())
            if not digits or int(digits) < 90:
                keep.append(Gold("age_under_90", span.start_position, span.end_position, value))
                continue
        if kind == "DATE" and not any(c.isdigit() for c in value) and not _has_month(value):
            continue
        if kind.startswith("keep:"):
            keep.append(Gold(kind.removeprefix("keep:"), span.start_position, span.end_position, value))
        else:
            identifiers.append(Gold(kind, span.start_position, span.end_position, value))
    return Sample(id, "en", PRESIDIO_SOURCE, str(sentence.template_id), text, identifiers, keep)


def _has_month(value: str) -> bool:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return any(m in value.lower() for m in months)


# ---------------------------------------------------------------- patient messages
# Slots: {first} {first2} {last} {full} {rel} {city} {street} {zip} {date} {date2} {dob} {age90}
# {age} (under 90, kept) {phone} {email} {url} {ssn} {state} (kept) {year} (kept) {weekday} (not
# scored) {drug} {drug2} {disease} (kept).
MESSAGES_DEV: tuple[str, ...] = (
    "hi doctor, my {rel} {first} {last} has had {disease} for two years and takes {drug}.",
    "{first} called on {weekday} and said the {disease} is worse since she ran out of {drug}.",
    "My {rel} {first} keeps coughing at night. should I worry?",
    "we live at {street}, {city} {zip} and the nearest clinic is an hour away",
    "I am {age90} years old and my knees hurt all the time.",
    "Please call me back at {phone}, this is {first}.",
    "email me the lab results at {email} thanks",
    "{first} and I drove to {city} on {date} and since then I have had a rash on my arms.",
    "my {rel} {first} was born {dob}, is {drug} safe for a child?",
    "Saw Dr {last} last week about my {disease}, he wants a scan.",
    "Grandma turned {age90} in {year} and still lives alone in {city}, {state}.",
    "I started {drug} on {date} and now my stomach hurts after meals.",
    "my social is {ssn} if you need it for the insurance form",
    "hey it's {first} again. the pain is back in my lower back",
    "can {first} take {drug} together with {drug2}?",
    "Our new address is {street}. Please update the chart.",
    "I spoke with {full} at the front desk and she told me to write here.",
    "my {rel} {first} thinks I have {disease} but I am not sure",
    "The appointment moved from {date} to {date2}, is that right?",
    "I read on {url} that {disease} can run in families.",
    "{first} {last}, {age} years old, with {disease} since {year}.",
    "you can reach my {rel} {first} at {phone} if I don't answer",
    "My {rel} {first} {last} passed away on {date} from {disease}.",
    "I moved from {city} to {state} last year and need a new doctor for my {disease}.",
    "thanks so much {first}! see you on {weekday}",
    "is it normal that {first} sleeps 14 hours a day? she's {age90}",
    "Please send the referral to {full}, {street}, {city}.",
    "{first} has been on {drug} since {date} with no change",
    "dob {dob}, I need a refill of {drug}",
    "i'm {first}, my mom {first2} has {disease} and lives in {city}",
)
MESSAGES_HELDOUT: tuple[str, ...] = (
    "good morning, {first} {last} here, writing about my {rel} who has {disease}.",
    "After the fall on {date} my {rel} {first} can't lift her arm.",
    "Could someone phone {first} on {phone} tomorrow morning",
    "{first} says the {drug} gives her headaches, should she stop?",
    "We're at {street} in {city}, the ambulance took 40 minutes.",
    "My father is {age90} and has {disease}. Is surgery an option at his age?",
    "I'm writing for my {rel}, {full}, date of birth {dob}.",
    "send it to {email} please, my old address bounced",
    "{first} {last} from {city} recommended you to me.",
    "last seen by dr. {last} on {date}, she changed my {drug} dose",
    "Hi, my {rel} {first} and I both have {disease}. Is it contagious?",
    "lol {first} told me to ask here about {drug}",
    "Billing says my SSN {ssn} is wrong on the claim.",
    "The clinic on {street} closed, where do I go now?",
    "He turned {age90} on {date} and is still driving.",
    "Is {drug2} better than {drug} for {disease}?",
    "I stay with my {rel} {first} in {city}, {state} during the week.",
    "{first} feels dizzy every time she stands up",
    "The scan is booked for {date}, I'll bring {first} with me.",
    "found this on {url}, is it trustworthy?",
    "{full} is my caregiver, please talk to her at {phone}.",
    "i think my {rel} {first} has {disease}, she is {age}",
    "Since {year} I have taken {drug} every day.",
    "my name is {first} and i live at {street}",
    "{first} is {age90} this year, the doctor at {city} hospital said it is her heart",
    "Can you email {first} the forms? {email}",
    "The rash started on {date}, right after {first}'s birthday party",
    "we moved from {state} to {city} in {year}",
    "{first} {last} ({dob}) needs her {disease} medication renewed",
    "Thank you Dr {last}, {first} is much better now.",
)

COMMON_WORD_NAMES: tuple[str, ...] = (
    "Rose", "Grace", "Hunter", "May", "Faith", "Hope", "Joy", "Dawn", "Iris", "Lily", "Daisy", "Ruby", "Pearl",
    "Amber", "Ivy", "Summer", "April", "June", "Will", "Mark", "Frank", "Bill", "Chase", "Mason", "Carter", "Taylor",
    "Brook", "Grant", "Dean", "Miles", "Wade", "Drew", "Jack", "Sunny", "Melody", "Heather", "Holly", "Violet",
    "Jade", "Autumn", "Robin", "Angel", "Sky", "Crystal", "Destiny", "Harmony", "Rich", "Art", "Guy", "Jasmine",
)  # fmt: skip
_RELATIVES = (
    "wife", "husband", "son", "daughter", "mom", "dad", "mother", "father", "sister", "brother", "friend",
    "neighbor", "boyfriend", "girlfriend", "grandson", "granddaughter", "niece", "nephew", "aunt", "partner",
)  # fmt: skip
_UNUSUAL_STREETS = ("Extension", "Crossing", "Trafficway", "Spur", "Mews", "Bypass", "Causeway", "Junction")
_STATES = ("Ohio", "Texas", "Oregon", "Florida", "Georgia", "Kansas", "Nevada", "Maine", "Iowa", "Utah")
_DOB = ("%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def patient_messages(n: int, split: str, seed: int) -> list[Sample]:
    """``n`` patient messages from ``split``'s templates, filled with seeded Faker values.

    A fifth of the messages are lower-cased whole, as many patients type; a third of the first
    names are common words (:data:`COMMON_WORD_NAMES`), and a fifth of the rest are lower case.
    """
    from faker import Faker

    from medllm.deid.evaluation.terms import english_terms

    templates = MESSAGES_DEV if split == "dev" else MESSAGES_HELDOUT
    locales = LOCALES[split]
    fakers = [Faker(locale) for locale in locales]
    rng = random.Random(seed)
    for k, faker in enumerate(fakers):
        faker.seed_instance(seed * 1000 + k)
    terms = english_terms(split)
    out = []
    for i in range(n):
        faker = fakers[i % len(fakers)]
        template = templates[i % len(templates)]
        sample = _fill(template, faker, rng, terms).build(
            f"en-messages-{split}-{i}", "en", MESSAGES_SOURCE, f"{split}-{templates.index(template)}"
        )
        out.append(lower_sample(sample) if rng.random() < 0.2 else sample)
    return out


def _fill(template: str, faker, rng: random.Random, terms: dict[str, tuple[str, ...]]) -> Builder:
    first_names: dict[str, str] = {}

    def first(slot: str) -> str:
        if slot not in first_names:
            name = rng.choice(COMMON_WORD_NAMES) if rng.random() < 1 / 3 else faker.first_name()
            first_names[slot] = name.lower() if rng.random() < 0.2 else name
        return first_names[slot]

    def date() -> str:
        d = faker.date_between("-3y", "today")
        formats = ("%B %d", "%m/%d/%Y", "%Y-%m-%d", "%b %d, %Y", "%d %B %Y", "%B %-d")
        return d.strftime(rng.choice(formats))

    def street() -> str:
        if rng.random() < 0.3:
            return f"{faker.building_number()} {faker.last_name()} {rng.choice(_UNUSUAL_STREETS)}"
        return faker.street_address()

    slots: dict[str, tuple[str, Callable[[], str]]] = {
        "first": ("NAME", lambda: first("first")),
        "first2": ("NAME", lambda: first("first2")),
        "last": ("NAME", faker.last_name),
        "full": ("NAME", lambda: f"{faker.first_name()} {faker.last_name()}"),
        "city": ("LOCATION", faker.city),
        "street": ("LOCATION", street),
        "zip": ("LOCATION", faker.postcode),
        "date": ("DATE", date),
        "date2": ("DATE", date),
        "dob": ("DATE", lambda: faker.date_of_birth(minimum_age=1, maximum_age=95).strftime(rng.choice(_DOB))),
        "age90": ("AGE", lambda: str(rng.randint(90, 104))),
        "phone": ("PHONE", faker.phone_number),
        "email": ("EMAIL", faker.email),
        "url": ("URL", lambda: faker.url().rstrip("/") + rng.choice(("", f"/health/article-{rng.randint(10, 999)}"))),
        "ssn": ("SSN", lambda: f"{rng.randint(100, 899)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"),
        "age": ("keep:age_under_90", lambda: str(rng.randint(2, 85))),
        "state": ("keep:place", lambda: rng.choice(_STATES)),
        "year": ("keep:year", lambda: str(rng.randint(2005, 2024))),
        "drug": ("keep:drug", lambda: rng.choice(terms["drug"])),
        "drug2": ("keep:drug", lambda: rng.choice(terms["drug"])),
        "disease": ("keep:disease", lambda: rng.choice(terms["disease"])),
        "rel": ("", lambda: rng.choice(_RELATIVES)),
        "weekday": ("", lambda: rng.choice(_WEEKDAYS)),
    }  # fmt: skip
    return Builder.from_template(template, slots)
