package org.enterprisebrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brain} command line: start the platform, run the demo factory, ingest files. */
@Command(name = "brain", mixinStandardHelpOptions = true, version = "Enterprise Brain 0.1.0",
    description = "Enterprise Brain (企业大脑) command line",
    subcommands = {UpCommand.class, DemoCommand.class, IngestCommand.class, ClassifyCommand.class,
        BackupCommand.class, RestoreCheckCommand.class, BackfillCommand.class, AuditCommand.class, ConnectCommand.class})
public final class BrainCommand implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new BrainCommand()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
