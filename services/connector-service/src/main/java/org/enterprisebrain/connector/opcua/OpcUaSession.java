package org.enterprisebrain.connector.opcua;

import org.enterprisebrain.connector.connections.DaemonThreads;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.BrowseHelper;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA client connection (Eclipse Milo 1.1.x) for the connector: browse, and subscriptions
 * that survive a server restart.
 *
 * <p>Milo's client reconnects by itself and, on a new session, tries to transfer the existing
 * subscriptions. A restarted server has lost them, the transfer fails, and Milo resets each
 * subscription to its initial state while keeping its monitored items. This class then creates the
 * subscription and its items again from that kept configuration, so listeners see values again
 * without the caller doing anything.
 *
 * <p>Server certificates are checked against the trust list in {@code <clientPkiDir>/pki/trusted};
 * an unknown certificate is refused and copied to {@code <clientPkiDir>/pki/rejected}, from where
 * an operator (or {@link #trustServerCertificate}) moves it to trusted.
 */
public final class OpcUaSession implements AutoCloseable {

  public enum SecurityMode {
    /** SecurityPolicy None: no signing, no encryption, no client certificate. */
    NONE,
    /** SecurityPolicy Basic256Sha256 with MessageSecurityMode SignAndEncrypt. */
    BASIC256SHA256
  }

  /** A reference target found by {@link #browse}. */
  public record BrowsedNode(
      String nodeId, String browseName, String displayName, String nodeClass, String dataType) {}

  /** A value to monitor; {@code absoluteDeadband} null means every change is reported. */
  public record MonitoredTag(String nodeId, double samplingIntervalMs, Double absoluteDeadband) {

    public MonitoredTag {
      Objects.requireNonNull(nodeId, "nodeId");
      if (!(samplingIntervalMs >= 0)) {
        throw new IllegalArgumentException(
            "samplingIntervalMs must be >= 0: " + samplingIntervalMs);
      }
      if (absoluteDeadband != null && !(absoluteDeadband >= 0)) {
        throw new IllegalArgumentException("absoluteDeadband must be >= 0: " + absoluteDeadband);
      }
    }
  }

  /** A tag the server would not monitor, with the reason it gave. */
  public record RefusedTag(String nodeId, long statusCode, String statusName) {}

  /**
   * Receives data changes. Called on a Milo pool thread, in order for one subscription; it should
   * return quickly, since Milo sends its next publish request only afterwards.
   */
  @FunctionalInterface
  public interface Listener {

    /**
     * @param value the Java value (Double, String, ...), null when the status is Bad
     * @param sourceTime null when the server gave none
     */
    void onValue(String nodeId, Object value, long statusCode, boolean good, Instant sourceTime);
  }

  /** A failure of the connection or of a service call, with the OPC UA status code. */
  public static final class OpcUaSessionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long statusCode;

    OpcUaSessionException(String message, long statusCode, Throwable cause) {
      super(message + " (" + OpcUaSession.statusName(statusCode) + ")", cause);
      this.statusCode = statusCode;
    }

    public long statusCode() {
      return statusCode;
    }

    public String statusName() {
      return OpcUaSession.statusName(statusCode);
    }
  }

  private static final Logger LOGGER = LoggerFactory.getLogger(OpcUaSession.class);

  private static final String APPLICATION_URI_PREFIX = "urn:enterprisebrain:connector:opcua:";
  private static final String PRODUCT_URI = "urn:enterprisebrain:connector:opcua";
  private static final String KEY_STORE_FILE = "connector-client.pfx";
  private static final String KEY_ALIAS = "client";
  // The key store guards a per-installation key; file permissions (0600) are the real protection.
  private static final char[] KEY_STORE_PASSWORD = "enterprisebrain".toCharArray();
  private static final long REQUEST_TIMEOUT_MS = 15_000;
  private static final int QUEUE_SIZE = 100;
  private static final long DISCONNECT_TIMEOUT_SECONDS = 5;

  private final OpcUaClient client;
  private final String endpointUrl;
  private final FileBasedTrustListManager trustListManager;
  private final List<OpcUaSubscription> subscriptions = new CopyOnWriteArrayList<>();
  // One thread, so recreations never run concurrently with each other.
  private final ExecutorService recovery =
      Executors.newSingleThreadExecutor(DaemonThreads.named("opcua-session-recovery"));
  private final AtomicInteger activations = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean connected;

  private OpcUaSession(
      OpcUaClient client, String endpointUrl, FileBasedTrustListManager trustListManager) {
    this.client = client;
    this.endpointUrl = endpointUrl;
    this.trustListManager = trustListManager;
  }

  /**
   * Connects and opens a session.
   *
   * @param endpointUrl e.g. {@code opc.tcp://host:4840/path}; its host and port are used even if
   *     the server advertises another name (servers behind NAT or in containers often do)
   * @param username null for an anonymous session
   * @param password ignored when {@code username} is null
   * @param clientPkiDir keeps the client certificate and the server trust list between runs
   */
  public static OpcUaSession connect(
      String endpointUrl, SecurityMode mode, String username, String password, Path clientPkiDir)
      throws OpcUaSessionException {
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(clientPkiDir, "clientPkiDir");

    FileBasedTrustListManager trustListManager = null;
    OpcUaClient client = null;
    // Set when no endpoint fits, so the exception can say what the server does offer.
    var offered = new AtomicReference<String>();
    try {
      Path pki = clientPkiDir.resolve("pki");
      trustListManager = FileBasedTrustListManager.createAndInitialize(pki);
      CertificateValidator validator =
          new DefaultClientCertificateValidator(
              trustListManager, FileBasedCertificateQuarantine.create(pki.resolve("rejected")));

      ClientCertificate certificate =
          mode == SecurityMode.BASIC256SHA256 ? ClientCertificate.loadOrCreate(clientPkiDir) : null;
      String applicationUri =
          certificate != null ? certificate.applicationUri() : APPLICATION_URI_PREFIX + hostname();

      IdentityProvider identity =
          username == null
              ? new AnonymousProvider()
              : new UsernameProvider(username, password == null ? "" : password, validator);
      UserTokenType tokenType = username == null ? UserTokenType.Anonymous : UserTokenType.UserName;

      client =
          OpcUaClient.create(
              endpointUrl,
              endpoints -> {
                Optional<EndpointDescription> selected =
                    selectEndpoint(endpoints, mode, tokenType, endpointUrl);
                if (selected.isEmpty()) {
                  offered.set(describe(endpoints));
                }
                return selected;
              },
              transport -> {},
              config -> {
                config
                    .setApplicationName(LocalizedText.english("EnterpriseBrain OPC UA Connector"))
                    .setApplicationUri(applicationUri)
                    .setProductUri(PRODUCT_URI)
                    .setCertificateValidator(validator)
                    .setIdentityProvider(identity)
                    .setRequestTimeout(uint(REQUEST_TIMEOUT_MS));
                if (certificate != null) {
                  config
                      .setKeyPair(certificate.keyPair())
                      .setCertificate(certificate.certificate())
                      .setCertificateChain(new X509Certificate[] {certificate.certificate()});
                }
              });

      var session = new OpcUaSession(client, endpointUrl, trustListManager);
      client.addSessionActivityListener(session.new ActivityListener());
      client.connect();
      LOGGER.info("OPC UA session open: {} ({}, {})", endpointUrl, mode, identityName(username));
      return session;
    } catch (UaException e) {
      abandon(client, trustListManager);
      String detail =
          offered.get() == null
              ? ""
              : ": no endpoint for "
                  + mode
                  + " with "
                  + identityName(username)
                  + "; the server offers "
                  + offered.get();
      throw new OpcUaSessionException(
          "cannot connect to " + endpointUrl + detail, e.getStatusCode().value(), e);
    } catch (IOException | RuntimeException e) {
      abandon(client, trustListManager);
      throw new OpcUaSessionException(
          "cannot connect to " + endpointUrl, StatusCodes.Bad_ConfigurationError, e);
    }
  }

  /** Adds a server certificate to the trust list under {@code clientPkiDir}. */
  public static void trustServerCertificate(Path clientPkiDir, X509Certificate certificate)
      throws IOException {
    try (var trustList =
        FileBasedTrustListManager.createAndInitialize(clientPkiDir.resolve("pki"))) {
      trustList.addTrustedCertificate(certificate);
    }
  }

  public String endpointUrl() {
    return endpointUrl;
  }

  /** True while a session is active; false from the moment Milo notices it lost the server. */
  public boolean connected() {
    return connected;
  }

  /** How often a session became active again after the first time (reactivated or recreated). */
  public int reconnects() {
    return Math.max(0, activations.get() - 1);
  }

  /**
   * The hierarchical references (Organizes, HasComponent, HasProperty, ...) of a node.
   *
   * @param nodeId {@code ns=..;s=..} / {@code i=..} form; null browses the Objects folder
   */
  public List<BrowsedNode> browse(String nodeId) throws OpcUaSessionException {
    NodeId start = nodeId == null ? NodeIds.ObjectsFolder : parseNodeId(nodeId);
    var description =
        new BrowseDescription(
            start,
            BrowseDirection.Forward,
            NodeIds.HierarchicalReferences,
            true,
            uint(0),
            uint(BrowseResultMask.All.getValue()));
    try {
      // BrowseHelper follows continuation points, so large folders come back whole.
      List<ReferenceDescription> references =
          BrowseHelper.browse(client, description, uint(0)).get();

      List<NodeId> ids = new ArrayList<>();
      List<ReferenceDescription> kept = new ArrayList<>();
      for (ReferenceDescription reference : references) {
        // Skip targets on other servers: they have no local node id.
        reference
            .getNodeId()
            .toNodeId(client.getNamespaceTable())
            .ifPresent(
                id -> {
                  ids.add(id);
                  kept.add(reference);
                });
      }

      List<String> dataTypes = readDataTypes(ids, kept);
      List<BrowsedNode> nodes = new ArrayList<>(kept.size());
      for (int i = 0; i < kept.size(); i++) {
        ReferenceDescription reference = kept.get(i);
        nodes.add(
            new BrowsedNode(
                ids.get(i).toParseableString(),
                Optional.ofNullable(reference.getBrowseName()).map(QualifiedName::name).orElse(""),
                Optional.ofNullable(reference.getDisplayName()).map(LocalizedText::text).orElse(""),
                reference.getNodeClass().name(),
                dataTypes.get(i)));
      }
      return nodes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpcUaSessionException(
          "browse interrupted", StatusCodes.Bad_RequestCancelledByClient, e);
    } catch (ExecutionException e) {
      throw failure("browse of " + start.toParseableString() + " failed", e.getCause());
    } catch (UaException e) {
      throw failure("browse of " + start.toParseableString() + " failed", e);
    }
  }

  /**
   * Monitors tags in a new subscription whose publishing interval is the smallest sampling
   * interval. Tags the server refuses (unknown node, wrong attribute, bad filter, ...) are returned
   * and not monitored; the others are, including after reconnects.
   *
   * @return the refused tags, empty when all are monitored
   * @throws OpcUaSessionException when the subscription itself cannot be created
   */
  public List<RefusedTag> subscribe(List<MonitoredTag> tags, Listener listener)
      throws OpcUaSessionException {
    Objects.requireNonNull(listener, "listener");
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("no tags to subscribe");
    }
    ensureOpen();

    List<RefusedTag> refused = new ArrayList<>();
    List<OpcUaMonitoredItem> items = new ArrayList<>();
    for (MonitoredTag tag : tags) {
      Optional<NodeId> nodeId = NodeId.parseSafe(tag.nodeId());
      if (nodeId.isEmpty()) {
        refused.add(refusal(tag.nodeId(), StatusCodes.Bad_NodeIdInvalid));
        continue;
      }
      items.add(monitoredItem(nodeId.get(), tag, listener));
    }
    if (items.isEmpty()) {
      return refused;
    }

    double publishingInterval =
        tags.stream().mapToDouble(MonitoredTag::samplingIntervalMs).min().orElseThrow();
    var subscription = new OpcUaSubscription(client, publishingInterval);
    subscription.setSubscriptionListener(new RecoveryListener());
    try {
      subscription.create();
    } catch (UaException e) {
      throw failure("cannot create a subscription", e);
    }
    subscription.addMonitoredItems(items);

    for (MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
      OpcUaMonitoredItem item = result.monitoredItem();
      StatusCode operation = result.operationResult().orElse(null);
      if (!result.serviceResult().isGood()) {
        // The call failed, not the item: it stays configured and is created on the next session.
        LOGGER.warn(
            "monitored item {} not created yet ({}); retried after reconnect",
            nodeIdOf(item),
            statusName(result.serviceResult().value()));
      } else if (operation != null && !operation.isGood()) {
        subscription.removeMonitoredItem(item);
        refused.add(refusal(nodeIdOf(item), operation.value()));
      }
    }

    if (subscription.getMonitoredItems().isEmpty()) {
      deleteQuietly(subscription);
    } else {
      subscriptions.add(subscription);
    }
    return refused;
  }

  /** Stops monitoring every tag subscribed so far (a new set of mappings follows); the session stays. */
  public void unsubscribeAll() {
    List<OpcUaSubscription> old = List.copyOf(subscriptions);
    subscriptions.clear();
    old.forEach(OpcUaSession::deleteQuietly);
  }

  /** Closes the session (the server deletes its subscriptions) and stops reconnecting. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    recovery.shutdownNow();
    subscriptions.clear();
    try {
      client.disconnectAsync().get(DISCONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOGGER.debug("disconnect from {} did not complete", endpointUrl, e);
    }
    connected = false;
    closeQuietly(trustListManager);
    LOGGER.info("OPC UA session closed: {}", endpointUrl);
  }

  // --- subscriptions and their recovery ---------------------------------------------------------

  private static OpcUaMonitoredItem monitoredItem(
      NodeId nodeId, MonitoredTag tag, Listener listener) {
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId);
    item.setSamplingInterval(tag.samplingIntervalMs());
    // the server keeps this many samples between two publishes (the default, 1, keeps only the last): a moment when
    // the connector's listener is slow (Kafka going away) costs no value
    item.setQueueSize(uint(QUEUE_SIZE));
    item.setDiscardOldest(true);
    if (tag.absoluteDeadband() != null) {
      item.setFilter(
          new DataChangeFilter(
              DataChangeTrigger.StatusValue,
              uint(DeadbandType.Absolute.getValue()),
              tag.absoluteDeadband()));
    }
    String id = nodeId.toParseableString();
    item.setDataValueListener((it, value) -> deliver(listener, id, value));
    return item;
  }

  private static void deliver(Listener listener, String nodeId, DataValue value) {
    StatusCode status = value.statusCode() == null ? StatusCode.GOOD : value.statusCode();
    Object javaValue = value.value() == null ? null : value.value().value();
    Instant sourceTime =
        value.sourceTime() == null || value.sourceTime().isNull()
            ? null
            : value.sourceTime().getJavaInstant();
    try {
      listener.onValue(nodeId, javaValue, status.value(), status.isGood(), sourceTime);
    } catch (RuntimeException e) {
      // A throwing listener must not stall Milo's delivery queue for the other items.
      LOGGER.error("listener failed on {}", nodeId, e);
    }
  }

  private void scheduleRecovery(String reason) {
    if (closed.get() || subscriptions.isEmpty()) {
      return;
    }
    try {
      recovery.execute(() -> recoverSubscriptions(reason));
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  /**
   * Creates, from their kept configuration, the subscriptions and items that the server no longer
   * has. Idempotent: what is still synchronized is left alone. A failure waits for the next session
   * activation.
   */
  private void recoverSubscriptions(String reason) {
    for (OpcUaSubscription subscription : subscriptions) {
      if (closed.get()) {
        return;
      }
      try {
        boolean recreated = false;
        if (subscription.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
          subscription.create();
          recreated = true;
        }
        int created = 0;
        for (MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
          if (result.isGood()) {
            created++;
          } else if (result.serviceResult().isGood()) {
            // The node is gone on the restarted server; keep trying would only repeat the refusal.
            subscription.removeMonitoredItem(result.monitoredItem());
            LOGGER.warn(
                "monitored item {} refused after reconnect: {}",
                nodeIdOf(result.monitoredItem()),
                statusName(
                    result.operationResult().map(StatusCode::value).orElse(StatusCodes.Bad)));
          }
        }
        if (recreated || created > 0) {
          LOGGER.info(
              "subscription {} recreated with {} monitored items ({})",
              subscription.getSubscriptionId().map(Object::toString).orElse("?"),
              created,
              reason);
        }
      } catch (UaException e) {
        LOGGER.warn(
            "recreating a subscription failed ({}); retried on the next session: {}",
            reason,
            statusName(e.getStatusCode().value()));
      }
    }
  }

  private final class RecoveryListener implements OpcUaSubscription.SubscriptionListener {

    @Override
    public void onTransferFailed(OpcUaSubscription subscription, StatusCode status) {
      // Milo has already reset the subscription to INITIAL, keeping its items.
      scheduleRecovery("transfer failed: " + statusName(status.value()));
    }

    @Override
    public void onStatusChanged(OpcUaSubscription subscription, StatusCode status) {
      if (status.value() == StatusCodes.Bad_Timeout) {
        // The server deleted it; start from scratch like after a failed transfer.
        subscription.reset();
        scheduleRecovery("subscription timed out on the server");
      }
    }

    @Override
    public void onWatchdogTimerElapsed(OpcUaSubscription subscription) {
      LOGGER.warn(
          "no publish response for subscription {} within its keep-alive window",
          subscription.getSubscriptionId().map(Object::toString).orElse("?"));
    }
  }

  private final class ActivityListener implements SessionActivityListener {

    @Override
    public void onSessionActive(UaSession session) {
      connected = true;
      if (activations.incrementAndGet() > 1) {
        LOGGER.info("OPC UA session active again: {}", endpointUrl);
        // Covers a recreation that failed earlier; the transfer-failed path covers the rest.
        scheduleRecovery("session active again");
      }
    }

    @Override
    public void onSessionInactive(UaSession session) {
      connected = false;
      if (!closed.get()) {
        LOGGER.warn("OPC UA session lost: {}; reconnecting", endpointUrl);
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private List<String> readDataTypes(List<NodeId> ids, List<ReferenceDescription> references)
      throws UaException {
    List<String> dataTypes = new ArrayList<>(Arrays.asList(new String[ids.size()]));
    List<Integer> variableIndexes = new ArrayList<>();
    List<ReadValueId> reads = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (references.get(i).getNodeClass() == NodeClass.Variable) {
        variableIndexes.add(i);
        reads.add(
            new ReadValueId(
                ids.get(i), AttributeId.DataType.uid(), null, QualifiedName.NULL_VALUE));
      }
    }
    if (reads.isEmpty()) {
      return dataTypes;
    }
    DataValue[] values = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
    for (int i = 0; i < variableIndexes.size(); i++) {
      Object value = values[i].value() == null ? null : values[i].value().value();
      if (value instanceof NodeId dataType) {
        dataTypes.set(variableIndexes.get(i), dataType.toParseableString());
      }
    }
    return dataTypes;
  }

  private static Optional<EndpointDescription> selectEndpoint(
      List<EndpointDescription> endpoints,
      SecurityMode mode,
      UserTokenType tokenType,
      String requestedUrl) {
    String policyUri =
        mode == SecurityMode.NONE
            ? SecurityPolicy.None.getUri()
            : SecurityPolicy.Basic256Sha256.getUri();
    MessageSecurityMode messageMode =
        mode == SecurityMode.NONE ? MessageSecurityMode.None : MessageSecurityMode.SignAndEncrypt;

    return endpoints.stream()
        .filter(e -> policyUri.equals(e.getSecurityPolicyUri()))
        .filter(e -> e.getSecurityMode() == messageMode)
        .filter(
            e ->
                Stream.of(
                        Optional.ofNullable(e.getUserIdentityTokens())
                            .orElse(new UserTokenPolicy[0]))
                    .anyMatch(p -> p.getTokenType() == tokenType))
        .findFirst()
        .map(
            e ->
                EndpointUtil.updateUrl(
                    e, EndpointUtil.getHost(requestedUrl), EndpointUtil.getPort(requestedUrl)));
  }

  private static String describe(List<EndpointDescription> endpoints) {
    return endpoints.stream()
        .map(
            e ->
                SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                        .map(Enum::name)
                        .orElse(e.getSecurityPolicyUri())
                    + "/"
                    + e.getSecurityMode()
                    + Stream.of(
                            Optional.ofNullable(e.getUserIdentityTokens())
                                .orElse(new UserTokenPolicy[0]))
                        .map(p -> p.getTokenType().name())
                        .toList())
        .toList()
        .toString();
  }

  private NodeId parseNodeId(String nodeId) throws OpcUaSessionException {
    return NodeId.parseSafe(nodeId)
        .orElseThrow(
            () ->
                new OpcUaSessionException(
                    "not a node id: " + nodeId, StatusCodes.Bad_NodeIdInvalid, null));
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("session closed: " + endpointUrl);
    }
  }

  private static OpcUaSessionException failure(String message, Throwable cause) {
    long status =
        UaException.extractStatusCode(cause)
            .map(StatusCode::value)
            .orElse(StatusCodes.Bad_UnexpectedError);
    return new OpcUaSessionException(message, status, cause);
  }

  private static RefusedTag refusal(String nodeId, long statusCode) {
    return new RefusedTag(nodeId, statusCode, statusName(statusCode));
  }

  private static String nodeIdOf(OpcUaMonitoredItem item) {
    return item.getReadValueId().getNodeId().toParseableString();
  }

  public static String statusName(long statusCode) {
    return StatusCodes.lookup(statusCode)
        .map(names -> names[0])
        .orElse(String.format("0x%08X", statusCode));
  }

  private static String identityName(String username) {
    return username == null ? "anonymous" : "user " + username;
  }

  private static void deleteQuietly(OpcUaSubscription subscription) {
    try {
      subscription.delete();
    } catch (UaException e) {
      LOGGER.debug("deleting an empty subscription failed", e);
    }
  }

  private static void abandon(OpcUaClient client, FileBasedTrustListManager trustListManager) {
    // A client whose first connect failed keeps reconnecting in the background unless told not to.
    if (client != null) {
      try {
        client.disconnectAsync().get(DISCONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOGGER.debug("disconnect after failed connect did not complete", e);
      }
    }
    closeQuietly(trustListManager);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOGGER.debug("ignored on close", e);
      }
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The client application instance certificate, kept in a PKCS#12 file in clientPkiDir. */
  private record ClientCertificate(KeyPair keyPair, X509Certificate certificate) {

    String applicationUri() {
      return CertificateUtil.getSanUri(certificate).orElse(APPLICATION_URI_PREFIX + hostname());
    }

    static ClientCertificate loadOrCreate(Path clientPkiDir) throws IOException {
      Path file = clientPkiDir.resolve(KEY_STORE_FILE);
      try {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
          try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, KEY_STORE_PASSWORD);
          }
          var certificate = (X509Certificate) keyStore.getCertificate(KEY_ALIAS);
          var privateKey = (PrivateKey) keyStore.getKey(KEY_ALIAS, KEY_STORE_PASSWORD);
          if (certificate == null || privateKey == null) {
            throw new IOException(file + " has no entry '" + KEY_ALIAS + "'");
          }
          return new ClientCertificate(
              new KeyPair(certificate.getPublicKey(), privateKey), certificate);
        }

        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String host = hostname();
        X509Certificate certificate =
            new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("EnterpriseBrain OPC UA Connector")
                .setOrganization("EnterpriseBrain")
                .setApplicationUri(APPLICATION_URI_PREFIX + host)
                .addDnsName(host)
                .setValidityPeriod(Period.ofYears(5))
                .build();

        keyStore.load(null, KEY_STORE_PASSWORD);
        keyStore.setKeyEntry(
            KEY_ALIAS,
            keyPair.getPrivate(),
            KEY_STORE_PASSWORD,
            new X509Certificate[] {certificate});
        Files.createDirectories(clientPkiDir);
        // Write then move, so a crash never leaves a truncated key store that blocks later starts.
        Path temp = Files.createTempFile(clientPkiDir, KEY_STORE_FILE, ".tmp");
        try {
          if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
          }
          try (OutputStream out = Files.newOutputStream(temp)) {
            keyStore.store(out, KEY_STORE_PASSWORD);
          }
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
        LOGGER.info(
            "created client certificate {} in {}", certificate.getSubjectX500Principal(), file);
        return new ClientCertificate(keyPair, certificate);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("cannot load or create the client certificate in " + file, e);
      }
    }
  }
}
