package org.enterprisebrain.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.enterprisebrain.catalog.classification.FieldClassifier;
import org.enterprisebrain.catalog.classification.FieldSample;
import org.enterprisebrain.catalog.classification.Suggestion;
import org.enterprisebrain.catalog.classification.Thresholds;
import org.enterprisebrain.cli.demo.DemoFactory;
import org.enterprisebrain.standard.Csv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Auto-classification of a CSV sample (an HR export: 10 columns, personal and plain) beside its baseline,
 * reading the same CSV into columns without classifying. Ratio = classify / read; records/s = ops/s × rows,
 * fields/s = ops/s × 10. Run with tools/bench/classification.sh.
 */
public class ClassificationBench extends JmhBench {

  static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
  static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "勇", "桂英"};

  @Param({"100", "1000"})
  int rows;

  String csv;
  final FieldClassifier classifier = new FieldClassifier(Thresholds.DEFAULTS);

  @Setup
  public void sample() {
    Random r = new Random(7);
    StringBuilder text = new StringBuilder("工号,姓名,身份证号,手机,邮箱,部门,入职日期,工资卡号,车牌号,备注\n");
    for (int i = 0; i < rows; i++) {
      LocalDate born = LocalDate.of(1970 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28));
      text.append("E").append(10000 + i).append(',')
          .append(SURNAMES[r.nextInt(SURNAMES.length)]).append(GIVEN[r.nextInt(GIVEN.length)]).append(',')
          .append(DemoFactory.residentId("330106", born, r.nextInt(1000))).append(',')
          .append(DemoFactory.mobile(r)).append(',')
          .append("user").append(i).append("@example.com,")
          .append("MFG-").append((char) ('A' + i % 3)).append(',')
          .append(LocalDate.of(2010 + r.nextInt(15), 1 + r.nextInt(12), 1 + r.nextInt(28))).append(',')
          .append(DemoFactory.bankCard(r)).append(',')
          .append("浙A").append(10000 + r.nextInt(90000)).append(',')
          .append(i % 7 == 0 ? "夜班" : "").append('\n');
    }
    csv = text.toString();
  }

  /** Baseline: what any use of the sample costs anyway. */
  @Benchmark
  public void readColumns(Blackhole out) {
    out.consume(columns());
  }

  @Benchmark
  public void readAndClassify(Blackhole out) {
    for (FieldSample column : columns()) {
      Optional<Suggestion> best = classifier.best(column);
      out.consume(best);
    }
  }

  private List<FieldSample> columns() {
    List<List<String>> table = Csv.parse(csv);
    return FieldSample.columns(table.get(0), new ArrayList<>(table.subList(1, table.size())));
  }
}
