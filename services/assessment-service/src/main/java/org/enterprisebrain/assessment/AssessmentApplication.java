package org.enterprisebrain.assessment;

import org.enterprisebrain.web.database.DatabaseMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The guideline (未来工厂建设导则) as a clause catalogue, scored from live evidence of the platform and from
 * reviewed attestations: levels, gaps, snapshots over time.
 */
@SpringBootApplication
@EnableScheduling
public class AssessmentApplication {

  public static void main(String[] args) {
    if (DatabaseMigration.requested(args)) {
      DatabaseMigration.run(AssessmentDatabase.class, args);
      return;
    }
    SpringApplication.run(AssessmentApplication.class, args);
  }
}
