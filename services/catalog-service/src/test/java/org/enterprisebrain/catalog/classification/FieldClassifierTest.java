package org.enterprisebrain.catalog.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldClassifierTest {

  private final FieldClassifier classifier = new FieldClassifier();

  /** GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, written here independently of the engine. */
  static String withCheck(String body17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body17.charAt(i) - '0') * weights[i];
    }
    return body17 + "10X98765432".charAt(sum % 11);
  }

  /** Distinct valid ID numbers: Hangzhou Xihu district, born 1985-03-12, sequence from 'from'. */
  static List<String> ids(int count, int from) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(withCheck("33010619850312" + String.format("%03d", from + i)));
    }
    return ids;
  }

  private static String breakCheck(String id) {
    char last = id.charAt(17);
    return id.substring(0, 17) + (last == '0' ? '1' : '0');
  }

  @Test
  void academicYearCodeIsNoBankCard() {
    List<String> cardShaped = List.of("6222020200112233445", "6222020200112233447", "6222020200112233448",
        "6228480200112233441", "6228480200112233442", "6212262502009182451");
    assertThat(cardShaped).noneMatch(Recognizer.BANK_CARD::matches);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      values.addAll(List.of("2023", "2024-2025", "2025"));
      values.addAll(cardShaped);
    }
    // one in ten card-shaped numbers passes Luhn by chance; a few of them change nothing
    values.add("6222020200112233446");
    assertThat(Recognizer.BANK_CARD.matches("6222020200112233446")).isTrue();
    assertThat(classifier.classify(new FieldSample("ACADEMIC_YEAR_CODE", values))).isEmpty();
    assertThat(classifier.classify(new FieldSample("card_no", values))).isEmpty();
  }

  @Test
  void aNameWithoutMatchingValuesSuggestsNothing() {
    List<String> orderNumbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      orderNumbers.add("20260115" + String.format("%010d", 4_812_000 + i * 37));
    }
    assertThat(classifier.classify(new FieldSample("idNumber", orderNumbers))).isEmpty();
    assertThat(classifier.classify(FieldSample.of("phone_model", "iPhone 15", "HUAWEI Mate 60 Pro", "Xiaomi 14",
        "iPhone 15", "OPPO Reno11"))).isEmpty();
    assertThat(classifier.classify(FieldSample.of("email_sent", "true", "false", "true", "true"))).isEmpty();
  }

  @Test
  void valuesDecideWhateverTheName() {
    Suggestion s = classifier.best(new FieldSample("remark", ids(20, 100))).orElseThrow();
    assertThat(s.recognizer()).isEqualTo(Recognizer.PRC_RESIDENT_ID);
    assertThat(s.nameHint()).isFalse();
    assertThat(s.reason()).isEqualTo("20 of 20 values are PRC resident ID numbers with a valid check character (100%);"
        + " the field name gives no hint");
  }

  @Test
  void theReasonSaysWhyAndTheLabelFollowsTheRecognizer() {
    List<String> values = new ArrayList<>(ids(18, 200));
    values.add(breakCheck(ids(1, 300).get(0)));
    values.add(breakCheck(ids(1, 301).get(0)));
    Suggestion s = classifier.best(new FieldSample("/extensions/sfzh", values)).orElseThrow();
    assertThat(s.field()).isEqualTo("/extensions/sfzh");
    assertThat(s.reason()).isEqualTo("18 of 20 values are PRC resident ID numbers with a valid check character (90%);"
        + " field name 'sfzh' hints it");
    assertThat(s).returns(20, Suggestion::sampled).returns(18, Suggestion::matched).returns(0.9, Suggestion::matchedShare)
        .returns(true, Suggestion::nameHint);
    assertThat(s).returns("personnel", Suggestion::category).returns("L3", Suggestion::grade)
        .returns(true, Suggestion::personal).returns(true, Suggestion::sensitive);
  }

  @Test
  void aNameHintLowersTheShareNeeded() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      values.add("1380013800" + i);
    }
    for (int i = 0; i < 4; i++) {
      values.add("0571-8888666" + i);
    }
    assertThat(classifier.best(new FieldSample("联系电话", values))).get()
        .returns(Recognizer.MOBILE_CN, Suggestion::recognizer).returns(0.6, Suggestion::matchedShare);
    assertThat(classifier.best(new FieldSample("col_1", values))).isEmpty();
  }

  @Test
  void personNamesNeedAClearMajority() {
    List<String> values = new ArrayList<>(List.of("张伟", "王秀英", "李娜", "刘洋", "陈静", "杨磊", "黄强", "赵敏", "吴军",
        "周杰", "徐磊", "孙艳", "马勇", "朱涛", "胡静", "郭霞", "何平"));
    values.addAll(List.of("车间", "合格", "待检")); // 17 of 20 = 85 %
    assertThat(classifier.best(new FieldSample("col_8", values))).isEmpty();
    assertThat(classifier.best(new FieldSample("operator", values))).get()
        .returns(Recognizer.PERSON_NAME_ZH, Suggestion::recognizer);
    List<String> words = Collections.nCopies(4, List.of("车间", "合格", "待检", "设备科", "白班", "黄铜")).stream()
        .flatMap(List::stream).toList();
    assertThat(classifier.classify(new FieldSample("负责人", words))).isEmpty();
  }

  @Test
  void smallSamplesNeedAHintAndEveryValue() {
    List<String> two = ids(2, 400);
    assertThat(classifier.best(new FieldSample("sfzh", two))).get()
        .returns(Recognizer.PRC_RESIDENT_ID, Suggestion::recognizer);
    assertThat(classifier.best(new FieldSample("col_2", two))).isEmpty();
    assertThat(classifier.best(new FieldSample("sfzh", List.of(two.get(0), breakCheck(two.get(1)))))).isEmpty();
    assertThat(classifier.classify(new FieldSample("sfzh", Arrays.asList(null, "", " ")))).isEmpty();
  }

  @Test
  void blanksAndPlaceholdersAreNotSampled() {
    List<String> values = new ArrayList<>(ids(10, 500));
    values.addAll(Arrays.asList("", null, "N/A", "无", "  ", "-", "NULL"));
    Suggestion s = classifier.best(new FieldSample("col_3", values)).orElseThrow();
    assertThat(s).returns(10, Suggestion::sampled).returns(10, Suggestion::matched);
  }

  @Test
  void checkCharacterBeatsLuhnUnlessTheNameSaysCard() {
    // 18-digit ID numbers that happen to pass Luhn as well
    List<String> both = new ArrayList<>();
    for (int seq = 0; both.size() < 12; seq++) {
      String id = withCheck("33010619850312" + String.format("%03d", seq));
      if (Recognizer.BANK_CARD.matches(id)) {
        both.add(id);
      }
    }
    assertThat(both).allMatch(Recognizer.PRC_RESIDENT_ID::matches);
    List<Suggestion> neutral = classifier.classify(new FieldSample("col_9", both));
    assertThat(neutral).extracting(Suggestion::recognizer)
        .containsExactly(Recognizer.PRC_RESIDENT_ID, Recognizer.BANK_CARD);
    assertThat(classifier.best(new FieldSample("card_no", both))).get()
        .returns(Recognizer.BANK_CARD, Suggestion::recognizer);
  }

  @Test
  void confidenceGrowsWithEvidenceAndStaysBelowOne() {
    double few = classifier.best(new FieldSample("col", ids(4, 600))).orElseThrow().confidence();
    double many = classifier.best(new FieldSample("col", ids(40, 600))).orElseThrow().confidence();
    double hinted = classifier.best(new FieldSample("sfzh", ids(4, 600))).orElseThrow().confidence();
    double capped = classifier.best(new FieldSample("sfzh", ids(40, 600))).orElseThrow().confidence();
    assertThat(few).isLessThan(many).isLessThan(1.0);
    assertThat(hinted).isGreaterThan(few);
    assertThat(capped).isEqualTo(0.99);
    assertThat(few).isGreaterThan(0.0);
  }

  @Test
  void modbusNumbersAreTagsOnlyUnderARegisterName() {
    List<String> registers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      registers.add(String.valueOf(40001 + i * 2));
    }
    assertThat(classifier.best(new FieldSample("modbus_register", registers))).get()
        .returns(Recognizer.PLC_TAG, Suggestion::recognizer)
        .satisfies(s -> assertThat(s.reason()).contains("Modbus register numbers count"));
    assertThat(classifier.best(new FieldSample("qty", registers))).isEmpty();
  }

  @Test
  void thresholdsAreConfigurable() {
    List<String> values = new ArrayList<>(ids(18, 700));
    values.add("20260115000001234");
    values.add("20260115000001235");
    assertThat(classifier.best(new FieldSample("remark", values))).isPresent();
    FieldClassifier strict = new FieldClassifier(new Thresholds(0.95, 0.9, 0.98, 0.95, 5, 0.1));
    assertThat(strict.best(new FieldSample("remark", values))).isEmpty();
    assertThat(strict.best(new FieldSample("sfzh", values))).isPresent();
    assertThatThrownBy(() -> new Thresholds(0, 0.5, 0.9, 0.7, 3, 0.15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Thresholds(0.8, 1.5, 0.9, 0.7, 3, 0.15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Thresholds(0.8, 0.5, 0.9, 0.7, 0, 0.15)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlongValuesCountButNeverMatch() {
    List<String> values = new ArrayList<>(ids(8, 800));
    values.add("3".repeat(100_000));
    values.add("x".repeat(300) + "@qq.com");
    Suggestion s = classifier.best(new FieldSample("sfzh", values)).orElseThrow();
    assertThat(s).returns(10, Suggestion::sampled).returns(8, Suggestion::matched);
  }

  @Test
  void aWholeSampleIsClassifiedFieldByField() {
    List<String> header = List.of("工号", "姓名", "手机", "统一社会信用代码", "点位");
    List<List<String>> rows = List.of(
        List.of("E1001", "张伟", "13800138000", "91350100M000100Y43", "DB1.DBX0.0"),
        List.of("E1002", "王秀英", "+86 139 0013 9000", "91330106MA27XK4H0K", "DB1.DBX0.1"),
        List.of("E1003", "欧阳娜娜", "150-0013-5000", "91350100M000100Y43", "%MW100"),
        List.of("E1004", "李娜"));
    List<Suggestion> best = classifier.bestOfEach(FieldSample.columns(header, rows));
    assertThat(best).extracting(Suggestion::field).containsExactly("姓名", "手机", "统一社会信用代码", "点位");
    assertThat(best).extracting(Suggestion::recognizer).containsExactly(Recognizer.PERSON_NAME_ZH,
        Recognizer.MOBILE_CN, Recognizer.USCC, Recognizer.PLC_TAG);
    assertThat(best.get(2).personal()).isFalse();
    assertThat(best.get(3)).returns("equipment", Suggestion::category).returns(false, Suggestion::personal);
  }
}
