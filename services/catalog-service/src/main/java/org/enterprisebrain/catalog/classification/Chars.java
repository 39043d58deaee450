package org.enterprisebrain.catalog.classification;

/** Character and digit scans the value checks share. */
final class Chars {

  private Chars() {
  }

  // ------------------------------------------------------------------ helpers

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
  }

  static boolean allDigits(String v, int from, int to) {
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

  static int number(String v, int from, int length) {
    int x = 0;
    for (int i = from; i < from + length; i++) {
      x = x * 10 + (v.charAt(i) - '0');
    }
    return x;
  }
}
