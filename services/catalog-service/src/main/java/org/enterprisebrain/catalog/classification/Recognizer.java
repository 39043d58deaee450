package org.enterprisebrain.catalog.classification;

import java.util.List;

/**
 * The value recognizers of auto-classification and the label each applies. Categories and grades are the
 * codes of the catalog's {@code classification_category} and {@code classification_grade} rows; the
 * engine only ever assigns L1–L3, never the grades the authority alone recognizes (重要/核心).
 *
 * <p>{@link #strength()} is how rarely a value that is not of the kind passes the check: a checksum plus a
 * date leaves almost nothing through, a surname followed by one or two Han characters lets through words
 * such as 马达. It scales the confidence and so also ranks two recognizers that match the same values.
 */
public enum Recognizer {

  PRC_RESIDENT_ID("personnel", "L3", true, true, "居民身份证号码", "PRC resident ID number",
      "PRC resident ID numbers with a valid check character", 1.0,
      List.of("idNumber", "idNo", "idCard", "sfzh", "sfz", "sfzhm", "zjhm", "certNo", "certNumber",
          "certificateNo", "identityNo", "identityNumber", "identityCard", "nationalId", "residentId", "citizenId",
          "shenfenzheng", "身份证", "证件号", "身份号码")),

  MOBILE_CN("personnel", "L3", true, false, "手机号码", "Mainland mobile number",
      "mainland mobile numbers", 0.95,
      List.of("phone", "mobile", "tel", "telephone", "cellphone", "sjhm", "sjh", "lxdh", "shouji", "msisdn",
          "手机", "电话", "联系方式")),

  EMAIL("personnel", "L2", true, false, "电子邮箱", "E-mail address",
      "e-mail addresses", 0.98,
      List.of("email", "mail", "mailbox", "yxdz", "dzyx", "dzyj", "youxiang", "邮箱", "邮件", "电邮")),

  BANK_CARD("finance", "L3", true, true, "银行卡号", "Bank card number",
      "bank card numbers passing the Luhn check", 0.97,
      List.of("bankCard", "cardNo", "cardNumber", "cardNum", "accountNo", "accountNumber", "acctNo", "bankAccount",
          "debitCard", "creditCard", "salaryCard", "yhkh", "yhzh", "银行卡", "卡号", "银行账号", "银行帐号", "工资卡",
          "账号", "帐号")),

  // identifies an organisation, not a person
  USCC("supply-chain", "L1", false, false, "统一社会信用代码", "Unified social credit code",
      "unified social credit codes with a valid check character", 1.0,
      List.of("uscc", "creditCode", "tyshxydm", "shxydm", "xydm", "taxNo", "taxId", "taxpayerId", "nsrsbh",
          "统一社会信用代码", "信用代码", "纳税人识别号", "税号")),

  LICENCE_PLATE("logistics", "L2", true, false, "机动车号牌", "Licence plate",
      "Chinese licence plates", 0.95,
      List.of("plate", "licensePlate", "licencePlate", "numberPlate", "carNo", "vehicleNo", "truckNo", "cph",
          "chepai", "车牌", "号牌")),

  PERSON_NAME_ZH("personnel", "L2", true, false, "中文姓名", "Chinese personal name",
      "Chinese personal names starting with a common surname", 0.85,
      List.of("name", "xm", "xingming", "fullName", "realName", "userName", "operator", "inspector", "checker",
          "approver", "applicant", "handler", "reviewer", "auditor", "contact", "consignee", "receiver", "recipient",
          "driver", "employee", "staff", "person", "czy", "jyy", "lxr", "fzr", "jbr", "shr", "姓名", "名字", "操作员",
          "操作人", "检验员", "质检员", "联系人", "负责人", "审核人", "审批人", "经办人", "收货人", "申请人", "签收人",
          "司机", "员工", "人员")),

  // an OT address: its category matters for OT security, not for privacy
  PLC_TAG("equipment", "L1", false, false, "PLC/OPC UA 点位", "PLC or OPC UA tag",
      "PLC or OPC UA tag addresses", 0.92,
      List.of("tag", "address", "addr", "nodeId", "opc", "opcua", "plc", "point", "variable", "var", "signal", "io",
          "modbus", "register", "reg", "coil", "dianwei", "bianliang", "点位", "变量", "寄存器", "位号", "测点", "地址",
          "信号"));

  /** Values longer than this are never of any kind recognized here; skipping them bounds the work. */
  public static final int MAX_VALUE_LENGTH = 256;

  private final String category;
  private final String grade;
  private final boolean personal;
  private final boolean sensitive;
  private final String nameZh;
  private final String nameEn;
  private final String evidence;
  private final double strength;
  private final List<String> nameHints;

  Recognizer(String category, String grade, boolean personal, boolean sensitive, String nameZh, String nameEn,
      String evidence, double strength, List<String> nameHints) {
    this.category = category;
    this.grade = grade;
    this.personal = personal;
    this.sensitive = sensitive;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
    this.evidence = evidence;
    this.strength = strength;
    this.nameHints = nameHints;
  }

  /** Code of the category the label applies (personnel, finance, supply-chain, logistics, equipment). */
  public String category() {
    return category;
  }

  /** Code of the MIIT grade the label applies: L1 一级, L2 二级 or L3 三级. */
  public String grade() {
    return grade;
  }

  /** Personal information (个人信息, PIPL art. 4). */
  public boolean personal() {
    return personal;
  }

  /** Sensitive personal information (敏感个人信息, PIPL art. 28): ID numbers, financial accounts. */
  public boolean sensitive() {
    return sensitive;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  /** Plural noun phrase for the reason of a suggestion: "18 of 20 values are …". */
  public String evidence() {
    return evidence;
  }

  public double strength() {
    return strength;
  }

  /**
   * Field-name hints as written (camelCase, pinyin initials, Chinese); {@link FieldNames} matches the
   * Latin ones on whole name tokens and the Chinese ones as substrings.
   */
  public List<String> nameHints() {
    return nameHints;
  }

  /** Whether one value is of this kind; Modbus register numbers never count without a register name. */
  public boolean matches(String value) {
    return matches(value, false);
  }

  /**
   * @param registerNumbers the field's name speaks of registers, so bare Modbus numbers (40001) are PLC
   *     addresses rather than quantities
   */
  boolean matches(String value, boolean registerNumbers) {
    if (value == null || value.length() > MAX_VALUE_LENGTH) {
      return false;
    }
    return switch (this) {
      case PRC_RESIDENT_ID -> PersonalDataChecks.prcResidentId(value);
      case MOBILE_CN -> PersonalDataChecks.mobileCn(value);
      case EMAIL -> PersonalDataChecks.email(value);
      case BANK_CARD -> RegistrationChecks.bankCard(value);
      case USCC -> RegistrationChecks.uscc(value);
      case LICENCE_PLATE -> RegistrationChecks.licencePlate(value);
      case PERSON_NAME_ZH -> PersonalDataChecks.personNameZh(value);
      case PLC_TAG -> PlcAddressChecks.plcTag(value, registerNumbers);
    };
  }
}
