package org.enterprisebrain.catalog.classification;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which recognizers a field's name hints. Latin names are cut into tokens (camelCase, snake_case,
 * kebab-case, dots, letter/digit boundaries) and a hint matches a run of whole tokens, so {@code card_no}
 * and {@code cardNumber} hint bank cards while {@code ACADEMIC_YEAR_CODE}, {@code CARDINALITY} and
 * {@code cardiac_rate} do not: substring matching is what makes other detectors tag such columns. Chinese
 * has no word boundaries, so Chinese hints match as substrings (身份证 in 员工身份证号).
 */
final class FieldNames {

  private FieldNames() {
  }

  /** The longest run of tokens a hint spans (unified + social + credit + code). */
  private static final int MAX_RUN = 4;

  private static final Map<String, EnumSet<Recognizer>> LATIN = new HashMap<>();
  private static final List<Map.Entry<String, Recognizer>> CHINESE = new ArrayList<>();

  /** "name" alone hints a person only if no other token says whose name it is. */
  private static final String GENERIC_NAME = "name";
  private static final Set<String> NOT_PERSON = Set.of("product", "file", "device", "equipment", "tag", "material",
      "mat", "part", "item", "goods", "sku", "company", "corp", "enterprise", "org", "organization", "organisation",
      "dept", "department", "model", "table", "column", "field", "node", "host", "machine", "line", "plant",
      "station", "supplier", "vendor", "brand", "project", "shop", "store", "bank", "city", "province", "region",
      "country", "step", "process", "program", "app", "class", "type", "category", "unit", "spec", "factory",
      "workshop", "warehouse", "location", "site", "area", "zone", "group", "team", "role", "job", "position",
      "course", "school", "street", "road", "variable", "point", "signal", "alarm", "event", "task", "sheet",
      "report", "menu", "page", "image", "display");

  /** Names under which bare Modbus numbers (40001) are register addresses rather than quantities. */
  private static final Set<String> REGISTER_TOKENS = Set.of("modbus", "register", "registers", "reg", "coil", "coils",
      "holdingregister", "inputregister");
  private static final List<String> REGISTER_CHINESE = List.of("寄存器", "线圈");

  static {
    for (Recognizer recognizer : Recognizer.values()) {
      for (String hint : recognizer.nameHints()) {
        if (hasHan(hint)) {
          CHINESE.add(Map.entry(hint, recognizer));
        } else {
          LATIN.computeIfAbsent(String.join("", tokens(hint)), k -> EnumSet.noneOf(Recognizer.class)).add(recognizer);
        }
      }
    }
  }

  /** Recognizers hinted by the name (the last segment of a pointer, see {@link FieldSample#lastSegment()}). */
  static Set<Recognizer> hinted(String name) {
    EnumSet<Recognizer> hinted = EnumSet.noneOf(Recognizer.class);
    List<String> tokens = tokens(name);
    boolean personByName = false;
    boolean personOtherwise = false;
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      run.setLength(0);
      for (int j = i; j < tokens.size() && j < i + MAX_RUN; j++) {
        run.append(tokens.get(j));
        EnumSet<Recognizer> found = lookup(run);
        if (found != null) {
          if (found.contains(Recognizer.PERSON_NAME_ZH)) {
            if (j == i && tokens.get(i).equals(GENERIC_NAME)) {
              personByName = true;
            } else {
              personOtherwise = true;
            }
          }
          hinted.addAll(found);
        }
      }
    }
    if (personByName && !personOtherwise && tokens.stream().anyMatch(NOT_PERSON::contains)) {
      hinted.remove(Recognizer.PERSON_NAME_ZH); // product_name, tag_name: a thing's name
    }
    if (hasHan(name)) {
      for (Map.Entry<String, Recognizer> hint : CHINESE) {
        if (name.contains(hint.getKey())) {
          hinted.add(hint.getValue());
        }
      }
    }
    return hinted;
  }

  /** A hint, also in the plural: array fields are named phones, emails, tags. */
  private static EnumSet<Recognizer> lookup(CharSequence run) {
    String key = run.toString();
    EnumSet<Recognizer> found = LATIN.get(key);
    if (found == null && key.length() > 3 && key.endsWith("s")) {
      found = LATIN.get(key.substring(0, key.length() - 1));
    }
    return found;
  }

  /** Whether the name speaks of Modbus registers or coils. */
  static boolean registers(String name) {
    for (String token : tokens(name)) {
      if (REGISTER_TOKENS.contains(token)) {
        return true;
      }
    }
    for (String word : REGISTER_CHINESE) {
      if (name.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lower-case tokens of the Latin and digit parts of a name: {@code IDCardNo} → id, card, no;
   * {@code phone_model} → phone, model; {@code col17} → col, 17. Han runs split tokens but are not
   * tokens themselves (they are matched as substrings).
   */
  static List<String> tokens(String name) {
    List<String> tokens = new ArrayList<>(4);
    int n = name.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? name.charAt(i) : ' ';
      boolean latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!latin) {
        if (start >= 0) {
          tokens.add(name.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
        continue;
      }
      if (start >= 0 && boundary(name, i)) {
        tokens.add(name.substring(start, i).toLowerCase(Locale.ROOT));
        start = i;
      } else if (start < 0) {
        start = i;
      }
    }
    return tokens;
  }

  /** A token starts at i: aB, a1, 1a, and the last capital of an acronym before a word (IDCard → ID|Card). */
  private static boolean boundary(String name, int i) {
    char previous = name.charAt(i - 1);
    char c = name.charAt(i);
    boolean digit = c >= '0' && c <= '9';
    boolean previousDigit = previous >= '0' && previous <= '9';
    if (digit != previousDigit) {
      return true;
    }
    if (Character.isLowerCase(previous) && Character.isUpperCase(c)) {
      return true;
    }
    return Character.isUpperCase(previous) && Character.isUpperCase(c) && i + 1 < name.length()
        && Character.isLowerCase(name.charAt(i + 1));
  }

  private static boolean hasHan(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }
}
