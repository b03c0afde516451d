"""Probes for what the eighteenth and later blind sets showed, both ways: the miss now found, and the near
neighbour that must stay where it was (a rule widened for a miss must not start alarming on everyday text)."""

from __future__ import annotations

import pytest

from medllm.assistant.triage import TriageLevel, triage

E, U, R = TriageLevel.EMERGENCY, TriageLevel.URGENT, TriageLevel.ROUTINE

ROUND18 = [
    # Pressure, not pain, in the jaw and the back, with breathlessness and sickness (AHA: women's heart attacks).
    ("58, diabetic. An hour of strange pressure in my jaw and between my shoulder blades, short of breath and "
     "nauseous", E),
    ("my mum has an ache in her jaw and between her shoulder blades, sweating and feels sick", E),
    ("pressure in my jaw when I chew, the dentist thinks I grind my teeth at night", R),
    ("tight between my shoulder blades after sitting at a desk all day, any stretches?", R),
    # Cold to touch with drowsiness: hypothermia.
    ("found grandad on the floor of his freezing flat, he's icy cold to the touch and really drowsy", E),
    ("my neighbour is very cold to touch and confused, her heating broke days ago", E),
    ("my baby's hands feel very cold to touch at night, is the room too cold?", R),
    # A goodbye sent by message, then out of reach.
    ("室友刚才发微信说'谢谢你，再见了'，然后发了张天台的照片，电话一直不接", E),
    ("我朋友给我留言说对不起，再见了，现在怎么也联系不上", E),
    ("同事今天离职，群里说谢谢大家照顾，以后常联系", R),
    # The gym is where a thunderclap headache happened; a sore muscle after the gym is still no emergency.
    ("刚才在健身房突然后脑勺像被人用棍子打了一下，这辈子最疼的头痛，还吐了，脖子也发硬", E),
    ("健身后胸口肌肉酸痛，按着才疼，正常吗", R),
    # A family history is no event now; an event now in someone with the history still is.
    ("我家有中风家族史，爷爷和大伯都中风过，我今年40，现在没什么症状，怎么预防", R),
    ("我爸有中风家族史，刚才突然说话不清楚，右手拿不住筷子", E),
    # Food poisoning worry with no symptoms; real poisoning stays.
    ("刚吃了一盒过期一天的酸奶，现在一点感觉都没有，会不会食物中毒？", R),
    ("孩子误喝了半瓶敌敌畏，现在在吐", E),
    # A fever medicine given as dosed, then the temperature; a child who got into the pills stays an emergency.
    ("孩子2岁半，发烧38.5，吃了布洛芬退到37.5，能吃能玩，该怎么护理", R),
    ("孩子2岁，趁我不注意吃了半板布洛芬", E),
    # "要心梗了哈哈" is a figure of speech; symptoms told with a laugh are not.
    ("老板说我这个方案再改下去他要心梗了哈哈，话说人气到什么程度真的会心梗？", R),
    ("我早上起来半边脸发麻 说话老是说错字 哈哈", E),
    # Same-day care, not an ambulance: appendicitis, shingles near the eye, spreading redness, emergency
    # contraception, chickenpox contact in pregnancy, a sandpaper rash; their textbook questions stay routine.
    ("dull ache around my belly button since last night that's moved to the lower right side, feel a bit sick", U),
    ("what are the first signs of appendicitis?", R),
    ("Got a painful blistery rash on one side of my forehead going down towards my eye, I'm 70", U),
    ("the red patch on my shin is spreading, it's bigger than yesterday and hot", U),
    ("Condom split last night. How quickly do I need emergency contraception?", U),
    ("I'm 20 weeks pregnant and my nephew has just come out in chickenpox, I was with him yesterday", U),
    ("My daughter has a sore throat, a temperature and a rough sandpapery rash on her chest", U),
    ("小腿上被蚊子咬的地方抓破了，现在红肿一大片，发热发烫，红的范围比昨天大了一圈", U),
    ("肚脐周围疼了一晚上，现在转移到右下腹了，有点恶心", U),
    ("怀孕5个月，昨天抱了得水痘的外甥，我没出过水痘", U),
    ("水痘疫苗一般几岁打？", R),
]  # fmt: skip


ROUND19 = [
    # A radiating pain with grey skin and sickness; a sore jaw at the dentist's stays routine.
    ("my husband has had pain in his jaw and between his shoulder blades for 40 mins, he's grey and feels sick", E),
    ("pain in my jaw since the dentist pulled a tooth yesterday, what can I take?", R),
    # "Is he going to die??" about a dog is no intent; wanting "to end it" is.
    ("my dog ate a whole chocolate bar, is he going to die?? he's a lab, 30kg", R),
    ("my friend is on the roof of his building, says he wants to end it. I'm on the phone with him", E),
    ("she wants to end it with her boyfriend, how do I support her?", R),
    # A week of heart pills at once; glaucoma told as pain in the eye with halos and vomiting; bone through skin.
    ("think mum took her whole week of her heart pills (digoxin) today, she's being sick", E),
    ("my mother suddenly has very severe pain in her right eye, sees halos around lights and is vomiting", E),
    ("her arm is bent the wrong way, there's bone poking through the skin", E),
    ("I can see the bone in my son's shin after he fell off his bike", E),
    # Cholera-like dehydration; diarrhoea without the severe signs is not an ambulance.
    ("rice water diarrhoea all night, now she cant stand, her eyes are sunken and hands wrinkled", E),
    ("had diarrhoea all night after a curry, drinking fine and peeing normally", R),
    # A jellyfish sting with breathing trouble; a bluebottle sting that only stings stays below an emergency.
    ("my daughter got stung by a jellyfish, long red whip marks, now says it's hard to breathe", E),
    ("stung by a bluebottle at the beach, it stings a bit, should I use vinegar?", R),
    # Chinese: redcurrant stool with words between; Cantonese heatstroke and burns; croup with drooling.
    ("10个月的宝宝一阵一阵哭闹，刚才拉了果酱一样的带血大便", E),
    ("朋友跑完馬拉松之後成個人好混亂，身體熱到辣手，講嘢亂晒，行路都企唔穩", E),
    ("屋企石油氣爆咗，我爸塊面同兩隻手都燒傷咗，啲皮黑晒，把聲有啲沙", E),
    ("3岁娃儿半夜突然咳得像狗叫，现在吸气的时候喉咙里有尖尖的声音，一直流口水不肯躺下", E),
    ("孩子咳嗽像狗叫一样是什么原因？", R),
    # A baby of 20 days (written in brackets) with 38.2; a bracket that is no age stays as it was.
    ("我家月子里的娃（20天）体温从37.9升到38.2了，不怎么吃奶一直睡", E),
    ("孩子 3天 没大便了，肚子软软的，能吃能玩", R),
    # Chat Chinese drops the subject: a question that says "now" is about somebody.
    ("jms 健身房深蹲的时候后脑勺突然炸开一样剧痛，现在还是疼得想吐，吃颗止痛药能扛过去吗", E),
    ("剧烈运动后头痛一般是什么原因？", R),
    # A second seizure before waking; a first seizure followed by confusion.
    ("我同事有颠痫，刚才抽完一次还没醒过来又开始抽第二次了", E),
    ("我老公40岁从来没有过癫痫，刚才突然全身抽搐口吐白沫，现在停了但是叫他他就哼哼不认人", E),
    # Farewell posts and method searches; a vitamin dose question and a joke said to be a joke stay routine.
    ("我闺蜜刚发朋友圈说'再见了这个世界'，配了张楼顶的照片，打她电话不接", E),
    ("我室友一直把东西送人，刚才我看到他在网上查吃多少片安眠药会死", E),
    ("請問維他命D每天吃多少比較合適？", R),
    ("考试又挂了我真想死😂 开玩笑的哈，就是压力大老失眠怎么调节", R),
    ("我不是开玩笑的，我真的想死", E),
    # Overdose named by its Taiwanese brand; charcoal for heating is no suicide method.
    ("我朋友現在把自己鎖在廁所裡，說已經吞了一整盒普拿疼", E),
    ("冬天烧炭取暖怎么防止一氧化碳中毒？老家老人总不听", R),
    # A low sugar after a tablet with confusion, read in mg/dL; last week's faint checked at A&E stays routine.
    ("我媽吃降血糖藥，剛剛手抖冒冷汗，喝了果汁十五分鐘了還是很恍惚，量血糖還是48", E),
    ("上個禮拜阿媽喺超市暈咗一陣，急症室檢查話係低血糖，之後出街要帶啲咩？", R),
    # A cleaner splashed into the eye; amputation at work; a roadside crash; a hurt stray cat stays routine.
    ("刷马桶的时候洁厕灵和84混着用，溅了点到眼睛里，现在眼睛又痛又睁不开", E),
    ("厂里同事手指头被冲床压断了一截，断的那截我们捡起来了", E),
    ("对面路口车撞了电动车，骑车的阿姨躺地上说脖子疼，腿动不了", E),
    ("楼下流浪猫被车撞了后腿一瘸一瘸的，我该给它吃点止痛药吗", R),
    # A vaccine question: routine.
    ("流脑疫苗打了几针了？孩子上小学还要补吗", R),
    # Same-day care (urgent): exposure prophylaxis, Lyme, jaundice, flashes, mastitis, wounds, very high blood
    # pressure, low mood; near neighbours stay routine.
    ("我是护工，刚才给病人收针的时候被用过的针扎了手，病人有乙肝", U),
    ("pulled a tick off my leg 10 days ago, now there's an expanding red ring rash there", U),
    ("my mum's skin and the whites of her eyes have gone yellow over the past week", U),
    ("new floaters and flashes of light in my right eye since this morning, no curtain or shadow", U),
    ("breastfeeding, my right breast has a hot red wedge-shaped area and I have 38.2", U),
    ("my dad had a knee operation 6 days ago, the wound is now red, warm and oozing a bit", U),
    ("paper cut on my finger keeps oozing a bit, how do I get it to stop?", R),
    ("BP at the pharmacy machine was 182/112 twice. no headache, no chest pain, feel normal", U),
    ("体检量血压185/115，没有头疼胸闷看不清这些，以前没吃过降压药", U),
    ("最近半个月心情特别差，啥都不想干，晚上睡不着，没有想伤害自己", U),
    ("最近心情有点低落，提不起劲，不过没有想伤害自己的念头，就想问问怎么调节", R),
]  # fmt: skip


# Over, and seen by a doctor or cleared by a cough: no ambulance. The rules soften these to "urgent" (the event was
# yesterday or the day before, which they do not date as past), one level above the writers' "routine".
OVER_AND_SEEN = [
    "前天孩子高热惊厥，在医院看过了医生说没事，现在不烧了，以后再发烧要怎么预防",
    "昨天吃饭噎了一下，咳了几下就出来了，今天嗓子有点不舒服，喘气说话都正常",
    "我姥爷前两天半夜胸痛送了急诊 确诊心梗做了支架 现在在CCU 家属探视有什么要注意的",
]


@pytest.mark.parametrize("text", OVER_AND_SEEN)
def test_an_event_that_is_over_is_no_emergency(text: str) -> None:
    assert triage(text).level is not E, triage(text).to_dict()


ROUND20 = [
    # Glaucoma with two words before "eye" and haloes; a sore red eye from hay fever stays below an emergency.
    ("an extremely painful red right eye, blurred vision with rainbow haloes around lights, a severe headache and I "
     "have been sick", E),
    ("itchy red eyes from hay fever, what drops can I use?", R),
    # Oral chemotherapy by name with a temperature.
    ("On capecitabine tablets for bowel cancer. Feel really unwell, temp 38.0 twice an hour apart", E),
    ("What is capecitabine used for?", R),
    # A caustic cleaner in the eye with words between; pre-eclampsia at 34+2 weeks.
    ("I splashed oven cleaner (it says caustic on the can) in my right eye 5 minutes ago, it is burning", E),
    ("34+2 weeks, home BP monitor reading 168/112 twice, bad headache and blurry vision", E),
    ("34+2 weeks and feeling well, when should I pack my hospital bag?", R),
    # On a car park roof, not coming down.
    ("I am on the top floor of the hospital multistorey car park. I am not going to come down this time.", E),
    ("my cat is stuck on the roof and won't come down, who do I call?", R),
    # A potassium of 7.1; a normal one stays routine.
    ("尿毒症还没开始透析的老父亲 今天化验血钾7.1 社区医院让马上去急诊 可他现在说不难受", E),
    ("体检报告血钾4.2，正常吗", R),
    # Pets: a bitten dog, a parrot and a cat are the patients; a person bitten by a dog is not.
    ("狗狗在草丛里被蛇咬了 嘴巴肿起来了 附近没有宠物医院", R),
    ("老人养的鹦鹉好像被瓜子噎住了 张着嘴喘 我们该怎么拍它", R),
    ("我家猫从六楼掉下去了 现在躺着不动 呼吸很急 嘴里有血 怎么办啊", R),
    ("我家狗刚才偷吃了半板黑巧克力 现在喘得厉害 一直吐 宠物医院很远", R),
    ("我被邻居家的狗咬了，流了很多血止不住", E),
    # Figures of speech, a treated stroke, an old infarct on an ECG, snoring.
    ("哈哈 今天看到基金跌成这样 差点心梗 说正经的 我血压130/85算高吗", R),
    ("心电图报告写着陈旧性下壁心肌梗死 可我从来没胸痛过 现在也没任何不舒服", R),
    ("老公打呼噜很响 有时候憋气好几秒 白天总犯困", R),
    ("从来没这么疼过，后脑勺突然炸开一样，还吐了", E),
    # A baby on day 45 with 38.4.
    ("宝宝出生第45天 今晚摸着烫 耳温38.4 吃奶比平时少", E),
    # Same-day care for long-term conditions.
    ("Letter from the anticoagulation clinic says my INR was 6.8 today. No bleeding.", U),
    ("I do peritoneal dialysis at home. My drained bag this morning was cloudy and I have a mild tummy ache.", U),
    ("我的内瘘今天摸着震颤好像没有了 以前一直嗡嗡的 明天才透析", U),
    ("I have heart failure. My weight has gone up 2 kg in three days and my ankles are more swollen", U),
    ("化疗后第5天 今天拉了5次稀水便 没发烧 能喝水", U),
    ("I am 33 weeks pregnant and have very itchy palms and soles of my feet, worse at night", U),
    ("孕20周 这两天尿频尿急 尿的时候有点痛 不发烧", U),
    ("糖尿病15年 脚底磨破了一个口子一周不好 今天周围有点红肿 流水", U),
]  # fmt: skip


ROUND21 = [
    # A shock from a chewed cable; a plan to drive into a river; a fall from a barn loft; a scorpion sting.
    ("my 4 year old bit through a phone charger cable and got a shock, theres a little burn at the corner of her lip",
     E),
    ("One of the night shift guys told me he's going to drive his truck into the river after his shift", E),
    ("my dad fell from the barn loft about 4 metres, landed on his back, says his neck hurts", E),
    ("my 5 year old was stung by a scorpion, now drooling and breathing is getting hard", E),
    # A coach's players are people, not a game's.
    ("soccer coach here, one of my players got stung by a bee, hives all over, lips swelling and wheezing", E),
    ("my players' characters all died in the dragon's lair tonight, how do I keep the campaign going?", R),
    # Strokes that are no strokes; a rash that fades; not on blood thinners; avoiding heat stroke.
    ("how many calories does 30 minutes of breast stroke burn", R),
    ("siri how do i fix my golf stroke i keep slicing it", R),
    ("toddler has a rash of little red spots that fade when i press a glass on them, shes playing happily", R),
    ("toddler has a rash of spots that don't fade when i press a glass on them and a fever", E),
    ("hit my head on the cupboard 2 hrs ago, small bump, no vomiting, not on blood thinners, feel totally normal", R),
    ("hit my head on the cupboard an hour ago, I'm on blood thinners (warfarin) and have a headache", E),
    ("what should our farm workers do to avoid heat stroke during harvest", R),
    ("our dog got bitten on the nose by a snake this morning, his face is swollen up", R),
    # Chinese: a bone through the skin; jokes; a knowledge question; TV first aid; a Cantonese dog.
    ("篮球课一个学生摔倒 小臂骨头戳出皮肤了 在流血", E),
    ("热死了 感觉自己要中暑了 帮我查下明天天气", R),
    ("笑死我了 这个视频太搞笑了 笑得我喘不过气", R),
    ("这道数学题难得我想跳楼 算了 帮我定个七点的闹钟", R),
    ("中风的早期信号有哪些 FAST是什么意思", R),
    ("被蛇咬了到底能不能用嘴把毒吸出来 电视里都这么演", R),
    ("我隻狗喺街度中暑 喘到好犀利 條脷都變紫 點算", R),
    ("糖尿病酮症酸中毒是怎么回事 我刚确诊二型 会不会得", R),
    ("我爸刚才被蛇咬了 腿肿得很快 头晕", E),
]  # fmt: skip


ROUND22 = [
    # A cleaning spray in the eye; burns to the face with a croaky voice after "when someone threw" (a past event).
    ("cleaning the oven with that heavy duty spray and it splashed right in my eye, burns like crazy", E),
    ("camping trip, my buddy got too close when someone threw lighter fluid on the fire, his face and both hands are "
     "burned, eyebrows gone, his voice is getting croaky", E),
    ("what should I do if someone gets burned at our barbecue this weekend?", R),
    # A cold white leg with AF; fingers off; pinpoint pupils and barely rousable; a drive to the bridge.
    ("my leg suddenly went cold and white below the knee an hour ago, really painful, can't move toes well", E),
    ("warehouse accident, a coworker caught his hand in the baler, two fingers are completely off", E),
    ("he's on the couch, snoring weird then stopped, pinpoint pupils, I can barely wake him", E),
    ("im going to drive to the bridge tonight and i dont plan on coming back", E),
    ("moving to Canada next month and I don't plan on coming back, which vaccines do I need?", R),
    # A dish and a class named after a heart attack; a corn snake's bite.
    ("looking for a ridiculous 'heart attack burger' recipe for my brother's bday", R),
    ("the spin instructor called it a heart attack workout haha, is HIIT good for the heart?", R),
    ("my pet corn snake bit me while feeding, little scratches on my thumb", R),
    # Chinese: blood pressure written with a space, Minnan, a normal temperature named, sepsis after the gym.
    ("量了血压 230 130 头疼的要炸 眼睛看不清 恶心 手也有点麻", E),
    ("阮某月经慢两礼拜，这马腹肚下爿足痛，面青青，头壳眩，险险昏去，是按怎？", E),
    ("宝宝两周大，一直打嗝，偶尔吐一小口奶，吃得好睡得好，体温正常，要紧吗", R),
    ("前几天健身的时候腿上蹭破了一块皮，现在又红又肿发烫，今天烧到40度，心跳特别快，人迷迷糊糊", E),
    ("健身完大腿酸痛得厉害，下楼梯都疼，正常吗", R),
    # Same-day care (urgent), and near neighbours that stay routine.
    ("sudden waves of pain in my side going to my groin, had a kidney stone 3 years ago and it feels the same", U),
    ("I'm 18 weeks pregnant, never had chickenpox, my niece who I babysat yesterday has just come out in spots", U),
    ("sore throat getting worse for 4 days, hard to open my mouth and my voice is muffled, breathing is fine", U),
    ("fell asleep on the beach, back is bright red with big blisters, I feel shivery and a bit sick", U),
    ("travelling in Bali, a monkey at the temple scratched my arm and drew a bit of blood an hour ago", U),
    ("something happened at a party last night that I didn't agree to. I don't know what to do", U),
    ("my 13 year old is drinking tons of water, peeing all the time, lost weight even though he eats loads", U),
    ("flew back from Ghana yesterday, I took my malaria tablets but now I have a fever and headache", U),
    ("which malaria tablets should I take for a trip to Ghana next month?", R),
    ("been drinking a bottle of wine a day, stopped 2 days ago cold turkey, hands are shaking a lot and sweating", U),
    ("stood on a rusty nail in the cattle yard, went through my boot, cant remember when i last had a tetanus shot", U),
    ("喂奶的左边乳房有个红肿的硬块，很疼，发烧38.5", U),
    ("吃鱼遭刺卡起了，吞了两坨饭团也下不去，咽口水都痛", U),
    ("孩子昨天被鱼刺卡了一下，当时咳了两下就吐出来了，今天吃饭喝水都正常", R),
    ("戴隐形眼镜 一只眼突然很红很疼 怕光 看东西有点模糊", U),
    ("上了三年夜班，最近整个人很丧，吃不下睡不着，老觉得活着挺没意思的，不过也没想过要怎么样", U),
]  # fmt: skip


ROUND23 = [
    # Second-language English: ectopic signs; a stroke at the back of the brain; a cold white leg; a hammered eye.
    ("I am pregnant 7 week. very strong pain in belly one side. I feel dizzy, I fall down when I stand.", E),
    ("woke up and the room is spinning, im seeing two of everything and cant walk straight, keep veering left", E),
    ("I get double vision when I'm very tired at the end of the day, should I see an optician?", R),
    ("My left leg suddenly went cold, white and really painful 2 hours ago and I can't feel my toes properly", E),
    ("hammering a nail and a bit of metal flew into my eye, hurts, I can see something stuck in it", E),
    ("在厂里打磨的时候铁屑崩进眼睛了，总觉得有东西磨着，一直流眼泪，看东西还清楚", U),
    # Prevention, a first-aid question and a dog bitten: routine.
    ("taking the kids skiing in Whistler in January, how do we stop them getting frostbite?", R),
    ("被蛇咬了到底要不要用绳子绑？网上说法不一样", R),
    ("带狗去爬山，狗被蛇咬了鼻子，现在肿起来了，人没事", R),
    # Tetanus after a rusty nail; a tongue pushed up after a tooth was pulled.
    ("两周前被生锈铁钉扎了脚，没打破伤风，这两天嘴张不开，脖子和背发僵，一碰就抽筋", E),
    ("拔牙后第三天，下巴下面肿得老高，硬硬的，舌头被顶起来了，张不开嘴", E),
]  # fmt: skip


ROUND24 = [
    # A train platform, a hay trailer, insulin and confusion.
    ("i'm standing on the platform thinking about jumping in front of the next train", E),
    ("one of the farm lads fell off a hay trailer onto his back, says his neck hurts, pins and needles in his arms",
     E),
    ("neighbour is diabetic on insulin, found him in the garden confused and quite aggressive, pouring with sweat", E),
    ("I'm type 1 diabetic on insulin, what snacks are best before a run?", R),
    # Events already treated in hospital; a comparison question; one extra vitamin; a dosed fever.
    ("上个月吃虾过敏送了急诊 打了肾上腺素已经好了 现在想查过敏原 应该挂什么科", R),
    ("前几天一氧化碳中毒住了院 现在已经出院了 医生说要继续做高压氧 一般要做多少次", R),
    ("我爸上周出院了，今天又突然胸口压着疼，出冷汗", E),
    ("心肌梗死和心绞痛有什么区别啊 看了网上越看越糊涂", R),
    ("孩子多吃了一颗维生素AD 会不会中毒", R),
    ("儿子5岁 发烧一天了38.5 吃了退烧药精神挺好 又吃又玩 尿也正常 要去医院吗", R),
    ("上次孩子吃果冻噎住了 我拍背拍出来了 现在好好的没咳嗽 以后要注意啥", R),
    ("猫被车撞了 后腿流血站不起来 一直叫 我该怎么办 人医能看吗", R),
]  # fmt: skip


ROUND25 = [
    # Pharmacy questions hiding emergencies.
    ("checked my BP at the pharmacy machine, 224/132. Splitting headache, chest feels tight and things look blurry", E),
    ("10 day old baby, vomited twice and it was bright green, tummy looks a bit swollen", E),
    ("started lamotrigine 2 weeks ago, now a blistering rash, the skin on my chest is peeling, sores in my mouth", E),
    ("32 weeks pregnant and suddenly bleeding bright red, soaked a pad in 15 minutes. should I call the midwife line?",
     E),
    ("we watched Call the Midwife last night, do midwives still do home births?", R),
    ("ive had a groin hernia for years, always pops back in. today its stuck out, really hard and purple-ish, super "
     "painful and ive been throwing up", E),
    ("fainted in the shower and smacked my head on the tiles, out for a minute, keep being sick, not sure what day "
     "it is", E),
    ("I am on the roof of my dorm building right now. I just want someone to know why.", E),
    ("was grinding metal and something flew into my eye, it hurts and theres a bit of clear jelly-ish fluid", E),
    ("我爷爷前列腺增生 从昨晚到现在一滴尿都尿不出来 小肚子鼓得硬 疼得坐立不安", E),
    # Routine: a babysitter's first-aid question, a treated reaction, a flu shot, news, one vitamin tablet.
    ("starting a babysitting job, how do I help a toddler who is choking? want to know before anything happens", R),
    ("I was in the ER last week for an allergic reaction, they treated me and I'm fine now. They gave me an EpiPen "
     "prescription. How do I use it?", R),
    ("Does the benefits plan cover the flu shot at your pharmacy?", R),
    ("看了一个小孩溺水的新闻 有点后怕 想问一下带孩子游泳要注意什么", R),
    ("家里小孩偷吃了一颗儿童维生素C咀嚼片 就一颗 会有事吗", R),
]  # fmt: skip


ROUND26 = [
    # A limp that is a gait; training and curiosity said outright; preventing CO poisoning; a dog bitten.
    # (A swollen ankle after a fall is same-day care for the rules; the point is that a limp is no collapse.)
    ("Rolled my ankle playing netball yesterday, bit swollen, I can walk on it ok with a slight limp. Ice and rest?",
     U),
    ("my baby went limp and floppy in my arms and isn't responding", E),
    ("I'm a teacher doing allergy training. If a child is having anaphylaxis, do you use the auto-injector first or "
     "call 999 first? Nobody's ill, just want to get it right.", R),
    ("Watched a documentary on sepsis. How would you tell the difference between flu and sepsis? Asking generally, "
     "nobody's ill.", R),
    ("冬天快到了，家里用煤炉取暖，怎么防止煤气中毒？要装报警器吗", R),
    ("家里的狗被蛇咬了嘴巴肿起来了，人没被咬，狗需要打血清吗", R),
    # Orbital cellulitis; a skull fracture's signs after a fall without a helmet.
    ("daughter 6 had a cold, now her eyelid is very swollen and red, it hurts when she moves her eye and she's seeing "
     "double. temp 39", E),
    ("孩子骑车没戴头盔摔了 耳朵里流出来淡红色的水 眼睛周围开始发青", E),
]  # fmt: skip


ROUND27 = [
    # Idioms, an acid attack, livestock, a cold white leg, a seizure told by what is seen, rice-water stools.
    ("this NEPA bill wan give me heart attack o 😂 anyway what's a normal blood pressure for a 40 year old man?", R),
    ("someone threw acid on a girl near the bus stop, her face and arm are burning and skin is peeling", E),
    ("our goat was bitten by a snake and died this morning, is the meat safe to eat?", R),
    ("my dad's left leg suddenly went cold, white, really painful and numb in the last hour. he has AF", E),
    ("my daughter 4yrs has been jerking and frothing for about 10 minutes now, eyes rolled up", E),
    ("my 1 year old has been passing watery stool like rice water since morning, eyes sunken, no urine since morning",
     E),
    # Chinese hyperbole, hearsay, prevention, a dog's fit, a baby written half in English.
    ("老板今天又让我加班，我脑溢血都快气出来了，说真的经常生气对身体有啥影响", R),
    ("每年都听说有人吃菌子中毒，怎么分辨有毒的菌子，炒熟了是不是就没事", R),
    ("今天爬了泰山，腿疼得我要死了，下楼梯都得扶着，多久能好", R),
    ("暑假快到了，农村孩子爱去河里游泳，怎么跟孩子讲防溺水", R),
    ("我家老狗抽搐了五分钟还没停，口吐白沫，我们该怎么办，在线等，急", R),
    ("baby 两个月大，temperature 38.5，一直很 sleepy 不太要喝奶，我老公说明天再去 klinik 看，可以等吗？", E),
]  # fmt: skip


ROUND28 = [
    # Vaccines, teething, a first-aid class, a cat that opens the message: routine.
    ("when does my baby get the MMR shot in Canada?", R),
    ("what should I do if my toddler chokes? want to be ready, I'm taking a first aid class next month", R),
    ("baby 6 months is teething, drooling and cranky, temp 99.5. What helps?", R),
    ("猫被车撞了，后腿流血，叫得很惨，我手都在抖", R),
    # A funnel-web's signs after "drooling and" stopped meaning an airway on its own; a stroke against a baseline.
    ("Sydney, my son got bitten by a big black shiny spider hiding in his shoe. now tingling round his mouth, "
     "sweating heaps, drooling and his muscles are twitching", E),
    ("Dad has cerebral palsy so his speech is always a bit hard to understand, but tonight it's much worse than his "
     "normal, the right side of his mouth is drooping", E),
    ("woke up and my right arm and leg feel numb and heavy and i'm seeing double", E),
    ("table saw accident, cut off the tip of my index finger, I have the piece", E),
    ("农机把我爸两根手指头切掉了，断指我们捡回来了，该怎么保存", E),
]  # fmt: skip


ROUND29 = [
    # A fever with new confusion, diving then tingling, a farewell text, paracetamol over days, a corrosive on skin.
    ("had the flu for two days, temp 39.1 now and my husband says I'm confused, I keep losing my words", E),
    ("two dives this morning, came up too fast on the second. now my arms are tingly and my knee aches deep inside", E),
    ("my brother sent me 'thanks for everything, look after the dog for me' and now his phone is off", E),
    ("for my back I've been on co-codamol and paracetamol, about 14 tablets a day for four days, now feel sick", E),
    ("spilled drain unblocker all over my forearm at work, the skin has gone white and slippery", E),
    # First aid under the tap, a textbook question, a stroke years ago: not emergencies.
    ("burnt my finger on the toaster, held it under cold water for 20 minutes, no blister. cream?", R),
    ("exam question: why does DKA cause Kussmaul breathing?", R),
    ("我爸脑梗后走路不稳两年了，康复训练做什么好", R),
]  # fmt: skip


ROUND30 = [
    # A collapse on the pitch, a hand in a machine, a grease gun into a finger, wild mushrooms then vomiting.
    ("our striker went down during a match, not responding and making snoring gasps", E),
    ("my uncle's hand got caught in the baler, two fingers hanging off", E),
    ("paint sprayer hose went off into my thumb, tiny hole but it's swelling up fast", E),
    ("昨天中午吃了山上的蘑菇，晚上开始上吐下泻，今天好点了，还用去医院吗", E),
    # Idioms of anger and a head-butt to the nose: routine.
    ("孩子作业写到十点，我快被他气吐血了，怎么教他专心", R),
    ("被儿子一头撞到下巴，疼了一会儿，现在没事了", R),
]  # fmt: skip


ROUND31 = [
    # A tampon with fever and a sunburn-like rash, an erection for hours in slang, pushing now, on a car-park roof.
    ("left a tampon in too long, now a temperature of 39, a rash like sunburn and I nearly pass out when I stand", E),
    ("it's been standing to attention for 6 hours after a pill at a party and it's agony", E),
    ("she says she has to push and the ambulance is still 30 min out", E),
    ("i'm up on the roof of the multi-storey and i'm not going home tonight", E),
    # A dog that choked and is fine; the GCS score; a meningitis question in a dorm.
    ("our puppy choked on a chew toy, I got it out and he's running about again. anything to watch for?", R),
    ("护理专业问一下 格拉斯哥昏迷评分 运动那一项怎么打分", R),
    ("流脑是怎么传染的 宿舍要不要打疫苗 我们都没病", R),
]  # fmt: skip


ROUND32 = [
    # Paracetamol in grams over days, wild mushrooms in English, a hard pregnant bump after a crash, an eye swollen
    # shut that hurts to move.
    ("toothache all week, been taking about 6g of paracetamol a day, now I feel sick and sore under my ribs", E),
    ("foraged mushrooms for dinner, 8 hours later vomiting and diarrhoea, a bit better now", E),
    ("30 weeks, small car bump this afternoon, now my bump is rock hard and the pain won't let up", E),
    ("孩子鼻窦炎 今天一只眼睛肿得睁不开 转动眼球就疼 还发烧", E),
]  # fmt: skip


CATALOGUE = [
    # Presentations the rules had never been told about, in lay words.
    ("my ICD has gone off twice in the last hour and I feel dreadful", E),
    ("my son's trach is blocked and I can't get the suction tube down, he's struggling", E),
    ("a fish bone is stuck, I can't even swallow my own spit, keep spitting into a bowl", E),
    ("got kneed in the side playing rugby and now I'm peeing blood", E),
    ("I'm 78, headache at my temples for a week, my jaw hurts when I chew and now my vision is blurry", E),
    ("cataract op 4 days ago, today the eye is much more painful and very red", E),
    ("bad tooth for days and now the swelling has spread up to my eye", E),
    ("on dapagliflozin, vomiting all day and breathless though my sugar is only 9", E),
    ("my toddler got into grandma's pills, at least 3 are missing", E),
    ("swimming off Cairns, a small sting, now sweating buckets with a pounding heart", E),
    ("stepped on a garden fork and a prong went into my thigh, it's still in", E),
    ("my wedding ring caught on a gate and pulled the skin right off my finger", E),
    # Prevention and vaccines: routine.
    ("how do I childproof the kitchen against button batteries?", R),
    ("does my daughter need the meningitis B vaccine before university?", R),
]  # fmt: skip


CATALOGUE2 = [
    ("a big brown spider bit my ankle in the garage and now I'm sweating, drooling and my muscles are jumping", E),
    ("we had wild mushrooms from the woods for tea, and about 9 hours later we're both vomiting", E),
    ("stopped drinking 4 days ago after years of heavy drinking, now shaking and seeing bugs on the ceiling", E),
    ("pulled my foreskin back in the shower and it won't go back, the end is swelling up", E),
    ("a cricket ball hit my eye and there's blood sitting at the bottom of the coloured part", E),
    ("I have breast cancer in my spine, back pain for a week and now my legs feel weak and wobbly", E),
    ("diabetic, my big toe has gone black and my foot is hot and red, I've got a fever", E),
    ("liver transplant 6 months ago and my temperature is 38.4 tonight", E),
    ("I got concussed at football last week, checked at A&E, fine now. When can I play again?", R),
    ("I just saw an advert about sepsis. What are the signs?", R),
]  # fmt: skip


CATALOGUE_ZH = [
    ("孩子右眼肿得睁不开，发烧，说眼珠子一转就痛", E),
    ("前天手上划了个小口子，今天整只手红肿，疼得比看起来严重得多，还发烧", E),
    ("我爸把一周吃一次的甲氨蝶呤当成每天吃，吃了五天了，嘴里全是溃疡", E),
    ("久坐腿麻跟中风有关系吗", R),
]  # fmt: skip


ROUND33 = [
    # A car in the garage with the engine on, asthma with drowsiness, "giddiness" with chest heaviness, a burn from
    # boiling oil with white patches, black tarry poops and a faint.
    ("skip the hotline. sitting in the car in the garage with the engine running", E),
    ("asthma flare, been on my blue inhaler all evening and now I'm exhausted and drowsy", E),
    ("my mother age 61, BP patient, chest heaviness and giddiness since morning, sweating", E),
    ("splashed boiling oil over my arm at work, huge blisters and some white patches that don't hurt", E),
    ("black tarry poops since yesterday and I fainted on the stairs this morning", E),
    ("found my friend slumped in the bathroom, he is barely breathing, we have naloxone", E),
    # A hay-fever figure of speech, a first-aid question before a trip, a COVID fever at 28.
    ("I'm dying here with this cold, what's best for a blocked nose?", R),
    ("hiking in Wales next month, what should I do if I get bitten by an adder?", R),
    ("发烧一天了38度，新冠阳性，30岁没基础病，能吃能喝，吃什么药", R),
]  # fmt: skip


ROUND35 = [
    # A decision for tonight, a gun out, asthma with only a few words, Spanish-English infant fever and anaphylaxis,
    # a neighbour found cold who is confused now.
    ("no helplines please. I have decided tonight, I have the tablets ready", E),
    ("i have my dads gun out and i dont think ill be here tomorrow", E),
    ("asthma bad tonight, 10 puffs and I can still only say a few words at a time", E),
    ("Mi bebé tiene 6 semanas y tiene fiebre de 100.8, can it wait till morning?", E),
    ("mi niña took amoxicilina for the first time y tiene ronchas everywhere, la cara hinchada y respirando raro", E),
    ("found my gran on the floor this morning, heating off, she is ice cold and confused", E),
    # Pets that open the message, sports and DIY idioms, a school first-aid question, a drowning long ago.
    ("my cat came in limping with a swollen paw, think she was bitten by a snake?", R),
    # ... but an animal that opens the message and bites the writer leaves the writer the patient.
    ("a dog bit my hand and it is bleeding a lot, it won't stop", E),
    ("our rabbit seems to be having a fit, is there anything i can do", R),
    ("choked in the final again, gutted. my knee aches after games, is that normal?", R),
    ("nearly had a stroke trying to assemble this wardrobe lol. any stretches for a stiff back?", R),
    ("is it true you do CPR to the beat of Stayin' Alive? first aid course next week", R),
    ("my best mate drowned when we were 15. how long can someone survive underwater?", R),
    ("Dad had a stroke last month and he is on the stroke ward now. What rehab comes next?", R),
    ("我妈说我再不结婚她就要心梗了\n哈哈 说真的她平时怎么预防心脏病", R),
    ("上厕所纸上有一点血\n我有痔疮好多年了", R),
]  # fmt: skip


ROUNDS = {
    18: ROUND18, 19: ROUND19, 20: ROUND20, 21: ROUND21, 22: ROUND22, 23: ROUND23, 24: ROUND24, 25: ROUND25,
    26: ROUND26, 27: ROUND27, 28: ROUND28, 29: ROUND29, 30: ROUND30, 31: ROUND31,
    32: ROUND32, 33: CATALOGUE, 34: CATALOGUE2, 35: CATALOGUE_ZH, 36: ROUND33,
    37: ROUND35,
}  # fmt: skip
PROBES = [(round_, text, level) for round_, probes in ROUNDS.items() for text, level in probes]


@pytest.mark.parametrize(("round_", "text", "level"), PROBES, ids=[f"r{r}-{i}" for i, (r, _, _) in enumerate(PROBES)])
def test_levels_of_the_late_rounds(round_: int, text: str, level: TriageLevel) -> None:
    assert triage(text).level is level, (round_, triage(text).to_dict())
