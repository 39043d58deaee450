package org.enterprisebrain.standard;

/**
 * The 分类分级 label a field of the standard carries: a category (the guideline's data domains plus
 * equipment/IoT and energy/environment), an MIIT industrial data grade (L1 一级 … L3 三级) and whether
 * the field holds personal information. 重要/核心 are never set here: the authority recognizes those.
 */
public record FieldClassification(String pointer, String category, Grade grade, boolean personal) {

  /** MIIT industrial data grades, lowest first; comparable so that a record's highest grade is a max. */
  public enum Grade {
    L1, L2, L3;

    public static Grade parse(String text) {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }
}
