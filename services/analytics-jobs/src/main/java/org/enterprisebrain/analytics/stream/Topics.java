package org.enterprisebrain.analytics.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topics a job uses that no other component may have created: created at the job's start when missing. An
 * existing topic is only described, never created again, so a job whose Kafka user may describe, read and write
 * its topics but not create them (the chart's: Strimzi makes every topic) starts as well.
 */
public final class Topics {

  private Topics() {
  }

  /** Creates {@code topic} unless it exists. */
  public static void ensure(KafkaConnection kafka, NewTopic topic) {
    try (Admin admin = Admin.create(kafka.client(Map.of()))) {
      try {
        admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe " + topic.name() + ": " + e.getCause().getMessage(), e);
        }
      }
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer describing or creating " + topic.name(), e);
    }
  }
}
