package org.enterprisebrain.catalog.classification;

import java.time.Year;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The per-value checks behind {@link Recognizer}. They run for every sampled value of every field, so they
 * are hand-written scans that allocate nothing and reject on the first character that cannot fit; the two
 * Allen-Bradley grammars use precompiled patterns without nested or overlapping quantifiers, so matching
 * stays linear. Callers strip the value and bound its length.
 */
final class ValueChecks {

  private ValueChecks() {
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

  // ------------------------------------------------------------------ bank cards

  /**
   * 16–19 digits (single spaces or dashes between groups allowed) passing the Luhn check, with a plausible
   * issuer prefix: 3 JCB, 4 Visa, 5 Mastercard, 6 UnionPay/Discover. A run of one digit passes Luhn but
   * is a placeholder.
   */
  static boolean bankCard(String v) {
    int n = v.length();
    if (n < 16 || n > 23) {
      return false;
    }
    char lead = v.charAt(0);
    if (lead < '3' || lead > '6') {
      return false;
    }
    int digits = 0;
    int sum = 0;
    boolean afterSeparator = true; // scanning from the right: no separator last
    boolean oneDigit = true;
    for (int i = n - 1; i >= 0; i--) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        int d = c - '0';
        if ((digits & 1) == 1) {
          d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        }
        sum += d;
        digits++;
        oneDigit &= c == lead;
        afterSeparator = false;
      } else if (c == ' ' || c == '-') {
        if (afterSeparator) {
          return false;
        }
        afterSeparator = true;
      } else {
        return false;
      }
    }
    return digits >= 16 && digits <= 19 && sum % 10 == 0 && !oneDigit;
  }

  // ------------------------------------------------------------------ GB 32100-2015 credit code

  private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  /** 3^i mod 31. */
  private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final byte[] USCC_VALUE = new byte[128];

  static {
    Arrays.fill(USCC_VALUE, (byte) -1);
    for (int i = 0; i < USCC_CHARSET.length(); i++) {
      char c = USCC_CHARSET.charAt(i);
      USCC_VALUE[c] = (byte) i;
      USCC_VALUE[Character.toLowerCase(c)] = (byte) i;
    }
  }

  /**
   * 18 characters of 0-9A-HJ-NPQRTUWXY (no I, O, S, V, Z): registration authority, organisation type, a
   * 6-digit region code, the 9-character organisation code, and a check character: 31 − (Σ value·3^i
   * mod 31), 31 written as 0.
   */
  static boolean uscc(String v) {
    if (v.length() != 18) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int x = usccValue(v.charAt(i));
      if (x < 0 || (i >= 2 && i < 8 && x > 9)) {
        return false;
      }
      sum += x * USCC_WEIGHTS[i];
    }
    return usccValue(v.charAt(17)) == (31 - sum % 31) % 31;
  }

  private static int usccValue(char c) {
    return c < 128 ? USCC_VALUE[c] : -1;
  }

  // ------------------------------------------------------------------ licence plates (GA 36)

  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  private static final String PLATE_SUFFIXES = "挂学警港澳领试超";

  /**
   * Province abbreviation, issuing-authority letter, optional separator (·, space, dash), then five letters
   * or digits (blue and yellow plates), six for new-energy plates (D/F first for small cars, last for large
   * ones), or four and a suffix such as 挂 (trailer), 学 (driving school) or 警 (police).
   */
  static boolean licencePlate(String v) {
    int n = v.length();
    if (n < 7 || n > 9 || PROVINCES.indexOf(v.charAt(0)) < 0 || !plateLetter(upper(v.charAt(1)))) {
      return false;
    }
    int i = 2;
    char separator = v.charAt(2);
    if (separator == '·' || separator == '•' || separator == '.' || separator == ' ' || separator == '-') {
      i = 3;
    }
    int length = n - i;
    if (length == 5) {
      if (PLATE_SUFFIXES.indexOf(v.charAt(n - 1)) >= 0) {
        return plateChars(v, i, n - 1);
      }
      return plateChars(v, i, n);
    }
    if (length == 6) {
      char first = upper(v.charAt(i));
      char last = upper(v.charAt(n - 1));
      if (first == 'D' || first == 'F') {
        return plateChars(v, i + 1, i + 2) && allDigits(v, i + 2, n);
      }
      return (last == 'D' || last == 'F') && allDigits(v, i, n - 1);
    }
    return false;
  }

  private static boolean plateChars(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = upper(v.charAt(i));
      if (!digit(c) && !plateLetter(c)) {
        return false;
      }
    }
    return true;
  }

  /** Plates use no I or O: they read as 1 and 0. */
  private static boolean plateLetter(char c) {
    return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O';
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

  // ------------------------------------------------------------------ PLC and OPC UA tags

  /** Allen-Bradley PLC-5/SLC 500 data-table addresses: N7:0, B3:0/1, T4:0.ACC, I:1/0, ST10:2. */
  private static final Pattern AB_DATA_TABLE = Pattern.compile(
      "(?:[OIS]\\d{0,3}|(?:ST|MG|PD|BT|[BTCRNFADL])\\d{1,3}):\\d{1,4}(?:\\.(?:\\d{1,3}|[A-Z]{2,3}))?(?:/\\d{1,2})?");
  /** ControlLogix module and program tags: Local:1:I.Data.0, Local:2:O.Data[3], Program:Main.Motor_Speed. */
  private static final Pattern AB_LOGIX = Pattern.compile(
      "(?:[A-Za-z_][A-Za-z0-9_]{0,39}:\\d{1,3}:[ICOS]|Program:[A-Za-z_][A-Za-z0-9_]{0,39})"
          + "(?:\\.[A-Za-z_][A-Za-z0-9_]{0,39}(?:\\[\\d{1,5}(?:,\\d{1,5}){0,2}\\])?){1,8}(?:\\.\\d{1,2})?");
  /** Last segments that make a dotted name a host or a file rather than a tag path. */
  private static final String[] NOT_TAG_SUFFIXES = {"com", "cn", "net", "org", "local", "lan", "io", "gov", "edu",
      "int", "pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "json", "xml", "jpg", "png", "exe", "dll", "jar",
      "zip", "log", "html"};
  /** First segments that make a dotted name a Java or .NET type (com.acme.OrderHandler, System.IO.File). */
  private static final String[] NOT_TAG_PREFIXES = {"com", "org", "net", "cn", "io", "java", "javax", "jakarta",
      "edu", "gov", "System", "Microsoft"};

  /**
   * Siemens S7 and IEC 61131-3 addresses (DB1.DBX0.0, DB10.DBW4, %I0.1, %MW100, I0.1, Q1.0, MW10, VW100),
   * Allen-Bradley addresses, OPC UA NodeIds (ns=2;s=Line1.Press.Temp, ns=3;i=1001), dotted tag paths of
   * at least three identifiers (PLC1.Line2.Motor3.Speed) and, only when the field's name speaks of
   * registers, Modbus register numbers (40001, 4x0001).
   */
  static boolean plcTag(String v, boolean registerNumbers) {
    int n = v.length();
    if (n < 2 || n > 200) {
      return false;
    }
    char c0 = v.charAt(0);
    if (digit(c0)) {
      return registerNumbers && modbus(v);
    }
    if (v.startsWith("ns=") || v.startsWith("nsu=") || v.startsWith("i=")) {
      return opcUaNodeId(v);
    }
    if (v.indexOf(':') >= 0) {
      return n <= 120 && (AB_DATA_TABLE.matcher(v).matches() || AB_LOGIX.matcher(v).matches());
    }
    if (c0 == '%') {
      return siemens(v, 1);
    }
    return siemens(v, 0) || dottedPath(v);
  }

  /** 0xxxx coils, 1xxxx discrete inputs, 3xxxx input and 4xxxx holding registers; 5 or 6 digits. */
  private static boolean modbus(String v) {
    char c0 = v.charAt(0);
    if (c0 != '0' && c0 != '1' && c0 != '3' && c0 != '4') {
      return false;
    }
    int from = v.length() > 1 && (v.charAt(1) == 'x' || v.charAt(1) == 'X') ? 2 : 1;
    int count = v.length() - from;
    if (count < 4 || count > 5 || !allDigits(v, from, v.length())) {
      return false;
    }
    for (int i = from; i < v.length(); i++) {
      if (v.charAt(i) != '0') {
        return true;
      }
    }
    return false;
  }

  private static boolean siemens(String v, int i) {
    int n = v.length();
    if (i + 2 > n) {
      return false;
    }
    char area = v.charAt(i);
    if (area == 'D' && v.charAt(i + 1) == 'B') {
      int end = digits(v, i + 2, 5);
      return end > 0 && end + 3 < n && v.charAt(end) == '.' && v.charAt(end + 1) == 'D' && v.charAt(end + 2) == 'B'
          && access(v, end + 3);
    }
    if (area == 'P' && (v.charAt(i + 1) == 'I' || v.charAt(i + 1) == 'Q')) {
      return sized(v, i + 2); // peripheral I/O: PIW256
    }
    if (area == 'V') {
      return sized(v, i + 1); // S7-200 V memory; V1.2 would be a version number
    }
    if (area != 'I' && area != 'Q' && area != 'M') {
      return false;
    }
    if (i == 0 && area == 'I' && v.charAt(1) == 'D') {
      return false; // ID1001 is far likelier a record id than an input double word
    }
    return access(v, i + 1);
  }

  /** X0.1 or 0.1 (bit), B0, W4, D8, L0 (byte, word, double word, long word). */
  private static boolean access(String v, int i) {
    if (i >= v.length()) {
      return false;
    }
    char size = v.charAt(i);
    if (size == 'X') {
      return bit(v, i + 1);
    }
    if (size == 'B' || size == 'W' || size == 'D' || size == 'L') {
      return sized(v, i);
    }
    return bit(v, i);
  }

  private static boolean sized(String v, int i) {
    if (i >= v.length()) {
      return false;
    }
    char size = v.charAt(i);
    return (size == 'B' || size == 'W' || size == 'D' || size == 'L') && digits(v, i + 1, 5) == v.length();
  }

  private static boolean bit(String v, int i) {
    int end = digits(v, i, 5);
    return end > 0 && end + 2 == v.length() && v.charAt(end) == '.' && v.charAt(end + 1) >= '0'
        && v.charAt(end + 1) <= '7';
  }

  /**
   * End of a run of 1..max digits starting at from, without a superfluous leading zero (addresses have
   * none, record numbers such as ID00123 do); -1 if there is none.
   */
  private static int digits(String v, int from, int max) {
    int i = from;
    while (i < v.length() && digit(v.charAt(i))) {
      i++;
    }
    int count = i - from;
    if (count < 1 || count > max || (count > 1 && v.charAt(from) == '0')) {
      return -1;
    }
    return i;
  }

  private static boolean opcUaNodeId(String v) {
    int n = v.length();
    int i = 0;
    boolean namespace = false;
    if (v.startsWith("ns=")) {
      int end = digits(v, 3, 5);
      if (end < 0 || end >= n || v.charAt(end) != ';') {
        return false;
      }
      i = end + 1;
      namespace = true;
    } else if (v.startsWith("nsu=")) {
      int end = v.indexOf(';', 4);
      if (end <= 4) {
        return false;
      }
      i = end + 1;
      namespace = true;
    }
    if (i + 2 >= n || v.charAt(i + 1) != '=') {
      return false;
    }
    int from = i + 2;
    return switch (v.charAt(i)) {
      case 'i' -> allDigits(v, from, n) && n - from <= 10;
      case 's' -> namespace && printable(v, from);
      case 'g' -> namespace && guid(v, from);
      case 'b' -> namespace && base64(v, from);
      default -> false;
    };
  }

  private static boolean printable(String v, int from) {
    for (int i = from; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean guid(String v, int from) {
    if (v.length() - from != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = v.charAt(from + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean base64(String v, int from) {
    for (int i = from; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(asciiLetter(c) || digit(c) || c == '+' || c == '/' || c == '=')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Three or more identifiers joined by dots, each optionally indexed ([3]), with an upper-case letter or
   * a digit somewhere: all-lower-case dotted names are hosts, packages and files far more often, and so
   * are names under a reverse-domain root.
   */
  private static boolean dottedPath(String v) {
    int n = v.length();
    int i = 0;
    int segments = 0;
    int lastStart = 0;
    boolean upperOrDigit = false;
    while (true) {
      if (i >= n) {
        return false;
      }
      char c = v.charAt(i);
      if (!asciiLetter(c) && c != '_') {
        return false;
      }
      lastStart = i;
      for (; i < n; i++) {
        c = v.charAt(i);
        if (digit(c) || (c >= 'A' && c <= 'Z')) {
          upperOrDigit = true;
        } else if (!(c >= 'a' && c <= 'z') && c != '_') {
          break;
        }
      }
      if (i - lastStart > 64) {
        return false;
      }
      if (i < n && v.charAt(i) == '[') {
        int end = digits(v, i + 1, 5);
        if (end < 0 || end >= n || v.charAt(end) != ']') {
          return false;
        }
        i = end + 1;
      }
      segments++;
      if (i == n) {
        break;
      }
      if (v.charAt(i) != '.' || segments == 16) {
        return false;
      }
      i++;
    }
    if (segments < 3 || !upperOrDigit) {
      return false;
    }
    for (String suffix : NOT_TAG_SUFFIXES) {
      if (n - lastStart == suffix.length() && v.regionMatches(true, lastStart, suffix, 0, suffix.length())) {
        return false;
      }
    }
    for (String prefix : NOT_TAG_PREFIXES) {
      if (v.length() > prefix.length() && v.charAt(prefix.length()) == '.' && v.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ helpers

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
  }

  private static boolean allDigits(String v, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!digit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String v, int from, int length) {
    int x = 0;
    for (int i = from; i < from + length; i++) {
      x = x * 10 + (v.charAt(i) - '0');
    }
    return x;
  }
}
