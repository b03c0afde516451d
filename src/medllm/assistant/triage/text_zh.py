"""Chinese text as the triage patterns expect it: NFKC, simplified characters, misspelt key words repaired.

Frightened people type homophones ("胸们" for 胸闷, "抽蓄" for 抽搐, "晕到" for 晕倒) or plain pinyin
("xiong tong"). A run of characters that sounds exactly like a triage key word, shares at least one
character with it and is not itself a word (jieba's dictionary decides) is replaced by the key word;
a run of pinyin syllables that spells a key word gets the word inserted. Pinyin comes from
``pypinyin``'s character table, read once.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata

from medllm.chinese_script import simplified_view

# Traditional -> simplified for the characters the patterns and common messages use. Generated once with
# OpenCC (s2t, s2hk, s2tw over every character of concepts_zh.py and context.py plus ~200 common ones);
# a full converter would be a heavy dependency for a few hundred characters.
_TRADITIONAL = (
    "萬東兩嚴喪個爲為舉麼義烏書亂於產從們會傳傷倫體側兒關農況凍準減幾擊劃剛別劑劇辦動勁區醫華單臥衛衞厲壓廁雙發變臺喫"
    "後嗎聽嘔嗆嚨譁脣喚噴團堅墜墊聲處備復夠頭婦媽嬰孫學寶宮對尋爾歲島帶幫幹並應開張彎強徵懷戀惡驚戶撲託擴護撈換搖撐敵"
    "斷無時曉暈暫機殺來極槍樹樣橋樓殘氣湯沒洩淚瀉潔渾濃塗湧溫溼濕潰濺滾滿灘靈災點爛煙燒燙熱爺牽狀貓現電暢療瘋皰癢癇癱"
    "癲鹽著睜睪確鹼禍離積稱穩竄窩筆緊紅級紙紐紺經綁結給絕絞續維綿緩縫腸膚腎腫脹脈髒臍腦膿腳脫臉節蘇蘋蕩蕁藥虛蟲蝦蟄蠍"
    "褲見視覺觸認讓訓記講許設識訴診試話該語誤說説課譫貝敗費車軋軌轉軟輕輩輸邊過運還這進遠連遲適遺鄰鬱裏裡鑑針鈍鍾鑽鐵"
    "銀錯錘長門閃問間悶閨闌陽陰險難霧黴頂項順預顱頸頜頻顆題額顛風飯馬驗驟鮮鳴齊齒塊"
)
_SIMPLIFIED = (
    "万东两严丧个为为举么义乌书乱于产从们会传伤伦体侧儿关农况冻准减几击划刚别剂剧办动劲区医华单卧卫卫厉压厕双发变台吃"
    "后吗听呕呛咙哗唇唤喷团坚坠垫声处备复够头妇妈婴孙学宝宫对寻尔岁岛带帮干并应开张弯强征怀恋恶惊户扑托扩护捞换摇撑敌"
    "断无时晓晕暂机杀来极枪树样桥楼残气汤没泄泪泻洁浑浓涂涌温湿湿溃溅滚满滩灵灾点烂烟烧烫热爷牵状猫现电畅疗疯疱痒痫瘫"
    "癫盐着睁睾确碱祸离积称稳窜窝笔紧红级纸纽绀经绑结给绝绞续维绵缓缝肠肤肾肿胀脉脏脐脑脓脚脱脸节苏苹荡荨药虚虫虾蛰蝎"
    "裤见视觉触认让训记讲许设识诉诊试话该语误说说课谵贝败费车轧轨转软轻辈输边过运还这进远连迟适遗邻郁里里鉴针钝钟钻铁"
    "银错锤长门闪问间闷闺阑阳阴险难雾霉顶项顺预颅颈颌频颗题额颠风饭马验骤鲜鸣齐齿块"
)
_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL, _SIMPLIFIED)

# Key words whose misspellings are repaired: every word the Chinese patterns rely on most.
KEY_TERMS = tuple(
    """
    胸闷 胸痛 胸口 心口 心绞痛 抽搐 抽风 惊厥 癫痫 晕倒 昏倒 昏迷 晕厥 昏过去 晕过去 呼吸 困难 呼吸困难 窒息 中风 脑梗
    心梗 出血 流血 吐血 呕血 自杀 割腕 跳楼 轻生 不想活 过敏 喉咙 嗓子 舌头 嘴唇 发紫 发烧 发热 体温 口吐白沫 翻白眼
    烫伤 烧伤 触电 溺水 农药 中毒 安眠药 叫不醒 没反应 喘不上气 喘不过气 说话 含糊 口齿不清 嘴歪 歪斜 无力 发麻 麻木
    头痛 头疼 剧烈 剧痛 怀孕 阴道 肚子 睾丸 脖子 僵硬 皮疹 冷汗 出汗 大汗 左臂 胳膊 抬不起 看不见 失明 心跳 心慌
    呕吐 恶心 头晕 止不住 过量 误服 纽扣电池 新生儿 宝宝 婴儿 心肌梗死 脑出血 过敏性休克 肾上腺素 羊水 胎动
    心口疼 心口痛 胸口疼 胸口痛 肩膀 下巴 后背 左边 右边 一身汗 遗书 安眠药 跳河 喝药 吃药 农药 厉害 突然 说不出话
    没有呼吸 没呼吸 喘不动 救命 晕过去 脸色 发白 发青 抽筋 吐白沫 明天 走了 变形 骨折 厉害
    说话不清 说话不清楚 说不清 说不清楚 半边 身体 没力气 卡住 咳血 喝水都吐 爬不起来 站不起来 吃东西
    跳水 池底 手脚 动不了
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Single syllables that, in a message about symptoms, almost always mean one character: enough for the
# patterns to read a pinyin message ("teng" 疼, "ma" 麻). Other syllables become "·".
_SYLLABLE_CHARS = {
    "teng": "疼", "tong": "痛", "ma": "麻", "yun": "晕", "tu": "吐", "xue": "血", "han": "汗", "chuan": "喘",
    "men": "闷", "zhong": "肿", "wai": "歪", "xiong": "胸", "tou": "头", "zui": "嘴", "lian": "脸", "wo": "我",
    "ba": "爸", "mama": "妈", "shao": "烧", "dou": "都", "de": "得", "le": "了", "he": "和", "si": "死", "zou": "走",
    "bu": "不", "mei": "没", "you": "有", "zuo": "左", "yi": "一", "shen": "身", "chu": "出",
}  # fmt: skip
# Misspellings that are not homophones but are common enough to name (蓄 xu for 搐 chu).
_COMMON_MISSPELLINGS = {"抽蓄": "抽搐", "抽畜": "抽搐", "晕蹶": "晕厥", "癫癎": "癫痫", "胸梦": "胸闷", "昏到": "昏倒"}
# Dialect words for body parts and states, read as Mandarin: Southwestern 脑壳/脑阔 (head), 遭不住 (can't bear),
# 脚杆/手杆 (leg/arm); Cantonese 咗 (了), 唔 (不), 冇 (没), 佢 (他), 透唔到气 (can't breathe), 啱啱 (just now, round
# 17). Longest first.
_DIALECT = (
    ("透唔到气", "喘不上气"), ("透唔过气", "喘不过气"), ("唞唔到气", "喘不上气"), ("抖唔到气", "喘不上气"),
    # Round 19: 讲嘢 (talk), 企唔稳 (cannot stand steady), 行路 (walk), 块面 (face), 把声 (voice), 啲 (some).
    ("讲嘢", "说话"), ("企唔稳", "站不稳"), ("企唔住", "站不住"), ("行路", "走路"), ("块面", "脸"), ("把声", "声音"),
    ("啲", "些"),
    # Round 22, Minnan: 腹肚 (belly), 头壳 (head), 足痛 (very painful), 昏去 (faint), 面青青 (pale, ashen).
    ("腹肚", "肚子"), ("头壳", "头"), ("足痛", "很痛"), ("昏去", "晕倒"), ("面青青", "脸色发青"),
    ("食咗", "吃了"), ("脑袋瓜子", "头"), ("脑瓜子", "头"), ("脑袋瓜", "头"), ("脑瓜", "头"), ("脑壳", "头"),
    ("脑阔", "头"), ("遭不住", "受不了"), ("脚杆", "腿"), ("手杆", "胳膊"), ("咗", "了"), ("冇", "没"), ("佢", "他"),
    ("嘅", "的"), ("喺", "在"), ("啱啱", "刚刚"), ("啱先", "刚才"),
)  # fmt: skip
_CANTONESE_NOT = re.compile(r"唔(?=[\u4e00-\u9fff])")  # 唔 before a verb is 不; alone it is an interjection
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN_RUN = re.compile(r"[a-z]+(?:[ '-]+[a-z]+)*")


KEY_SOUNDS_FILE = "zh_key_sounds.json"


def pinyin_syllable(char: str) -> str | None:
    """Toneless pinyin of the first reading of ``char`` in pypinyin's table (None when it has none)."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char))
    if readings is None:
        return None
    first = readings.split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", first) if c.isascii()).replace("u:", "v")


def key_sounds_table() -> dict[str, str]:
    """Every character whose syllable occurs in a key term, with that syllable, from pypinyin's table.

    A character with any other sound can start or complete no key term's sound, so the repair reads it the same
    whether it knows the sound or not: this table (written to ``data/zh_key_sounds.json``, checked by a test) is all
    the repair needs, and it loads in milliseconds where pypinyin's whole table takes a quarter of a second.
    """
    from pypinyin.pinyin_dict import pinyin_dict

    wanted = {pinyin_syllable(c) for term in KEY_TERMS for c in term} - {None}
    table = {chr(code): pinyin_syllable(chr(code)) for code in pinyin_dict}
    return {char: sound for char, sound in sorted(table.items()) if sound in wanted}


@functools.lru_cache(maxsize=1)
def _key_sounds() -> dict[str, str]:
    path = importlib.resources.files("medllm.assistant.triage") / "data" / KEY_SOUNDS_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def _syllable(char: str) -> str | None:
    """The character's toneless pinyin when it is a sound of some key term, else None."""
    return _key_sounds().get(char)


@functools.lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...] | None:
    out = []
    for char in text:
        syllable = _syllable(char)
        if syllable is None:
            return None
        out.append(syllable)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _terms_by_sound() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for term in KEY_TERMS:
        sound = _syllables(term)
        if sound and sound not in index:
            index[sound] = term
    return index


@functools.lru_cache(maxsize=1)
def _first_syllables() -> frozenset[str]:
    return frozenset(sound[0] for sound in _terms_by_sound())


KNOWN_WORDS_FILE = "zh_known_words.txt"


def known_words_table() -> list[str]:
    """The words of jieba's dictionary (about 350,000) that the repair can ever look up, sorted.

    It looks up two kinds: a window that sounds like a key term (a real word is never "repaired"), and the two
    characters across each end of such a window (never repair across a word boundary). Only 2-character words whose
    second character has the sound a key term starts with, or whose first has the sound one ends with, can be the
    second kind; about 64,000 words in all, written to ``data/zh_known_words.txt`` (checked by a test), so the
    whole dictionary is not read on every start (a quarter of a second).
    """
    path = importlib.resources.files("jieba") / "dict.txt"
    with path.open(encoding="utf-8") as handle:
        words = {line.split(" ", 1)[0] for line in handle}
    index = _terms_by_sound()
    firsts = {sound[0] for sound in index}
    lasts = {sound[-1] for sound in index}
    kept = {w for w in words if 2 <= len(w) <= 5 and _syllables(w) in index}
    kept |= {w for w in words if len(w) == 2 and (_syllable(w[1]) in firsts or _syllable(w[0]) in lasts)}
    return sorted(kept)


@functools.lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Real words among the repair's candidates (:func:`known_words_table`): these are never repaired."""
    path = importlib.resources.files("medllm.assistant.triage") / "data" / KNOWN_WORDS_FILE
    return frozenset(path.read_text(encoding="utf-8").split("\n"))


# Mandarin's toneless syllables (pypinyin's table, one-letter interjections left out so English "i" or "a b c" is
# never read as pinyin).
_SYLLABLE_INVENTORY = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai
    can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
    chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di
    dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng
    fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha
    hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao
    jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai
    kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu
    lo long lou lu luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu
    mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu
    nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia
    qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua
    ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi
    shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao
    te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong
    wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo
    yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen
    zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
    """.split()  # noqa: SIM905 - a word list reads best as text
)


def _repair_run(run: str) -> str:
    """Replace homophone misspellings of key terms inside one run of Han characters."""
    index = _terms_by_sound()
    if not index:
        return run
    chars = list(run)
    firsts = _first_syllables()
    i = 0
    while i < len(chars):
        if _syllable(chars[i]) not in firsts:  # no key term starts with this sound: nothing to repair here
            i += 1
            continue
        replaced = False
        for width in (5, 4, 3, 2):
            if i + width > len(chars):
                continue
            window = "".join(chars[i : i + width])
            term = index.get(_syllables(window) or ())
            if term is None or term == window:
                continue
            if not any(a == b for a, b in zip(window, term, strict=True)) or window in _known_words():
                continue
            # Never repair across a word boundary: "心跳漏" holds "跳漏", which sounds like 跳楼, inside 心跳.
            before = "".join(chars[max(0, i - 1) : i + 1])
            after = "".join(chars[i + width - 1 : i + width + 1])
            if (i > 0 and before in _known_words()) or (len(after) == 2 and after in _known_words()):
                continue
            chars[i : i + width] = list(term)
            i += width
            replaced = True
            break
        if not replaced:
            i += 1
    return "".join(chars)


def _split_pinyin(token: str, inventory: frozenset[str]) -> list[str] | None:
    """Split a run of letters into pinyin syllables, longest first; None when it does not split."""
    out: list[str] = []
    i = 0
    while i < len(token):
        for size in range(min(6, len(token) - i), 0, -1):
            if token[i : i + size] in inventory:
                out.append(token[i : i + size])
                i += size
                break
        else:
            return None
    return out


def _pinyin_terms(run: str) -> str:
    """A run of Latin words read as pinyin: key terms and common syllables as characters, else ``""``.

    "xiong tong de li hai" -> "胸痛得··" (two key syllables, one common one, two unknown).
    """
    inventory = _SYLLABLE_INVENTORY
    syllables: list[str] = []
    for token in re.split(r"[ '-]+", run):
        parts = _split_pinyin(token, inventory)
        if parts is None:
            return ""
        syllables.extend(parts)
    if len(syllables) < 2:
        return ""
    index = _terms_by_sound()
    out: list[str] = []
    matched = 0
    i = 0
    while i < len(syllables):
        for width in (5, 4, 3, 2):
            term = index.get(tuple(syllables[i : i + width]))
            if term:
                out.append(term)
                matched += 1
                i += width
                break
        else:
            out.append(_SYLLABLE_CHARS.get(syllables[i], "·"))
            i += 1
    # At least one key term, or English prose that happens to split into syllables would be "read".
    return "".join(out) if matched else ""


def normalize_zh(text: str) -> str:
    """NFKC, traditional folded to simplified, homophone and pinyin spellings of key words repaired.

    Latin text is left as it is (the English patterns read it); a run of pinyin that spells key words
    gets its reading after it, so "xiong tong" reads as "xiong tong（胸痛）".
    """
    # The hand table first (it also folds 著 and 乾, which Simplified text writes too, as a red-flag reader wants),
    # then OpenCC's full one-to-one table for the Traditional characters no pattern names (round 19: 禮拜, 陣).
    text = simplified_view(unicodedata.normalize("NFKC", text).translate(_TO_SIMPLIFIED))
    for wrong, right in _COMMON_MISSPELLINGS.items():
        text = text.replace(wrong, right)
    for word, mandarin in _DIALECT:
        if word in text:
            text = text.replace(word, mandarin)
    text = _CANTONESE_NOT.sub("不", text)
    text = _CJK_RUN.sub(lambda m: _repair_run(m.group()), text)

    def add_terms(match: re.Match[str]) -> str:
        terms = _pinyin_terms(match.group())
        return f"{match.group()}（{terms}）" if terms else match.group()

    return _LATIN_RUN.sub(add_terms, text.lower())
