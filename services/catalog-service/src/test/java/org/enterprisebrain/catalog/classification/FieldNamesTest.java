package org.enterprisebrain.catalog.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldNamesTest {

  @Test
  void namesAreCutIntoTokens() {
    assertThat(FieldNames.tokens("IDCardNo")).containsExactly("id", "card", "no");
    assertThat(FieldNames.tokens("ACADEMIC_YEAR_CODE")).containsExactly("academic", "year", "code");
    assertThat(FieldNames.tokens("phone-model.v2")).containsExactly("phone", "model", "v", "2");
    assertThat(FieldNames.tokens("col17")).containsExactly("col", "17");
    assertThat(FieldNames.tokens("员工sfzh号")).containsExactly("sfzh");
  }

  @ParameterizedTest
  @ValueSource(strings = {"card_no", "cardNumber", "CARD_NO", "payee_card_no", "bankCard", "yhkh", "银行卡号", "工资卡"})
  void bankCardHints(String name) {
    assertThat(FieldNames.hinted(name)).contains(Recognizer.BANK_CARD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACADEMIC_YEAR_CODE", "CARDINALITY", "cardiac_rate", "discard_flag", "card", "card_type"})
  void wordsMerelyContainingCardDoNotHint(String name) {
    assertThat(FieldNames.hinted(name)).doesNotContain(Recognizer.BANK_CARD);
  }

  @Test
  void hintsOfEachRecognizer() {
    assertThat(FieldNames.hinted("sfzh")).containsExactly(Recognizer.PRC_RESIDENT_ID);
    assertThat(FieldNames.hinted("idNumber")).containsExactly(Recognizer.PRC_RESIDENT_ID);
    assertThat(FieldNames.hinted("员工身份证号")).contains(Recognizer.PRC_RESIDENT_ID);
    assertThat(FieldNames.hinted("TEL_NO")).containsExactly(Recognizer.MOBILE_CN);
    assertThat(FieldNames.hinted("联系电话")).containsExactly(Recognizer.MOBILE_CN);
    assertThat(FieldNames.hinted("e_mail")).containsExactly(Recognizer.EMAIL);
    assertThat(FieldNames.hinted("unifiedSocialCreditCode")).containsExactly(Recognizer.USCC);
    assertThat(FieldNames.hinted("tyshxydm")).containsExactly(Recognizer.USCC);
    assertThat(FieldNames.hinted("license_plate_no")).containsExactly(Recognizer.LICENCE_PLATE);
    assertThat(FieldNames.hinted("姓名")).containsExactly(Recognizer.PERSON_NAME_ZH);
    assertThat(FieldNames.hinted("inspector")).containsExactly(Recognizer.PERSON_NAME_ZH);
    assertThat(FieldNames.hinted("opc_node_id")).contains(Recognizer.PLC_TAG);
    assertThat(FieldNames.hinted("点位")).containsExactly(Recognizer.PLC_TAG);
    assertThat(FieldNames.hinted("phones")).containsExactly(Recognizer.MOBILE_CN);
    assertThat(FieldNames.hinted("contactEmails")).contains(Recognizer.EMAIL);
    assertThat(FieldNames.hinted("col_17")).isEmpty();
    assertThat(FieldNames.hinted("hotel_name")).doesNotContain(Recognizer.MOBILE_CN);
  }

  @Test
  void aBareNameHintsAPersonUnlessAnotherTokenSaysWhose() {
    assertThat(FieldNames.hinted("name")).contains(Recognizer.PERSON_NAME_ZH);
    assertThat(FieldNames.hinted("employee_name")).contains(Recognizer.PERSON_NAME_ZH);
    assertThat(FieldNames.hinted("product_name")).doesNotContain(Recognizer.PERSON_NAME_ZH);
    assertThat(FieldNames.hinted("tagName")).doesNotContain(Recognizer.PERSON_NAME_ZH).contains(Recognizer.PLC_TAG);
    assertThat(FieldNames.hinted("物料名称")).isEmpty();
  }

  @Test
  void registerNames() {
    assertThat(FieldNames.registers("modbus_register")).isTrue();
    assertThat(FieldNames.registers("reg_addr")).isTrue();
    assertThat(FieldNames.registers("寄存器地址")).isTrue();
    assertThat(FieldNames.registers("qty")).isFalse();
    assertThat(FieldNames.registers("regular_price")).isFalse();
  }

  @Test
  void pointersAreNamedByTheirLastSegment() {
    assertThat(FieldSample.of("/extensions/sfzh").lastSegment()).isEqualTo("sfzh");
    assertThat(FieldSample.of("/contacts/0/phone").lastSegment()).isEqualTo("phone");
    assertThat(FieldSample.of("/phones/-").lastSegment()).isEqualTo("phones");
    assertThat(FieldSample.of("/extensions/a~1b~0c").lastSegment()).isEqualTo("a/b~c");
    assertThat(FieldSample.of("plain").lastSegment()).isEqualTo("plain");
  }
}
