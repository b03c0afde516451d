"""Chinese word lists for de-identification: surnames, the words around names, and large places.

Sources (written for this module from public references, not scraped or copied from a generator):

- single-character surnames: the *Hundred Family Surnames* (百家姓, Song dynasty, public domain),
  plus surnames common today but absent from it or written with a simplified form it lacks (覃, 邝,
  冼, 亓, 仝, 阚, 揭, 粟, 谌, 栗, 旷, 闫), from the Ministry of Public Security's yearly surname reports;
- compound surnames: the two-character surnames of the *Hundred Family Surnames*;
- honorifics, kinship terms and clinical roles that stand before or after a name (先生, 女士,
  患者, 丈夫, 主治医师 ...), from ordinary usage in Chinese medical records and consultations;
- province-level divisions (34, full and short names) and common country and region names: like US
  states under Safe Harbor, a province or a country is allowed to stay; anything smaller is not.

The evaluation's names and places are drawn by Faker (``zh_CN``) and its medical terms from its own
list; a test checks that no evaluation medical term is in these lists.
"""

from __future__ import annotations

from medllm.deid.wordlists.common import tokens

# 百家姓 (single-character part), in its traditional order, simplified.
_HUNDRED_FAMILY = """
赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎
鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄
和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭
梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚
程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫
宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双
闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容
向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空
曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公仉督岳帅缑亢况郈有琴归海晋楚闫法汝鄢涂钦商牟佘佴
伯赏墨哈谯笪年爱阳佟言福
"""
# Common today, not (or not in this form) in the 百家姓 (迟, 兰, 付, 官, 麦 ... are in the Ministry of Public
# Security's list of the most frequent surnames).
_MODERN = "覃邝冼亓仝阚揭粟谌栗旷闫迟兰付官麦练漆"

SINGLE_SURNAMES: frozenset[str] = frozenset(c for c in _HUNDRED_FAMILY + _MODERN if not c.isspace())

COMPOUND_SURNAMES: frozenset[str] = frozenset(
    tokens(
        """
万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠
公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕
乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 羊舌 微生 梁丘 左丘 东门 西门 南宫 第五
"""
    )
)

# Words after a name: "张先生", "王女士", "李医生", "刘主任".
HONORIFICS_AFTER: tuple[str, ...] = tuple(
    sorted(
        tokens(
            """
先生 女士 小姐 太太 夫人 同志 医生 医师 大夫 护士 护士长 护师 老师 教授 主任 副主任 院长 科长 主治
阿姨 叔叔 伯伯 大爷 大妈 大娘 奶奶 爷爷 姥姥 姥爷 外婆 外公 老人 同学 师傅 经理 老板 律师 药师 技师
"""
        ),
        key=len,
        reverse=True,
    )
)

# Words before a name: labels of a record, kinship terms, introductions and clinical roles.
NAME_CUES_BEFORE: tuple[str, ...] = tuple(
    sorted(
        tokens(
            """
患者 病人 病患 患儿 伤者 产妇 孕妇 姓名 名字 家属 联系人 监护人 紧急联系人 委托人 签名 签字 本人 我叫 名叫 叫做
我是 他叫 她叫 丈夫 妻子 老公 老婆 爱人 儿子 女儿 父亲 母亲 爸爸 妈妈 爷爷 奶奶 外公 外婆 姥姥 姥爷 哥哥 姐姐
弟弟 妹妹 表哥 表姐 表弟 表妹 堂哥 堂姐 堂弟 堂妹 收件人 寄件人 收货人
孙子 孙女 外孙 外孙女 儿媳 女婿 孩子 宝宝 朋友 同事 邻居 室友 男友 女友 男朋友 女朋友 未婚夫 未婚妻
主治医生 主治医师 主管医生 主管医师 经治医师 管床医生 住院医师 主刀医生 医生 医师 大夫 护士 责任护士 主任 记录者
记录人 记录医师 报告医师 审核医师 检查者 操作者 书写者 申请医师 送检医师 会诊医师 转诊医师 接诊医生
其妻 其夫 其子 其女 之妻 之夫 之子 之女 遗孀 逝者 死者 受检者 受试者 被鉴定人 被调查人 审判员 书记员 报告人
接线员 网格员 志愿者 协调员 同桌 同学 新郎 新娘 侄女 侄子 外甥 外甥女 看护 护工 保姆 申请人 被保险人 投保人 值班医师
"""
        ),
        key=len,
        reverse=True,
    )
)

# Characters that cannot start or continue a given name in running text (particles, pronouns,
# numerals of time, sex words): "患者于昨日", "患者男", "王医生说".
# Characters frequent in Chinese given names (women's and men's), from common naming practice; a
# two-character word made only of them, opening a clause before what follows a name, is a name.
GIVEN_NAME_CHARS: frozenset[str] = frozenset(
    "淑秀珍华梅英兰芳玲丽娟霞燕红敏静婷雪琳颖洁慧倩萍桂凤春冬玉晶莉琴艳娜芬蓉翠菊香月美佳欣怡璐琪"
    "伟强磊军勇杰涛明超刚平辉鹏建国峰斌波宇浩凯健俊帆亮坤飞龙志海鑫晨旭"
)
NOT_IN_GIVEN_NAME: frozenset[str] = frozenset(
    "的了是在和与及也都就还又很已经等今昨年月日天岁周时分秒男女因于有被从到说讲问答称诉述自诉"
    "无未不没把将让给向对为以及或而且但却于其该此这那我你他她它们吗呢吧啊哦呀嗯哈"
    "想要去来叫问觉感病住做吃看找陪推帮跟得患"
    "一二三四五六七八九十百千万零两几多少个次位名例"
)

# Words jieba's dictionary tags as person names that are ordinary words in consultations.
NOT_NAMES: frozenset[str] = frozenset(
    tokens(
        """
谢谢 老公 老婆 过敏 史 病史 家史 籍贯 贵姓 名叫 宝贝 乖乖 宝宝 小孩 孩子 同志 大夫 医生 师傅 老师 先生 女士
小姐 阿姨 叔叔 大爷 大妈
奶奶 爷爷 哥哥 姐姐 弟弟 妹妹 老人 主任 护士 主治 门诊 急诊 左侧 右侧 双侧 高危 高龄 高热 高烧 周围 周身 周期
常规 常见 平时 平素 明显 明确 文献 成人 成年 安全 安静 时间 时候 于是 向来
"""
    )
)

# Medical endings that no given name ends with: a "name" ending so is a drug, disease or test.
MEDICAL_ENDINGS: tuple[str, ...] = tuple(
    tokens(
        """
素 酸 钠 钾 钙 胺 醇 酮 酯 唑 霉 片 剂 丸 膏 液 针 症 炎 病 瘤 癌 痛 疮 疹 痒 肿 瘘 疝 痔 癣 胶囊 颗粒
注射 普利 沙坦 洛尔 他汀 西林 沙星 环素 替丁 拉唑 地平 格列 胰岛 激素 检查 化验 超声 造影
"""
    )
)

# Surname characters that are, far more often, function words opening a phrase ("有明显", "都会", "时需",
# "通常", "常伴", "应积极"): without a record label or honorific they do not start a name. (Ordinary
# words that start with a surname, "康复", "左心室", "白开水", are kept out by jieba's dictionary instead.)
SURNAMES_COMMON_AS_WORDS: frozenset[str] = frozenset("有都和于从为与及同由但能时计应常通往那向经子")

# Characters of the body, disease, tests and food that given names do not use: a "name" found without a
# cue that holds one is a medical phrase ("成骨", "周贫血", "叶曲线", "水样便", "干豆").
NOT_IN_GIVEN_NAME_MEDICAL: frozenset[str] = frozenset(
    "血骨术便脓炎痛疮物豆菌毒药剂片针症病尿屎粪痰汗肿瘤癌胃肝肺肾腹腰腿脚眼耳鼻舌齿喉颈胸背臀膝肘腕脊髓脑囊管膜"
    "腺器率值压寒湿虚液汁块样饭需仍睫贫哭啼腔孔壁蒂瓣"
)

# Province-level divisions, full and short names: allowed to stay, like US states.
PROVINCES: frozenset[str] = frozenset(
    tokens(
        """
北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省
湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区
西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区
北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州
云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门
"""
    )
)
# One-character province abbreviations, as on licence plates (京A12345).
PROVINCE_ABBREVIATIONS = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵黔云滇陕秦甘陇青台蒙桂藏宁新港澳"

LARGE_PLACES_ZH: frozenset[str] = PROVINCES | frozenset(
    tokens(
        """
中国 中华人民共和国 美国 英国 法国 德国 日本 韩国 朝鲜 俄罗斯 加拿大 澳大利亚 新西兰 意大利 西班牙 葡萄牙 荷兰
比利时 瑞士 瑞典 挪威 丹麦 芬兰 波兰 希腊 土耳其 印度 巴基斯坦 泰国 越南 缅甸 老挝 柬埔寨 马来西亚 新加坡 印度尼西亚
菲律宾 蒙古 伊朗 伊拉克 以色列 埃及 南非 尼日利亚 肯尼亚 巴西 阿根廷 墨西哥 智利 秘鲁 古巴 欧洲 亚洲 非洲
美洲 北美 南美 大洋洲 东南亚 中东 华北 华东 华南 华中 西南 西北 东北 国内 国外 海外 内地 大陆 全国 全球
"""
    )
)
