"""Medical terms that must survive de-identification, from sources the rules were not written from.

- English: the chemical and disease mentions annotated in BC5CDR (PubMed abstracts, CC BY 4.0) and
  the disease mentions of NCBI-disease (CC BY 4.0), read from the dataset registry. Each term is
  marked *listed* when every word of it is in the de-identifier's medical word lists
  (:mod:`medllm.deid.wordlists.medical`); the figure that matters is the survival of the
  *unlisted* ones, which only the context and word-shape rules can protect. The annotated sentences
  themselves are also de-identified whole: abstracts hold no personal identifiers, so every
  replacement there is over-redaction, and every annotated mention hit by one is a lost term.
- Chinese: :data:`CHINESE_TERMS`, drug, disease, test and anatomy names written for this
  evaluation from the Chinese names of the WHO Model List of Essential Medicines and the chapter
  and category titles of ICD-10's Chinese edition; none is in the Chinese word lists (a test
  checks it), and the Chinese recognizers keep no list of medical terms at all.

Splits: ``dev`` draws English terms and sentences from the ``train``/``devel`` files, ``heldout``
from ``test``; Chinese terms are split in two fixed halves.
"""

from __future__ import annotations

import functools
import hashlib

import regex as re

from medllm.deid.evaluation.corpus import Gold, Sample
from medllm.deid.wordlists.common import tokens

_WORD = re.compile(r"[\p{L}\p{M}']+")

# Chinese medical terms (see the module docstring for their source). Kinds: drug, disease, test, anatomy.
CHINESE_TERMS: dict[str, tuple[str, ...]] = {
    "drug": tuple(
        tokens(
            """
阿莫西林 头孢克肟 头孢曲松 左氧氟沙星 阿奇霉素 甲硝唑 布洛芬 对乙酰氨基酚 阿司匹林 氯吡格雷 华法林 二甲双胍
格列美脲 胰岛素 氨氯地平 硝苯地平 厄贝沙坦 缬沙坦 美托洛尔 阿托伐他汀 瑞舒伐他汀 奥美拉唑 雷贝拉唑 多潘立酮
蒙脱石散 地塞米松 泼尼松 氢化可的松 沙丁胺醇 布地奈德 孟鲁司特 氯雷他定 西替利嗪 左甲状腺素 甲巯咪唑 别嘌醇
秋水仙碱 卡马西平 丙戊酸钠 奥氮平 舍曲林 艾司唑仑 呋塞米 螺内酯 硝酸甘油 地高辛 肝素 利伐沙班
阿昔洛韦 奥司他韦 复方甘草片 板蓝根颗粒 连花清瘟胶囊
"""
        )
    ),
    "disease": tuple(
        tokens(
            """
高血压 糖尿病 冠心病 心肌梗死 心力衰竭 房颤 脑梗死 脑出血 哮喘 慢性阻塞性肺疾病 肺炎 支气管炎 肺结核 胃炎
胃溃疡 十二指肠溃疡 肝硬化 乙型肝炎 脂肪肝 胆囊炎 胆结石 胰腺炎 阑尾炎 肾结石
肾病综合征 尿路感染 前列腺增生 甲状腺功能亢进 甲状腺结节 痛风 类风湿关节炎 骨质疏松 腰椎间盘突出 颈椎病 湿疹
荨麻疹 银屑病 带状疱疹 贫血 白血病 淋巴瘤 乳腺癌 肺癌 胃癌 肝癌 宫颈癌 抑郁症 焦虑症
失眠 偏头痛 癫痫 帕金森病 阿尔茨海默病 手足口病 水痘 麻疹 流行性感冒 新冠肺炎
"""
        )
    ),
    "test": tuple(
        tokens(
            """
血常规 尿常规 便常规 肝功能 肾功能 血脂 空腹血糖 糖化血红蛋白 心电图 动态心电图 心脏彩超 胸部CT 头颅磁共振
腹部B超 胃镜 肠镜 支气管镜 骨密度 甲状腺功能 肿瘤标志物 凝血功能 C反应蛋白 血沉 乙肝五项
幽门螺杆菌呼气试验 尿酸 肌酐 尿素氮
"""
        )
    ),
    "anatomy": tuple(
        tokens(
            """
心脏 肺 肝脏 脾脏 胆囊 胰腺 肾脏 膀胱 前列腺 子宫 卵巢 甲状腺 扁桃体 咽喉 食管 十二指肠 结肠 直肠 腰椎 颈椎
膝关节 髋关节 踝关节 腹股沟
胸骨 肋骨 视网膜 鼻窦 中耳 淋巴结
"""
        )
    ),
}


def _half(text: str) -> str:
    return "dev" if hashlib.sha1(text.encode()).digest()[0] % 2 == 0 else "heldout"


def chinese_terms(split: str) -> dict[str, list[str]]:
    """The Chinese terms of ``split`` (a fixed half of each kind)."""
    return {kind: [t for t in terms if _half(t) == split] for kind, terms in CHINESE_TERMS.items()}


def listed(term: str) -> bool:
    """Whether the de-identifier's medical word lists know every word of an English term."""
    from medllm.deid.wordlists import medical

    words = _WORD.findall(term)
    return bool(words) and all(medical.is_medical_word(w) or medical.is_eponym(w) for w in words)


def _detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with spaces, except before closing punctuation; return the text and token offsets."""
    parts, offsets, length = [], [], 0
    for i, token in enumerate(tokens):
        if i and not re.fullmatch(r"[.,;:)\]%]", token) and tokens[i - 1] not in ("(", "["):
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), offsets


_FILES = {"dev": ("train-", "devel-"), "heldout": ("test-",)}


@functools.cache
def english_sentences(dataset: str, split: str) -> tuple[Sample, ...]:
    """Annotated sentences of ``dataset`` (``bc5cdr`` or ``ncbi-disease``) for ``split``, with every
    chemical and disease mention as a term to keep (``drug`` for chemicals, ``disease``)."""
    from medllm.datasets import iter_records

    out = []
    for record in iter_records(dataset, progress=False):
        if not str(record.id).startswith(_FILES[split]):
            continue
        text, offsets = _detokenize(record.tokens)
        keep = []
        for first, end, label in record.spans():
            a, b = offsets[first][0], offsets[end - 1][1]
            keep.append(Gold("drug" if label == "Chemical" else "disease", a, b, text[a:b]))
        out.append(Sample(f"{dataset}-{record.id}", "en", dataset, "annotated sentence", text, [], keep))
    return tuple(out)


@functools.cache
def english_terms(split: str) -> dict[str, tuple[str, ...]]:
    """Distinct chemical (``drug``) and disease mentions of BC5CDR and NCBI-disease in ``split``,
    two to forty characters, in their first-seen spelling, sorted."""
    terms: dict[str, dict[str, str]] = {"drug": {}, "disease": {}}
    for dataset in ("bc5cdr", "ncbi-disease"):
        for sample in english_sentences(dataset, split):
            for gold in sample.keep:
                if 2 <= len(gold.text) <= 40 and re.search(r"\p{L}{2}", gold.text) and " - " not in gold.text:
                    terms[gold.kind].setdefault(gold.text.lower(), gold.text)
    return {kind: tuple(sorted(found.values())) for kind, found in terms.items()}
