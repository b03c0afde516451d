"""Chinese evaluation texts: patient messages and record excerpts filled with Faker ``zh_CN`` values.

Templates (:data:`MESSAGES_DEV`, :data:`MESSAGES_HELDOUT`) were written for this evaluation in the
styles of online consultations and admission notes, many without any label before the identifier
("王建国最近总是头疼"); the held-out ones were written before any rule was tuned on the dev ones.
Values come from Faker's ``zh_CN`` providers (names, addresses, mobile numbers, resident ID numbers
with their check digit, e-mails, URLs, licence plates), dates are printed in the usual Chinese
forms, landline numbers get a common area code, and drug, disease, test and anatomy names from
:data:`~medllm.deid.evaluation.terms.CHINESE_TERMS` must survive. A province or a country must stay.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from medllm.deid.evaluation.corpus import Builder, Sample

SOURCE = "Chinese patient messages and notes (medllm.deid.evaluation.chinese) + Faker zh_CN"

MESSAGES_DEV: tuple[str, ...] = (
    "患者{name}，{sex}，{age}岁，因“{disease}”于{date}入院。",
    "医生你好，我是{name}，最近总是头疼，吃了{drug}也不管用。",
    "{name}最近血压一直偏高，需要换药吗？",
    "我老公{name}有{disease}好几年了，现在住在{address}。",
    "联系电话：{phone}，家庭住址：{address}",
    "身份证号{id}，请帮我查一下{test}的结果。",
    "我妈妈今年{age90}岁了，{disease}可以手术吗？",
    "{surname}医生说我要做{test}，大概多少钱？",
    "我和{name}一起去了{city}，回来以后就开始发烧。",
    "孩子{date}出生，最近{anatomy}这里有个包。",
    "邮箱{email}，麻烦把报告发给我，谢谢。",
    "病历号：{mrn}，医保卡号：{insurance}",
    "我在{city}上班，{disease}复发了，能在网上开{drug}吗？",
    "{surname}先生，您的复诊时间改到{date2}了。",
    "{name}，{sex}，籍贯{province}，主诉{anatomy}疼痛三天。",
    "家属{name}（电话{phone}）代述病史。",
    "我朋友{name}推荐我来问问，他的{disease}就是在这里治好的。",
    "请问{drug}和{drug2}能一起吃吗？我爸{age90}岁了。",
    "车牌{plate}的车主请到门诊一楼挪车。",
    "{name}于{date}行{test}检查，提示{disease}。",
    "我叫{name}，{year}年查出{disease}，一直在吃{drug}。",
    "网上看到{url}说{disease}会遗传，是真的吗？",
    "座机{landline}，工作日白天都能打通。",
    "{name}和{name2}都是{province}人，最近都在{city}打工。",
    "主治医师：{name}   记录时间：{date}",
    "{surname}女士您好，您在{address}的快递已签收。",
    "我女儿{given}今年五岁，{anatomy}老是疼。",
    "患儿{name}，{date}起出现发热、咳嗽，无{disease}病史。",
    "住在{city}的{name}想咨询一下{test}要不要空腹。",
    "谢谢{surname}大夫，我按您说的停了{drug}。",
)
MESSAGES_HELDOUT: tuple[str, ...] = (
    "姓名：{name}  性别：{sex}  年龄：{age}岁  入院日期：{date}",
    "{name}昨天晚上突然晕倒，送到医院说是{disease}。",
    "我住在{address}，附近有没有看{disease}的好医院？",
    "您好，我是{name}的家属，他今年{age90}岁，最近吃饭总是呛咳。",
    "请打我手机{phone}，白天不方便接的话晚上再打。",
    "{date}复查{test}，结果比上次好一些。",
    "公民身份号码：{id}",
    "我爸爸{name}在{city}住院，医生让他用{drug}。",
    "{surname}主任，我母亲的{anatomy}还是肿，需要再来一趟吗？",
    "和{name}约好{date2}一起去{city}看专家门诊。",
    "有问题可以发邮件到{email}，或者打{landline}。",
    "住院号{mrn}，社保卡号{insurance}，请核对。",
    "{name}，男，{age}岁，{province}人，{year}年起患{disease}。",
    "我表妹{name}说{drug}吃了会胃不舒服。",
    "孩子奶奶{age90}岁了，{anatomy}做过手术，还能打疫苗吗？",
    "{surname}护士长今天值班吗？我想问问{test}的事。",
    "这是{name}的{test}报告，麻烦医生帮忙看一下。",
    "{name}出生于{dob}，既往有{disease}。",
    "我的车{plate}停在医院门口被贴了罚单。",
    "去年在{city}检查出{disease}，现在吃{drug}和{drug2}。",
    "请把材料寄到{address}，收件人{name}，电话{phone}。",
    "听{name}说这个网站{url}可以预约挂号。",
    "{name}是我们小区的，她说{disease}要多喝水。",
    "入院时间：{date}，出院时间：{date2}，主治：{name}",
    "{given}今天又咳嗽了，还要继续吃{drug}吗？",
    "我在{province}工作，老家在{city}，户口在{address}。",
    "{surname}老师的孩子也得过{disease}。",
    "证件号{id}，就诊卡号{mrn}。",
    "{name}大夫您好，{test}显示{anatomy}有阴影。",
    "昨天{name}陪我去做了{test}，今天结果出来了。",
)

_AREA_CODES = ("010", "021", "022", "023", "020", "0755", "0571", "025", "027", "028", "029", "0531", "0371")


def chinese_messages(n: int, split: str, seed: int) -> list[Sample]:
    """``n`` Chinese messages from ``split``'s templates, filled with seeded Faker ``zh_CN`` values."""
    from faker import Faker

    from medllm.deid.evaluation.terms import chinese_terms

    templates = MESSAGES_DEV if split == "dev" else MESSAGES_HELDOUT
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    terms = chinese_terms(split)
    out = []
    for i in range(n):
        index = i % len(templates)
        out.append(
            _fill(templates[index], faker, rng, terms).build(
                f"zh-messages-{split}-{i}", "zh", SOURCE, f"{split}-{index}"
            )
        )
    return out


def _date(faker, rng: random.Random) -> str:
    d = faker.date_between("-5y", "today")
    forms = (
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.month}月{d.day}日",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}年{d.month}月",
        f"{d.month}月{d.day}号",
    )
    return rng.choice(forms)


def _fill(template: str, faker, rng: random.Random, terms: dict[str, list[str]]) -> Builder:
    people: dict[str, tuple[str, str]] = {}

    def person(slot: str) -> tuple[str, str]:
        if slot not in people:
            surname = faker.last_name()
            people[slot] = (surname, faker.first_name())
        return people[slot]

    slots: dict[str, tuple[str, Callable[[], str]]] = {
        "name": ("NAME", lambda: "".join(person("name"))),
        "name2": ("NAME", lambda: "".join(person("name2"))),
        "surname": ("NAME", lambda: person("surname")[0]),
        "given": ("NAME", lambda: person("given")[1] * (2 if len(person("given")[1]) == 1 else 1)),
        "address": ("LOCATION", faker.address),
        "city": ("LOCATION", faker.city),
        "phone": ("PHONE", faker.phone_number),
        "landline": ("PHONE", lambda: f"{rng.choice(_AREA_CODES)}-{rng.randint(2000000, 89999999)}"),
        "id": ("NATIONAL_ID", faker.ssn),
        "date": ("DATE", lambda: _date(faker, rng)),
        "date2": ("DATE", lambda: _date(faker, rng)),
        "dob": ("DATE", lambda: _date(faker, rng)),
        "age90": ("AGE", lambda: str(rng.randint(90, 103))),
        "email": ("EMAIL", faker.email),
        "url": ("URL", faker.url),
        "plate": ("VEHICLE_ID", faker.license_plate),
        "mrn": ("MRN", lambda: str(rng.randint(100000, 99999999))),
        "insurance": ("HEALTH_PLAN_ID", lambda: f"{rng.choice('ABCDEFGH')}{rng.randint(10000000, 999999999)}"),
        "age": ("keep:age_under_90", lambda: str(rng.randint(3, 85))),
        "year": ("keep:year", lambda: str(rng.randint(2005, 2024))),
        "province": ("keep:place", faker.province),
        "sex": ("", lambda: rng.choice("男女")),
        "drug": ("keep:drug", lambda: rng.choice(terms["drug"])),
        "drug2": ("keep:drug", lambda: rng.choice(terms["drug"])),
        "disease": ("keep:disease", lambda: rng.choice(terms["disease"])),
        "test": ("keep:test", lambda: rng.choice(terms["test"])),
        "anatomy": ("keep:anatomy", lambda: rng.choice(terms["anatomy"])),
    }
    return Builder.from_template(template, slots)
