package org.enterprisebrain.catalog.classification;

import static org.enterprisebrain.catalog.classification.Chars.allDigits;
import static org.enterprisebrain.catalog.classification.Chars.digit;
import static org.enterprisebrain.catalog.classification.Chars.upper;

import java.util.Arrays;

/**
 * Per-value checks of registered numbers behind {@link Recognizer}: bank card numbers, unified social credit codes
 * and licence plates, each by its standard's check digit or grammar (allocation-free scans, as {@link
 * PersonalDataChecks}).
 */
final class RegistrationChecks {

  private RegistrationChecks() {
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
}
