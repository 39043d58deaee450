package org.enterprisebrain.catalog.classification;

import static org.enterprisebrain.catalog.classification.Chars.allDigits;
import static org.enterprisebrain.catalog.classification.Chars.asciiLetter;
import static org.enterprisebrain.catalog.classification.Chars.digit;

import java.util.regex.Pattern;

/**
 * Per-value checks of industrial addresses behind {@link Recognizer}: PLC tags of the common families (Modbus
 * registers, Siemens, Allen-Bradley) and OPC UA node ids. The two Allen-Bradley grammars use precompiled patterns
 * without nested or overlapping quantifiers, so matching stays linear; the others are allocation-free scans.
 */
final class PlcAddressChecks {

  private PlcAddressChecks() {
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
}
