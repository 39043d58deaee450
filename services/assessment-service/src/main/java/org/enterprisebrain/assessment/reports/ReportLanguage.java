package org.enterprisebrain.assessment.reports;

import java.util.Map;
import org.enterprisebrain.web.ProblemException;

/**
 * Headings and labels of the reports in zh-CN or en. Clause text stays in the guideline's Chinese in both:
 * the English report adds the English title beside it.
 */
public enum ReportLanguage {
  ZH("zh-CN"), EN("en");

  private static final Map<String, String[]> LABELS = Map.ofEntries(
      Map.entry("title", new String[] {"未来工厂对标评估报告", "Future Factory assessment report"}),
      Map.entry("plant", new String[] {"工厂", "Plant"}),
      Map.entry("evaluatedAt", new String[] {"评估时间", "Evaluated at"}),
      Map.entry("evidenceAt", new String[] {"平台证据采集时间", "Platform evidence gathered at"}),
      Map.entry("source", new String[] {"来源", "Source"}),
      Map.entry("live", new String[] {"实时评估", "live evaluation"}),
      Map.entry("snapshot", new String[] {"快照", "snapshot"}),
      Map.entry("versions", new String[] {"条款目录 / 评分方案版本", "Catalogue / profile version"}),
      Map.entry("level", new String[] {"当前等级", "Level attained"}),
      Map.entry("none", new String[] {"未达到", "none yet"}),
      Map.entry("target", new String[] {"目标等级", "Target level"}),
      Map.entry("score", new String[] {"总分", "Score"}),
      Map.entry("range", new String[] {"置信区间", "Confidence range"}),
      Map.entry("counts", new String[] {"条款数（平台自动举证 / 仅人工举证 / 已满足 / 未知）",
          "Clauses (automatic / attestation only / met / unknown)"}),
      Map.entry("ladder", new String[] {"等级阶梯", "Level ladder"}),
      Map.entry("passed", new String[] {"通过", "passed"}),
      Map.entry("attained", new String[] {"已达到", "attained"}),
      Map.entry("notPassed", new String[] {"未通过", "not passed"}),
      Map.entry("scenarios", new String[] {"场景得分（当前 / 目标等级范围）", "Scenarios (score / at target)"}),
      Map.entry("scenario", new String[] {"场景", "Scenario"}),
      Map.entry("atTarget", new String[] {"目标等级范围得分", "At target"}),
      Map.entry("gaps", new String[] {"优先差距", "Prioritised gaps"}),
      Map.entry("blocks", new String[] {"阻碍下一等级", "Blocks next level"}),
      Map.entry("priority", new String[] {"优先度", "Priority"}),
      Map.entry("toClose", new String[] {"补齐所需证据", "Evidence that would close it"}),
      Map.entry("clauses", new String[] {"全部条款", "All clauses"}),
      Map.entry("clause", new String[] {"条款", "Clause"}),
      Map.entry("text", new String[] {"条款原文", "Text (original)"}),
      Map.entry("clauseTitle", new String[] {"标题", "Title"}),
      Map.entry("levelOf", new String[] {"所属等级", "Level"}),
      Map.entry("satisfaction", new String[] {"满足度", "Satisfaction"}),
      Map.entry("scale", new String[] {"满足程度", "Scale"}),
      Map.entry("evidence", new String[] {"证据", "Evidence"}),
      Map.entry("status", new String[] {"状态", "Status"}),
      Map.entry("value", new String[] {"值", "Value"}),
      Map.entry("yes", new String[] {"是", "yes"}),
      Map.entry("no", new String[] {"否", "no"}),
      Map.entry("summary", new String[] {"概览", "Summary"}),
      Map.entry("disclaimer", new String[] {"本报告依据《未来工厂建设导则》条款目录与评分方案计算，不等同于浙江省数字化水平评价得分。",
          "Computed from the catalogue of 未来工厂建设导则 and the scoring profile; not Zhejiang's provincial 数字化水平 score."}));

  private final String tag;

  ReportLanguage(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** The language of a request: zh-CN when none is named. */
  public static ReportLanguage of(String lang) {
    if (lang == null || lang.isBlank() || lang.equalsIgnoreCase("zh-CN") || lang.equalsIgnoreCase("zh")) {
      return ZH;
    }
    if (lang.equalsIgnoreCase("en")) {
      return EN;
    }
    throw ProblemException.badRequest("lang", "must be zh-CN or en, not " + lang);
  }

  public String label(String key) {
    String[] both = LABELS.get(key);
    if (both == null) {
      throw new IllegalArgumentException("no report label " + key);
    }
    return both[ordinal()];
  }

  /** The language's choice of a pair of names (a level's, a scenario's, a scale step's). */
  public String pick(String zh, String en) {
    return this == ZH || en == null ? zh : en;
  }
}
