"""What an identifier becomes: a typed tag, a consistent surrogate or a salted hash, through Presidio's anonymizer.

Three modes, each a Presidio anonymizer operator applied per identifier type:

- ``tag`` (default): the ``replace`` operator with a placeholder such as ``[NAME]`` (the format is
  configurable: ``"<{type}>"``);
- ``hash``: the ``hash`` operator (SHA-256) with a salt you give (at least 16 characters): the same
  value gets the same digest everywhere, so records stay linkable without the value; without a
  salt Presidio would draw a random one per value and two builds would differ, so one is required;
- ``surrogate``: a ``custom`` operator that puts a fictitious value of the same type in place
  (Faker, in the text's language: ``en_US`` or ``zh_CN``), seeded by a hash of the salt and the
  original, so one original always gets the same surrogate and two builds agree. Needs ``faker``.

Presidio's :class:`~presidio_anonymizer.AnonymizerEngine` applies the operators to spans that
:mod:`medllm.deid.spans` has already made non-overlapping.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from typing import Literal

from medllm.deid.entities import (
    ACCOUNT,
    AGE,
    DATE,
    DEVICE_ID,
    EMAIL,
    FAX,
    HEALTH_PLAN_ID,
    IP,
    LICENSE,
    LOCATION,
    MRN,
    NAME,
    NATIONAL_ID,
    PHONE,
    SSN,
    URL,
    VEHICLE_ID,
)

Mode = Literal["tag", "hash", "surrogate"]
MODES: tuple[str, ...] = ("tag", "hash", "surrogate")
DEFAULT_PLACEHOLDER = "[{type}]"
MIN_SALT = 16


def check_placeholder(placeholder: str) -> str:
    """The placeholder if it formats with ``{type}`` only.

    Raises:
        ValueError: it uses another field or is not a format string.
    """
    try:
        placeholder.format(type="NAME")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(f"placeholder {placeholder!r} must use only {{type}}: {error}") from None
    return placeholder


def check_mode(mode: str, salt: str | None) -> None:
    """Raise ValueError for an unknown mode, or for hash/surrogate without a usable salt."""
    if mode not in MODES:
        raise ValueError(f"unknown replacement mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode in ("hash", "surrogate") and (salt is None or len(salt.encode()) < MIN_SALT):
        raise ValueError(
            f"replacement mode {mode!r} needs a salt of at least {MIN_SALT} characters (a secret of yours), "
            "so the same value maps to the same output in every build"
        )


class Replacer:
    """Applies the chosen operator to resolved spans with Presidio's AnonymizerEngine.

    Args:
        mode: ``tag``, ``hash`` or ``surrogate``.
        placeholder: the tag format (``tag`` mode).
        salt: the secret for ``hash`` and ``surrogate`` (at least 16 characters).
    """

    def __init__(self, mode: str = "tag", placeholder: str = DEFAULT_PLACEHOLDER, salt: str | None = None) -> None:
        from presidio_anonymizer import AnonymizerEngine

        check_mode(mode, salt)
        self.mode = mode
        self.placeholder = check_placeholder(placeholder)
        self.salt = salt or ""
        self._engine = AnonymizerEngine()
        if mode == "surrogate":
            _faker("en_US")  # fail now, with the install hint, rather than at the first identifier

    def operators(self, types: Sequence[str], language: str) -> dict:
        """Presidio operator configs for each type in ``types``."""
        from presidio_anonymizer.entities import OperatorConfig

        if self.mode == "tag":
            return {t: OperatorConfig("replace", {"new_value": self.placeholder.format(type=t)}) for t in types}
        if self.mode == "hash":
            return {t: OperatorConfig("hash", {"hash_type": "sha256", "salt": self.salt}) for t in types}
        return {t: OperatorConfig("custom", {"lambda": self._surrogate(t, language)}) for t in types}

    def apply(self, text: str, spans: Sequence[tuple[str, int, int, str]]) -> tuple[str, list[str]]:
        """The text with each ``(type, start, end, language)`` span replaced, and each new value in span order."""
        from presidio_anonymizer.entities import RecognizerResult

        if not spans:
            return text, []
        results = [RecognizerResult(t, a, b, 1.0) for t, a, b, _ in spans]
        by_language: dict[str, list[str]] = {}
        for t, _, _, language in spans:
            by_language.setdefault(language, []).append(t)
        if len(by_language) == 1 or self.mode != "surrogate":
            language = next(iter(by_language))
            # Spans are already resolved (medllm.deid.spans): Presidio must not merge neighbours again.
            engine_result = self._engine.anonymize(
                text,
                results,
                operators=self.operators(sorted({t for t, *_ in spans}), language),
                merge_entities_with_spaces=False,
            )
            items = sorted(engine_result.items, key=lambda item: item.start)
            return engine_result.text, [item.text for item in items]
        # Surrogates in more than one language: replace span by span, from the end.
        out = text
        new_values = []
        for t, a, b, language in sorted(spans, key=lambda s: -s[1]):
            value = self._surrogate(t, language)(text[a:b])
            out = out[:a] + value + out[b:]
            new_values.append(value)
        return out, new_values[::-1]

    def _surrogate(self, entity: str, language: str) -> Callable[[str], str]:
        salt = self.salt

        def make(original: str) -> str:
            digest = hashlib.sha256(f"{salt}\x00{entity}\x00{original}".encode()).digest()
            faker = _faker("zh_CN" if language == "zh" else "en_US")
            faker.seed_instance(int.from_bytes(digest[:8], "big"))
            return _fake_value(faker, entity, language)

        return make


@functools.cache
def _faker(locale: str):
    try:
        from faker import Faker
    except ImportError:
        raise ImportError("replacement mode 'surrogate' needs Faker: pip install 'medllm[deid]'") from None
    return Faker(locale)


def _fake_value(faker, entity: str, language: str) -> str:
    """A fictitious value of ``entity``'s kind from a seeded Faker."""
    makers: dict[str, Callable[[], str]] = {
        NAME: faker.name,
        LOCATION: faker.address if language == "zh" else faker.street_address,
        DATE: lambda: faker.date(pattern="%Y年%m月%d日" if language == "zh" else "%B %d, %Y"),
        AGE: lambda: str(faker.random_int(90, 99)),
        PHONE: faker.phone_number,
        FAX: faker.phone_number,
        EMAIL: faker.email,
        SSN: faker.ssn,
        NATIONAL_ID: faker.ssn,
        URL: faker.url,
        IP: faker.ipv4,
        MRN: lambda: faker.bothify("MRN-########"),
        HEALTH_PLAN_ID: lambda: faker.bothify("HP-##########"),
        ACCOUNT: lambda: faker.bothify("############"),
        LICENSE: lambda: faker.bothify("??#######").upper(),
        VEHICLE_ID: faker.license_plate,
        DEVICE_ID: lambda: faker.bothify("SN-??########").upper(),
    }
    return str(makers.get(entity, lambda: faker.bothify("########"))()).replace("\n", " ")
