package org.enterprisebrain.catalog.classification;

import static org.enterprisebrain.catalog.classification.Chars.allDigits;
import static org.enterprisebrain.catalog.classification.Chars.asciiLetter;
import static org.enterprisebrain.catalog.classification.Chars.digit;
import static org.enterprisebrain.catalog.classification.Chars.number;

import java.time.Year;
import java.util.Arrays;

/**
 * Per-value checks of personal data (个人信息) behind {@link Recognizer}: resident ID numbers, mainland mobile
 * numbers, e-mail addresses and Chinese personal names. They run for every sampled value of every field, so they are
 * hand-written scans that allocate nothing and reject on the first character that cannot fit; callers strip the
 * value and bound its length.
 */
final class PersonalDataChecks {

  private PersonalDataChecks() {
  }

  // ------------------------------------------------------------------ GB 11643-1999 resident ID

  /** ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11. */
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";
  /** Province-level codes (GB/T 2260) plus 71 Taiwan and 81–83 for residence permits of HK, Macao, Taiwan. */
  private static final boolean[] PROVINCE = new boolean[100];
  /** Nobody born later can hold a number; read once, a year boundary during uptime costs nothing real. */
  private static final int LAST_BIRTH_YEAR = Year.now().getValue();

  static {
    for (int p : new int[] {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
        51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}) {
      PROVINCE[p] = true;
    }
  }

  /**
   * 18 characters: 6-digit region, birth date yyyymmdd, 3-digit sequence, MOD 11-2 check character (X for
   * 10, lower case tolerated); or the 15-digit numbers issued before 1999 (yymmdd of the 1900s, no check).
   */
  static boolean prcResidentId(String v) {
    int n = v.length();
    if (n == 18) {
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        int d = v.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return false;
        }
        sum += d * ID_WEIGHTS[i];
      }
      char check = v.charAt(17);
      if (check == 'x') {
        check = 'X';
      }
      return check == ID_CHECK.charAt(sum % 11)
          && PROVINCE[number(v, 0, 2)]
          && validDate(number(v, 6, 4), number(v, 10, 2), number(v, 12, 2));
    }
    if (n == 15) {
      if (!allDigits(v, 0, 15)) {
        return false;
      }
      return PROVINCE[number(v, 0, 2)] && validDate(1900 + number(v, 6, 2), number(v, 8, 2), number(v, 10, 2));
    }
    return false;
  }

  private static boolean validDate(int year, int month, int day) {
    if (year < 1900 || year > LAST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) {
      return false;
    }
    int days = switch (month) {
      case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
    return day <= days;
  }

  // ------------------------------------------------------------------ mainland mobile numbers

  /**
   * 1[3-9] and nine digits, optionally after +86, 0086 or 86, with at most four single spaces or dashes
   * between digits (138-0013-8000, +86 138 0013 8000).
   */
  static boolean mobileCn(String v) {
    int n = v.length();
    if (n < 11 || n > 22) {
      return false;
    }
    int i = 0;
    boolean plus = v.charAt(0) == '+';
    if (plus) {
      i = 1;
    }
    long number = 0;
    int digits = 0;
    int separators = 0;
    boolean afterSeparator = true; // no separator first
    for (; i < n; i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 15) {
          return false;
        }
        number = number * 10 + (c - '0');
        afterSeparator = false;
      } else if (c == ' ' || c == '-') {
        if (afterSeparator || ++separators > 4) {
          return false;
        }
        afterSeparator = true;
      } else {
        return false;
      }
    }
    if (afterSeparator) {
      return false;
    }
    long subscriber;
    if (digits == 11 && !plus) {
      subscriber = number;
    } else if (digits == 13 && number / 100_000_000_000L == 86) {
      subscriber = number % 100_000_000_000L;
    } else if (digits == 15 && !plus && number / 100_000_000_000L == 86) {
      // the leading zeros of 0086 vanished from number; 15 digits with 86 at the front can only be 0086
      subscriber = number % 100_000_000_000L;
    } else {
      return false;
    }
    long prefix = subscriber / 1_000_000_000L;
    return prefix >= 13 && prefix <= 19;
  }

  // ------------------------------------------------------------------ e-mail

  /** A practical subset of RFC 5322 addr-spec: dot-atom local part, host names with a letter TLD. */
  static boolean email(String v) {
    int n = v.length();
    if (n < 6 || n > 254) {
      return false;
    }
    int at = v.indexOf('@');
    if (at < 1 || at > 64 || v.indexOf('@', at + 1) >= 0) {
      return false;
    }
    char previous = '.';
    for (int i = 0; i < at; i++) {
      char c = v.charAt(i);
      if (c == '.' ? previous == '.' : !localChar(c)) {
        return false;
      }
      previous = c;
    }
    if (previous == '.') {
      return false;
    }
    int labelStart = at + 1;
    int labels = 0;
    for (int i = at + 1; i <= n; i++) {
      char c = i == n ? '.' : v.charAt(i);
      if (c == '.') {
        int length = i - labelStart;
        if (length < 1 || length > 63 || v.charAt(labelStart) == '-' || v.charAt(i - 1) == '-') {
          return false;
        }
        labels++;
        labelStart = i + 1;
      } else if (!(asciiLetter(c) || digit(c) || c == '-')) {
        return false;
      }
    }
    int tldStart = v.lastIndexOf('.') + 1;
    if (labels < 2 || n - tldStart < 2 || n - tldStart > 24) {
      return false;
    }
    for (int i = tldStart; i < n; i++) {
      if (!asciiLetter(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean localChar(char c) {
    return asciiLetter(c) || digit(c) || (c < 128 && "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0);
  }

  // ------------------------------------------------------------------ Chinese personal names

  private static final int HAN_FIRST = 0x4E00;
  private static final int HAN_LAST = 0x9FFF;
  private static final long[] SURNAME = new long[(HAN_LAST - HAN_FIRST + 64) / 64];
  private static final long[] NOT_GIVEN = new long[SURNAME.length];
  private static final int[] COMPOUND_SURNAMES;

  static {
    // about the 300 commonest single surnames (simplified), then traditional forms of the commonest
    mark(SURNAME, "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
        + "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
        + "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂"
        + "成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
        + "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪谈奚冀廉楚"
        + "粟郁封储计凤井蔺戈匡荆练阚鞠闻鄢厉晁揭宦蔚丰滑芮雍官"
        + "陳張劉黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍陶賀顧龔萬錢嚴湯聶龐顏喬");
    // characters that name things, places and units but (almost) never a person: 车间, 白班, 黄铜, 郑州, 周期
    mark(NOT_GIVEN, "部科室处局厅院所司厂店站库仓场馆校市省县区州镇乡村路街巷号楼层栋门"
        + "个件台套批次条根块片吨斤克升箱袋桶"
        + "间单表型类料品器械线管阀泵轴板钢铜铁铝锌锡属油胶漆纸膜码值率量数费款额税价态况题务项序架"
        + "检验测试格废班差伤损裂孔焊蚀刺缺色温压速度能案式期"
        + "的了着过们么吗呢吧");
    String[] compounds = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟", "公孙",
        "长孙", "宇文", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "闻人", "澹台", "申屠", "太史",
        "钟离", "宗政", "濮阳", "淳于", "单于", "赫连", "公羊", "司空", "左丘", "拓跋", "完颜", "歐陽", "諸葛", "司馬"};
    COMPOUND_SURNAMES = new int[compounds.length];
    for (int i = 0; i < compounds.length; i++) {
      COMPOUND_SURNAMES[i] = pair(compounds[i].charAt(0), compounds[i].charAt(1));
    }
    Arrays.sort(COMPOUND_SURNAMES);
  }

  /**
   * 2–4 Han characters: a common single surname and one or two given characters, or a compound surname
   * (欧阳, 司马, …) and one or two. Four characters need a compound surname because four-character words
   * starting with a surname character (高温报警, 金属软管) are far commoner than such names.
   */
  static boolean personNameZh(String v) {
    int n = v.length();
    if (n < 2 || n > 4) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < HAN_FIRST || c > HAN_LAST) {
        return false;
      }
    }
    int given;
    if (n >= 3 && Arrays.binarySearch(COMPOUND_SURNAMES, pair(v.charAt(0), v.charAt(1))) >= 0) {
      given = 2;
    } else if (n <= 3 && marked(SURNAME, v.charAt(0))) {
      given = 1;
    } else {
      return false;
    }
    for (int i = given; i < n; i++) {
      if (marked(NOT_GIVEN, v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void mark(long[] set, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      int bit = chars.charAt(i) - HAN_FIRST;
      set[bit >>> 6] |= 1L << bit;
    }
  }

  private static boolean marked(long[] set, char c) {
    int bit = c - HAN_FIRST;
    return (set[bit >>> 6] & (1L << bit)) != 0;
  }

  private static int pair(char a, char b) {
    return (a << 16) | b;
  }
}
