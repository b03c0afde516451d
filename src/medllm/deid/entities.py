"""What de-identification removes and what it reports: identifier types, one replacement, one text's result.

Identifier classes, from HIPAA's Safe Harbor method, 45 CFR 164.514(b)(2)(i)(A)-(R), and the
type each is reported (and tagged) as:

====  ===========================================================  =================
 CFR  Identifier class                                             Type
====  ===========================================================  =================
 (A)  Names (patients, relatives, clinicians)                      ``NAME``
 (B)  Geographic subdivisions smaller than a state: street         ``LOCATION``
      address, city, county, ZIP code; Chinese addresses
      (省/市/区/县/路/街/号/室) and cities
 (C)  All elements of dates except the year                        ``DATE``
 (C)  Ages over 89                                                 ``AGE``
 (D)  Telephone numbers (Chinese mobile and landline numbers too)  ``PHONE``
 (E)  Fax numbers                                                  ``FAX``
 (F)  Email addresses                                              ``EMAIL``
 (G)  Social security numbers                                      ``SSN``
 (H)  Medical record numbers (病历号, 住院号, 门诊号 ...)              ``MRN``
 (I)  Health plan beneficiary numbers (医保卡号, 社保卡号 ...)         ``HEALTH_PLAN_ID``
 (J)  Account numbers                                              ``ACCOUNT``
 (K)  Certificate/license numbers                                  ``LICENSE``
 (L)  Vehicle identifiers (VINs, licence plates, 车牌)              ``VEHICLE_ID``
 (M)  Device identifiers and serial numbers                        ``DEVICE_ID``
 (N)  Web URLs                                                     ``URL``
 (O)  IP addresses                                                 ``IP``
 (R)  National identity numbers (China's resident identity card    ``NATIONAL_ID``
      number, 居民身份证号, checked by its ISO 7064 check digit)
====  ===========================================================  =================

(P) biometric identifiers and (Q) full-face photographs are not text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

NAME = "NAME"
LOCATION = "LOCATION"
DATE = "DATE"
AGE = "AGE"
PHONE = "PHONE"
FAX = "FAX"
EMAIL = "EMAIL"
SSN = "SSN"
MRN = "MRN"
HEALTH_PLAN_ID = "HEALTH_PLAN_ID"
ACCOUNT = "ACCOUNT"
LICENSE = "LICENSE"
VEHICLE_ID = "VEHICLE_ID"
DEVICE_ID = "DEVICE_ID"
URL = "URL"
IP = "IP"
NATIONAL_ID = "NATIONAL_ID"

ENTITY_TYPES: tuple[str, ...] = (
    NAME, LOCATION, DATE, AGE, PHONE, FAX, EMAIL, SSN, MRN, HEALTH_PLAN_ID, ACCOUNT, LICENSE,
    VEHICLE_ID, DEVICE_ID, URL, IP, NATIONAL_ID,
)  # fmt: skip

# Presidio's own entity names -> ours, for the predefined recognizers reused here.
PRESIDIO_ENTITY_MAP: dict[str, str] = {
    "US_SSN": SSN,
    "IP_ADDRESS": IP,
    "MAC_ADDRESS": DEVICE_ID,
    "US_MBI": HEALTH_PLAN_ID,
    "US_HEALTH_INSURANCE_MEMBER_ID": HEALTH_PLAN_ID,
    "US_NPI": LICENSE,
    "MEDICAL_LICENSE": LICENSE,
    "CREDIT_CARD": ACCOUNT,
    "IBAN_CODE": ACCOUNT,
}


def check_entities(entities: object | None) -> tuple[str, ...]:
    """The chosen identifier types, upper-cased and de-duplicated (all of them for None).

    Raises:
        ValueError: a type is not one of :data:`ENTITY_TYPES`; the message lists the known ones.
    """
    if entities is None:
        return ENTITY_TYPES
    chosen = tuple(dict.fromkeys(str(e).strip().upper() for e in entities if str(e).strip()))  # type: ignore[union-attr]
    unknown = [e for e in chosen if e not in ENTITY_TYPES]
    if unknown:
        raise ValueError(f"unknown identifier type(s) {', '.join(unknown)}; known: {', '.join(ENTITY_TYPES)}")
    return chosen


class Replacement(NamedTuple):
    """One removed identifier: type, character span in the input, original text, language, new text."""

    type: str
    start: int
    end: int
    original: str
    language: str = "en"
    new: str = ""


@dataclass
class DeidResult:
    """One text after de-identification.

    Attributes:
        text: the de-identified text.
        replacements: every replacement (input offsets, in text order).
        counts: replacements by type.
        languages: characters of the text routed to each language's recognizers.
        unsupported: languages found in the text that have no recognizers (only the
            language-neutral ones, e-mail, URL, IP and phone numbers, ran on those parts).
    """

    text: str
    replacements: list[Replacement] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    languages: dict[str, int] = field(default_factory=dict)
    unsupported: tuple[str, ...] = ()
