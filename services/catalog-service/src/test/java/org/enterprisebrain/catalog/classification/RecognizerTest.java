package org.enterprisebrain.catalog.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One value at a time, shaped like what plants actually export. */
class RecognizerTest {

  // ---------------------------------------------------------------- PRC resident ID (GB 11643-1999)

  @ParameterizedTest
  @ValueSource(strings = {
      "11010519491231002X", // the standard's own example
      "11010519491231002x", // lower-case check character, as some HR systems store it
      "330106198503120079",
      "110105491231002", // 15-digit number issued before 1999: 1949-12-31, no check character
  })
  void validResidentIds(String id) {
    assertThat(Recognizer.PRC_RESIDENT_ID.matches(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "110105194912310021", // wrong check character
      "110105194912310020",
      "110105194902300012", // check character right, but 30 February
      "990105194912310023", // check character right, but 99 is no province
      "330106203001010017", // check character right, but born in 2030
      "110105491331002", // 15 digits with month 13
      "11010519491231002", // 17 characters
      "1101051949123100 2X",
      "11O10519491231002X", // letter O for zero
  })
  void invalidResidentIds(String id) {
    assertThat(Recognizer.PRC_RESIDENT_ID.matches(id)).isFalse();
  }

  // ---------------------------------------------------------------- mainland mobile numbers

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "19912345678", "+86 138 0013 8000", "+8613800138000", "+86-138-0013-8000",
      "0086-13800138000", "008613800138000", "8613800138000", "138-0013-8000", "138 0013 8000"})
  void validMobiles(String mobile) {
    assertThat(Recognizer.MOBILE_CN.matches(mobile)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12800138000", "1380013800", "138001380001", "0571-88886666", "+85213800138000",
      "+0086 13800138000", "138  0013 8000", "-13800138000", "13800138000-", "1.38001E+10", "138001380OO"})
  void notMobiles(String value) {
    assertThat(Recognizer.MOBILE_CN.matches(value)).isFalse();
  }

  // ---------------------------------------------------------------- e-mail

  @ParameterizedTest
  @ValueSource(strings = {"zhang.wei@ebrain-mfg.com", "12345678@qq.com", "li+mes@hzjx.com.cn", "WANGFANG@163.COM",
      "o'neil@example.org"})
  void validEmails(String email) {
    assertThat(Recognizer.EMAIL.matches(email)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zhangwei#163.com", "zhangwei@163", "a..b@x.com", ".a@x.com", "a.@x.com", "@x.com",
      "x@-qq.com", "x@qq-.com", "x@qq.c0m", "x@qq.c", "a@b@c.com", "张伟@163.com", "true"})
  void notEmails(String value) {
    assertThat(Recognizer.EMAIL.matches(value)).isFalse();
  }

  // ---------------------------------------------------------------- bank cards (Luhn)

  @ParameterizedTest
  @ValueSource(strings = {"6217001234567890122", "6222021001122334458", "4367420000123454", "4111111111111111",
      "4111 1111 1111 1111", "6222 0210 0112 2334 458", "5500000000000004", "622848123456789012"})
  void validCards(String card) {
    assertThat(Recognizer.BANK_CARD.matches(card)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "6217001234567890123", // last digit changed: Luhn fails
      "4111111111111112",
      "6222020200112233445", // the ACADEMIC_YEAR_CODE kind of number: card-shaped, Luhn-invalid
      "1111111111111117", // Luhn-valid, no issuer starts with 1
      "89860133944837834886", // SIM ICCID: Luhn-valid, 20 digits, 89 is telecom
      "6666666666666666", // placeholder run
      "411111111111111", // 15 digits
      "4111  1111 1111 1111",
      "6222 **** **** 1234",
  })
  void invalidCards(String value) {
    assertThat(Recognizer.BANK_CARD.matches(value)).isFalse();
  }

  // ---------------------------------------------------------------- unified social credit code (GB 32100-2015)

  @ParameterizedTest
  @ValueSource(strings = {
      "91350100M000100Y43", // check: Σ value·3^i mod 31 = 28 → 31 − 28 = 3
      "91330106MA27XK4H0K",
      "91350100m000100y43", // typed in lower case
  })
  void validCreditCodes(String code) {
    assertThat(Recognizer.USCC.matches(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "91350100M000100Y44", // wrong check character
      "91350100I000100Y43", // I is not in the code's charset
      "913501A0M000100Y43", // the region code must be digits
      "91350100M000100Y4", "330106123456789",
  })
  void invalidCreditCodes(String code) {
    assertThat(Recognizer.USCC.matches(code)).isFalse();
  }

  // ---------------------------------------------------------------- licence plates

  @ParameterizedTest
  @ValueSource(strings = {"浙A12345", "浙AD12345", "浙A12345D", "粤BDA1234", "京A·12345", "沪C 8M7N2", "苏E1234挂",
      "浙A1234学", "京A0001警", "浙a12345"})
  void validPlates(String plate) {
    assertThat(Recognizer.LICENCE_PLATE.matches(plate)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"浙I12345", "浙O12345", "浙A1234", "浙A123456", "浙AD1234X", "AA12345", "浙江12345",
      "浙A12·345", "无牌"})
  void invalidPlates(String value) {
    assertThat(Recognizer.LICENCE_PLATE.matches(value)).isFalse();
  }

  // ---------------------------------------------------------------- Chinese personal names

  @ParameterizedTest
  @ValueSource(strings = {"张伟", "王秀英", "李娜", "欧阳娜娜", "诸葛亮", "司马懿", "上官婉儿", "陳志明"})
  void chineseNames(String name) {
    assertThat(Recognizer.PERSON_NAME_ZH.matches(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "车间", "合格", "待检", "设备科", "不合格", // not starting with a surname, or naming a thing
      "白班", "黄铜", "郑州", "周期", "高温报警", "金属软管", // surname character first, yet words
      "张", "张伟伟伟伟", "Zhang Wei", "张伟1", "张 伟",
  })
  void notChineseNames(String value) {
    assertThat(Recognizer.PERSON_NAME_ZH.matches(value)).isFalse();
  }

  // ---------------------------------------------------------------- PLC and OPC UA tags

  @ParameterizedTest
  @ValueSource(strings = {"DB1.DBX0.0", "DB10.DBW4", "DB2.DBD8", "%DB1.DBX3.7", "%I0.1", "%MW100", "%IX0.7", "%QD4",
      "I0.1", "Q1.0", "MW10", "M0.0", "PIW256", "VW100", "N7:0", "B3:0/1", "T4:0.ACC", "I:1/0", "ST10:2",
      "Local:1:I.Data.0", "Local:2:O.Data[3]", "Program:MainProgram.Motor_Speed", "ns=2;s=Line1.Press.Temp",
      "ns=3;i=1001", "i=2258", "ns=1;g=72962b91-fa75-4ae6-8d28-b404dc7daf63",
      "nsu=http://opcfoundation.org/UA/;i=2258", "PLC1.Line2.Motor3.Speed", "Channel1.Device1.Tag1",
      "Line1.Oven.Zone[3].Temp"})
  void plcTags(String tag) {
    assertThat(Recognizer.PLC_TAG.matches(tag)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I0.8", "M10", "MW", "ID10023", "IX0", "DB1", "DB1.DBX0", // incomplete or out of range
      "mes01.plant.local", "v1.2.3", "10.0.0.12", "Line1.Temp", "com.ebrain.mes.OrderHandler", "report.final.PDF",
      "ns=2;x=1", "s=Line1.Temp", "ns=2;i=abc", "M12x1.25", "Q235B", "A5", "C3:D9", "40001", "温度", "",
  })
  void notPlcTags(String value) {
    assertThat(Recognizer.PLC_TAG.matches(value)).isFalse();
  }

  @Test
  void modbusNumbersCountOnlyUnderARegisterName() {
    assertThat(Recognizer.PLC_TAG.matches("40001", true)).isTrue();
    assertThat(Recognizer.PLC_TAG.matches("400123", true)).isTrue();
    assertThat(Recognizer.PLC_TAG.matches("4x0001", true)).isTrue();
    assertThat(Recognizer.PLC_TAG.matches("30001", true)).isTrue();
    assertThat(Recognizer.PLC_TAG.matches("40000", true)).isFalse();
    assertThat(Recognizer.PLC_TAG.matches("50001", true)).isFalse();
    assertThat(Recognizer.PLC_TAG.matches("4001", true)).isFalse();
    assertThat(Recognizer.PLC_TAG.matches("40001", false)).isFalse();
  }

  // ---------------------------------------------------------------- labels

  @Test
  void labelsFollowTheScheme() {
    assertThat(Recognizer.PRC_RESIDENT_ID).returns("personnel", Recognizer::category).returns("L3", Recognizer::grade)
        .returns(true, Recognizer::personal).returns(true, Recognizer::sensitive);
    assertThat(Recognizer.MOBILE_CN).returns("L3", Recognizer::grade).returns(false, Recognizer::sensitive);
    assertThat(Recognizer.EMAIL).returns("L2", Recognizer::grade).returns(true, Recognizer::personal);
    assertThat(Recognizer.BANK_CARD).returns("finance", Recognizer::category).returns(true, Recognizer::sensitive);
    assertThat(Recognizer.USCC).returns("supply-chain", Recognizer::category).returns("L1", Recognizer::grade)
        .returns(false, Recognizer::personal);
    assertThat(Recognizer.LICENCE_PLATE).returns("logistics", Recognizer::category).returns(true, Recognizer::personal);
    assertThat(Recognizer.PERSON_NAME_ZH).returns("L2", Recognizer::grade).returns(true, Recognizer::personal);
    assertThat(Recognizer.PLC_TAG).returns("equipment", Recognizer::category).returns(false, Recognizer::personal);
    for (Recognizer r : Recognizer.values()) {
      assertThat(r.nameZh()).isNotBlank();
      assertThat(r.nameEn()).isNotBlank();
      assertThat(r.grade()).isIn("L1", "L2", "L3");
    }
  }

  @Test
  void overlongValuesNeverMatch() {
    assertThat(Recognizer.EMAIL.matches("a".repeat(250) + "@qq.com")).isFalse();
    assertThat(Recognizer.PLC_TAG.matches("A1." + "B.".repeat(200) + "C")).isFalse();
  }
}
