"""Geographic units that Safe Harbor lets stay: US states and territories, countries, larger regions.

45 CFR 164.514(b)(2)(i)(B) asks for the removal of geographic subdivisions *smaller than a state*;
states, countries and continents are kept. Sources: USPS state and territory names and postal
codes, ISO 3166 short country names, and common names of continents and large regions.
"""

from __future__ import annotations

import re

from medllm.deid.wordlists.common import tokens, words

_US_STATES_TEXT = """
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia,
Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts,
Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey,
New Mexico, New York, North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania,
Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, Washington,
West Virginia, Wisconsin, Wyoming, District of Columbia, Puerto Rico, Guam, American Samoa,
U.S. Virgin Islands, Northern Mariana Islands, New York State, Washington State
"""
US_STATE_NAMES = tuple(w.strip() for w in re.split(r"[,\n]", _US_STATES_TEXT) if w.strip())
US_STATES = frozenset(w.lower() for w in US_STATE_NAMES)
US_STATE_CODES = frozenset(
    tokens(
        """
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU AS VI MP
"""
    )
)

COUNTRIES = words("""
Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan,
Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia,
Herzegovina, Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada,
Cape Verde, Chad, Chile, China, Colombia, Comoros, Congo, Costa Rica, Croatia, Cuba, Cyprus, Czechia,
Czech Republic, Denmark, Djibouti, Dominica, Dominican Republic, Ecuador, Egypt, El Salvador, Eritrea,
Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Germany, Ghana, Greece, Grenada,
Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
Israel, Italy, Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Korea, South Korea, North Korea,
Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania,
Luxembourg, Madagascar, Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico,
Moldova, Monaco, Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Burma, Namibia, Nepal,
Netherlands, Holland, New Zealand, Nicaragua, Niger, Nigeria, North Macedonia, Norway, Oman, Pakistan,
Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania,
Russia, Rwanda, Samoa, San Marino, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone, Singapore,
Slovakia, Slovenia, Somalia, South Africa, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden,
Switzerland, Syria, Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad, Tobago, Tunisia,
Turkey, Türkiye, Turkmenistan, Uganda, Ukraine, United Arab Emirates, UAE, United Kingdom, UK,
Great Britain, Britain, England, Scotland, Wales, Northern Ireland, United States, USA, US, U.S.,
U.S.A., America, United States of America, Uruguay, Uzbekistan, Vanuatu, Venezuela, Vietnam, Viet Nam,
Yemen, Zambia, Zimbabwe
""")
REGIONS = words("""
Africa, Asia, Europe, North America, South America, Latin America, Central America, Antarctica,
Oceania, Australasia, Middle East, Near East, Far East, Caribbean, Scandinavia, Balkans, Mediterranean,
Sub-Saharan Africa, West Africa, East Africa, Southeast Asia, South Asia, East Asia, Central Asia,
Eastern Europe, Western Europe, Midwest, New England, Pacific Northwest, the South, Southwest,
Northeast, Gulf Coast, West Coast, East Coast, Atlantic, Pacific, Arctic, Siberia, Patagonia,
Amazon, Sahara, Himalayas, the Alps, Appalachia, Great Plains, Deep South, Bay Area, Tri-State
""")
LARGE_PLACES = US_STATES | COUNTRIES | REGIONS


def is_large_place(text: str) -> bool:
    """A US state (name or postal code), a country or a larger region: allowed by Safe Harbor."""
    t = " ".join(text.split()).strip(".,;:")
    if t in US_STATE_CODES:
        return True
    low = t.lower()
    if low.startswith("the "):
        low = low[4:]
    return low in LARGE_PLACES or low.rstrip("'s’") in LARGE_PLACES
