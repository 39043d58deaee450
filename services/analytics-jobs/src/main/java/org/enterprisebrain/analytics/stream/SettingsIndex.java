package org.enterprisebrain.analytics.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.function.FunctionWithException;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The versions of one kind of settings an operator knows ({@link SettingsTopic}), indexed by what each configures:
 * those on the topic when the operator opened, those in its broadcast state after a restore, and those broadcast
 * since. Records ask for their scope's version per record (per reading, per hour), so the index is kept up to date
 * as versions arrive instead of being collected from the broadcast state for every question.
 *
 * @param <S> what the operator's broadcast state holds for a version (its JSON, or the version itself)
 * @param <T> a version
 */
public final class SettingsIndex<S, T extends SettingsIndex.Version> {

  /** A version of the settings of one scope (a chart, a plant, a line), in force from {@code effectiveFrom} on. */
  public interface Version {
    String scope();

    int version();

    long effectiveFrom();
  }

  private final Map<String, List<T>> byScope = new HashMap<>();
  private final FunctionWithException<S, T, Exception> read;
  private boolean restored;

  /**
   * @param known the versions on the topic when the operator opened
   * @param read  a version from what the broadcast state holds for it (null: none a job can use)
   */
  public SettingsIndex(List<T> known, FunctionWithException<S, T, Exception> read) {
    this.read = read;
    known.forEach(this::add);
  }

  /**
   * The index of settings kept as their JSON: the versions on {@code topic} now (null: none read), and those of a
   * restored broadcast state read the same way.
   */
  public static <T extends Version> SettingsIndex<String, T> ofJson(KafkaConnection kafka, String topic,
      SettingsTopic.Reader<T> reader) {
    return new SettingsIndex<>(topic == null ? List.of() : SettingsTopic.readAll(kafka, topic, reader),
        json -> reader.read(Envelope.JSON.readTree(json)));
  }

  /** A version broadcast to the operator; the same version again replaces it. */
  public void add(T version) {
    List<T> versions = byScope.computeIfAbsent(version.scope(), s -> new ArrayList<>());
    versions.removeIf(v -> v.version() == version.version());
    int at = 0;
    while (at < versions.size() && versions.get(at).version() > version.version()) {
      at++;
    }
    versions.add(at, version);
  }

  /**
   * A version as broadcast to the operator: kept in its broadcast state under {@code scope|version} (so a restore
   * finds it) and indexed; one the job cannot use ({@code read} gives null) is neither.
   */
  public void broadcast(S held, org.apache.flink.api.common.state.BroadcastState<String, S> state) throws Exception {
    T version = read.apply(held);
    if (version != null) {
      state.put(version.scope() + '|' + version.version(), held);
      add(version);
    }
  }

  /**
   * The index after taking in, once per operator instance, the versions in a broadcast state restored from a
   * checkpoint (they may predate what the topic held when the operator opened, e.g. after retention).
   */
  public SettingsIndex<S, T> restored(ReadOnlyBroadcastState<String, S> state) throws Exception {
    if (!restored) {
      restored = true;
      for (Map.Entry<String, S> e : state.immutableEntries()) {
        T version = read.apply(e.getValue());
        if (version != null) {
          add(version);
        }
      }
    }
    return this;
  }

  /** The scope's versions, newest first. */
  public List<T> newestFirst(String scope) {
    return byScope.getOrDefault(scope, List.of());
  }

  /** The scope's newest version in force at t, null when none is. */
  public T inForce(String scope, long t) {
    for (T v : newestFirst(scope)) {
      if (v.effectiveFrom() <= t) {
        return v;
      }
    }
    return null;
  }
}
