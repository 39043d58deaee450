package org.enterprisebrain.servers.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM OPC UA server (Eclipse Milo 1.1.x) that plays a small plant, for tests and the local
 * demo.
 *
 * <p><b>This is a simulator, not a server to expose.</b> It binds to 127.0.0.1 only and trusts
 * every client application certificate it is shown, so that tests need no certificate exchange.
 * User authentication is real: the secure endpoint accepts only the user {@value #USERNAME}.
 *
 * <p>Endpoints, both at {@code opc.tcp://127.0.0.1:<port>/brain}:
 *
 * <ul>
 *   <li>SecurityPolicy None / MessageSecurityMode None: anonymous or username.
 *   <li>SecurityPolicy Basic256Sha256 / SignAndEncrypt: username only.
 * </ul>
 *
 * <p>Address space, namespace {@value #NAMESPACE_URI}: {@code Objects/DemoPlant/<machine>} with the
 * variables {@code <machine>.SpindleSpeed} (Double), {@code <machine>.Temperature} (Double) and
 * {@code <machine>.State} (String: RUNNING, IDLE or DOWN), each with a string node id equal to that
 * name.
 *
 * <p>The server certificate is generated on first start and kept in {@code pkiDir}, so a restart
 * (stop, then start on the same port and directory) presents the same certificate and a client that
 * trusted it once keeps trusting it.
 */
public final class OpcUaSimulator implements AutoCloseable {

  public static final String NAMESPACE_URI = "urn:enterprisebrain:demo-plant";
  public static final String APPLICATION_URI = "urn:enterprisebrain:opcua-simulator";
  public static final String PATH = "/brain";
  public static final String USERNAME = "operator";

  /** Used when no password is given; a simulator credential, never a real one. */
  public static final String DEFAULT_PASSWORD = "operator";

  public static final String SPINDLE_SPEED = "SpindleSpeed";
  public static final String TEMPERATURE = "Temperature";
  public static final String STATE = "State";
  /** The spindle's load in percent of its rating: a variable the demo leaves unmapped, for a user to map. */
  public static final String SPINDLE_LOAD = "SpindleLoad";

  private static final String BIND_ADDRESS = "127.0.0.1";
  private static final String KEY_STORE_FILE = "simulator-server.pfx";
  // Protects only a throw-away simulator key; the directory's permissions are what matter.
  private static final char[] KEY_STORE_PASSWORD = "simulator".toCharArray();
  private static final long STARTUP_TIMEOUT_SECONDS = 10;

  private static final Logger LOGGER = LoggerFactory.getLogger(OpcUaSimulator.class);

  private final OpcUaServer server;
  private final DemoPlantNamespace namespace;
  private final KeyStoreCertificateStore certificateStore;
  private final X509Certificate certificate;
  private final int port;
  private volatile boolean running = true;

  private OpcUaSimulator(
      OpcUaServer server,
      DemoPlantNamespace namespace,
      KeyStoreCertificateStore certificateStore,
      X509Certificate certificate,
      int port) {
    this.server = server;
    this.namespace = namespace;
    this.certificateStore = certificateStore;
    this.certificate = certificate;
    this.port = port;
  }

  /**
   * Starts a simulator whose user {@value #USERNAME} has the password {@value #DEFAULT_PASSWORD}.
   */
  public static OpcUaSimulator start(int port, List<String> machines, Path pkiDir) {
    return start(port, machines, pkiDir, DEFAULT_PASSWORD);
  }

  /**
   * Starts a simulator and returns once it accepts connections.
   *
   * @param port TCP port on 127.0.0.1
   * @param machines machine names; each becomes an object under DemoPlant and a prefix of node ids
   * @param pkiDir where the server key pair and certificate are kept between starts
   * @param password the password of the user {@value #USERNAME}
   */
  public static OpcUaSimulator start(
      int port, List<String> machines, Path pkiDir, String password) {
    Objects.requireNonNull(machines, "machines");
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(password, "password");
    if (machines.isEmpty() || Set.copyOf(machines).size() != machines.size()) {
      throw new IllegalArgumentException("machines must be non-empty and distinct: " + machines);
    }

    KeyStoreCertificateStore certificateStore = null;
    try {
      Files.createDirectories(pkiDir);

      // watchForChanges=false: a file watcher thread per start is pointless for a test server.
      certificateStore =
          KeyStoreCertificateStore.createAndInitialize(
              new KeyStoreCertificateStore.Settings(
                  pkiDir.resolve(KEY_STORE_FILE),
                  KEY_STORE_PASSWORD::clone,
                  alias -> KEY_STORE_PASSWORD.clone(),
                  false));

      // The group creates the key pair and certificate only when the store has none, which is
      // what makes a restart reuse the certificate.
      var applicationGroup =
          DefaultApplicationGroup.createAndInitialize(
              new MemoryTrustListManager(),
              certificateStore,
              new SelfSignedServerCertificateFactory(),
              new TrustAllClientsValidator());

      X509Certificate certificate =
          applicationGroup
              .getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
              .map(chain -> chain[0])
              .orElseThrow(() -> new IllegalStateException("no server certificate"));

      // A certificate kept from an earlier run is authoritative for the application URI: the
      // client checks that the two agree.
      String applicationUri = CertificateUtil.getSanUri(certificate).orElse(APPLICATION_URI);

      OpcUaServerConfig config =
          OpcUaServerConfig.builder()
              .setApplicationUri(applicationUri)
              .setApplicationName(LocalizedText.english("EnterpriseBrain OPC UA Simulator"))
              .setProductUri(APPLICATION_URI)
              .setBuildInfo(
                  new BuildInfo(
                      APPLICATION_URI,
                      "enterprisebrain",
                      "EnterpriseBrain OPC UA Simulator",
                      OpcUaServer.SDK_VERSION,
                      "",
                      DateTime.now()))
              .setEndpoints(endpoints(port, certificate))
              .setCertificateManager(
                  new DefaultCertificateManager(
                      new MemoryCertificateQuarantine(), applicationGroup))
              .setIdentityValidator(
                  new CompositeValidator(
                      AnonymousIdentityValidator.INSTANCE,
                      new UsernameIdentityValidator(
                          challenge ->
                              USERNAME.equals(challenge.getUsername())
                                  && constantTimeEquals(password, challenge.getPassword()))))
              .build();

      OpcUaServer server =
          new OpcUaServer(
              config,
              transportProfile ->
                  new OpcTcpServerTransport(
                      OpcTcpServerTransportConfig.newBuilder()
                          // A restart binds the same port while old connections may still be in
                          // TIME_WAIT.
                          .setBootstrapCustomizer(b -> b.option(ChannelOption.SO_REUSEADDR, true))
                          .build()));

      var namespace = new DemoPlantNamespace(server, List.copyOf(machines));
      namespace.startup();

      server.startup().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);

      LOGGER.info(
          "OPC UA simulator listening on opc.tcp://{}:{}{} (namespace {} = {})",
          BIND_ADDRESS,
          port,
          PATH,
          namespace.getNamespaceIndex(),
          NAMESPACE_URI);

      return new OpcUaSimulator(server, namespace, certificateStore, certificate, port);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(certificateStore);
      throw new IllegalStateException("interrupted while starting the OPC UA simulator", e);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(certificateStore);
      throw new IllegalStateException("OPC UA simulator failed to start on port " + port, e);
    } catch (Exception e) {
      closeQuietly(certificateStore);
      throw new IllegalStateException("OPC UA simulator could not be configured", e);
    }
  }

  private static Set<EndpointConfig> endpoints(int port, X509Certificate certificate) {
    EndpointConfig.Builder base =
        EndpointConfig.newBuilder()
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .setBindAddress(BIND_ADDRESS)
            .setBindPort(port)
            // Advertised in GetEndpoints; must be what clients can reach and what the certificate
            // names, so the IP rather than the machine's host name.
            .setHostname(BIND_ADDRESS)
            .setPath(PATH)
            .setCertificate(certificate);

    var endpoints = new LinkedHashSet<EndpointConfig>();
    endpoints.add(
        base.copy()
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            // The username policy encrypts the password with Basic256Sha256 even on this channel.
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS, USER_TOKEN_POLICY_USERNAME)
            .build());
    endpoints.add(
        base.copy()
            .setSecurityPolicy(SecurityPolicy.Basic256Sha256)
            .setSecurityMode(MessageSecurityMode.SignAndEncrypt)
            .addTokenPolicies(USER_TOKEN_POLICY_USERNAME)
            .build());
    return endpoints;
  }

  /** {@code opc.tcp://127.0.0.1:<port>/brain}. */
  public String endpointUrl() {
    return "opc.tcp://" + BIND_ADDRESS + ":" + port + PATH;
  }

  public int port() {
    return port;
  }

  public int namespaceIndex() {
    return namespace.getNamespaceIndex().intValue();
  }

  /** The full node id, e.g. {@code ns=2;s=M1.SpindleSpeed}. */
  public String nodeId(String machine, String signal) {
    return new NodeId(namespace.getNamespaceIndex(), machine + "." + signal).toParseableString();
  }

  /** The server's application certificate, for a client's trust list. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Sets a variable's value with status Good and source timestamp now; subscribed clients see the
   * change at their next sampling interval.
   *
   * @param nodeId {@code <machine>.<signal>} or the full {@code ns=..;s=..} form
   * @param value a Number for the Double variables, a String for State
   * @throws IllegalArgumentException for an unknown variable or a value of the wrong type
   */
  public void set(String nodeId, Object value) {
    Objects.requireNonNull(value, "value; use setBad for a value without data");
    UaVariableNode node = variable(nodeId);
    DateTime now = DateTime.now();
    node.setValue(new DataValue(new Variant(coerce(node, value)), StatusCode.GOOD, now, now));
  }

  /**
   * Gives a variable the status Bad_NoCommunication and no value, as a PLC does on a lost input.
   */
  public void setBad(String nodeId) {
    setBad(nodeId, StatusCodes.Bad_NoCommunication);
  }

  /**
   * Gives a variable a Bad status code (e.g. {@link StatusCodes#Bad_SensorFailure}) and no value.
   */
  public void setBad(String nodeId, long badStatusCode) {
    StatusCode status = new StatusCode(badStatusCode);
    if (!status.isBad()) {
      throw new IllegalArgumentException("not a Bad status code: " + status);
    }
    UaVariableNode node = variable(nodeId);
    DateTime now = DateTime.now();
    node.setValue(new DataValue(Variant.NULL_VALUE, status, now, now));
  }

  public boolean running() {
    return running;
  }

  /**
   * Stops the server and releases the port; connected clients see the connection drop. Idempotent.
   * Milo's shared thread pools stay up, since a client in the same JVM uses them too.
   */
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    try {
      namespace.shutdown();
      server.shutdown().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOGGER.warn("OPC UA simulator on port {} did not shut down cleanly", port, e);
    } finally {
      closeQuietly(certificateStore);
    }
    LOGGER.info("OPC UA simulator on port {} stopped", port);
  }

  @Override
  public void close() {
    stop();
  }

  private UaVariableNode variable(String nodeId) {
    String key = nodeId.startsWith("ns=") ? stringIdentifier(nodeId) : nodeId;
    UaVariableNode node = namespace.variables.get(key);
    if (node == null) {
      throw new IllegalArgumentException("no such variable: " + nodeId);
    }
    return node;
  }

  private String stringIdentifier(String nodeId) {
    NodeId parsed =
        NodeId.parseSafe(nodeId)
            .orElseThrow(() -> new IllegalArgumentException("not a node id: " + nodeId));
    if (!parsed.getNamespaceIndex().equals(namespace.getNamespaceIndex())
        || !(parsed.getIdentifier() instanceof String id)) {
      throw new IllegalArgumentException("not a node of this simulator: " + nodeId);
    }
    return id;
  }

  private static Object coerce(UaVariableNode node, Object value) {
    if (NodeIds.Double.equals(node.getDataType())) {
      if (value instanceof Number number) {
        return number.doubleValue();
      }
    } else if (NodeIds.String.equals(node.getDataType())) {
      if (value instanceof String || value instanceof Enum<?>) {
        return value.toString();
      }
    }
    throw new IllegalArgumentException(
        node.getBrowseName().name() + " does not take a " + value.getClass().getSimpleName());
  }

  private static boolean constantTimeEquals(String expected, String actual) {
    return actual != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
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

  /**
   * The address space: Objects/DemoPlant/machine/variables, sampled by Milo's SubscriptionModel.
   */
  private static final class DemoPlantNamespace extends ManagedNamespaceWithLifecycle {

    private final SubscriptionModel subscriptionModel;
    private final List<String> machines;
    // Filled by the startup task before the server accepts connections, read-only afterwards.
    private final Map<String, UaVariableNode> variables = new LinkedHashMap<>();

    DemoPlantNamespace(OpcUaServer server, List<String> machines) {
      super(server, NAMESPACE_URI);
      this.machines = machines;
      this.subscriptionModel = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(subscriptionModel);
      getLifecycleManager().addStartupTask(this::addNodes);
    }

    private void addNodes() {
      UaFolderNode plant =
          new UaFolderNode(
              getNodeContext(),
              newNodeId("DemoPlant"),
              newQualifiedName("DemoPlant"),
              LocalizedText.english("DemoPlant"));
      getNodeManager().addNode(plant);
      // The inverse reference is what makes the OPC UA namespace's ObjectsFolder list DemoPlant.
      plant.addReference(
          new Reference(
              plant.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));

      for (String machine : machines) {
        UaObjectNode machineNode =
            new UaObjectNode.UaObjectNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(machine))
                .setBrowseName(newQualifiedName(machine))
                .setDisplayName(LocalizedText.english(machine))
                .setTypeDefinition(NodeIds.BaseObjectType)
                .build();
        getNodeManager().addNode(machineNode);
        plant.addOrganizes(machineNode);

        addVariable(machineNode, machine, SPINDLE_SPEED, NodeIds.Double, new Variant(0.0));
        addVariable(machineNode, machine, TEMPERATURE, NodeIds.Double, new Variant(20.0));
        addVariable(machineNode, machine, STATE, NodeIds.String, new Variant("IDLE"));
        addVariable(machineNode, machine, SPINDLE_LOAD, NodeIds.Double, new Variant(0.0));
      }
    }

    private void addVariable(
        UaObjectNode machineNode, String machine, String signal, NodeId dataType, Variant initial) {
      String id = machine + "." + signal;
      UaVariableNode node =
          new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
              .setNodeId(newNodeId(id))
              .setBrowseName(newQualifiedName(signal))
              .setDisplayName(LocalizedText.english(signal))
              .setDataType(dataType)
              .setTypeDefinition(NodeIds.BaseDataVariableType)
              .setAccessLevel(AccessLevel.READ_ONLY)
              .setUserAccessLevel(AccessLevel.READ_ONLY)
              .build();
      DateTime now = DateTime.now();
      node.setValue(new DataValue(initial, StatusCode.GOOD, now, now));
      getNodeManager().addNode(node);
      machineNode.addComponent(node);
      variables.put(id, node);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
      subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
      subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }
  }

  /** Self-signed RSA/SHA-256 certificate naming 127.0.0.1 and localhost, valid for 10 years. */
  private static final class SelfSignedServerCertificateFactory
      extends RsaSha256CertificateFactory {

    @Override
    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
      LOGGER.info("generating a self-signed certificate for the OPC UA simulator");
      X509Certificate certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("EnterpriseBrain OPC UA Simulator")
              .setOrganization("EnterpriseBrain")
              .setApplicationUri(APPLICATION_URI)
              .addIpAddress(BIND_ADDRESS)
              .addDnsName("localhost")
              .setValidityPeriod(Period.ofYears(10))
              .build();
      return new X509Certificate[] {certificate};
    }
  }

  /** Accepts any client application certificate: acceptable only because this is a simulator. */
  private static final class TrustAllClientsValidator implements CertificateValidator {

    @Override
    public void validateCertificateChain(
        List<X509Certificate> certificateChain, String applicationUri, String[] validHostnames) {
      LOGGER.debug(
          "simulator trusts client certificate {}",
          certificateChain.get(0).getSubjectX500Principal());
    }
  }
}
