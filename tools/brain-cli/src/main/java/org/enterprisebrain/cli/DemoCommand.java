package org.enterprisebrain.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brain demo}: a simulated plant streaming through the public API of a running platform. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Stream a simulated plant (2 lines, 9 machines, 3 shifts) through the standard API")
public final class DemoCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Option(names = "--speed", defaultValue = DemoRunner.DEFAULT_SPEED,
      description = "Demo: simulated seconds per wall-clock second until the plant reaches now, then real time (default: ${DEFAULT-VALUE})")
  int speed;

  @Option(names = "--history", defaultValue = DemoRunner.DEFAULT_HISTORY,
      description = "Demo: how far back the simulated plant starts, ISO-8601 (default: ${DEFAULT-VALUE}); it never runs ahead of now")
  java.time.Duration history;

  @Option(names = "--ticks", defaultValue = "-1", description = "Stop after this many ticks (default: run until Ctrl-C)")
  long ticks;

  @Option(names = "--seed", defaultValue = "20261125", description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    DemoRunner runner = new DemoRunner(connection, seed, java.time.Instant.now().minus(history));
    DemoRunner.Totals totals = runner.run(speed, ticks, System.out);
    System.out.printf("demo: %,d records sent, %,d accepted, %,d rejected, %,d failed%n",
        totals.sent(), totals.accepted(), totals.rejected(), totals.failed());
    return totals.failed() == 0 ? 0 : 3;
  }
}
