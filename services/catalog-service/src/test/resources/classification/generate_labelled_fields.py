#!/usr/bin/env python3
"""Generates the labelled evaluation set of the catalog's auto-classification (分类分级) recognizers.

Writes, next to this script:
  labelled-fields.jsonl  one field per line: {"name", "values" (20-50 strings, null allowed), "expected", "note"}
                         "expected" is a Recognizer constant name or null.
  employees.csv          an HR export (header + 60 rows) for the whole-sample test.

Deterministic (fixed seed, stdlib only): rerunning it reproduces both files byte for byte.
The data follow the written specification of the recognizers, not the Java code: positives of all eight
recognizers under English, pinyin, Chinese and neutral names with 0-10 % dirty values, and hard negatives
(18-digit order numbers, Luhn-invalid card-like numbers, fields named like a recognizer with unrelated
values, dates, amounts, product and work-order codes, Chinese words that are not names, ...).

Check-character algorithms, implemented here independently of the Java code:
  GB 11643-1999  citizen identity number, ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11)
  GB 32100-2015  unified social credit code, weights 3^i mod 31 over the charset 0-9A-HJ-NPQRTUWXY
  GB 11714-1997  organization code embedded in the credit code (weights 3,7,9,10,5,8,4,2, mod 11)
  ISO/IEC 7812   Luhn check digit of bank cards

Usage: python3 generate_labelled_fields.py
"""

import json
import os
import random

SEED = 20260115
HERE = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)

# ---------------------------------------------------------------- check characters

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check(body17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def uscc_check(body17):
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(body17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check(body8):
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, weights))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def luhn_check_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number):
    return luhn_check_digit(number[:-1]) == number[-1]


# ---------------------------------------------------------------- positive value makers

REGIONS = ["110105", "110108", "120101", "130102", "130602", "140105", "150102", "210102", "210203", "220102",
           "230103", "310104", "310115", "320106", "320583", "320211", "330106", "330203", "330302", "330782",
           "340104", "350203", "350102", "360102", "370202", "370102", "410105", "420106", "430104", "440305",
           "440106", "441900", "450103", "460105", "500103", "510107", "520102", "530102", "540102", "610113",
           "620102", "630102", "640104", "650102"]


def rand_date(y0, y1):
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    dmax = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return y, m, rng.randint(1, dmax)


def make_id():
    y, m, d = rand_date(1958, 2006)
    body = f"{rng.choice(REGIONS)}{y:04d}{m:02d}{d:02d}{rng.randint(0, 999):03d}"
    check = id_check(body)
    if check == "X" and rng.random() < 0.15:
        check = "x"  # typed in lower case by some HR systems
    return body + check


def make_id15():
    y, m, d = rand_date(1940, 1984)
    return f"{rng.choice(REGIONS)}{y % 100:02d}{m:02d}{d:02d}{rng.randint(0, 999):03d}"


def bad_id():
    good = make_id()
    wrong = [c for c in "0123456789X" if c != good[-1].upper()]
    return good[:-1] + rng.choice(wrong)


MOBILE_SEGMENTS = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "171", "173", "175",
                   "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
                   "191", "193", "195", "198", "199"]


def make_mobile_digits():
    return rng.choice(MOBILE_SEGMENTS) + "".join(rng.choice("0123456789") for _ in range(8))


def make_mobile(style=None):
    n = make_mobile_digits()
    style = style or rng.choice(["plain"] * 6 + ["+86", "+86 ", "0086-", "86", "dash", "space", "+86-dash"])
    if style == "plain":
        return n
    if style == "+86":
        return "+86" + n
    if style == "+86 ":
        return "+86 " + n
    if style == "0086-":
        return "0086-" + n
    if style == "86":
        return "86" + n
    if style == "dash":
        return f"{n[:3]}-{n[3:7]}-{n[7:]}"
    if style == "space":
        return f"{n[:3]} {n[3:7]} {n[7:]}"
    return f"+86-{n[:3]}-{n[3:7]}-{n[7:]}"


def make_landline():
    return rng.choice(["0571-", "021-", "010-", "0755-", "0574-", "(0571)", "0512-"]) + str(rng.randint(20000000, 89999999))


PINYIN = ["zhangwei", "wangfang", "lina", "liuyang", "chenjing", "yangli", "huangqiang", "zhaomin", "wujun",
          "zhoujie", "xulei", "sunyan", "mayong", "zhutao", "hujing", "guoxia", "heping", "gaoming", "linchao",
          "luoxiu", "zhengli", "liangbo", "xieting", "songyu", "tanghao"]
MAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com", "gmail.com",
                "ebrain-mfg.com", "hzjx.com.cn", "zj-bearing.cn", "mail.nbpress.com.cn", "139.com"]


def make_email():
    kind = rng.random()
    if kind < 0.3:
        return f"{rng.randint(10000, 3999999999)}@qq.com"
    name = rng.choice(PINYIN)
    if rng.random() < 0.3:
        name = name[:rng.randint(2, 5)] + "." + name[rng.randint(2, 5):]
    if rng.random() < 0.3:
        name += str(rng.randint(1, 999))
    if rng.random() < 0.1:
        name = name.capitalize()
    if rng.random() < 0.05:
        name += "+mes"
    return f"{name}@{rng.choice(MAIL_DOMAINS)}"


CARD_PREFIXES = [("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621226", 19),
                 ("623668", 19), ("622609", 16), ("625965", 16), ("628288", 16), ("438088", 16),
                 ("427020", 16), ("512431", 16), ("524094", 16), ("356833", 16), ("621483", 16),
                 ("620522", 19), ("622700", 19), ("436742", 16)]


def make_card(spaced=None):
    prefix, length = rng.choice(CARD_PREFIXES)
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    n = body + luhn_check_digit(body)
    if spaced is None:
        spaced = rng.random() < 0.25
    return " ".join(n[i:i + 4] for i in range(0, len(n), 4)) if spaced else n


def bad_card(prefix=None, length=None):
    if prefix is None:
        prefix, length = rng.choice(CARD_PREFIXES)
    while True:
        n = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix)))
        if not luhn_ok(n):
            return n


def make_uscc():
    authority, kind = rng.choice([("9", "1"), ("9", "1"), ("9", "1"), ("9", "2"), ("9", "3"), ("1", "1"),
                                  ("5", "1"), ("5", "2"), ("Y", "1")])
    region = rng.choice(REGIONS)
    letters = "0123456789" * 3 + "ABCDEFGHJKLMNPQRTUWXY"
    org = "".join(rng.choice(letters) for _ in range(8))
    if rng.random() < 0.3:
        org = "MA" + org[2:]  # codes issued after 2015 start with MA
    check9 = org_code_check(org)
    if check9 not in USCC_CHARSET:
        check9 = "0"
    body = authority + kind + region + org + check9
    return body + uscc_check(body)


def bad_uscc():
    good = make_uscc()
    wrong = [c for c in USCC_CHARSET if c != good[-1]]
    return good[:-1] + rng.choice(wrong)


PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def make_plate():
    p = rng.choice(PROVINCES) + rng.choice(PLATE_LETTERS[:12])
    kind = rng.random()
    if kind < 0.62:
        tail = [rng.choice("0123456789") for _ in range(5)]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            tail[rng.randint(0, 4)] = rng.choice(PLATE_LETTERS)
        tail = "".join(tail)
    elif kind < 0.82:  # new-energy, small: D/F + letter or digit + four digits
        tail = rng.choice("DF") + rng.choice("0123456789ABCDEFGHJK") + "".join(rng.choice("0123456789") for _ in range(4))
    elif kind < 0.9:  # new-energy, large: five digits + D/F
        tail = "".join(rng.choice("0123456789") for _ in range(5)) + rng.choice("DF")
    else:
        tail = "".join(rng.choice("0123456789") for _ in range(4)) + rng.choice("挂挂挂学警")
    sep = rng.choice([""] * 8 + ["·", " "])
    return p + sep + tail


TOP_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
                "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
LESS_COMMON_SURNAMES = "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟", "公孙",
                     "长孙", "宇文", "端木", "独孤", "南宫", "西门", "呼延", "钟离", "澹台", "申屠"]
GIVEN_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红玉兰慧鹏辉晶晓婷宇浩然子涵欣怡梓轩佳琪雨"
               "泽俊博文斌亮晨雪梅颖琳欢瑶萍燕鑫鹏飞凯宁波海峰林秀云龙彬琴丹倩璐阳昊天睿思嘉诚毅坤帆婧蕾莉薇")


def make_person_name():
    r = rng.random()
    if r < 0.03:
        surname = rng.choice(COMPOUND_SURNAMES)
    elif r < 0.15:
        surname = rng.choice(LESS_COMMON_SURNAMES)
    else:
        # rank-weighted: the first surnames are far more frequent
        i = min(int(rng.expovariate(1 / 22)), len(TOP_SURNAMES) - 1)
        surname = TOP_SURNAMES[i]
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.35 else 2))
    return surname + given


def make_plc(style):
    if style == "s7db":
        db = rng.choice([1, 2, 10, 11, 100, 201])
        t = rng.random()
        if t < 0.4:
            return f"DB{db}.DBX{rng.randint(0, 120)}.{rng.randint(0, 7)}"
        return f"DB{db}.DB{rng.choice('BWD')}{rng.randrange(0, 400, 2)}"
    if style == "s7io":
        area = rng.choice("IQM")
        t = rng.random()
        pct = "%" if rng.random() < 0.5 else ""
        if t < 0.5:
            return f"{pct}{area}{rng.randint(0, 20)}.{rng.randint(0, 7)}"
        return f"{pct}{area}{rng.choice('BWD')}{rng.randrange(0, 256, 2)}"
    if style == "iec":
        area = rng.choice("IQM")
        return rng.choice([f"%{area}X{rng.randint(0, 9)}.{rng.randint(0, 7)}", f"%{area}W{rng.randint(0, 64)}",
                           f"%{area}D{rng.randint(0, 64)}"])
    if style == "slc":
        t = rng.random()
        if t < 0.35:
            return f"N7:{rng.randint(0, 99)}"
        if t < 0.6:
            return f"B3:{rng.randint(0, 15)}/{rng.randint(0, 15)}"
        if t < 0.75:
            return f"T4:{rng.randint(0, 20)}.{rng.choice(['ACC', 'PRE', 'DN'])}"
        if t < 0.85:
            return f"F8:{rng.randint(0, 40)}"
        return f"{rng.choice('IO')}:{rng.randint(0, 4)}/{rng.randint(0, 15)}"
    if style == "logix":
        slot = rng.randint(1, 8)
        t = rng.random()
        if t < 0.5:
            return f"Local:{slot}:I.Data.{rng.randint(0, 15)}"
        if t < 0.8:
            return f"Local:{slot}:O.Data.{rng.randint(0, 15)}"
        return f"Local:{slot}:I.Ch{rng.randint(0, 3)}Data"
    if style == "opcua_s":
        line, eq = rng.randint(1, 6), rng.choice(["Press", "Oven", "Robot", "Conveyor", "Mixer", "CNC07"])
        sig = rng.choice(["Temp", "Pressure", "Speed", "State", "Count", "Alarm", "Current"])
        return f"ns={rng.choice([2, 2, 3, 4])};s=Line{line}.{eq}.{sig}"
    if style == "opcua_i":
        return f"ns={rng.choice([2, 3, 5])};i={rng.randint(1000, 99999)}"
    if style == "dotted":
        return (f"{rng.choice(['PLC', 'Channel', 'S7_'])}{rng.randint(1, 4)}.{rng.choice(['Line', 'Device', 'Cell'])}"
                f"{rng.randint(1, 9)}.{rng.choice(['Motor', 'Pump', 'Valve', 'Fan', 'Spindle'])}{rng.randint(1, 12)}."
                f"{rng.choice(['Speed', 'Torque', 'Running', 'Fault', 'Temp', 'Setpoint'])}")
    if style == "modbus":
        return str(rng.choice([40001, 40001, 30001, 10001, 1]) + rng.randint(0, 2000)).zfill(5)
    raise ValueError(style)


# ---------------------------------------------------------------- negative value makers

PRODUCT_NAMES = ["轴承6205", "轴承6305-2RS", "齿轮箱", "电机 Y2-132M-4", "马达", "高速轴", "万向节", "石墨垫片",
                 "黄油", "金属软管", "减速机R37", "联轴器", "密封圈 O型", "气缸SC63x100", "变频器", "伺服驱动器",
                 "程控器", "方管40x40", "龙门架", "雷达传感器", "钢板Q235", "铜排", "接近开关", "光电开关",
                 "传送带", "链条08B", "同步带", "导轨HGR20", "丝杠", "电磁阀", "白油", "江森控制器"]
STATUS_WORDS = ["合格", "不合格", "待检", "返工", "报废", "让步接收", "已入库", "待审核", "已关闭", "进行中"]
DEPARTMENTS = ["设备科", "质检部", "生产部", "仓储部", "一车间", "二车间", "金工车间", "冲压车间", "采购部",
               "财务部", "人事部", "研发中心", "销售部", "安环部", "工艺科"]
SHIFTS = ["白班", "夜班", "中班"]
DEFECTS = ["毛刺", "划伤", "变形", "尺寸超差", "裂纹", "气孔", "漏焊", "锈蚀", "色差", "缺料"]
MATERIALS = ["黄铜", "紫铜", "不锈钢", "铝合金", "碳钢", "石墨", "尼龙", "聚氨酯", "白钢", "铸铁", "合金钢"]
CITIES = ["杭州", "宁波", "温州", "上海", "苏州", "常州", "郑州", "沈阳", "武汉", "金华", "江阴", "黄石", "高邮",
          "成都", "广州", "深圳", "台州", "嘉兴", "湖州", "余姚", "包头", "唐山"]
COLOURS = ["红色", "黄色", "白色", "蓝色", "黑色", "银灰", "墨绿", "米白"]
WORDS_MIXED = STATUS_WORDS + DEPARTMENTS + SHIFTS + DEFECTS + MATERIALS


def order_no18():
    y, m, d = rand_date(2023, 2026)
    return f"{y:04d}{m:02d}{d:02d}{rng.randint(0, 9999999999):010d}"


def serial18():
    return rng.choice(["33", "44", "62", "51"]) + "".join(rng.choice("0123456789") for _ in range(16))


def member_card():
    length = rng.choice([16, 16, 18, 19])
    return rng.choice("68") + "".join(rng.choice("0123456789") for _ in range(length - 1))


def date_value():
    y, m, d = rand_date(2022, 2026)
    return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{y}{m:02d}{d:02d}",
                       f"{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
                       f"{y}-{m:02d}-{d:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+08:00"])


def amount():
    v = rng.uniform(0.5, 250000)
    return rng.choice([f"{v:.2f}", f"{v:,.2f}", f"¥{v:,.2f}", f"{int(v)}", f"-{v:.1f}"])


def product_code():
    return rng.choice([f"MAT-{rng.randint(100000, 199999)}", f"P{rng.randint(6000, 6399)}-2RS",
                       f"SKU{rng.randint(0, 99999999):08d}", f"{rng.choice('ABCDEFGH')}{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"])


def work_order():
    return rng.choice([f"WO-2026-{rng.randint(1, 999999):06d}", f"MO2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1, 999):03d}",
                       f"WO{rng.randint(10000000, 99999999)}"])


def imei():
    body = rng.choice(["35", "86", "49"]) + "".join(rng.choice("0123456789") for _ in range(12))
    return body + luhn_check_digit(body)


def vin():
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return rng.choice(["LSV", "LFV", "LGW", "LBV", "LVS"]) + "".join(rng.choice(chars) for _ in range(14))


def hostname_or_ip():
    return rng.choice([f"mes{rng.randint(1, 9):02d}.plant.local", f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                       f"scada-{rng.randint(1, 5)}.hz01.ebrain.cn", f"192.168.{rng.randint(0, 20)}.{rng.randint(1, 254)}",
                       f"v{rng.randint(1, 4)}.{rng.randint(0, 12)}.{rng.randint(0, 30)}"])


def street_address():
    return (f"{rng.choice(['浙江省杭州市西湖区', '江苏省苏州市工业园区', '广东省深圳市南山区', '上海市浦东新区'])}"
            f"{rng.choice(['文三路', '星湖街', '科技园路', '张江路', '滨江大道'])}{rng.randint(1, 999)}号")


def uuid_like():
    h = "0123456789abcdef"
    return "-".join("".join(rng.choice(h) for _ in range(k)) for k in (8, 4, 4, 4, 12))


COMPANIES = ["华为", "海尔", "美的", "格力", "万科", "方太", "苏宁", "金蝶", "用友", "联想", "小米", "吉利", "长城", "比亚迪",
             "宁德时代", "三一", "徐工", "中联", "潍柴", "福田", "安踏", "娃哈哈", "康师傅", "雅戈尔", "杭氧", "西子"]


def java_class():
    return (f"{rng.choice(['com.ebrain', 'org.apache.kafka', 'cn.hzjx', 'com.ebrain.mes'])}."
            f"{rng.choice(['quality', 'clients', 'plant', 'order'])}.{rng.choice(['Order', 'Quality', 'Alarm', 'Producer'])}"
            f"{rng.choice(['Handler', 'Job', 'Listener', 'Service'])}")


def gs1_check(body):
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def sscc():
    body = str(rng.randint(0, 9)) + rng.choice(["690", "691", "692", "693", "694", "695"]) + "".join(rng.choice("0123456789") for _ in range(13))
    return body + gs1_check(body)


def iccid():
    body = "8986" + rng.choice(["00", "01", "03", "11"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(12, 13)))
    return body + luhn_check_digit(body)


def modbus_number():
    return str(rng.choice([40001, 30001]) + rng.randint(0, 500))


# ---------------------------------------------------------------- field assembly

def values_from(maker, n=None):
    n = n or rng.randint(20, 50)
    return [maker() for _ in range(n)]


def dirty(values, junk_makers, rate=None):
    """Replaces 0-10 % of the values by blanks, nulls, placeholders or recognizer-specific junk."""
    if rate is None:
        rate = rng.choice([0, 0, 0.03, 0.05, 0.08, 0.10])
    k = int(round(len(values) * rate))
    for i in rng.sample(range(len(values)), k):
        t = rng.random()
        if t < 0.2:
            values[i] = ""
        elif t < 0.3:
            values[i] = None
        elif t < 0.4:
            values[i] = rng.choice(["N/A", "无", "-", "null", "  "])
        else:
            values[i] = rng.choice(junk_makers)()
    return values


FIELDS = []


def add(name, values, expected, note):
    FIELDS.append({"name": name, "values": values, "expected": expected, "note": note})


NEUTRAL = ["col_17", "ext_a", "ext_b", "field3", "c12", "/extensions/x1", "/extensions/attr_7", "备用字段1", "自定义字段2",
           "remark", "备注", "value", "data", "col_5", "COL_22", "/extensions/f9", "扩展1", "column_8", "attr2", "misc"]

POSITIVE_NAMES = {
    "PRC_RESIDENT_ID": ["idNumber", "id_card", "idcard", "sfzh", "sfz", "身份证号", "身份证号码", "证件号码", "cert_no",
                        "ID_NO", "/extensions/sfzh", "employee_id_card", "identityNo", "公民身份号码"],
    "MOBILE_CN": ["phone", "mobile", "tel", "sjhm", "手机号", "联系电话", "contactPhone", "mobile_no", "telephone",
                  "/extensions/lxdh", "手机", "cellPhone", "emergency_contact_phone", "TEL_NO"],
    "EMAIL": ["email", "e_mail", "mail", "邮箱", "电子邮件", "contact_email", "/extensions/email", "workEmail",
              "EMAIL_ADDRESS", "mailbox", "dzyx", "邮箱地址"],
    "BANK_CARD": ["bankCard", "card_no", "account_no", "yhkh", "银行卡号", "卡号", "salary_card", "工资卡号",
                  "cardNumber", "bank_account", "/extensions/yhkh", "payee_card_no", "BANK_CARD_NO"],
    "USCC": ["uscc", "creditCode", "tyshxydm", "统一社会信用代码", "信用代码", "supplier_credit_code", "税号",
             "/extensions/uscc", "socialCreditCode", "SHXYDM", "纳税人识别号", "customer_uscc"],
    "LICENCE_PLATE": ["plate", "licensePlate", "cph", "车牌号", "vehicle_plate", "车牌号码", "plateNo",
                      "/extensions/cph", "truck_plate", "送货车牌", "LICENSE_PLATE_NO", "号牌"],
    "PERSON_NAME_ZH": ["name", "xm", "姓名", "operator", "inspector", "操作员", "检验员", "employee_name",
                       "contact_person", "联系人", "负责人", "/extensions/xm", "realName", "审核人", "收货人", "fullName"],
    "PLC_TAG": ["tag", "address", "nodeId", "plcTag", "点位", "变量", "变量地址", "opc_node", "tagName", "plc_address",
                "/extensions/tag", "测点", "modbus_register", "寄存器地址", "reg_addr"],
}

JUNK = {
    "PRC_RESIDENT_ID": [bad_id, lambda: make_id()[:17], lambda: "待补充", lambda: make_id()[:6] + "********" + make_id()[-4:]],
    "MOBILE_CN": [make_landline, lambda: make_mobile_digits()[:10], lambda: "暂无", lambda: "1" + make_mobile_digits()],
    "EMAIL": [lambda: make_email().replace("@", "#"), lambda: rng.choice(PINYIN), lambda: "无邮箱", lambda: make_email().split("@")[0] + "@"],
    "BANK_CARD": [lambda: bad_card(), lambda: "6222 **** **** " + str(rng.randint(1000, 9999)), lambda: "现金发放", lambda: make_card()[:12]],
    "USCC": [bad_uscc, lambda: make_uscc()[:15], lambda: "个人", lambda: "33010" + str(rng.randint(1000000000, 9999999999))],
    "LICENCE_PLATE": [lambda: "无牌", lambda: "临时牌照", lambda: rng.choice(PROVINCES) + "A" + str(rng.randint(100, 9999)), lambda: "自提"],
    "PERSON_NAME_ZH": [lambda: rng.choice(["Zhang Wei", "Li Na", "admin"]), lambda: "待定", lambda: make_person_name() + "(离职)", lambda: "系统"],
    "PLC_TAG": [lambda: "备用", lambda: "spare", lambda: "--", lambda: "未接线"],
}


def positives():
    plan = {
        "PRC_RESIDENT_ID": 17, "MOBILE_CN": 17, "EMAIL": 16, "BANK_CARD": 17, "USCC": 16, "LICENCE_PLATE": 16,
        "PERSON_NAME_ZH": 18, "PLC_TAG": 19,
    }
    plc_styles = ["s7db", "s7io", "iec", "slc", "logix", "opcua_s", "opcua_i", "dotted"]
    for rec, count in plan.items():
        names = POSITIVE_NAMES[rec]
        for i in range(count):
            # about one field in four has a neutral name: values alone must carry it
            name = rng.choice(NEUTRAL) if i % 4 == 3 else names[i % len(names)]
            if rec == "PRC_RESIDENT_ID":
                legacy = rng.random() < 0.25
                maker = (lambda: make_id15() if rng.random() < 0.3 else make_id()) if legacy else make_id
                note = "valid ID numbers" + (" with some 15-digit legacy numbers" if legacy else "")
            elif rec == "MOBILE_CN":
                fixed = rng.choice([None, None, None, "plain", "+86", "dash"])
                maker = (lambda f=fixed: make_mobile(f))
                note = "mainland mobile numbers" + (f", {fixed} style" if fixed else ", mixed styles")
            elif rec == "EMAIL":
                maker, note = make_email, "e-mail addresses"
            elif rec == "BANK_CARD":
                spaced = rng.choice([None, False, True])
                maker = (lambda s=spaced: make_card(s))
                note = "Luhn-valid bank cards"
            elif rec == "USCC":
                maker, note = make_uscc, "valid unified social credit codes"
            elif rec == "LICENCE_PLATE":
                maker, note = make_plate, "licence plates incl. new-energy and 挂/学/警"
            elif rec == "PERSON_NAME_ZH":
                maker, note = make_person_name, "Chinese personal names"
            else:
                if name in ("modbus_register", "寄存器地址", "reg_addr"):
                    style = "modbus"
                else:
                    style = plc_styles[i % len(plc_styles)]
                maker = (lambda s=style: make_plc(s))
                note = f"PLC/OPC UA tags ({style})"
            values = dirty(values_from(maker), JUNK[rec])
            add(name, values, rec, note)
    # the issue's own example: values decide, whatever the name says
    add("remark", values_from(make_id, 24), "PRC_RESIDENT_ID", "valid ID numbers in a field named remark")
    # a mixed PLC column (one SCADA export listing several drivers)
    add("signal_source", values_from(lambda: make_plc(rng.choice(plc_styles))), "PLC_TAG", "mixed PLC/OPC UA tags")


def negatives():
    n = lambda maker: (lambda: values_from(maker))
    cases = [
        # 18-digit order / serial numbers, some under ID-like names
        (["order_no", "serial_number", "订单号", "sn", "idNumber", "trace_id", "batch_no", "cert_no"], n(order_no18), "18-digit order numbers"),
        (["serial_no", "remark", "col_40", "设备序列号"], n(serial18), "18-digit serial numbers"),
        # card-like numbers that fail Luhn or are membership cards
        (["card_no", "卡号", "member_card_no", "会员卡号", "bankCard", "ic_card"], n(member_card), "membership card numbers (random Luhn)"),
        (["card_no", "yhkh", "col_41"], n(lambda: bad_card()), "Luhn-invalid card-like numbers"),
        (["ACADEMIC_YEAR_CODE", "academic_year_code"], n(lambda: rng.choice(["2023", "2024-2025", "2025", bad_card("622202", 19), bad_card("622848", 19)])), "the OpenMetadata complaint"),
        (["card_type", "卡类型", "cardType"], n(lambda: rng.choice(["借记卡", "信用卡", "DEBIT", "CREDIT", "准贷记卡"])), "card types"),
        (["CARDINALITY", "cardiac_rate"], n(lambda: str(rng.randint(1, 200))), "card-prefixed words with small numbers"),
        (["phone_model", "手机型号"], n(lambda: rng.choice(["iPhone 15", "HUAWEI Mate 60 Pro", "Xiaomi 14", "OPPO Reno11", "vivo X100", "Redmi K70"])), "phone models"),
        (["name", "product_name", "物料名称", "品名", "name"], n(lambda: rng.choice(PRODUCT_NAMES)), "product names"),
        (["email_sent", "is_email_verified"], n(lambda: rng.choice(["true", "false", "是", "否", "Y", "N", "1", "0"])), "booleans"),
        (["create_time", "入职日期", "birthday_str", "col_3", "updated_at"], n(date_value), "dates and timestamps"),
        (["amount", "金额", "unit_price", "total", "account_no"], n(amount), "amounts"),
        (["account_no", "会计科目"], n(lambda: rng.choice(["1002", "1002.01", "6601.03", "2202", "5001.02.01"])), "ledger account codes"),
        (["product_code", "物料编码", "sku", "part_no", "code"], n(product_code), "product codes"),
        (["work_order", "工单号", "wo_no", "order_id"], n(work_order), "work-order numbers"),
        (["status", "状态", "检验结果", "result"], n(lambda: rng.choice(STATUS_WORDS)), "status words"),
        (["dept", "部门", "负责人", "owner_dept", "operator"], n(lambda: rng.choice(DEPARTMENTS)), "departments (also under person-like names)"),
        (["shift", "班次"], n(lambda: rng.choice(SHIFTS)), "shifts"),
        (["defect", "缺陷类型", "name"], n(lambda: rng.choice(DEFECTS)), "defect words"),
        (["material", "材质", "ext_c"], n(lambda: rng.choice(MATERIALS)), "materials"),
        (["city", "城市", "收货城市", "col_9"], n(lambda: rng.choice(CITIES)), "city names"),
        (["colour", "颜色"], n(lambda: rng.choice(COLOURS)), "colours"),
        (["words", "备注", "tag"], n(lambda: rng.choice(WORDS_MIXED)), "mixed Chinese words"),
        (["emp_no", "工号", "operator", "inspector"], n(lambda: rng.choice(["E", "HZ", ""]) + str(rng.randint(1000, 99999)).zfill(6)), "employee numbers"),
        (["tel", "电话", "联系电话", "office_phone"], n(make_landline), "landline numbers"),
        (["imei", "设备串号"], n(imei), "IMEI numbers"),
        (["col_31", "value", "qty", "数量"], n(modbus_number), "5-digit numbers without a register hint"),
        (["host", "server", "address", "ip_address"], n(hostname_or_ip), "host names, IPs, versions"),
        (["address", "地址", "home_address", "收货地址"], n(street_address), "street addresses"),
        (["tag", "标签", "customer_tag"], n(lambda: rng.choice(["VIP", "急单", "重点客户", "A类", "外贸", "样品", "返修"])), "business tags"),
        (["nodeId", "trace_uuid", "request_id"], n(uuid_like), "UUIDs"),
        (["vin", "车架号", "vehicle_no"], n(vin), "vehicle identification numbers"),
        (["plate", "钢板规格", "plate_spec"], n(lambda: rng.choice(["Q235B 10mm", "δ=12", "钢板 6mm", "SUS304 2.0t", "Q345R 16mm"])), "steel plate specs"),
        (["temperature", "温度", "speed", "col_12"], n(lambda: f"{rng.uniform(-20, 400):.1f}"), "measurements"),
        (["postcode", "邮编"], n(lambda: str(rng.randint(100000, 850000))), "postal codes"),
        (["old_tax_no", "税号"], n(lambda: rng.choice(REGIONS) + str(rng.randint(100000000, 999999999))), "15-digit pre-2015 tax numbers"),
        (["serial11", "col_44"], n(lambda: str(rng.randint(10000000000, 12999999999))), "11-digit serials that are not mobiles"),
        (["remark", "备注", "说明"], n(lambda: rng.choice(["设备运行正常", "更换轴承后试机", "客户要求加急", "来料检验合格，准予入库", "无"])), "free-text remarks"),
        (["file", "附件"], n(lambda: rng.choice(["report_2026.pdf", "drawing-A3.dwg", "检验报告.xlsx", "photo01.jpg"])), "file names"),
        (["username", "login"], n(lambda: rng.choice(PINYIN) + str(rng.randint(1, 99))), "pinyin login names"),
        # a bare 'name' column of a city or customer dimension: the name hints a person, the values do not
        (["name", "名称"], n(lambda: rng.choice(CITIES)), "city names in a dimension's name column"),
        (["name", "customer", "客户简称"], n(lambda: rng.choice(COMPANIES)), "company short names"),
        (["handler_class", "event_type"], n(java_class), "Java class names (dotted, capitalised)"),
        (["cell", "单元格"], n(lambda: rng.choice("ABCDEFGH") + str(rng.randint(1, 60)) + rng.choice(["", "", ":" + rng.choice("HIJK") + str(rng.randint(61, 99))])), "spreadsheet cell references"),
        (["bolt_spec", "规格"], n(lambda: rng.choice(["M8", "M10", "M12x1.25", "M16x2", "M6x20", "M20"])), "metric thread sizes"),
        (["steel_grade", "牌号"], n(lambda: rng.choice(["Q235B", "Q345", "45#", "40Cr", "SUS304", "Q235A", "20CrMnTi"])), "steel grades"),
        (["sscc", "托盘码"], n(sscc), "GS1 SSCC pallet codes (18 digits)"),
        (["iccid", "SIM卡号"], n(iccid), "SIM ICCIDs (Luhn-valid, 19-20 digits)"),
        (["express_no", "快递单号"], n(lambda: rng.choice(["7", "75", "46", "SF"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(11, 13)))), "parcel tracking numbers"),
        (["timestamp_ms", "ts"], n(lambda: str(rng.randint(1_700_000_000_000, 1_790_000_000_000))), "epoch milliseconds"),
    ]
    for names, make_values, note in cases:
        for name in names:
            add(name, make_values(), None, note)


positives()
negatives()

order = list(range(len(FIELDS)))
rng.shuffle(order)
with open(os.path.join(HERE, "labelled-fields.jsonl"), "w", encoding="utf-8", newline="\n") as out:
    for i in order:
        out.write(json.dumps(FIELDS[i], ensure_ascii=False) + "\n")


def employees_csv(rows=60):
    header = ["工号", "姓名", "身份证号", "手机", "邮箱", "部门", "入职日期", "工资卡号", "车牌号", "紧急联系人电话"]
    lines = [",".join(header)]
    for i in range(rows):
        y, m, d = rand_date(2010, 2025)
        lines.append(",".join([
            f"E{10001 + i}", make_person_name(), make_id() if rng.random() > 0.03 else "", make_mobile("plain"),
            make_email(), rng.choice(DEPARTMENTS), f"{y}-{m:02d}-{d:02d}", make_card(False),
            make_plate() if rng.random() < 0.6 else "", make_mobile(rng.choice(["plain", "dash", "+86"]))]))
    return "\n".join(lines) + "\n"


with open(os.path.join(HERE, "employees.csv"), "w", encoding="utf-8", newline="\n") as out:
    out.write(employees_csv())

positives_count = sum(1 for f in FIELDS if f["expected"])
print(f"{len(FIELDS)} fields ({positives_count} positive, {len(FIELDS) - positives_count} negative)")
