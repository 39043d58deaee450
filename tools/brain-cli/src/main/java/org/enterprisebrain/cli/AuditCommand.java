package org.enterprisebrain.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.enterprisebrain.client.catalog.api.AuditApi;
import org.enterprisebrain.client.catalog.model.AuditChainReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brain audit verify}: the catalog's audit log checked link by link, as an auditor (安全审计). */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Verify.class,
    description = "The catalog's audit log: graded reads, refusals, every service's changes and downloads")
public final class AuditCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check the audit log's hash chain; exit 1 where it breaks. Write down the head it prints: "
          + "entries cut off the end leave an intact but shorter chain")
  static final class Verify implements Callable<Integer> {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      connection.actAsAuditor();
      AuditChainReport r = new AuditApi(connection.apiClient()).verifyAuditChain();
      if (r.getExpiredEntries() != null && r.getExpiredEntries() > 0) {
        out.printf("retention removed %d entries through %d; the chain is checked from the entry after it%n",
            r.getExpiredEntries(), r.getExpiredThroughId());
      }
      if (Boolean.TRUE.equals(r.getIntact())) {
        out.printf("audit log intact: %d entries, head %s %s (checked %s)%n", r.getEntries(), r.getHeadId(),
            r.getHeadHash(), r.getCheckedAt());
        return 0;
      }
      out.printf("audit log BROKEN at entry %d (%s): %d entries, head %s %s (checked %s)%n", r.getFirstBrokenId(),
          r.getProblem(), r.getEntries(), r.getHeadId(), r.getHeadHash(), r.getCheckedAt());
      return 1;
    }
  }
}
