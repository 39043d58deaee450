#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""
Independent held-out evaluation set for the field auto-classifier (分类分级).

Written WITHOUT looking at the classifier implementation or at the existing
evaluation set. Values imitate what Chinese plant systems really export
(用友/金蝶/SAP ERP, MES, WMS, HR/payroll, 门禁/车辆管理, SCADA/PLC historians,
CRM, 供应商 portals).

Output: holdout-fields.jsonl next to this script, one object per line:
    {"name": <field name>, "values": [str | null, ...], "expected": <label> | null}

Labelling rules used (the classifier's *intended* behaviour):
  * values decide, the field name only raises confidence;
  * blanks (null, "", whitespace, "无", "N/A", "-") do not count;
  * >= 80 % of the remaining values of one kind -> that kind;
  * >= 50 % suffices when the field name clearly hints the kind;
  * otherwise null.
Every field is checked programmatically below against reference validators
(ID / USCC check characters, Luhn, mobile / plate / e-mail / PLC patterns):
positives must clear their threshold with margin and must not look like
another kind; negatives must stay well below every threshold.

Deterministic: fixed seed, stdlib only.  Run:  python3 generate_holdout.py
"""
import datetime
import json
import os
import random
import re
import string
from collections import Counter

SEED = 7919
R = random.Random(SEED)

ID = "PRC_RESIDENT_ID"
MOB = "MOBILE_CN"
EMAIL = "EMAIL"
BANK = "BANK_CARD"
USCC = "USCC"
PLATE = "LICENCE_PLATE"
NAME = "PERSON_NAME_ZH"
PLC = "PLC_TAG"
LABELS = [ID, MOB, EMAIL, BANK, USCC, PLATE, NAME, PLC]

# Blank tokens the rules say do not count.  Only these are used as "blank"
# filler in positives; anything else (NULL, /, 暂无 ...) is treated as a
# non-matching value when checking positives, and as blank when checking
# negatives, so labels hold under either interpretation.
STRICT_BLANKS = [None, "", "无", "N/A", "-"]
LOOSE_EXTRA = {"null", "none", "/", "——", "--", "暂无", "n/a", "na", "#n/a"}


def is_blank_strict(v):
    return v is None or v.strip() in ("", "无", "N/A", "-")


def is_blank_loose(v):
    return is_blank_strict(v) or v.strip().lower() in LOOSE_EXTRA


# --------------------------------------------------------------------------
# reference algorithms
# --------------------------------------------------------------------------
PROVINCE_CODES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                  41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65}
REGIONS = ["110105", "110108", "120104", "130102", "130602", "140105", "150102",
           "210102", "210203", "220102", "230103", "310104", "310115", "320102",
           "320205", "320583", "330102", "330106", "330108", "330203", "330302",
           "330402", "330502", "330602", "330782", "331002", "340104", "350203",
           "360102", "370202", "370102", "410105", "420106", "430104", "440305",
           "440106", "441900", "450103", "460106", "500103", "510107", "520102",
           "530102", "540102", "610113", "620102", "630102", "640104", "650102"]
# plants are mostly in 浙江 in this dataset; bias the region pool a bit
ZJ_REGIONS = [r for r in REGIONS if r.startswith("33")]

ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_MAP = "10X98765432"


def id_check(body17):
    return ID_MAP[sum(int(c) * w for c, w in zip(body17, ID_W)) % 11]


def _valid_date(y, m, d):
    try:
        datetime.date(y, m, d)
        return True
    except ValueError:
        return False


ID18_RE = re.compile(r"^\d{17}[\dXx]$")
ID15_RE = re.compile(r"^\d{15}$")


def is_id18(v):
    v = v.strip()
    if not ID18_RE.match(v) or int(v[:2]) not in PROVINCE_CODES:
        return False
    y, m, d = int(v[6:10]), int(v[10:12]), int(v[12:14])
    if not (1900 <= y <= 2026 and _valid_date(y, m, d)):
        return False
    return id_check(v[:17]) == v[17].upper()


def is_id15(v):
    v = v.strip()
    if not ID15_RE.match(v) or int(v[:2]) not in PROVINCE_CODES:
        return False
    return _valid_date(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12]))


def is_id(v):
    return is_id18(v) or is_id15(v)


MOB_RE = re.compile(r"^1[3-9]\d{9}$")


def is_mobile(v):
    s = re.sub(r"[\s\-]", "", v.strip())
    s = re.sub(r"^(\+86|0086|86)(?=1\d{10}$)", "", s)
    return bool(MOB_RE.match(s))


EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def is_email(v):
    return bool(EMAIL_RE.match(v.strip()))


def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_digit(body):
    for d in "0123456789":
        if luhn_ok(body + d):
            return d
    raise AssertionError


def is_bank(v):
    s = re.sub(r"\s", "", v.strip())
    return bool(re.match(r"^(62|4|5|3)\d{14,17}$", s)) and luhn_ok(s)


USCC_CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def uscc_check(body17):
    s = sum(USCC_CS.index(c) * w for c, w in zip(body17, USCC_W))
    return USCC_CS[(31 - s % 31) % 31]


def is_uscc(v):
    v = v.strip()
    return bool(USCC_RE.match(v)) and uscc_check(v[:17]) == v[17]


ORG_W = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body8):
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_W))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PL = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O
PLATE_RE = re.compile(
    r"^[%s][%s]·?(?:[%s0-9]{5}|[DF][%s0-9]\d{4}|\d{5}[DF]|[%s0-9]{4}[挂学警])$"
    % (PROV, PL, PL, PL, PL))


def is_plate(v):
    return bool(PLATE_RE.match(v.strip()))


SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
                "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
                "顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
            "夏侯", "长孙", "宇文", "司徒"]
NAME_RE = re.compile(r"^(?:%s|[%s])[\u4e00-\u9fff]{1,2}$" % ("|".join(COMPOUND), "".join(SURNAMES)))


def looks_like_name(v):
    # deliberately naive: surname + 1-2 Han chars.  Used only to REPORT
    # hard negatives (cities, departments ...) that a naive recogniser would hit.
    return bool(NAME_RE.match(v.strip()))


PLC_STRICT_RES = [re.compile(p) for p in [
    r"^%?DB\d+\.DB[XBWD]\d+(\.[0-7])?$",            # Siemens DB addressing
    r"^%?[IQMEA]\d+\.[0-7]$",                         # I0.1 / %Q1.0 / M10.2
    r"^%?P?[IQMEA][BWD]\d+$",                         # MW100 / %IW64 / PIW256
    r"^[NBTCFRSIO]\d*:\d+([./][A-Za-z0-9]+)?$",      # AB PLC-5/SLC  N7:0 B3:0/1
    r"^Local:\d+:[IOC]\.[A-Za-z]\w*(\.\w+)*$",       # Logix module tags
    r"^ns=\d+;[sigb]=.+$",                            # OPC UA NodeId
]]
DOTTED_RE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*){2,}$")


def is_plc_strict(v):
    v = v.strip()
    return any(p.match(v) for p in PLC_STRICT_RES)


def is_plc(v):
    return is_plc_strict(v) or bool(DOTTED_RE.match(v.strip()))


VALIDATORS = {ID: is_id, MOB: is_mobile, EMAIL: is_email, BANK: is_bank,
              USCC: is_uscc, PLATE: is_plate, NAME: looks_like_name, PLC: is_plc}
# validators precise enough to assert on for negatives
STRICT_FOR_NEG = {ID: is_id, MOB: is_mobile, EMAIL: is_email, BANK: is_bank,
                  USCC: is_uscc, PLATE: is_plate, PLC: is_plc_strict}


# --------------------------------------------------------------------------
# self tests of the reference algorithms
# --------------------------------------------------------------------------
def self_test():
    assert id_check("11010519491231002") == "X"
    assert is_id18("11010519491231002X") and is_id18("11010519491231002x")
    assert not is_id18("110105194912310021")
    assert is_uscc("914403001922038216")       # public record, 华为技术有限公司
    assert is_uscc("91440300708461136T")       # public record, 腾讯计算机系统
    assert not is_uscc("914403001922038217")
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert is_mobile("+86 138 0013 8000") and is_mobile("0086-138-0013-8000")
    assert not is_mobile("0571-88886666") and not is_mobile("10020030045")
    assert is_plate("浙A·12345") and is_plate("粤BD12345") and is_plate("沪A12345D")
    assert is_plate("鲁H1234挂") and not is_plate("杭A12345")
    assert is_plc_strict("DB1.DBX0.0") and is_plc_strict("ns=2;s=Line1.Press.Temp")
    assert is_plc_strict("B3:0/1") and is_plc_strict("%MW100") and is_plc_strict("Local:1:I.Data.0")
    assert not is_plc_strict("com.acme.mes.Order")
    assert looks_like_name("欧阳娜娜") and looks_like_name("王芳")


# --------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------
DIG = string.digits


def digits(n, first_nonzero=False):
    s = "".join(R.choice(DIG) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = R.choice("123456789") + s[1:]
    return s


def rand_date(y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(R.randint(a, b))


def pick_region():
    return R.choice(ZJ_REGIONS) if R.random() < 0.45 else R.choice(REGIONS)


def gen_id(y0=1962, y1=2004, want_x=None):
    for _ in range(10000):
        body = pick_region() + rand_date(y0, y1).strftime("%Y%m%d") + "%03d" % R.randint(1, 999)
        c = id_check(body)
        if want_x is None or (c == "X") == want_x:
            v = body + c
            assert is_id18(v)
            return v
    raise AssertionError


def gen_id_lower_x():
    v = gen_id(want_x=R.random() < 0.4)
    return v[:17] + v[17].lower()


def gen_id15():
    while True:
        v = pick_region() + rand_date(1935, 1999).strftime("%y%m%d") + "%03d" % R.randint(1, 999)
        if is_id15(v):
            return v


def gen_id_wrong_check():
    v = gen_id()
    wrong = R.choice([c for c in "0123456789X" if c != v[17]])
    v = v[:17] + wrong
    assert not is_id18(v)
    return v


def gen_id_sci():
    v = gen_id()
    return "%s.%sE+17" % (v[0], v[1:6])


MOB_PREFIX = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
              "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "172", "173",
              "175", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
              "188", "189", "191", "193", "195", "198", "199"]


def gen_mobile_raw():
    return R.choice(MOB_PREFIX) + digits(8)


def fmt_mobile(m, style):
    return {
        "plain": m,
        "space": "%s %s %s" % (m[:3], m[3:7], m[7:]),
        "dash": "%s-%s-%s" % (m[:3], m[3:7], m[7:]),
        "p86": "+86" + m,
        "p86s": "+86 " + m,
        "n86": "86" + m,
        "z86": "0086" + m,
        "z86s": "0086 " + m,
        "p86dash": "+86-%s-%s-%s" % (m[:3], m[3:7], m[7:]),
    }[style]


def gen_mobile(styles=("plain",), weights=None):
    v = fmt_mobile(gen_mobile_raw(), R.choices(styles, weights=weights)[0])
    assert is_mobile(v)
    return v


AREA3 = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"]
AREA4 = ["0571", "0574", "0577", "0575", "0573", "0576", "0579", "0512", "0510", "0531", "0532",
         "0755", "0769", "0592", "0551"]


def gen_landline(style=None, ext=False):
    ac = R.choice(AREA3) if R.random() < 0.3 else R.choice(AREA4)
    num = R.choice("2345678") + digits(7)
    style = style or R.choice(["dash", "dash", "dash", "paren", "plain", "space"])
    v = {"dash": "%s-%s" % (ac, num), "paren": "(%s)%s" % (ac, num), "plain": ac + num,
         "space": "%s %s" % (ac, num)}[style]
    if ext:
        v += R.choice(["-", "转", " ext."]) + digits(R.choice([3, 4]), True)
    assert not is_mobile(v)
    return v


PINYIN = ["zhangwei", "wangfang", "lina", "liuyang", "chenjie", "yangli", "huangmin", "zhaolei",
          "wuhao", "zhouqiang", "xujing", "sunli", "maqiang", "zhuming", "hujun", "guoyan",
          "heping", "gaofeng", "linxiao", "luobin", "zhengkai", "liangchen", "xieyu", "songtao",
          "tangjing", "xuhui", "hanmei", "fengyu", "dengchao", "caolin", "pengfei", "zengli",
          "xiaoyu", "tianye", "dongwei", "yuanjie", "panyue", "jiangtao", "caijun", "shenyang",
          "ouyangna", "zhugeliang", "situxin", "yejian", "chengbo", "sujie", "weiwei", "lvfang"]
PUBLIC_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "sina.cn", "sohu.com", "foxmail.com",
                  "aliyun.com", "139.com", "yeah.net", "hotmail.com", "outlook.com", "gmail.com"]
COMPANY_DOMAINS = ["hengli-machinery.com", "zjjxgroup.com.cn", "acme-bearing.com", "hzpump.cn",
                   "nbmould.com", "wzvalve.com.cn", "jinhua-motor.com", "sxtextile.cn",
                   "huadong-steel.com.cn", "yuhuan-valve.com", "cixi-electric.cn", "tzplastic.com"]
ROLES = ["sales", "purchase", "caigou", "finance", "caiwu", "hr", "qc", "service", "info", "wms",
         "logistics", "admin", "it", "zhijian"]


def gen_email(kind="mix"):
    k = kind if kind != "mix" else R.choice(["public", "public", "qq", "company", "company"])
    p = R.choice(PINYIN)
    if k == "qq":
        v = str(R.randint(100000, 3999999999)) + "@qq.com"
    elif k == "public":
        local = R.choice([p, p + digits(R.choice([2, 3, 4])), p + str(R.randint(1965, 2003)),
                          p + "_" + R.choice(["hz", "nb", "wz", "sx"]), p[:2] + digits(6)])
        v = local + "@" + R.choice(PUBLIC_DOMAINS)
    elif k == "netease":
        v = R.choice([p, p + digits(3), p + "_" + digits(2)]) + "@" + R.choice(["163.com", "126.com", "yeah.net"])
    else:
        local = R.choice([p, p, "%s.%s" % (R.choice(PINYIN), R.choice(PINYIN)), R.choice(ROLES),
                          R.choice(ROLES) + digits(2)])
        v = local + "@" + R.choice(COMPANY_DOMAINS)
    assert is_email(v)
    return v


UP_BINS = [("622202", 19), ("621226", 19), ("621700", 19), ("622848", 19), ("621661", 19),
           ("622588", 16), ("621483", 16), ("622262", 19), ("623058", 19), ("622908", 18),
           ("621799", 19), ("622150", 19), ("625801", 16), ("628288", 16), ("621485", 16),
           ("623668", 19), ("621467", 19)]
INTL_BINS = [("438088", 16), ("439225", 16), ("427020", 16), ("409666", 16), ("524070", 16),
             ("552599", 16), ("512425", 16), ("518710", 16), ("356889", 16), ("356827", 16),
             ("357851", 16)]


def gen_card(kind="up", group=False):
    bins = UP_BINS if kind == "up" else INTL_BINS if kind == "intl" else UP_BINS + INTL_BINS
    b, n = R.choice(bins)
    body = b + digits(n - len(b) - 1)
    v = body + luhn_digit(body)
    assert is_bank(v) and 16 <= len(v) <= 19
    if group:
        v = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
        assert is_bank(v)
    return v


def gen_card_sci():
    v = gen_card("up")
    return "%s.%sE+%d" % (v[0], v[1:6], len(v) - 1)


def luhn_fail(n, prefix=""):
    body = prefix + digits(n - len(prefix) - 1, first_nonzero=not prefix)
    good = int(luhn_digit(body))
    v = body + str((good + R.randint(1, 9)) % 10)
    assert not luhn_ok(v)
    return v


ORG_LETTERS = [c for c in USCC_CS if c.isalpha()]


def gen_org_code(style=None):
    style = style or ("MA" if R.random() < 0.4 else "num")
    if style == "MA":
        body = "MA" + R.choice("0123456789") + "".join(R.choice(DIG + "".join(ORG_LETTERS)) for _ in range(5))
    else:
        body = digits(8, True)
    c = org_check(body)
    return body + c


def gen_uscc():
    auth, typ = R.choices([("9", "1"), ("9", "2"), ("9", "3"), ("1", "2"), ("5", "2"), ("5", "1"),
                           ("1", "1"), ("Y", "1")],
                          weights=[70, 10, 3, 5, 4, 2, 3, 1])[0]
    # "MA…" organisation parts are issued to enterprises (authority 9) only
    body = auth + typ + pick_region() + gen_org_code("MA" if auth == "9" and R.random() < 0.45 else "num")
    v = body + uscc_check(body)
    assert is_uscc(v) and len(v) == 18
    return v


def gen_uscc_wrong():
    v = gen_uscc()
    v = v[:17] + R.choice([c for c in USCC_CS if c != v[17]])
    assert not is_uscc(v)
    return v


def gen_old_tax_no():
    return pick_region() + gen_org_code("num")


def pick_prov():
    return "浙" if R.random() < 0.5 else R.choice(PROV)


def _alnum_tail():
    pat = R.choices(["ddddd", "Ldddd", "LLddd", "dLddd", "dddLL", "ddLdd"],
                    weights=[40, 30, 8, 8, 7, 7])[0]
    return "".join(R.choice(DIG) if c == "d" else R.choice(PL) for c in pat)


def gen_plate(kind="blue", dot=False, prov=None):
    p = prov or pick_prov()
    city = R.choice(PL[:10]) if R.random() < 0.85 else R.choice(PL)
    if kind == "mix":
        kind = R.choices(["blue", "nev_s", "nev_l"], weights=[75, 20, 5])[0]
    if kind == "blue":
        tail = _alnum_tail()
    elif kind == "nev_s":
        tail = R.choice("DF") + R.choice(DIG + PL) + digits(4)
    elif kind == "nev_l":
        tail = digits(5) + R.choice("DF")
    elif kind == "trailer":
        tail = digits(4) + "挂" if R.random() < 0.8 else R.choice(PL) + digits(3) + "挂"
    elif kind == "xue":
        tail = digits(4) + "学"
    elif kind == "jing":
        tail = digits(4) + "警"
    else:
        raise ValueError(kind)
    v = p + city + ("·" if dot else "") + tail
    assert is_plate(v), v
    return v


GIVEN1 = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚文华红婷宇浩鹏俊博欣雨轩佳怡辉斌凯亮峰琳慧倩雪丹晨阳海波燕萍鑫颖蕾琪昊然睿航")
GIVEN2 = ["秀英", "秀兰", "桂英", "建华", "建国", "志强", "玉兰", "子涵", "梓萱", "一诺", "晓东", "海燕",
          "国强", "春梅", "志明", "丽娟", "文博", "思远", "雨桐", "嘉怡", "浩然", "俊杰", "晓峰", "建军",
          "红梅", "立新", "国庆", "金凤", "永刚", "德华", "小龙", "美玲", "卫东", "振华", "婉婷", "宏伟"]


def gen_name(compound_rate=0.04):
    if R.random() < compound_rate:
        s = R.choice(COMPOUND)
        g = R.choice(GIVEN1) if R.random() < 0.6 else R.choice(GIVEN2)
    else:
        s = R.choice(SURNAMES)
        g = R.choice(GIVEN1) if R.random() < 0.4 else R.choice(GIVEN2)
    v = s + g
    assert looks_like_name(v) and 2 <= len(v) <= 4
    return v


def gen_name_padded():
    # HR systems pad 2-char names to 3 columns with a full-width space
    while True:
        v = gen_name(0)
        if len(v) == 2:
            return v[0] + "\u3000" + v[1]


EQUIP = ["Motor", "Pump", "Press", "Conveyor", "Oven", "Robot", "Valve", "Fan", "Mixer",
         "Extruder", "Chiller", "Compressor", "Furnace", "Spindle"]
SIGNAL = ["Speed", "Temp", "Pressure", "Current", "Run", "Fault", "Alarm", "Setpoint", "Level",
          "Flow", "Torque", "Count", "Status", "Voltage", "Position", "Vibration"]


def gen_s7_db():
    db = R.choice([1, 2, 3, 5, 10, 20, 100, 101, 200])
    t = R.choice(["X", "X", "W", "D", "B"])
    if t == "X":
        return "DB%d.DBX%d.%d" % (db, R.randint(0, 120), R.randint(0, 7))
    if t == "W":
        return "DB%d.DBW%d" % (db, 2 * R.randint(0, 120))
    if t == "D":
        return "DB%d.DBD%d" % (db, 4 * R.randint(0, 60))
    return "DB%d.DBB%d" % (db, R.randint(0, 200))


def gen_s7_io(pct=True):
    p = "%" if pct else ""
    t = R.choice(["bit", "bit", "word", "dword"])
    if t == "bit":
        return "%s%s%d.%d" % (p, R.choice("IQM"), R.randint(0, 20), R.randint(0, 7))
    if t == "word":
        return "%s%sW%d" % (p, R.choice("IQM"), 2 * R.randint(0, 100))
    return "%s%sD%d" % (p, R.choice("M"), 4 * R.randint(0, 50))


def gen_ab_slc():
    t = R.choice(["N", "N", "B", "T", "C", "F", "IO"])
    if t == "N":
        return "N%d:%d" % (R.choice([7, 10, 11, 12]), R.randint(0, 80))
    if t == "B":
        return "B3:%d/%d" % (R.randint(0, 20), R.randint(0, 15))
    if t == "T":
        return "T4:%d.%s" % (R.randint(0, 30), R.choice(["ACC", "PRE", "DN", "EN", "TT"]))
    if t == "C":
        return "C5:%d.%s" % (R.randint(0, 20), R.choice(["ACC", "PRE", "DN"]))
    if t == "F":
        return "F8:%d" % R.randint(0, 40)
    return "%s:%d/%d" % (R.choice("IO"), R.randint(0, 6), R.randint(0, 15))


def gen_ab_logix():
    slot = R.randint(1, 12)
    d = R.choice(["I", "O", "I", "C"])
    tail = R.choice(["Data.%d" % R.randint(0, 31), "Ch%dData" % R.randint(0, 7), "Fault",
                     "Data", "Ch%d.Data" % R.randint(0, 3)])
    return "Local:%d:%s.%s" % (slot, d, tail)


def gen_dotted_tag(style=None):
    style = style or R.choice(["plc", "kep", "line"])
    if style == "plc":
        return "PLC%d.Line%d.%s%d.%s" % (R.randint(1, 6), R.randint(1, 4), R.choice(EQUIP),
                                         R.randint(1, 9), R.choice(SIGNAL))
    if style == "kep":
        return "Channel%d.Device%d.%s" % (R.randint(1, 4), R.randint(1, 8),
                                           R.choice(["Tag%d" % R.randint(1, 60),
                                                     "%s_%s" % (R.choice(EQUIP), R.choice(SIGNAL))]))
    return "Line%d.%s%d.%s" % (R.randint(1, 5), R.choice(EQUIP), R.randint(1, 9), R.choice(SIGNAL))


def gen_opcua(kind=None):
    kind = kind or R.choice(["s", "s", "i"])
    ns = R.choice([2, 2, 3, 4, 1])
    if kind == "i":
        return "ns=%d;i=%d" % (ns, R.randint(1000, 9999))
    return "ns=%d;s=%s" % (ns, R.choice([gen_dotted_tag(), "Line%d.%s.%s" % (
        R.randint(1, 4), R.choice(EQUIP), R.choice(SIGNAL))]))


# ------------------------------- negatives ----------------------------------
def pick(pool):
    return lambda: R.choice(pool)


def gen_emp_no():
    return R.choice(["E", "E", "HR", "W", "ZJ"]) + digits(R.choice([4, 5, 6]), True)


def gen_passport():
    return R.choice(["E", "E", "G", "EA", "EB"]) + digits(8 if R.random() < 0.7 else 7)


def gen_foreign_passport():
    return R.choice(["M", "K", "P", "X", "S"]) + digits(R.choice([7, 8]))


def gen_order18():
    d = rand_date(2024, 2026).strftime("%Y%m%d")
    return d + digits(9) + R.choice(DIG + "X")


def gen_serial18():
    return digits(17, True) + R.choice(DIG + "X")


def gen_datetime(fmt="%Y-%m-%d %H:%M:%S"):
    d = rand_date(2024, 2026)
    t = datetime.datetime(d.year, d.month, d.day, R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
    return t.strftime(fmt)


def gen_ip():
    return R.choice(["192.168.%d.%d" % (R.randint(0, 20), R.randint(2, 254)),
                     "10.%d.%d.%d" % (R.randint(0, 30), R.randint(0, 255), R.randint(2, 254)),
                     "172.16.%d.%d" % (R.randint(0, 31), R.randint(2, 254))])


def gen_mac(sep=":"):
    return sep.join("%02X" % R.randint(0, 255) for _ in range(6))


def gen_ean13():
    body = R.choice(["690", "691", "692", "693", "694", "695", "696"]) + digits(9)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def gen_iccid():
    body = R.choice(["898600", "898602", "898604", "898611", "898603", "898606"]) + digits(13)
    return body + luhn_digit(body)


def gen_imei():
    body = "86" + digits(12)
    return body + luhn_digit(body)


def gen_imsi():
    return R.choice(["46000", "46001", "46002", "46007", "46011"]) + digits(10)


def gen_vin():
    cs = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return R.choice(["LSV", "LFV", "LGB", "LHG", "LZW", "LVS", "LBV"]) + "".join(R.choice(cs) for _ in range(5)) \
        + R.choice(DIG + "X") + R.choice("LMNPR") + R.choice("0123456789ABC") + digits(6)


def amount():
    v = R.choice([R.uniform(10, 999), R.uniform(1000, 99999), R.uniform(100000, 2000000)])
    return R.choice(["%.2f" % v, "{:,.2f}".format(v), "¥%.2f" % v])


def gen_java_class():
    return "com.%s.%s.%s.%s" % (R.choice(["acme", "hengli", "zjjx", "yonyou", "kingdee"]),
                                R.choice(["mes", "wms", "erp", "qms", "eam"]),
                                R.choice(["domain", "service", "controller", "mapper", "entity"]),
                                R.choice(["Order", "WorkOrder", "Material", "StockMove",
                                          "InspectionLot", "Equipment", "OrderServiceImpl",
                                          "BomLine", "Shift", "Supplier"]))


def gen_dotnet_class():
    return "%s.%s.%s.%s" % (R.choice(["Acme", "Hengli", "Zjjx", "Siemens", "Wonderware"]),
                            R.choice(["Mes", "Wms", "Scada", "Historian"]),
                            R.choice(["Core", "Data", "Services", "Models", "Plugins"]),
                            R.choice(["WorkOrder", "TagReader", "AlarmHandler", "BatchRecord",
                                      "LineController", "DeviceManager", "RecipeLoader"]))


CITIES = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "义乌",
          "慈溪", "余姚", "上海", "苏州", "无锡", "常州", "南京", "合肥"]
DEPTS = ["设备科", "质检部", "生产部", "采购部", "仓储部", "财务部", "人事部", "销售部", "工艺科", "安环部",
         "总经办", "信息部", "品管部", "计划科", "物流部"]
SHIFTS = ["早班", "中班", "夜班", "白班", "晚班", "常日班"]
PRODUCTS = ["轴承6205", "齿轮箱", "减速机", "电机", "联轴器", "液压缸", "轴承6308-2RS", "密封圈", "法兰",
            "阀体", "泵壳", "叶轮", "链条", "皮带轮", "丝杠", "导轨", "变频器", "接触器"]
STATUS = ["合格", "待检", "报废", "返工", "让步接收", "不合格", "冻结", "已检"]
PROCESSES = ["冲压", "焊接", "喷涂", "总装", "机加工", "热处理", "注塑", "包装", "电镀", "清洗", "检验"]
WAREHOUSES = ["原料仓", "成品仓", "半成品仓", "备件库", "危化品库", "不良品仓", "外协仓"]
COMPANIES = ["杭州恒力机械有限公司", "宁波海天精工股份有限公司", "温州正泰电器有限公司", "绍兴纺织印染有限公司",
             "金华市华东电机厂", "台州玉环阀门有限公司", "嘉兴市新材料科技有限公司", "湖州南浔电缆有限公司",
             "浙江吉利汽车零部件有限公司", "上海宝钢物流有限公司", "苏州精密模具有限公司"]
SUPPLIER_SHORT = ["恒力", "海天", "宝钢", "正泰", "吉利", "华东", "万向", "杭氧", "中策", "巨化", "海亮", "卧龙"]
JOBS = ["班组长", "操作工", "质检员", "仓管员", "叉车工", "电工", "焊工", "钳工", "工艺员", "统计员", "主管"]
PROVINCES = ["浙江", "江苏", "安徽", "江西", "河南", "四川", "湖南", "湖北", "贵州", "云南", "山东", "福建"]
BANKS = ["中国工商银行杭州高新支行", "中国建设银行宁波分行", "中国农业银行温州瓯海支行", "招商银行杭州分行",
         "中国银行绍兴分行营业部", "浙江泰隆商业银行台州路桥支行", "宁波银行总行营业部", "杭州银行科技支行"]
PHONE_MODELS = ["iPhone 15", "iPhone 14 Pro", "iPhone 13", "华为Mate60", "华为Mate60 Pro", "华为P60", "小米14",
                "Redmi K70", "OPPO Reno11", "vivo X100", "荣耀Magic6", "荣耀X50", "一加12"]
DEFECTS = ["划伤", "毛刺", "尺寸超差", "气孔", "裂纹", "变形", "漏焊", "色差", "锈蚀", "缺料"]


def gen_address():
    return "浙江省%s市%s区%s路%d号" % (R.choice(["杭州", "宁波", "温州", "绍兴", "台州"]),
                                 R.choice(["西湖", "滨江", "鄞州", "瓯海", "越城", "黄岩", "萧山"]),
                                 R.choice(["文三", "江南大道", "中山东", "人民", "解放", "工业"]),
                                 R.randint(1, 999))


# --------------------------------------------------------------------------
# column assembly
# --------------------------------------------------------------------------
def N(lo=20, hi=45):
    return R.randint(lo, hi)


def col(n, gen, blanks=0.0, dirty=None, dfrac=0.0, blank_pool=None):
    """n values: `blanks` share taken from strict blank tokens; of the rest a
    `dfrac` share produced by `dirty` (callable or list); others by `gen`."""
    pool = blank_pool or STRICT_BLANKS
    n_blank = int(round(n * blanks))
    n_non = n - n_blank
    n_dirty = int(n_non * dfrac) if dirty is not None else 0
    dgen = dirty if callable(dirty) else (lambda: R.choice(dirty))
    vals = [gen() for _ in range(n_non - n_dirty)] + [dgen() for _ in range(n_dirty)] \
        + [R.choice(pool) for _ in range(n_blank)]
    R.shuffle(vals)
    return vals


def reuse(pool_size, gen):
    """Values drawn with repetition from a small pool (operators, trucks ...)."""
    pool = [gen() for _ in range(pool_size)]
    return lambda: R.choice(pool)


FIELDS = []


def P(name, label, values, hint=False, tags=()):
    FIELDS.append({"name": name, "values": values, "expected": label, "hint": hint, "tags": list(tags)})


def NEG(name, values, limit=0.3, tags=()):
    FIELDS.append({"name": name, "values": values, "expected": None, "limit": limit, "tags": list(tags)})


def build():
    # ============================ POSITIVES ================================
    # ---- PRC_RESIDENT_ID (19)
    P("公民身份号码", ID, col(N(), gen_id))
    P("身份证号(18位)", ID, col(N(), gen_id, blanks=0.08))
    # 外籍员工 rows carry passport numbers; name clearly says 身份证 -> 50 % rule
    P("身份证号", ID, col(N(30, 40), gen_id, dirty=gen_foreign_passport, dfrac=0.3), hint=True,
      tags=["hint_rule_50pct"])
    P("sfzh", ID, col(N(), gen_id))
    P("id_card", ID, col(N(30, 50), gen_id_lower_x), tags=["lowercase_x"])
    P("驾驶证号", ID, col(N(), lambda: gen_id(1958, 2003)))
    P("社会保障号码", ID, col(N(), lambda: gen_id(1960, 2005), blanks=0.05))
    P("remark", ID, col(N(25, 40), gen_id, dirty=["待核实", "外包人员", "已离职，证件未收"], dfrac=0.08),
      tags=["misleading_name", "dirty"])
    P("备注", ID, col(N(), gen_id), tags=["misleading_name"])
    P("col_7", ID, col(N(), gen_id), tags=["neutral_name"])
    P("身份证号(旧)", ID, col(N(), gen_id15, dirty=gen_id, dfrac=0.2), tags=["legacy_15"])
    P("证件号", ID, col(N(), lambda: gen_id(1935, 1990), dirty=gen_id15, dfrac=0.2), tags=["legacy_15"])
    P("ID_NO", ID, col(N(30, 45), gen_id, dirty=lambda: "'" + gen_id(), dfrac=0.08), tags=["dirty", "excel_apostrophe"])
    P("身份证", ID, col(N(), gen_id, dirty=lambda: gen_id() + " ", dfrac=0.1), tags=["dirty", "trailing_space"])
    P("联系人身份证", ID, col(N(), gen_id))
    P("收货人证件号", ID, col(N(), gen_id_lower_x, blanks=0.1), tags=["lowercase_x"])
    P("法人身份证号", ID, col(N(15, 20), lambda: gen_id(1950, 1995)))
    P("ext_a", ID, col(N(), gen_id), tags=["neutral_name"])
    P("员工身份证号", ID, col(N(35, 50), gen_id, dirty=gen_id_sci, dfrac=0.08), tags=["dirty", "excel_sci_notation"])

    # ---- MOBILE_CN (19)
    P("手机号", MOB, col(N(), gen_mobile))
    P("联系电话", MOB, col(N(30, 40), gen_mobile, dirty=gen_landline, dfrac=0.3), hint=True,
      tags=["hint_rule_50pct"])
    P("手机", MOB, col(N(), lambda: gen_mobile(("plain", "p86", "p86s"), (6, 2, 2))))
    P("mobile", MOB, col(N(), lambda: gen_mobile(("dash",))))
    P("tel", MOB, col(N(), lambda: gen_mobile(("space", "plain"), (8, 2))))
    P("司机电话", MOB, col(N(), reuse(12, gen_mobile), blanks=0.06))
    P("紧急联系人电话", MOB, col(N(), lambda: gen_mobile(("plain", "space", "dash", "p86"), (5, 2, 2, 1)), blanks=0.05))
    P("收货人电话", MOB, col(N(), gen_mobile))
    P("sjh", MOB, col(N(), gen_mobile))
    P("备用字段1", MOB, col(N(), gen_mobile), tags=["neutral_name"])
    P("col_3", MOB, col(N(), lambda: gen_mobile(("plain", "n86", "z86", "z86s", "p86dash"), (4, 2, 2, 1, 1))),
      tags=["neutral_name", "country_prefix"])
    P("联系方式", MOB, col(N(30, 50), gen_mobile, dirty=gen_landline, dfrac=0.1))
    P("电话", MOB, col(N(35, 45), gen_mobile, dirty=gen_landline, dfrac=0.35), hint=True, tags=["hint_rule_50pct"])
    P("身份证号码(错列)", MOB, col(N(), gen_mobile), tags=["misleading_name", "name_contradicts_values"])
    P("phone", MOB, col(N(), gen_mobile, blanks=0.1, blank_pool=["无", "无", "-", None]))
    P("手机号码", MOB, col(N(30, 50), gen_mobile, dirty=lambda: gen_mobile_raw() + ".0", dfrac=0.06),
      tags=["dirty", "float_suffix"])
    P("value", MOB, col(N(), gen_mobile), tags=["neutral_name"])
    P("供应商联系人手机", MOB, col(N(), gen_mobile))
    P("报修人电话", MOB, col(N(30, 45), gen_mobile, dirty=lambda: digits(4, True), dfrac=0.08),
      tags=["dirty", "extension_numbers"])

    # ---- EMAIL (19)
    P("邮箱", EMAIL, col(N(), gen_email))
    P("email", EMAIL, col(N(), lambda: gen_email("company")))
    P("电子邮箱", EMAIL, col(N(), lambda: gen_email("qq")))
    P("E-mail", EMAIL, col(N(), lambda: gen_email("netease")))
    P("邮箱地址", EMAIL, col(N(30, 40), gen_email, dirty=lambda: str(R.randint(100000, 2999999999)), dfrac=0.3),
      hint=True, tags=["hint_rule_50pct", "bare_qq_numbers"])
    P("yx", EMAIL, col(N(), gen_email))
    P("联系人邮箱", EMAIL, col(N(), lambda: gen_email("company"), blanks=0.05))
    P("mail", EMAIL, col(N(), lambda: (lambda e: e[0].upper() + e[1:] if R.random() < 0.5 else e.upper())(
        gen_email("company"))), tags=["mixed_case"])
    P("memo", EMAIL, col(N(), gen_email), tags=["misleading_name"])
    P("col_12", EMAIL, col(N(), gen_email), tags=["neutral_name"])
    P("通知邮箱", EMAIL, col(N(30, 40), gen_email, dirty=lambda: gen_email() + ";" + gen_email(), dfrac=0.05),
      tags=["dirty", "multi_address"])
    P("联系手机", EMAIL, col(N(), gen_email), tags=["misleading_name", "name_contradicts_values"])
    P("账号邮箱", EMAIL, col(N(), lambda: gen_email("company")))
    P("发票接收邮箱", EMAIL, col(N(), gen_email, blanks=0.12))
    P("供应商邮箱", EMAIL, col(N(), lambda: gen_email("company")))
    P("负责人邮箱", EMAIL, col(N(), gen_email, dirty=["待补充", "同上"], dfrac=0.06), tags=["dirty"])
    P("user_email", EMAIL, col(N(), lambda: gen_email("public")))
    P("attr3", EMAIL, col(N(), gen_email), tags=["neutral_name"])
    P("收件人邮箱", EMAIL, col(N(), gen_email))

    # ---- BANK_CARD (19)
    P("银行卡号", BANK, col(N(), gen_card))
    P("工资卡号", BANK, col(N(), gen_card, blanks=0.05))
    P("card_no", BANK, col(N(), lambda: gen_card("up", group=True)), tags=["grouped_4"])
    P("开户卡号", BANK, col(N(), lambda: gen_card("up")))
    P("信用卡号", BANK, col(N(), lambda: gen_card("intl", group=R.random() < 0.5)), tags=["visa_mc_jcb"])
    P("yhkh", BANK, col(N(), gen_card))
    P("收款账号", BANK, col(N(), gen_card))
    P("报销卡号", BANK, col(N(), gen_card, dirty=["现金", "同工资卡"], dfrac=0.06), tags=["dirty"])
    P("备注2", BANK, col(N(), gen_card), tags=["misleading_name"])
    P("col_4", BANK, col(N(), lambda: gen_card("any")), tags=["neutral_name"])
    P("银行账号", BANK, col(N(35, 50), gen_card, dirty=gen_card_sci, dfrac=0.08), tags=["dirty", "excel_sci_notation"])
    P("bank_account", BANK, col(N(), gen_card))
    P("持卡人卡号", BANK, col(N(), lambda: gen_card("any", group=R.random() < 0.3)))
    P("工资卡", BANK, col(N(), gen_card, blanks=0.1, blank_pool=["无", "-", None, ""]))
    P("ext_c", BANK, col(N(), gen_card), tags=["neutral_name"])
    P("收款卡号", BANK, col(N(), lambda: gen_card("up", group=R.random() < 0.5)), tags=["grouped_4"])
    P("退款卡号", BANK, col(N(), lambda: gen_card("any")))
    P("支付卡号", BANK, col(N(), lambda: gen_card("intl")))
    P("data", BANK, col(N(), gen_card), tags=["neutral_name"])

    # ---- USCC (19)
    P("统一社会信用代码", USCC, col(N(), gen_uscc))
    P("纳税人识别号", USCC, col(N(), gen_uscc))
    P("税号", USCC, col(N(), gen_uscc, blanks=0.05))
    P("社会信用代码", USCC, col(N(), gen_uscc))
    P("credit_code", USCC, col(N(), gen_uscc))
    P("供应商信用代码", USCC, col(N(), gen_uscc))
    P("客户税号", USCC, col(N(30, 45), gen_uscc, dirty=["个人", "个人客户"], dfrac=0.08), tags=["dirty"])
    P("tyshxydm", USCC, col(N(), gen_uscc))
    P("购方税号", USCC, col(N(), gen_uscc))
    P("销方税号", USCC, col(N(), gen_uscc))
    P("供方纳税人识别号", USCC, col(N(35, 50), gen_uscc, dirty=gen_old_tax_no, dfrac=0.12),
      tags=["dirty", "old_15_char_tax_no_mixed"])
    P("col_8", USCC, col(N(), gen_uscc), tags=["neutral_name"])
    P("说明", USCC, col(N(), gen_uscc), tags=["misleading_name"])
    P("uscc", USCC, col(N(), gen_uscc))
    P("企业代码", USCC, col(N(), gen_uscc))
    P("承运商信用代码", USCC, col(N(), gen_uscc))
    P("单位代码", USCC, col(N(), gen_uscc))
    P("ext_d", USCC, col(N(), gen_uscc), tags=["neutral_name"])
    P("营业执照号", USCC, col(N(), gen_uscc))

    # ---- LICENCE_PLATE (19)
    P("车牌号", PLATE, col(N(), gen_plate))
    P("车牌", PLATE, col(N(), lambda: gen_plate(dot=True)), tags=["middle_dot"])
    P("plate_no", PLATE, col(N(), lambda: gen_plate("mix")), tags=["new_energy"])
    P("车号", PLATE, col(N(), reuse(14, gen_plate)))
    P("入场车牌", PLATE, col(N(35, 55), reuse(25, lambda: gen_plate("mix")), dirty=["未识别"], dfrac=0.05),
      tags=["dirty"])
    P("出场车牌", PLATE, col(N(35, 55), reuse(25, lambda: gen_plate("mix")), dirty=["无牌车", "未识别"], dfrac=0.08),
      tags=["dirty"])
    P("挂车号", PLATE, col(N(), lambda: gen_plate("trailer")), tags=["suffix_挂"])
    P("车辆号码", PLATE, col(N(), lambda: gen_plate(R.choice(["nev_s", "nev_s", "nev_l"]))), tags=["new_energy"])
    P("cph", PLATE, col(N(), gen_plate))
    P("送货车牌", PLATE, col(N(), lambda: gen_plate("mix", dot=R.random() < 0.4)), tags=["middle_dot"])
    P("备用字段3", PLATE, col(N(), gen_plate), tags=["neutral_name"])
    P("col_6", PLATE, col(N(), lambda: gen_plate("mix")), tags=["neutral_name"])
    P("车牌号码", PLATE, col(N(30, 45), lambda: gen_plate(R.choices(["blue", "nev_s", "xue", "jing"],
                                                                   weights=[70, 15, 8, 7])[0])),
      tags=["suffix_学警"])
    P("访客车牌", PLATE, col(N(), gen_plate, blanks=0.1))
    P("牵引车牌", PLATE, col(N(), gen_plate))
    P("vehicle", PLATE, col(N(), lambda: gen_plate("mix")))
    P("车牌信息", PLATE, col(N(30, 40), gen_plate, dirty=["外来车辆", "临时车", "未登记"], dfrac=0.3), hint=True,
      tags=["hint_rule_50pct"])
    P("字段5", PLATE, col(N(), gen_plate), tags=["neutral_name"])
    P("承运车辆", PLATE, col(N(), lambda: gen_plate(R.choice(["blue", "blue", "trailer"]))))

    # ---- PERSON_NAME_ZH (19)
    P("姓名", NAME, col(N(), gen_name))
    P("操作员", NAME, col(N(30, 50), reuse(6, gen_name)), tags=["repeated_values"])
    P("检验员", NAME, col(N(30, 50), reuse(4, gen_name)), tags=["repeated_values"])
    P("联系人", NAME, col(N(), gen_name, blanks=0.05))
    P("司机", NAME, col(N(), reuse(15, gen_name)))
    P("审批人", NAME, col(N(25, 40), reuse(3, gen_name)), tags=["repeated_values"])
    P("制单人", NAME, col(N(30, 50), reuse(5, gen_name), dirty=["admin", "系统", "system"], dfrac=0.08),
      tags=["dirty"])
    P("仓管员", NAME, col(N(), reuse(5, gen_name)))
    P("收货人", NAME, col(N(), gen_name))
    P("班组长", NAME, col(N(), reuse(8, gen_name)))
    P("xm", NAME, col(N(), gen_name))
    P("员工姓名", NAME, col(N(35, 50), gen_name, dirty=gen_name_padded, dfrac=0.06), tags=["dirty", "fullwidth_padding"])
    P("持卡人", NAME, col(N(), gen_name))
    P("法定代表人", NAME, col(N(), gen_name))
    P("col_5", NAME, col(N(), gen_name), tags=["neutral_name"])
    P("经手人", NAME, col(N(), lambda: gen_name(0.35)), tags=["compound_surnames"])
    P("申请人", NAME, col(N(), gen_name))
    P("维修人员", NAME, col(N(), reuse(7, gen_name)))
    P("ext_e", NAME, col(N(), gen_name), tags=["neutral_name"])

    # ---- PLC_TAG (19)
    P("变量地址", PLC, col(N(), gen_s7_db))
    P("tag_address", PLC, col(N(), lambda: gen_s7_db() if R.random() < 0.5 else gen_s7_io(False)))
    P("地址", PLC, col(N(), gen_s7_io), tags=["misleading_name"])
    P("Address", PLC, col(N(), gen_ab_slc))
    P("TagName", PLC, col(N(), lambda: gen_dotted_tag("kep")))
    P("NodeId", PLC, col(N(), lambda: gen_opcua("s")))
    P("node_id", PLC, col(N(), lambda: gen_opcua("i")))
    P("点位", PLC, col(N(), lambda: gen_dotted_tag("plc")))
    P("item_id", PLC, col(N(), lambda: gen_dotted_tag("kep")))
    P("col_2", PLC, col(N(), gen_s7_db), tags=["neutral_name"])
    P("PLC地址", PLC, col(N(), lambda: gen_s7_io(False)))
    P("数据点", PLC, col(N(), gen_opcua))
    P("tag", PLC, col(N(), gen_ab_logix))
    P("采集点", PLC, col(N(), gen_dotted_tag, blanks=0.05))
    P("source", PLC, col(N(), lambda: R.choice([gen_s7_db, gen_s7_io])()), tags=["neutral_name"])
    P("param", PLC, col(N(), gen_opcua), tags=["neutral_name"])
    P("opc_item", PLC, col(N(), lambda: R.choice([gen_dotted_tag, gen_opcua])()))
    P("通讯地址", PLC, col(N(), gen_s7_db), tags=["misleading_name"])
    P("point_name", PLC, col(N(), lambda: gen_dotted_tag("line"), dirty=["备用", "spare"], dfrac=0.06),
      tags=["dirty"])

    # ============================ NEGATIVES ================================
    # ---- ID-ish
    NEG("身份证号码", col(N(), gen_emp_no), tags=["name_hint_values_wrong"])
    NEG("身份证号(必填)", col(N(), pick(["000000000000000000", "111111111111111111", "待补录", "******",
                                    "123456789012345678", "未提供", "见附件"]), blanks=0.3),
        tags=["name_hint_values_wrong", "placeholders"])
    NEG("身份证件号码", col(N(20, 30), lambda: None, blanks=1.0), tags=["all_blank", "name_hint_values_wrong"])
    NEG("sfz", col(N(), gen_id_wrong_check), tags=["id_shaped_bad_check", "name_hint_values_wrong"])
    NEG("会员编号", col(N(), gen_id_wrong_check), tags=["id_shaped_bad_check"])
    NEG("订单号", col(N(), gen_order18), tags=["18_digit_serial"])
    NEG("流水号", col(N(), gen_serial18), tags=["18_digit_serial"])
    NEG("追溯码", col(N(), lambda: "33" + digits(16)), tags=["18_digit_serial"])
    NEG("身份证/工号", col(N(40, 50), gen_emp_no, dirty=gen_id, dfrac=0.3), limit=0.5,
        tags=["name_hint_below_50pct"])
    NEG("税务登记号", col(N(), gen_old_tax_no), tags=["old_15_char_tax_no"])
    NEG("纳税人识别号(旧)", col(N(), gen_old_tax_no), tags=["old_15_char_tax_no", "name_hint_values_wrong"])
    NEG("护照号", col(N(), gen_passport))
    NEG("港澳通行证号", col(N(), lambda: "C" + R.choice(PL) + digits(7)))
    NEG("工号", col(N(), gen_emp_no))
    NEG("员工编号", col(N(), lambda: "%06d" % R.randint(1, 20000)))
    # old 工商注册号: region + "000" + sequence -> "00MMDD" collides with a
    # legacy 15-digit ID born in 1900 for roughly a third of the values
    NEG("营业执照注册号", col(N(), lambda: R.choice(ZJ_REGIONS) + "000" + digits(6)), limit=0.5,
        tags=["old_15_digit_reg_no"])

    # ---- mobile-ish
    NEG("客户编号", col(N(), lambda: "10" + digits(9)), tags=["11_digit_non_mobile"])
    NEG("设备编号", col(N(), lambda: R.choice(["11", "12"]) + digits(9)), tags=["11_digit_non_mobile"])
    NEG("时间戳", col(N(), lambda: gen_datetime("%Y%m%d%H%M")[:11]), tags=["11_digit_non_mobile"])
    NEG("联系电话(座机)", col(N(), gen_landline), tags=["landline_only"])
    NEG("办公电话", col(N(), lambda: gen_landline(ext=R.random() < 0.5)), tags=["landline_only"])
    NEG("固定电话", col(N(), lambda: gen_landline(style="plain")), tags=["landline_only"])
    NEG("服务热线", col(N(15, 20), lambda: R.choice(["400", "800"]) + "-" + digits(3, True) + "-" + digits(4)))
    NEG("ext_b", col(N(40, 50), gen_mobile, dirty=gen_landline, dfrac=0.35), limit=0.8,
        tags=["neutral_name_65pct_mobile"])
    NEG("手机号(备)", col(N(40, 50), gen_landline, dirty=gen_mobile, dfrac=0.3), limit=0.5,
        tags=["name_hint_below_50pct"])
    NEG("QQ号", col(N(), lambda: str(R.randint(100000, 2999999999))))
    NEG("传真", col(N(), gen_landline))
    NEG("分机号", col(N(), lambda: digits(4, True)))
    NEG("create_time_ms", col(N(), lambda: str(R.randint(1704067200000, 1798761600000))),
        tags=["13_digit_ms_timestamp"])
    NEG("ts", col(N(), lambda: str(R.randint(1704067200, 1798761600))))
    NEG("集团短号", col(N(), lambda: "6" + digits(5)))
    NEG("电话区号", col(N(), lambda: R.choice(AREA3 + AREA4)))

    # ---- email-ish
    NEG("邮件地址", col(N(), lambda: gen_email().replace("@", "#")), tags=["email_no_at"])
    NEG("e_mail", col(N(), lambda: R.choice([gen_email().replace("@", "(at)"),
                                             gen_email().replace("@", ""),
                                             gen_email().replace("@", " at ")])), tags=["email_no_at"])
    NEG("网址", col(N(), lambda: "https://" + R.choice(["www.", "mes.", "srm.", ""]) + R.choice(COMPANY_DOMAINS)
                    + R.choice(["", "/", "/login", "/portal/index.html", "/api/v1/orders?id=%d" % R.randint(1, 999)])))
    NEG("官网", col(N(), lambda: "www." + R.choice(COMPANY_DOMAINS)))
    NEG("用户名", col(N(), lambda: R.choice(PINYIN) + R.choice(["", digits(2), "_" + digits(3)])))
    NEG("文件路径", col(N(), lambda: R.choice([
        "D:\\MES\\export\\%s_%s.csv" % (R.choice(["order", "qc", "stock"]), gen_datetime("%Y%m%d")),
        "/data/scada/%s/line%d.db" % (gen_datetime("%Y%m"), R.randint(1, 5)),
        "\\\\fileserver\\质检\\报告\\%s.pdf" % gen_datetime("%Y%m%d"),
        "/opt/mes/logs/app-%s.log" % gen_datetime("%Y-%m-%d")])))
    NEG("附件", col(N(), lambda: "%s_%s.%s" % (R.choice(["质检报告", "合同", "发票", "图纸", "检验记录"]),
                                             gen_datetime("%Y%m%d"), R.choice(["pdf", "xlsx", "docx", "jpg"]))))
    NEG("邮箱(QQ)", col(N(40, 50), lambda: str(R.randint(100000, 2999999999)), dirty=gen_email, dfrac=0.2),
        limit=0.5, tags=["name_hint_below_50pct"])
    NEG("邮箱域名", col(N(), pick(PUBLIC_DOMAINS + COMPANY_DOMAINS)))

    # ---- bank-ish
    NEG("运单号", col(N(), lambda: luhn_fail(R.choice([16, 17, 18, 19]), R.choice(["", "62", "4", "5"]))),
        tags=["16_19_digit_luhn_fail"])
    NEG("快递单号", col(N(), lambda: R.choice(["SF", "YT", "JDV", "ZTO"]) + digits(13)))
    NEG("发票号码", col(N(), lambda: R.choice(["24", "25", "26"]) + R.choice(["33", "31", "32"]) + "2000000"
                       + digits(9)), tags=["20_digit_invoice_no"])
    NEG("发票号码(纸质)", col(N(), lambda: digits(8)))
    NEG("批次号", col(N(), lambda: luhn_fail(16, gen_datetime("%Y%m%d"))), tags=["16_19_digit_luhn_fail"])
    NEG("序列号", col(N(), lambda: luhn_fail(R.choice([16, 19]), R.choice(["62", "4", "5", "35"]))),
        tags=["16_19_digit_luhn_fail", "bank_prefix"])
    NEG("会员卡号", col(N(), lambda: luhn_fail(16, "8800")), tags=["16_19_digit_luhn_fail"])
    NEG("条码", col(N(), gen_ean13), tags=["ean13"])
    NEG("发票代码", col(N(), lambda: R.choice(["0", "1"]) + R.choice(["33", "31", "32"]) + R.choice(["00", "02"])
                       + R.choice(["19", "20", "21", "22"]) + digits(5)), tags=["12_digit_invoice_code"])
    NEG("ICCID", col(N(), gen_iccid), tags=["20_digit_iccid_luhn_ok"])
    NEG("IMEI", col(N(), gen_imei), tags=["15_digit_luhn_ok"])
    NEG("IMSI", col(N(), gen_imsi))
    NEG("card_type", col(N(), pick(["借记卡", "信用卡", "准贷记卡", "借记卡", "储蓄卡"])))
    NEG("开户行", col(N(), pick(BANKS)))
    NEG("对公账号", col(N(), lambda: luhn_fail(R.choice([17, 19, 20, 21]), R.choice(["1202", "3301", "571", "6"]))),
        tags=["corporate_account_luhn_fail"])
    NEG("卡号", col(N(), lambda: R.choice(["%010d" % R.randint(1, 4294967295),
                                         "".join(R.choice("0123456789ABCDEF") for _ in range(8))])),
        tags=["access_card_uid", "name_hint_values_wrong"])
    NEG("银行", col(N(), pick(["工商银行", "建设银行", "农业银行", "中国银行", "招商银行", "交通银行", "邮储银行"])))

    # ---- USCC-ish
    NEG("组织机构代码", col(N(), lambda: (lambda c: c[:8] + "-" + c[8])(gen_org_code("num"))),
        tags=["old_9_char_org_code"])
    NEG("机构代码", col(N(), lambda: gen_org_code()), tags=["old_9_char_org_code"])
    NEG("统一社会信用代码(校验)", col(N(), gen_uscc_wrong), tags=["uscc_bad_check", "name_hint_values_wrong"])
    NEG("信用代码", col(N(), gen_uscc_wrong), tags=["uscc_bad_check"])
    NEG("物料编码", col(N(), lambda: "MAT-%04d" % R.randint(1, 9999)))
    NEG("合同编号", col(N(), lambda: "HT-%s-%03d" % (gen_datetime("%Y%m%d"), R.randint(1, 999))))
    NEG("车架号", col(N(), gen_vin), tags=["vin_17"])
    NEG("发动机号", col(N(), lambda: R.choice(["", "B", "G4", "4G"]) + "".join(R.choice(PL + DIG) for _ in range(8))))
    NEG("随机码", col(N(), lambda: "".join(R.choice(USCC_CS) for _ in range(18))), tags=["uscc_charset_random"])

    # ---- plate-ish
    NEG("车牌号(错误)", col(N(), lambda: R.choice(["杭", "甬", "温", "申", "东", "中", "港"]) + gen_plate()[1:]),
        tags=["plate_bad_province"])
    NEG("车型", col(N(), pick(["轻型厢式货车", "重型半挂牵引车", "小型普通客车", "中型仓栅式货车", "叉车", "电动叉车"])))
    NEG("车辆品牌", col(N(), pick(["解放", "东风", "重汽", "陕汽", "福田", "江淮", "比亚迪", "大众", "丰田"])))
    NEG("车位号", col(N(), lambda: "%s%d-%03d" % (R.choice("AB"), R.randint(1, 3), R.randint(1, 200))))
    NEG("道闸编号", col(N(), lambda: "GATE-%02d" % R.randint(1, 8)))
    NEG("车辆类型", col(N(), pick(["小型汽车", "大型汽车", "挂车", "新能源小型车", "新能源大型车", "教练车"])))
    NEG("车队", col(N(), pick(["顺丰车队", "自有车队", "德邦物流", "外协车队", "第一车队", "第二车队"])))
    NEG("通行方向", col(N(), pick(["进", "出", "入场", "出场"])))
    NEG("门禁通道", col(N(), pick(["东门入口", "东门出口", "南门", "北门货运通道", "1号岗", "2号岗"])))

    # ---- person-name-ish
    NEG("名称", col(N(), pick(PRODUCTS)), tags=["product_names"])
    NEG("name", col(N(), pick(DEPTS)), tags=["department_names"])
    NEG("城市", col(N(), pick(CITIES)), tags=["city_names"])
    NEG("所属城市", col(N(), pick(["杭州", "宁波", "温州", "金华", "台州", "嘉兴", "湖州", "丽水"])),
        tags=["city_names", "surname_lookalike"])
    NEG("班次", col(N(), pick(SHIFTS)), tags=["shift_names"])
    NEG("班次名称", col(N(), pick(SHIFTS + ["甲班", "乙班", "丙班"])), tags=["shift_names"])
    NEG("部门名称", col(N(), pick(DEPTS)), tags=["department_names"])
    NEG("状态", col(N(), pick(STATUS)), tags=["status_words"])
    NEG("检验结果", col(N(), pick(["合格", "不合格", "待检"])), tags=["status_words"])
    NEG("工序", col(N(), pick(PROCESSES)))
    NEG("仓库", col(N(), pick(WAREHOUSES)))
    NEG("客户名称", col(N(), pick(COMPANIES)))
    NEG("供应商简称", col(N(), pick(SUPPLIER_SHORT)), tags=["two_char_brand_names"])
    NEG("职务", col(N(), pick(JOBS)))
    NEG("性别", col(N(), pick(["男", "女"])))
    NEG("民族", col(N(), pick(["汉族", "汉族", "汉族", "回族", "壮族", "土家族", "苗族", "畲族"])))
    NEG("学历", col(N(), pick(["本科", "大专", "高中", "中专", "硕士", "初中"])))
    NEG("籍贯", col(N(), lambda: R.choice(PROVINCES) + R.choice(["杭州", "温州", "信阳", "南充", "赣州", "六安"])))
    NEG("省份", col(N(), pick(PROVINCES)), tags=["surname_lookalike"])
    NEG("收货地址", col(N(), gen_address))
    NEG("物料名称", col(N(), lambda: R.choice(["六角螺栓", "平垫圈", "弹簧垫圈", "内六角螺钉"]) + " M%d×%d" % (
        R.choice([6, 8, 10, 12]), R.choice([20, 25, 30, 40, 50]))))
    NEG("不良原因", col(N(), pick(DEFECTS)))
    NEG("颜色", col(N(), pick(["红色", "蓝色", "银灰", "黑色", "白色", "本色"])))
    NEG("计量单位", col(N(), pick(["个", "件", "千克", "米", "套", "箱", "吨", "卷"])))
    NEG("设备名称", col(N(), pick(["数控车床", "注塑机", "冲床", "加工中心", "空压机", "行车", "折弯机"])))
    NEG("审批结果", col(N(), pick(["同意", "驳回", "已审批", "退回修改"])))
    NEG("产线", col(N(), pick(["一号线", "二号线", "L1", "L2", "装配线A", "涂装线"])))
    NEG("岗位", col(N(), pick(["焊工", "叉车司机", "质检", "操作工", "机修", "保安"])))
    NEG("客户等级", col(N(), pick(["A类", "B类", "C类", "战略客户", "VIP"])))
    NEG("付款方式", col(N(), pick(["现金", "转账", "承兑", "电汇", "月结30天"])))
    NEG("phone_model", col(N(), pick(PHONE_MODELS)))
    NEG("手机型号", col(N(), pick(PHONE_MODELS)))
    NEG("操作系统", col(N(), pick(["Android 14", "Android 13", "iOS 17.2", "HarmonyOS 4.0", "Windows 10", "Windows 11"])))
    NEG("考勤状态", col(N(), pick(["正常", "迟到", "早退", "旷工", "请假", "加班"])))
    NEG("请假类型", col(N(), pick(["事假", "病假", "年假", "婚假", "产假", "调休"])))
    NEG("刷卡方式", col(N(), pick(["人脸", "刷卡", "指纹", "二维码"])))
    NEG("车辆状态", col(N(), pick(["在场", "离场", "已出场", "滞留"])))
    NEG("工种", col(N(), pick(["电焊工", "钳工", "车工", "铣工", "磨工", "电工"])))
    NEG("包装方式", col(N(), pick(["纸箱", "木箱", "托盘", "散装", "编织袋"])))
    NEG("运输方式", col(N(), pick(["汽运", "铁路", "海运", "自提", "快递"])))

    # ---- PLC-ish
    NEG("类名", col(N(), gen_java_class), tags=["java_class_dotted"])
    NEG("handler", col(N(), gen_dotnet_class), tags=["dotnet_class_dotted"])
    NEG("配置项", col(N(), pick(["spring.datasource.url", "spring.redis.host", "mes.sync.interval",
                                "logging.level.root", "server.port", "kafka.consumer.group-id",
                                "opc.client.timeout", "scada.poll.rate"])), tags=["config_keys_dotted"])
    NEG("版本号", col(N(), lambda: "%d.%d.%d" % (R.randint(1, 5), R.randint(0, 12), R.randint(0, 30))))
    NEG("IP地址", col(N(), gen_ip))
    NEG("MAC地址", col(N(), lambda: gen_mac(R.choice([":", "-"]))))
    NEG("hostname", col(N(), lambda: "%s-%s%02d.acme.local" % (R.choice(["mes", "scada", "wms", "db"]),
                                                              R.choice(["app", "srv", "node"]), R.randint(1, 12))))
    NEG("OPC服务器地址", col(N(), lambda: "opc.tcp://%s:%d" % (gen_ip(), R.choice([4840, 49320, 48010]))),
        tags=["opc_endpoint_url"])
    NEG("单元格", col(N(), lambda: "%s%d" % (R.choice(list("ABCDEFGHJKL") + ["AA", "AB", "AC"]), R.randint(1, 300))),
        tags=["excel_cell_refs"])
    NEG("数据类型", col(N(), pick(["Float", "Boolean", "Int16", "Int32", "Word", "DWord", "Real", "String"])))
    NEG("工程单位", col(N(), pick(["℃", "MPa", "rpm", "A", "kW", "m³/h", "%", "bar", "mm"])))
    NEG("点位描述", col(N(), lambda: "%d#%s%s" % (R.randint(1, 8), R.choice(["压机", "注塑机", "空压机", "冷却塔"]),
                                              R.choice(["油温", "压力", "运行", "故障", "电流"]))))
    NEG("报警代码", col(N(), lambda: R.choice(["E%03d" % R.randint(1, 999), "ALM-%04d" % R.randint(1, 9999)])))
    NEG("设备编码", col(N(), lambda: R.choice(["CNC-%02d" % R.randint(1, 30), "EQ-L%d-%02d" % (R.randint(1, 5), R.randint(1, 20))])))
    NEG("工单号", col(N(), lambda: "WO-%d-%06d" % (R.choice([2025, 2026]), R.randint(1, 999999))))
    NEG("测点值", col(N(), lambda: "%.2f" % R.uniform(-20, 350)))
    NEG("采集时间", col(N(), gen_datetime))
    NEG("科目编码", col(N(), lambda: "%d.%02d.%02d" % (R.choice([1001, 1002, 1122, 2202, 6602]),
                                                     R.randint(1, 9), R.randint(1, 20))))
    NEG("凭证号", col(N(), lambda: "记-%04d" % R.randint(1, 999)))
    NEG("程序号", col(N(), lambda: "O%04d" % R.randint(1, 9999)))
    NEG("刀具号", col(N(), lambda: "T%02d%02d" % (R.randint(1, 20), R.randint(1, 20))))
    NEG("库位", col(N(), lambda: "%s-%02d-%02d-%02d" % (R.choice("ABCD"), R.randint(1, 20), R.randint(1, 8),
                                                        R.randint(1, 5))))
    NEG("文件名", col(N(), lambda: "line%d_%s.csv" % (R.randint(1, 4), gen_datetime("%Y.%m.%d"))))

    # ---- generic data types
    NEG("金额", col(N(), amount))
    NEG("单价", col(N(), lambda: "¥%.2f" % R.uniform(0.5, 5000)))
    NEG("数量", col(N(), lambda: str(R.randint(1, 5000))))
    NEG("进度", col(N(), lambda: "%d%%" % R.randint(0, 100)))
    NEG("合格率", col(N(), lambda: "%.2f%%" % R.uniform(85, 100)))
    NEG("税率", col(N(), pick(["13%", "9%", "6%", "3%", "0%"])))
    NEG("日期", col(N(), lambda: rand_date(2024, 2026).strftime(R.choice(["%Y-%m-%d", "%Y/%m/%d"]))))
    NEG("入库日期", col(N(), lambda: rand_date(2024, 2026).strftime("%Y%m%d")), tags=["8_digit_dates"])
    NEG("出生日期", col(N(), lambda: rand_date(1965, 2004).strftime("%Y-%m-%d")))
    NEG("创建时间", col(N(), gen_datetime))
    NEG("是否合格", col(N(), pick(["是", "否"])))
    NEG("启用", col(N(), pick(["Y", "N"])))
    NEG("is_deleted", col(N(), pick(["true", "false", "0", "1"])))
    NEG("学年学期", col(N(), lambda: (lambda y: "%d-%d-%d" % (y, y + 1, R.randint(1, 2)))(R.randint(2019, 2025))),
        tags=["academic_year_code"])
    NEG("xnxq", col(N(), lambda: (lambda y: "%d%d%d" % (y, y + 1, R.randint(1, 2)))(R.randint(2019, 2025))),
        tags=["academic_year_code"])
    NEG("培训学年", col(N(), lambda: (lambda y: "%d-%d学年" % (y, y + 1))(R.randint(2019, 2025))),
        tags=["academic_year_code"])
    NEG("会计期间", col(N(), lambda: R.choice(["%d-%02d" % (R.choice([2025, 2026]), R.randint(1, 12)),
                                           "%d年第%d期" % (R.choice([2025, 2026]), R.randint(1, 12))])))
    NEG("uuid", col(N(), lambda: "%08x-%04x-%04x-%04x-%012x" % (R.getrandbits(32), R.getrandbits(16),
                                                              R.getrandbits(16), R.getrandbits(16), R.getrandbits(48))))
    NEG("md5", col(N(), lambda: "%032x" % R.getrandbits(128)))
    NEG("payload", col(N(), lambda: json.dumps({"line": R.randint(1, 4), "temp": round(R.uniform(20, 90), 1),
                                                 "ok": R.choice([True, False])})))
    NEG("邮编", col(N(), lambda: R.choice(["310", "315", "325", "312", "318", "321"]) + digits(3)))
    NEG("行政区划代码", col(N(), pick(REGIONS)))
    NEG("经纬度", col(N(), lambda: "%.6f,%.6f" % (R.uniform(118, 122), R.uniform(27, 31))))
    NEG("年龄", col(N(), lambda: str(R.randint(18, 60))))
    NEG("工龄", col(N(), lambda: str(R.randint(0, 35))))
    NEG("身高", col(N(), lambda: str(R.randint(150, 190))))
    NEG("工资", col(N(), lambda: "%.2f" % R.uniform(3500, 25000)))
    NEG("社保基数", col(N(), lambda: str(R.choice([4462, 5000, 6000, 8000, 12000]))))
    NEG("备注信息", col(N(), pick(["已联系客户，明天发货", "加急", "客户要求分批交货", "样品单", "返修",
                                  "电话通知：138****0000", "见附件", "质量问题已处理"]), blanks=0.3),
        tags=["free_text"])
    NEG("col_9", col(N(), lambda: R.choice([gen_mobile(), gen_email(), gen_name(), gen_plate(), gen_uscc(),
                                            amount(), gen_datetime(), "OK"])), limit=0.3,
        tags=["neutral_name_mixed_kinds"])
    NEG("币种", col(N(), pick(["CNY", "USD", "EUR", "JPY"])))
    NEG("汇率", col(N(), lambda: "%.4f" % R.uniform(0.04, 7.9)))
    NEG("规格", col(N(), lambda: "Φ%d×%d" % (R.randint(10, 200), R.randint(20, 1000))))
    NEG("图号", col(N(), lambda: "ZJ-%d-%03d-%02d" % (R.choice([2025, 2026]), R.randint(1, 300), R.randint(1, 20))))
    NEG("批号", col(N(), lambda: "%s-%02d" % (gen_datetime("%Y%m%d"), R.randint(1, 12))))
    NEG("SN", col(N(), lambda: "SN" + gen_datetime("%Y%m%d") + digits(5)))
    NEG("温度", col(N(), lambda: "%.1f" % R.uniform(15, 95)))
    NEG("压力", col(N(), lambda: "%.3f" % R.uniform(0.1, 25)))
    NEG("转速", col(N(), lambda: str(R.randint(0, 3000))))
    NEG("报警信息", col(N(), pick(["1#空压机排气温度高", "2号线急停按下", "注塑机油温超限", "通讯中断",
                                  "伺服驱动器故障", "液位低报警"])))
    NEG("班组", col(N(), pick(["甲班", "乙班", "丙班", "丁班"])))
    NEG("备用字段2", col(N(20, 25), lambda: None, blanks=1.0), tags=["all_blank"])


# --------------------------------------------------------------------------
# verification
# --------------------------------------------------------------------------
def ratio(values, fn, blank):
    nb = [v for v in values if not blank(v)]
    if not nb:
        return 0.0
    return sum(1 for v in nb if fn(v)) / len(nb)


def verify():
    names = [f["name"] for f in FIELDS]
    dup = [k for k, c in Counter(names).items() if c > 1]
    assert not dup, "duplicate field names: %s" % dup
    hard = []
    for f in FIELDS:
        vals = f["values"]
        assert 15 <= len(vals) <= 60, (f["name"], len(vals))
        assert all(v is None or isinstance(v, str) for v in vals), f["name"]
        lab = f["expected"]
        if lab is not None:
            r = ratio(vals, VALIDATORS[lab], is_blank_strict)
            need = 0.6 if f["hint"] else 0.88
            assert r >= need, (f["name"], lab, r)
            if f["hint"]:
                assert r < 0.8 and r >= 0.6, (f["name"], r)
            for other, fn in STRICT_FOR_NEG.items():
                if other != lab:
                    assert ratio(vals, fn, is_blank_loose) < 0.3, (f["name"], "also looks like", other)
        else:
            for other, fn in STRICT_FOR_NEG.items():
                r = ratio(vals, fn, is_blank_loose)
                assert r < f["limit"], (f["name"], other, r)
            rn = ratio(vals, looks_like_name, is_blank_loose)
            rd = ratio(vals, lambda v: bool(DOTTED_RE.match(v.strip())), is_blank_loose)
            if rn >= 0.3:
                hard.append((f["name"], "naive surname+1-2 Han regex hits %.0f%%" % (100 * rn)))
            if rd >= 0.3:
                hard.append((f["name"], "dotted identifier path like a tag path %.0f%%" % (100 * rd)))
    return hard


def main():
    self_test()
    build()
    hard = verify()
    R.shuffle(FIELDS)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "holdout-fields.jsonl")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for f in FIELDS:
            fh.write(json.dumps({"name": f["name"], "values": f["values"], "expected": f["expected"]},
                                ensure_ascii=False) + "\n")
    cnt = Counter(f["expected"] for f in FIELDS)
    total = len(FIELDS)
    pos = total - cnt[None]
    print("wrote %s" % out)
    print("fields: %d  positives: %d (%.1f%%)  negatives: %d (%.1f%%)"
          % (total, pos, 100.0 * pos / total, cnt[None], 100.0 * cnt[None] / total))
    for lab in LABELS + [None]:
        print("  %-16s %d" % (lab, cnt[lab]))
    tags = Counter(t for f in FIELDS for t in f["tags"])
    print("hard-case tags:")
    for t, c in sorted(tags.items()):
        print("  %-34s %d" % (t, c))
    print("negatives that fool naive value patterns:")
    for n, why in hard:
        print("  %-20s %s" % (n, why))


if __name__ == "__main__":
    main()
