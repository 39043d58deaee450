package org.enterprisebrain.catalog.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Suggests labels for a field from its sampled values; the name only helps. Stateless and thread-safe.
 *
 * <p>Decision rule, per recognizer: let {@code n} be the non-blank values (blank, null and placeholders
 * such as {@code N/A}, {@code -}, 无 do not count) and {@code share = matched / n}.
 * <ul>
 *   <li>Suggested only if {@code share} reaches {@link Thresholds#required} (defaults 0.8, or 0.5 when the
 *       name hints the recognizer; Chinese names 0.9 / 0.7) and at least one value matches. With fewer than
 *       {@link Thresholds#smallSample} values every value must match and the name must hint.</li>
 *   <li>{@code confidence = min(0.99, strength × share × n/(n+1) + (hint ? hintBonus : 0))}: a share
 *       measured on few values is shrunk, stricter checks weigh more.</li>
 *   <li>A name hint with no or too few matching values yields nothing: {@code idNumber} holding order
 *       numbers is not personal, {@code remark} holding ID numbers is.</li>
 * </ul>
 *
 * <p>Order, best first: higher confidence, then the stricter check ({@link #STRICTNESS}). Because the
 * hint bonus is part of the confidence, of two recognizers that accept the same values (18 digits that
 * are a valid ID number and happen to pass Luhn) the one the name hints wins; without a hint the one with
 * the stronger check does (ID number: check character and birth date, over Luhn alone).
 */
public final class FieldClassifier {

  /** Ties on confidence go to the check that lets fewer foreign values through. */
  public static final List<Recognizer> STRICTNESS = List.of(Recognizer.PRC_RESIDENT_ID, Recognizer.USCC,
      Recognizer.BANK_CARD, Recognizer.EMAIL, Recognizer.MOBILE_CN, Recognizer.LICENCE_PLATE, Recognizer.PLC_TAG,
      Recognizer.PERSON_NAME_ZH);

  private static final Comparator<Suggestion> BEST_FIRST = Comparator
      .comparingDouble(Suggestion::confidence).reversed()
      .thenComparingInt(s -> STRICTNESS.indexOf(s.recognizer()));

  /** Cell contents that mean "no value" in exports and forms. */
  private static final Set<String> PLACEHOLDERS = Set.of("null", "none", "nil", "n/a", "na", "nan", "-", "--", "/",
      "无", "暂无", "空", "不详", "未知");

  private static final Recognizer[] RECOGNIZERS = Recognizer.values();

  private final Thresholds thresholds;

  public FieldClassifier() {
    this(Thresholds.DEFAULTS);
  }

  public FieldClassifier(Thresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /** Every recognizer the values satisfy, best first; empty if none. */
  public List<Suggestion> classify(FieldSample field) {
    String[] values = usable(field.values());
    int n = values.length;
    if (n == 0) {
      return List.of();
    }
    String name = field.lastSegment();
    Set<Recognizer> hinted = FieldNames.hinted(name);
    boolean registers = FieldNames.registers(name);
    List<Suggestion> suggestions = new ArrayList<>(2);
    for (Recognizer recognizer : RECOGNIZERS) {
      boolean hint = hinted.contains(recognizer);
      int needed;
      if (n < thresholds.smallSample()) {
        if (!hint) {
          continue;
        }
        needed = n;
      } else {
        needed = Math.max(1, (int) Math.ceil(thresholds.required(recognizer, hint) * n - 1e-9));
      }
      int matched = 0;
      // stop as soon as the remaining values cannot reach the threshold any more
      for (int i = 0; i < n && matched + (n - i) >= needed; i++) {
        if (recognizer.matches(values[i], registers)) {
          matched++;
        }
      }
      if (matched >= needed) {
        suggestions.add(suggestion(field.name(), name, recognizer, n, matched, hint, registers));
      }
    }
    suggestions.sort(BEST_FIRST);
    return List.copyOf(suggestions);
  }

  public Optional<Suggestion> best(FieldSample field) {
    List<Suggestion> suggestions = classify(field);
    return suggestions.isEmpty() ? Optional.empty() : Optional.of(suggestions.get(0));
  }

  /** The best suggestion of each field that has one, in the order of the fields (a whole CSV or JSON sample). */
  public List<Suggestion> bestOfEach(Collection<FieldSample> fields) {
    List<Suggestion> best = new ArrayList<>();
    for (FieldSample field : fields) {
      best(field).ifPresent(best::add);
    }
    return best;
  }

  private Suggestion suggestion(String field, String name, Recognizer recognizer, int n, int matched, boolean hint,
      boolean registers) {
    double share = (double) matched / n;
    double confidence = recognizer.strength() * share * n / (n + 1.0) + (hint ? thresholds.hintBonus() : 0);
    confidence = Math.min(0.99, confidence);
    // floor: 199 of 200 must not read as 100 %
    int percent = (int) Math.floor(share * 100 + 1e-9);
    StringBuilder reason = new StringBuilder(120)
        .append(matched).append(" of ").append(n).append(n == 1 ? " value is " : " values are ")
        .append(recognizer.evidence()).append(" (").append(percent).append("%); ");
    if (hint) {
      reason.append("field name '").append(name).append("' hints it");
      if (recognizer == Recognizer.PLC_TAG && registers) {
        reason.append(" and makes Modbus register numbers count");
      }
    } else {
      reason.append("the field name gives no hint");
    }
    return new Suggestion(field, recognizer, n, matched, share, hint, round(confidence), reason.toString());
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  /** Stripped non-blank values; those over the length bound stay as null, counted but never matching. */
  private static String[] usable(List<String> values) {
    String[] usable = new String[values.size()];
    int n = 0;
    for (String value : values) {
      if (value == null) {
        continue;
      }
      String v = value.strip();
      if (v.isEmpty() || (v.length() <= 4 && PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)))) {
        continue;
      }
      usable[n++] = v.length() > Recognizer.MAX_VALUE_LENGTH ? null : v;
    }
    return n == usable.length ? usable : Arrays.copyOf(usable, n);
  }
}
