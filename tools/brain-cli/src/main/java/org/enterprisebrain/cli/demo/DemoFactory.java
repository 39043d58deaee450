package org.enterprisebrain.cli.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulated plant hz-01 (杭州一厂) for {@code brain demo}: a machining line and an assembly line, nine
 * machines, three shifts (A 早班 06-14, B 中班 14-22, C 夜班 22-06), records as the v1 data standard wants them.
 *
 * <p>The records depend only on the seed and the start, so a demo can be replayed: the simulation is event
 * driven (state ends, minute marks) with one random stream per machine, so the step size changes only how
 * records are grouped into batches. Record ids are built from business keys and event time, as the envelope
 * standard asks, so resending a replayed run is idempotent. A simulated hour is about 1,100 records (mostly
 * telemetry); keep steps short enough to stay under the ingestion limit of 10,000 records per request.
 */
public final class DemoFactory {

  /** A batch of records of one entity, ready to POST to /api/v1/ingest/{entity}. */
  public record Batch(String entity, List<ObjectNode> records) {}

  private record Source(String system, String kind) {}
  private record Break(LocalTime at, Reason reason) {}
  private record Characteristic(String id, String name, String unit, double lsl, double target, double usl,
      double sigma, int scale, String defectCode) {}
  /** A reason to leave `running`; faults with an alarm code also raise a SCADA alarm. */
  private record Reason(String code, String text, String state, int minMinutes, int maxMinutes,
      String alarmCode, String alarmText) {}
  private record Spec(String id, String name, String type, String maker, String model, double cycleSeconds,
      double runKw, double airM3PerMin) {}
  private record LineDef(String id, String name, String area, String areaName, List<String> products,
      Characteristic characteristic, String scrapReason, String signal, int inspectEveryMinutes,
      List<Reason> faults, List<Spec> machines) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  public static final String PLANT = "hz-01";
  private static final String SITE = "HZ-01";
  private static final Source ERP = new Source("ERP-A", "ERP"), MES = new Source("MES-A", "MES"),
      SCADA = new Source("SCADA-A", "SCADA"), QMS = new Source("QMS-A", "QMS"), EMS = new Source("EMS-A", "EMS"),
      HR = new Source("HR-A", "HR"), WMS = new Source("WMS-A", "WMS"), PLM = new Source("PLM-A", "PLM"),
      EHS = new Source("EHS-A", "EHS");
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "桂英"};
  private static final String[] ROLES = {"数控操作工", "质检员", "设备维修工", "班组长", "工艺员", "仓管员"};
  // Fixed pattern: RFC 3339 needs the seconds (OffsetDateTime.toString() drops them when zero).
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final List<String> ENTITY_ORDER = List.of("work-order", "equipment-state", "alarm",
      "operation-report", "quality-result", "telemetry", "energy-reading", "purchase-order", "inventory-movement",
      "shipment", "emission-reading", "safety-event");
  /** The customers assembly's products ship to, in turn. */
  private static final List<String> CUSTOMERS = List.of("C-1001", "C-1002", "C-1003");
  /** The blanks' supplier: id and name. */
  private static final String[] SUPPLIER = {"V-2001", "宁波某特钢有限公司"};
  private static final String RUNNING = "running", IDLE = "idle", DOWN = "down", SETUP = "setup",
      PLANNED_STOP = "planned-stop";
  private static final int BAD_ONE_IN = 200;
  private static final double MEAN_RUN_SECONDS = 75 * 60; // with stops of ~10 min and changeovers: ~80 % running
  private static final int REPORT_EVERY_MINUTES = 5;    // MES report and EMS polling interval

  private static final Reason CHANGEOVER = new Reason("Q02", "换型", SETUP, 12, 25, null, null);
  private static final Reason TOOL_CHANGE = new Reason("Q01", "换刀/调机", SETUP, 5, 12, null, null);
  private static final List<Reason> MINOR_STOPS = List.of(
      new Reason("W03", "待料", IDLE, 3, 15, null, null),
      new Reason("W01", "等待首检", IDLE, 2, 8, null, null),
      TOOL_CHANGE);
  private static final List<Break> BREAKS = List.of(
      new Break(LocalTime.of(11, 30), new Reason("P01", "计划停机/午休", PLANNED_STOP, 30, 30, null, null)),
      new Break(LocalTime.of(17, 30), new Reason("P01", "计划停机/晚餐", PLANNED_STOP, 30, 30, null, null)),
      new Break(LocalTime.of(2, 0), new Reason("P01", "计划停机/夜餐", PLANNED_STOP, 30, 30, null, null)));

  private static final List<LineDef> LINES = List.of(
      new LineDef("LINE-A", "机加工线", "MACH", "机加工车间", List.of("4000123", "4000124"),
          new Characteristic("D-12.00", "内孔直径 Φ12", "mm", 11.98, 12.00, 12.02, 0.004, 3, "DIM-OOT"),
          "DIM-OOT", "spindle", 15,
          List.of(new Reason("M01", "主轴过热", DOWN, 8, 30, "SP1001", "主轴温度过高"),
              new Reason("M02", "刀具破损", DOWN, 5, 20, "T0102", "刀具破损检测报警"),
              new Reason("M03", "液压压力低", DOWN, 10, 40, "HY3001", "液压系统压力低")),
          List.of(cnc(1, 42), cnc(2, 45), cnc(3, 38), cnc(4, 50), cnc(5, 44))),
      new LineDef("LINE-B", "装配线", "ASSY", "装配车间", List.of("5000456", "5000457"),
          new Characteristic("T-8.50", "螺栓拧紧扭矩 8.5 N·m", "N.m", 8.0, 8.5, 9.0, 0.09, 2, "TQ-OOT"),
          "ASM-NG", "servo", 30,
          List.of(new Reason("M01", "伺服电机过热", DOWN, 8, 25, "SV1001", "伺服电机温度过高"),
              new Reason("M02", "压装轴承异响", DOWN, 5, 20, "PR2002", "压装机振动超限"),
              new Reason("M04", "拧紧枪故障", DOWN, 5, 30, "TQ4001", "拧紧枪通讯中断")),
          List.of(asm(1, 55), asm(2, 60), asm(3, 52), asm(4, 58))));

  /**
   * How much longer than its machine's nominal cycle each product takes per part (the second product of each line
   * is the more complex variant): what the products' routings time, so OEE's performance is right for either.
   */
  private static final Map<String, Double> PRODUCT_CYCLE = Map.of("4000123", 1.0, "4000124", 1.12, "5000456", 1.0,
      "5000457", 1.1);

  /** A product's routing: its line's machines' operations (0010, 0020 …) with their ideal cycle seconds. */
  public record RoutingStep(String operation, double idealCycleSeconds) {}

  /** Every product's routing, by product. */
  public static Map<String, List<RoutingStep>> routings() {
    Map<String, List<RoutingStep>> routings = new java.util.TreeMap<>();
    for (LineDef line : LINES) {
      for (String product : line.products()) {
        List<RoutingStep> steps = new ArrayList<>();
        for (int i = 0; i < line.machines().size(); i++) {
          // to the hundredth of a second, as an engineer enters it (55 × 1.1 is 60.50000000000001 in binary)
          double seconds = line.machines().get(i).cycleSeconds() * PRODUCT_CYCLE.get(product);
          steps.add(new RoutingStep(operation(i), Math.round(seconds * 100) / 100.0));
        }
        routings.put(product, List.copyOf(steps));
      }
    }
    return routings;
  }

  private static String operation(int position) {
    return String.format("%04d", (position + 1) * 10);
  }

  /** The demo plant's machines of one line (LINE-A: its CNC machining centres), by id. */
  public static List<String> machines(String line) {
    return LINES.stream().filter(l -> l.id().equals(line)).flatMap(l -> l.machines().stream()).map(Spec::id).toList();
  }

  /** The demo's SPC charts: {equipment, product, characteristic} for every machine and product of its lines. */
  public static List<String[]> charts() {
    List<String[]> charts = new ArrayList<>();
    for (LineDef line : LINES) {
      for (Spec machine : line.machines()) {
        for (String product : line.products()) {
          charts.add(new String[] {machine.id(), product, line.characteristic().id()});
        }
      }
    }
    return charts;
  }

  private static Spec cnc(int n, double cycle) {
    return new Spec("CNC-A0" + n, "立式加工中心 " + n + "#", "cnc-machining-center", "FANUC",
        "ROBODRILL α-D21MiB5", cycle, 15, 0.6);
  }

  private static Spec asm(int n, double cycle) {
    return new Spec("ASM-B0" + n, "装配工位 " + n + "#", "assembly-station", "博世力士乐", "ATS-200", cycle, 5, 1.2);
  }

  private static final class WorkOrder {
    final String id, material, line;
    final int planned, priority;
    final Instant plannedStart, plannedEnd;
    Instant actualStart, actualEnd;
    String status = "released";
    int done;

    WorkOrder(String id, String material, String line, int planned, int priority, Instant start, Instant end) {
      this.id = id; this.material = material; this.line = line; this.planned = planned;
      this.priority = priority; this.plannedStart = start; this.plannedEnd = end;
    }
  }

  private static final class Line {
    final LineDef def;
    final Deque<WorkOrder> queue = new ArrayDeque<>();
    WorkOrder current;
    String lastLot; // the newest lot the line finished: what the next line on consumes
    // Integer watt-milliseconds and litre-milliseconds per minute: sums are exact however time is sliced.
    long kwhAtStart, m3AtStart, wattMillis, litreMillisPerMinute;

    double kwh() { return kwhAtStart + wattMillis / 3.6e9; }
    double m3() { return m3AtStart + litreMillisPerMinute / 6e7; }

    Line(LineDef def) { this.def = def; }
  }

  private static final class Machine {
    final Spec spec; final Line line; final int ordinal; final String operation; final boolean last;
    final double speed; // share of the ideal rate reached while running (ISO 22400 performance)
    final Random rnd;   // one stream per machine, so one machine's events never reshuffle another's
    String state, workOrder, material, alarmId;
    Reason nextStop, alarmReason;
    Instant since, end, segmentStart, alarmRaised;
    int good, scrap, rework;
    long runMillis, produced;
    double drift, driftRate; // drift of the process mean, in sigmas per SPC subgroup

    Machine(Spec spec, Line line, int ordinal, int position, boolean last, Random rnd) {
      this.spec = spec; this.line = line; this.ordinal = ordinal; this.last = last; this.rnd = rnd;
      this.speed = 0.88 + 0.08 * rnd.nextDouble();
      this.operation = operation(position);
    }

    /** Seconds per part of the product it makes now. */
    double cycleSeconds() {
      return spec.cycleSeconds() * PRODUCT_CYCLE.get(material);
    }
  }

  private final Random rnd;
  private final Random badRnd; // separate stream so injecting bad records does not change the simulation
  private final Instant origin;
  private final List<Line> lines = new ArrayList<>();
  private final List<Machine> machines = new ArrayList<>();
  private final Map<String, List<ObjectNode>> out = new HashMap<>();
  private final List<DemoB2mml.Document> documents = new ArrayList<>();
  // own streams: the plant's surroundings must not change the simulation of its lines
  private final Random environment;
  private int shipments;
  private final java.util.Set<String> received = new java.util.HashSet<>(); // the supplier lots received so far
  private Instant clock;
  private int woSeq, bad;

  public DemoFactory(long seed, Instant start) {
    rnd = new Random(seed);
    badRnd = new Random(seed ^ 0x5DEECE66DL);
    environment = new Random(seed ^ 0xE45L);
    logger = new Random(seed ^ 0xC001L);
    origin = clock = start.truncatedTo(ChronoUnit.SECONDS); // whole seconds keep time-based ids unique
    for (LineDef def : LINES) {
      Line line = new Line(def);
      line.kwhAtStart = 150_000 + rnd.nextInt(50_000);
      line.m3AtStart = 80_000 + rnd.nextInt(20_000);
      // The running order is nearly done, so the first changeover shows up within the first demo hour.
      WorkOrder current = newOrder(line, clock.minus(Duration.ofHours(3)));
      current.status = "in-progress";
      current.actualStart = current.plannedStart;
      current.done = current.planned - 30 - rnd.nextInt(40);
      line.current = current;
      line.queue.add(newOrder(line, current.plannedEnd));
      lines.add(line);
      for (int i = 0; i < def.machines().size(); i++) {
        Machine m = new Machine(def.machines().get(i), line, machines.size(), i, i == def.machines().size() - 1,
            new Random(rnd.nextLong()));
        m.workOrder = current.id;
        m.material = current.material;
        m.segmentStart = clock;
        machines.add(m);
      }
    }
    // The opening state of every machine goes out with the first tick.
    LocalTime now = clock.atOffset(CST).toLocalTime();
    for (Machine m : machines) {
      Break inBreak = BREAKS.stream().filter(b -> !now.isBefore(b.at()) && now.isBefore(b.at().plusMinutes(30)))
          .findFirst().orElse(null);
      enter(m, clock, inBreak == null ? null : inBreak.reason());
      if (inBreak != null) m.end = clock.atOffset(CST).with(inBreak.at()).plusMinutes(30).toInstant();
    }
  }

  /** Equipment hierarchy of the plant and the open work orders; send once before the first tick. */
  public List<Batch> masterData() {
    List<ObjectNode> equipment = new ArrayList<>();
    equipment.add(envelope(ERP, "EQ-" + SITE, "equipment", origin, equipmentNode(SITE, "杭州一厂", "site", null)
        .put("type", "plant")));
    for (Line line : lines) {
      LineDef d = line.def;
      equipment.add(envelope(ERP, "EQ-" + d.area(), "equipment", origin,
          equipmentNode(d.area(), d.areaName(), "area", SITE)));
      equipment.add(envelope(ERP, "EQ-" + d.id(), "equipment", origin,
          equipmentNode(d.id(), d.name(), "line", d.area()).put("area", d.area())));
    }
    for (Machine m : machines) {
      Spec s = m.spec;
      ObjectNode p = equipmentNode(s.id(), s.name(), "workcell", m.line.def.id())
          .put("area", m.line.def.area()).put("line", m.line.def.id()).put("type", s.type())
          .put("manufacturer", s.maker()).put("model", s.model())
          .put("serialNumber", String.format("SN-%d-%05d", 2019 + m.ordinal % 4, 4512 + 37 * m.ordinal))
          .put("commissionedAt", LocalDate.of(2019 + m.ordinal % 4, 3 + m.ordinal, 10 + m.ordinal).toString())
          .put("idealCycleTimeSeconds", s.cycleSeconds());
      equipment.add(envelope(ERP, "EQ-" + s.id(), "equipment", origin, p));
    }
    List<ObjectNode> orders = new ArrayList<>();
    for (Line line : lines) {
      for (WorkOrder wo : List.of(line.current, line.queue.getFirst())) {
        orders.add(envelope(MES, wo.id + "-" + wo.status, "work-order", origin, orderPayload(wo)));
      }
    }
    for (Line line : lines) {
      for (WorkOrder wo : List.of(line.current, line.queue.getFirst())) {
        documents.add(schedule(line, wo, origin));
      }
    }
    return List.of(new Batch("equipment", equipment), new Batch("material", materials()),
        new Batch("customer", customers()), new Batch("supplier", List.of(envelope(ERP, "SUP-" + SUPPLIER[0],
            "supplier", origin, JSON.createObjectNode().put("supplierId", SUPPLIER[0]).put("name", SUPPLIER[1])
                .put("qualified", true)))),
        new Batch("bill-of-materials", billsOfMaterials()),
        new Batch("engineering-change", engineeringChanges()), new Batch("work-order", orders),
        new Batch("employee", employees()));
  }

  /**
   * The people behind the lines, from HR: personal information the catalog must grade and mask. The
   * plant-specific extension fields (emergency contact, salary card) are what auto-classification finds.
   */
  private List<ObjectNode> employees() {
    Random people = new Random(0x4852L); // its own stream: adding people must not change the simulation
    List<ObjectNode> employees = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = String.format("E%05d", 10001 + i);
      LocalDate born = LocalDate.of(1970 + people.nextInt(30), 1 + people.nextInt(12), 1 + people.nextInt(28));
      ObjectNode p = JSON.createObjectNode().put("employeeId", id)
          .put("name", SURNAMES[people.nextInt(SURNAMES.length)] + GIVEN[people.nextInt(GIVEN.length)])
          .put("idNumber", residentId("330106", born, people.nextInt(1000)))
          .put("phone", mobile(people))
          .put("department", "MFG-" + (char) ('A' + i % 3))
          .put("team", lines.get(i % lines.size()).def.id() + "-" + (i % 2 == 0 ? "A" : "B"))
          .put("role", ROLES[i % ROLES.length])
          .put("hiredAt", LocalDate.of(2010 + people.nextInt(15), 1 + people.nextInt(12), 1 + people.nextInt(28)).toString())
          .put("status", "active")
          .put("salaryGrade", "P" + (2 + people.nextInt(5)));
      p.putObject("extensions").put("紧急联系人电话", mobile(people)).put("工资卡号", bankCard(people));
      employees.add(envelope(HR, id, "employee", origin, p));
    }
    return employees;
  }

  /** GB 11643: region, birth date, sequence, then the ISO 7064 MOD 11-2 check character. */
  public static String residentId(String region, LocalDate born, int sequence) {
    String body = region + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  public static String mobile(Random r) {
    return "13" + r.nextInt(10) + String.format("%08d", r.nextInt(100_000_000));
  }

  /** A UnionPay debit card number (62…) with its Luhn check digit. */
  public static String bankCard(Random r) {
    StringBuilder number = new StringBuilder("6222");
    while (number.length() < 18) {
      number.append(r.nextInt(10));
    }
    int sum = 0;
    for (int i = number.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = number.charAt(i) - '0';
      if (k % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return number.append((10 - sum % 10) % 10).toString();
  }

  /** The simulated plant's clock: the event time of everything sent so far is before it. */
  public Instant clock() {
    return clock;
  }

  /** Advances the simulated clock by {@code step}; returns what happened, one batch per entity. */
  public List<Batch> tick(Duration step) {
    if (step.isNegative() || step.isZero()) throw new IllegalArgumentException("step must be positive: " + step);
    Instant until = clock.plus(step);
    Instant t = clock;
    while (t.isBefore(until)) {
      Instant next = t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      if (until.isBefore(next)) next = until;
      for (Machine m : machines) if (m.end.isBefore(next)) next = m.end;
      long millis = Duration.between(t, next).toMillis();
      for (Line line : lines) { // base load: lighting, chillers, compressed-air leaks
        line.wattMillis += 6_000 * millis;
        line.litreMillisPerMinute += 300 * millis;
      }
      for (Machine m : machines) accrue(m, millis);
      t = next;
      boolean minuteMark = t.getEpochSecond() % 60 == 0 && t.getNano() == 0;
      // Orders close on minute marks only, so the data do not depend on the step size.
      if (minuteMark) for (Line line : lines) if (line.current.done >= line.current.planned) changeover(line, t);
      for (Machine m : machines) if (!m.end.isAfter(t)) endState(m, t);
      if (minuteMark) onMinute(t);
    }
    clock = until;
    List<Batch> batches = new ArrayList<>();
    for (String entity : ENTITY_ORDER) {
      List<ObjectNode> records = out.remove(entity);
      if (records != null && !records.isEmpty()) batches.add(new Batch(entity, List.copyOf(records)));
    }
    return batches;
  }

  /** How many deliberately invalid records tick() has produced. */
  public int badRecordsSoFar() {
    return bad;
  }

  // ---------------------------------------------------------------- simulation

  private void accrue(Machine m, long millis) {
    double load = switch (m.state) {
      case RUNNING -> 1.0;
      case IDLE, SETUP -> 0.35;
      case DOWN -> 0.15;
      default -> 0.1;
    };
    m.line.wattMillis += Math.round(m.spec.runKw() * 1000 * load) * millis;
    m.line.litreMillisPerMinute += Math.round(m.state.equals(RUNNING) ? m.spec.airM3PerMin() * 1000 : 50) * millis;
    if (!m.state.equals(RUNNING)) return;
    m.runMillis += millis;
    for (long due = (long) (m.runMillis * m.speed / (m.cycleSeconds() * 1000)); m.produced < due; m.produced++) {
      double u = m.rnd.nextDouble(), scrapP = 0.006 + 0.004 * Math.abs(m.drift); // a drifting process scraps more
      if (u < scrapP) m.scrap++;
      else if (u < scrapP + 0.008) m.rework++;
      else {
        m.good++;
        if (m.last && m.workOrder.equals(m.line.current.id)) m.line.current.done++; // line output = last station
      }
    }
  }

  private void changeover(Line line, Instant t) {
    WorkOrder finished = line.current;
    finished.status = "completed";
    finished.actualEnd = t;
    emit("work-order", MES, finished.id + "-" + finished.status, t, orderPayload(finished));
    performance(line, finished, t);
    WorkOrder next = line.queue.poll();
    next.status = "in-progress";
    next.actualStart = t;
    line.current = next;
    emit("work-order", MES, next.id + "-" + next.status, t, orderPayload(next));
    WorkOrder queued = newOrder(line, next.plannedEnd); // APS keeps one order released ahead
    line.queue.add(queued);
    emit("work-order", MES, queued.id + "-" + queued.status, t, orderPayload(queued));
    documents.add(schedule(line, queued, t));
    // Running machines change over now; stopped ones when their stop ends (see endState).
    for (Machine m : machines) if (m.line == line && m.state.equals(RUNNING)) m.end = t; // ended right after
  }

  private void endState(Machine m, Instant t) {
    if (m.alarmId != null) clearAlarm(m, t);
    if (!m.workOrder.equals(m.line.current.id)) {
      flush(m, t); // an operation report never spans two work orders
      m.workOrder = m.line.current.id;
      m.material = m.line.current.material;
      m.runMillis = m.produced = 0; // the new product's parts come at its own cycle
      enter(m, t, CHANGEOVER);
    } else {
      enter(m, t, m.state.equals(RUNNING) ? m.nextStop : null);
    }
  }

  /** Starts a state (reason null = running) and reports it; its end is drawn now. */
  private void enter(Machine m, Instant t, Reason reason) {
    m.state = reason == null ? RUNNING : reason.state();
    m.since = t;
    if (reason == null) {
      m.end = t.plusSeconds(Math.max(180, (long) (-Math.log(1 - m.rnd.nextDouble()) * MEAN_RUN_SECONDS)));
      List<Reason> stops = m.rnd.nextDouble() < 0.3 ? m.line.def.faults() : MINOR_STOPS;
      m.nextStop = stops.get(m.rnd.nextInt(stops.size()));
    } else {
      int spread = 60 * (reason.maxMinutes() - reason.minMinutes());
      m.end = t.plusSeconds(60L * reason.minMinutes() + m.rnd.nextInt(spread + 1));
      if (reason.state().equals(SETUP)) m.drift = m.driftRate = 0; // new tool / new setup re-centres the process
    }
    ObjectNode p = JSON.createObjectNode().put("equipment", m.spec.id()).put("state", m.state);
    if (reason != null) p.put("reasonCode", reason.code()).put("reasonText", reason.text());
    p.put("workOrder", m.workOrder).put("since", ts(t));
    // The state is part of the id: a stop that ends on a break mark gives two states at one instant.
    emit("equipment-state", MES, "ST-" + m.spec.id() + "-" + key(t) + "-" + m.state, t, p);
    if (reason != null && reason.alarmCode() != null) {
      m.alarmId = m.spec.id() + "-" + reason.alarmCode() + "-" + key(t);
      m.alarmRaised = t;
      m.alarmReason = reason;
      emit("alarm", SCADA, "AL-" + m.alarmId + "-R", t, alarmPayload(m, reason, t));
    }
  }

  private void clearAlarm(Machine m, Instant t) {
    long secondsDown = Duration.between(m.alarmRaised, t).toSeconds();
    Instant acknowledged = m.alarmRaised.plusSeconds(Math.min(secondsDown, 30 + m.rnd.nextInt(120)));
    ObjectNode p = alarmPayload(m, m.alarmReason, m.alarmRaised).put("acknowledgedAt", ts(acknowledged))
        .put("clearedAt", ts(t));
    emit("alarm", SCADA, "AL-" + m.alarmId + "-C", t, p);
    m.alarmId = null;
  }

  private void onMinute(Instant t) {
    LocalTime local = t.atOffset(CST).toLocalTime();
    int minuteOfDay = local.getHour() * 60 + local.getMinute();
    for (Break b : BREAKS) {
      if (!local.equals(b.at())) continue;
      for (Machine m : machines) if (m.state.equals(RUNNING) || m.state.equals(IDLE)) enter(m, t, b.reason());
    }
    for (Machine m : machines) if (m.state.equals(RUNNING)) telemetry(m, t);
    if (local.getMinute() == 0) {
      emissions(t);
      coolantLog(t);
    }
    if (local.getMinute() == 30 && local.getHour() % 4 == 1) safetyWalk(t);
    if (minuteOfDay % REPORT_EVERY_MINUTES == 0) { // shift changes fall on these marks too
      for (Machine m : machines) flush(m, t);
      for (Line line : lines) meterReadings(line, t);
    }
    for (Machine m : machines) {
      int every = m.line.def.inspectEveryMinutes();
      if (m.state.equals(RUNNING) && minuteOfDay % every == (m.ordinal * 5) % every) inspect(m, t);
    }
  }

  private void flush(Machine m, Instant t) {
    if (m.good + m.scrap + m.rework > 0) {
      ObjectNode p = JSON.createObjectNode().put("workOrder", m.workOrder).put("equipment", m.spec.id())
          .put("operation", m.operation).put("good", m.good).put("scrap", m.scrap).put("rework", m.rework);
      if (m.scrap > 0) p.put("scrapReason", m.line.def.scrapReason());
      p.put("start", ts(m.segmentStart)).put("end", ts(t))
          .put("operator", "E" + (1001 + 20 * shiftIndex(m.segmentStart) + m.ordinal))
          .put("shift", List.of("A", "B", "C").get(shiftIndex(m.segmentStart)));
      emit("operation-report", MES, "OR-" + m.spec.id() + "-" + key(t), t, p);
    }
    m.good = m.scrap = m.rework = 0;
    m.segmentStart = t;
  }

  /** One SPC subgroup of five consecutive parts. */
  private void inspect(Machine m, Instant t) {
    Characteristic c = m.line.def.characteristic();
    if (m.driftRate == 0 && m.rnd.nextDouble() < 0.03) { // tool wear or thermal growth starts pulling the mean
      m.driftRate = (m.rnd.nextBoolean() ? 1 : -1) * (0.15 + 0.2 * m.rnd.nextDouble());
    }
    m.drift += m.driftRate;
    String subgroup = "SG-" + m.spec.id() + "-" + key(t);
    boolean outOfSpec = false;
    for (int i = 1; i <= 5; i++) {
      BigDecimal value = dec(c.target() + c.sigma() * (m.drift + m.rnd.nextGaussian()), c.scale());
      boolean pass = value.doubleValue() >= c.lsl() && value.doubleValue() <= c.usl();
      outOfSpec |= !pass;
      ObjectNode p = JSON.createObjectNode().put("characteristic", c.id()).put("characteristicName", c.name())
          .put("product", m.material).put("lot", lotOf(m.workOrder))
          .put("workOrder", m.workOrder).put("equipment", m.spec.id()).put("inspectionType", "in-process")
          .put("value", value).put("unit", c.unit()).put("lsl", dec(c.lsl(), c.scale()))
          .put("usl", dec(c.usl(), c.scale())).put("target", dec(c.target(), c.scale()))
          .put("subgroup", subgroup).put("sampleIndex", i).put("result", pass ? "pass" : "fail");
      if (!pass) p.put("defectCode", c.defectCode());
      p.put("inspector", "E" + (2001 + shiftIndex(t)));
      emit("quality-result", QMS, "QR-" + subgroup + "-" + i, t, p);
    }
    // Reaction plan: a part out of specification stops the machine for a tool change within a minute.
    if (outOfSpec) {
      m.nextStop = TOOL_CHANGE;
      if (m.end.isAfter(t.plusSeconds(60))) m.end = t.plusSeconds(60);
    }
  }

  private void telemetry(Machine m, Instant t) {
    double minutesRunning = Duration.between(m.since, t).toSeconds() / 60.0;
    double minutesToStop = Duration.between(t, m.end).toSeconds() / 60.0;
    double temperature = 24 + 14 * (1 - Math.exp(-minutesRunning / 10)) + 0.3 * m.rnd.nextGaussian();
    double vibration = 1.6 + 0.12 * m.rnd.nextGaussian();
    // Breakdowns announce themselves over ~12 minutes, so anomaly detection has something to find.
    if (minutesToStop < 12 && m.nextStop.code().equals("M01")) temperature += (12 - minutesToStop) * 2.5;
    if (minutesToStop < 12 && m.nextStop.code().equals("M02")) vibration += (12 - minutesToStop) * 0.35;
    Map<String, BigDecimal> values = Map.of("temperature", dec(temperature, 1), "vibration", dec(vibration, 2));
    for (String name : List.of("temperature", "vibration")) {
      String signal = m.line.def.signal() + "." + name;
      emit("telemetry", SCADA, "TM-" + m.spec.id() + "-" + signal + "-" + key(t), t, JSON.createObjectNode()
          .put("equipment", m.spec.id()).put("signal", signal).put("value", values.get(name))
          .put("unit", name.equals("temperature") ? "Cel" : "mm/s").put("quality", "good").put("sampledAt", ts(t)));
    }
  }

  private void meterReadings(Line line, Instant t) {
    String id = line.def.id();
    emit("energy-reading", EMS, "EN-EM-" + id + "-" + key(t), t, JSON.createObjectNode().put("meter", "EM-" + id)
        .put("medium", "electricity").put("value", dec(line.kwh(), 1)).put("valueKind", "cumulative")
        .put("unit", "kWh").put("readAt", ts(t)).put("line", id));
    emit("energy-reading", EMS, "EN-AM-" + id + "-" + key(t), t, JSON.createObjectNode().put("meter", "AM-" + id)
        .put("medium", "compressed-air").put("value", dec(line.m3(), 1)).put("valueKind", "cumulative")
        .put("unit", "m3").put("readAt", ts(t)).put("line", id));
  }

  private WorkOrder newOrder(Line line, Instant plannedStart) {
    LineDef d = line.def;
    int planned = 300 + 50 * rnd.nextInt(6);
    double slowest = d.machines().stream().mapToDouble(Spec::cycleSeconds).max().orElseThrow();
    String id = "WO-" + DAY.format(plannedStart.atOffset(CST)) + "-" + String.format("%03d", ++woSeq);
    return new WorkOrder(id, d.products().get(woSeq % d.products().size()), d.id(), planned, 3 + rnd.nextInt(3),
        plannedStart, plannedStart.plusSeconds((long) (planned * slowest * 1.2)));
  }

  // ---------------------------------------------------------------- B2MML (the MES's plans, actuals and lots)

  /** The B2MML documents the MES sent since the last call, in order; the demo imports them. */
  /**
   * A file a plant system exports rather than sends, ingested with its file mapping (api-specs/ingestion.yaml
   * FileMapping): the CSV as the system writes it and the mapping that makes standard records of it.
   */
  public record Export(String name, String entity, String sourceSystem, String sourceKind, String csv,
      String mappingName, String mapping) {
  }

  /**
   * The coolant monitors' data logger on LINE-A (an older unit with no network interface of its own): every hour a
   * wide CSV, one row per machine and 10 minutes, °F and local time without a zone, as such loggers write.
   */
  static final String COOLANT_LOGGER_MAPPING = """
      {"columns": {"机台": "equipment"},
       "times": [{"column": "时间", "format": "yyyy/MM/dd HH:mm", "zone": "Asia/Shanghai",
                  "fields": ["sampledAt", "occurredAt"]}],
       "units": [{"column": "冷却液温度(F)", "factor": 0.5555555556, "offset": -17.7777777778}],
       "unpivot": {"columns": ["冷却液温度(F)", "浓度(%)", "pH"], "nameField": "signal", "valueField": "value",
                   "names": {"冷却液温度(F)": "coolant.temperature", "浓度(%)": "coolant.concentration",
                             "pH": "coolant.ph"},
                   "units": {"冷却液温度(F)": "Cel", "浓度(%)": "%", "pH": "[pH]"}},
       "id": {"prefix": "COOL-", "columns": ["机台", "时间"]},
       "constants": {"quality": "good"}}
      """;
  private static final DateTimeFormatter LOGGER_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
  private final List<Export> exports = new ArrayList<>();
  private final Random logger;

  /** The exports written since the last call (drained). */
  public List<Export> exports() {
    List<Export> written = List.copyOf(exports);
    exports.clear();
    return written;
  }

  /** The past hour of LINE-A's coolant logger, in °F as it records (the mapping converts to °C). */
  private void coolantLog(Instant t) {
    StringBuilder csv = new StringBuilder("时间,机台,冷却液温度(F),浓度(%),pH\n");
    for (int minutes = 50; minutes >= 0; minutes -= 10) {
      String at = LOGGER_TIME.format(t.minus(Duration.ofMinutes(minutes)).atOffset(CST));
      for (Machine m : machines) {
        if (m.line != lines.get(0) || m.ordinal > 2) continue;
        csv.append(at).append(',').append(m.spec.id()).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.1f", 77 + 2.5 * logger.nextGaussian())).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.1f", 6.5 + 0.3 * logger.nextGaussian())).append(',')
            .append(String.format(java.util.Locale.ROOT, "%.2f", 8.9 + 0.1 * logger.nextGaussian())).append('\n');
      }
    }
    exports.add(new Export("coolant-" + key(t) + ".csv", "telemetry", "SCADA-A", "SCADA", csv.toString(),
        "line-a-coolant-logger", COOLANT_LOGGER_MAPPING));
  }

  public List<DemoB2mml.Document> documents() {
    List<DemoB2mml.Document> sent = List.copyOf(documents);
    documents.clear();
    return sent;
  }

  /** The lot a work order's output goes into; quality results name the same lot. */
  static String lotOf(String workOrder) {
    return workOrder.replace("WO-", "LOT-");
  }

  /**
   * What one unit of a line's product consumes: machining takes one steel blank from a supplier lot of the
   * day, assembly one machined part from the newest lot machining finished (so a recall runs over both lines).
   */
  private DemoB2mml.Material consumed(Line line, WorkOrder wo, BigDecimal quantity, boolean actual) {
    if (line.def.id().equals("LINE-A")) {
      String supplierLot = "S-1000456-" + DAY.format(wo.plannedStart.atOffset(CST));
      if (actual) {
        receive(supplierLot, wo.plannedStart);
      }
      return new DemoB2mml.Material("1000456", "Consumed", quantity, "PCS", actual ? supplierLot : null);
    }
    Line machining = lines.get(0);
    String lot = machining.lastLot != null ? machining.lastLot : "LOT-STOCK-" + machining.def.products().get(0);
    String part = machining.def.products().get(line.def.products().indexOf(wo.material) % machining.def.products().size());
    return new DemoB2mml.Material(part, "Consumed", quantity, "PCS", actual ? lot : null);
  }

  private List<DemoB2mml.Segment> segments(Line line, WorkOrder wo, int quantity, boolean actual) {
    List<DemoB2mml.Segment> segments = new ArrayList<>();
    List<Spec> specs = line.def.machines();
    for (int i = 0; i < specs.size(); i++) {
      List<DemoB2mml.Material> materials = new ArrayList<>();
      if (i == 0) {
        materials.add(consumed(line, wo, BigDecimal.valueOf(quantity), actual));
      }
      if (i == specs.size() - 1) {
        materials.add(new DemoB2mml.Material(wo.material, "Produced", BigDecimal.valueOf(quantity), "PCS",
            actual ? lotOf(wo.id) : null));
      }
      segments.add(new DemoB2mml.Segment(operation(i), specs.get(i).id(), actual ? operator(line, i) : null, materials));
    }
    return segments;
  }

  /** The employee of the line's team at an operation (employees are on the lines' teams in turn). */
  private String operator(Line line, int operation) {
    return String.format("E%05d", 10001 + lines.indexOf(line) + lines.size() * operation);
  }

  private DemoB2mml.Document schedule(Line line, WorkOrder wo, Instant at) {
    return DemoB2mml.schedule(MES.system(), ts(at), wo.id, line.def.id(), ts(wo.plannedStart), ts(wo.plannedEnd),
        wo.priority, segments(line, wo, wo.planned, false));
  }

  /** The finished order's actuals, then its lot, made of the lot it consumed. */
  private void performance(Line line, WorkOrder wo, Instant t) {
    List<DemoB2mml.Segment> segments = segments(line, wo, wo.done, true);
    documents.add(DemoB2mml.performance(MES.system(), ts(t), wo.id + "-R", wo.id, line.def.id(),
        ts(wo.actualStart != null ? wo.actualStart : wo.plannedStart), ts(t), segments));
    String from = segments.get(0).materials().get(0).lot();
    documents.add(DemoB2mml.lot(MES.system(), ts(t), lotOf(wo.id), wo.material, BigDecimal.valueOf(wo.done), "PCS",
        "Released", List.of(from)));
    line.lastLot = lotOf(wo.id);
    if (line != lines.get(0)) ship(wo, t);
  }

  // ---------------------------------------------------------------- the rest of the plant: master data, shipments,
  // emissions, safety (sent as they are, never spoiled: the spoiling is the lines' interfaces')

  private void record(String entity, Source source, String key, Instant at, ObjectNode payload) {
    out.computeIfAbsent(entity, e -> new ArrayList<>()).add(envelope(source, key, entity, at, payload));
  }

  /**
   * The day's steel blanks: ordered from the supplier and received into stores as one lot, before machining
   * consumes it (so a recall from the supplier's lot reaches the customers, and a trace back reaches the supplier).
   */
  private void receive(String lot, Instant needed) {
    if (!received.add(lot)) {
      return;
    }
    Instant t = needed.minus(java.time.Duration.ofHours(2));
    String order = "PO-" + lot.substring(lot.lastIndexOf('-') + 1);
    ObjectNode po = JSON.createObjectNode().put("purchaseOrder", order).put("supplier", SUPPLIER[0])
        .put("status", "received").put("currency", "CNY").put("totalAmount", 2000 * 18.5);
    po.putArray("lines").addObject().put("line", 10).put("material", "1000456").put("quantity", 2000)
        .put("unit", "PCS").put("unitPrice", 18.5);
    record("purchase-order", ERP, order, t, po);
    record("inventory-movement", WMS, "MV-" + lot, t, JSON.createObjectNode().put("movementId", "MV-" + lot)
        .put("material", "1000456").put("quantity", 2000).put("unit", "PCS").put("kind", "receipt")
        .put("toLocation", "RM-01").put("lot", lot).put("reference", order));
  }

  /** Each finished assembly lot leaves for the next customer in turn, by truck, the same shift. */
  private void ship(WorkOrder wo, Instant t) {
    String id = String.format("DN-%s-%04d", DAY.format(t.atOffset(CST)), ++shipments);
    ObjectNode p = JSON.createObjectNode().put("shipmentId", id).put("customer", CUSTOMERS.get(shipments % CUSTOMERS.size()))
        .put("salesOrder", "SO-" + wo.id.substring(3)).put("status", "shipped").put("shippedAt", ts(t))
        .put("carrier", "顺丰速运");
    p.putArray("lines").addObject().put("material", wo.material).put("lot", lotOf(wo.id)).put("quantity", wo.done)
        .put("unit", "PCS");
    record("shipment", WMS, id + "-shipped", t, p);
  }

  /** The boiler stack's hourly CEMS averages (导则 6.3.2 a): NOx, SO2 and particulates against the permit. */
  private void emissions(Instant t) {
    String[][] pollutants = {{"NOx", "42", "8", "100"}, {"SO2", "15", "4", "50"}, {"颗粒物", "5", "1.5", "10"}};
    for (String[] pollutant : pollutants) {
      double value = Math.max(0, Double.parseDouble(pollutant[1]) + Double.parseDouble(pollutant[2]) * environment.nextGaussian());
      record("emission-reading", EHS, "EM-DA001-" + pollutant[0].hashCode() + "-" + key(t), t, JSON.createObjectNode()
          .put("monitoringPoint", "DA001").put("medium", "air").put("pollutant", pollutant[0])
          .put("value", dec(value, 1)).put("unit", "mg/m3").put("readAt", ts(t)).put("intervalMinutes", 60)
          .put("limit", Double.parseDouble(pollutant[3])).put("method", "online").put("valid", true));
    }
  }

  /** Every four hours the shift's safety walk records what it found, and closes what it found before. */
  private void safetyWalk(Instant t) {
    String[][] findings = {{"hazard", "minor", "MACH", "切削液泄漏致地面湿滑", "设置警示并清理, 更换管接头"},
        {"near-miss", "moderate", "ASSY", "叉车倒车时与行人距离过近", "划定人车分流通道"},
        {"inspection-finding", "minor", "MACH", "灭火器压力不足", "更换灭火器"}};
    String[] f = findings[environment.nextInt(findings.length)];
    String id = "SE-" + key(t);
    ObjectNode p = JSON.createObjectNode().put("eventId", id).put("kind", f[0]).put("severity", f[1]).put("area", f[2])
        .put("description", f[3]).put("injured", 0).put("status", "action").put("correctiveAction", f[4])
        .put("dueAt", ts(t.plus(Duration.ofDays(2))));
    record("safety-event", EHS, id + "-action", t, p);
  }

  /** What the lines make and consume, from ERP. */
  private List<ObjectNode> materials() {
    List<ObjectNode> materials = new ArrayList<>();
    String[][] rows = {{"1000456", "45#钢棒料 Φ20×60", "raw"}, {"4000123", "阀体 A型", "semi-finished"},
        {"4000124", "阀体 B型", "semi-finished"}, {"5000456", "电磁阀总成 A型", "finished"},
        {"5000457", "电磁阀总成 B型", "finished"}, {"6000789", "内六角螺钉 M4×10", "purchased-part"}};
    for (String[] r : rows) {
      materials.add(envelope(ERP, "MAT-" + r[0], "material", origin, JSON.createObjectNode().put("materialId", r[0])
          .put("name", r[1]).put("type", r[2]).put("baseUnit", "PCS").put("batchManaged", true)));
    }
    return materials;
  }

  private List<ObjectNode> customers() {
    List<ObjectNode> customers = new ArrayList<>();
    String[][] rows = {{"C-1001", "宁波某汽车零部件有限公司", "key", "浙江"}, {"C-1002", "苏州某液压系统有限公司", "regular", "江苏"},
        {"C-1003", "合肥某工程机械股份有限公司", "strategic", "安徽"}};
    for (String[] r : rows) {
      customers.add(envelope(ERP, "CUST-" + r[0], "customer", origin, JSON.createObjectNode().put("customerId", r[0])
          .put("name", r[1]).put("tier", r[2]).put("region", r[3]).put("status", "active")));
    }
    return customers;
  }

  /** From PLM: machined bodies are made of a blank; assemblies of a body and four screws. */
  private List<ObjectNode> billsOfMaterials() {
    List<ObjectNode> boms = new ArrayList<>();
    for (String body : List.of("4000123", "4000124")) {
      ObjectNode p = JSON.createObjectNode().put("material", body).put("revision", body.equals("4000123") ? "B" : "A")
          .put("usage", "production").put("baseQuantity", 1).put("unit", "PCS").put("status", "released");
      if (body.equals("4000123")) p.put("change", "ECN-2026-0142");
      p.putArray("components").addObject().put("position", "0010").put("component", "1000456").put("quantity", 1)
          .put("unit", "PCS").put("scrapPercent", 1.0);
      boms.add(envelope(PLM, "BOM-" + body + "-" + p.path("revision").asString(), "bill-of-materials", origin, p));
    }
    for (int i = 0; i < 2; i++) {
      String assembly = List.of("5000456", "5000457").get(i);
      ObjectNode p = JSON.createObjectNode().put("material", assembly).put("revision", "A").put("usage", "production")
          .put("baseQuantity", 1).put("unit", "PCS").put("status", "released");
      var components = p.putArray("components");
      components.addObject().put("position", "0010").put("component", List.of("4000123", "4000124").get(i))
          .put("quantity", 1).put("unit", "PCS");
      components.addObject().put("position", "0020").put("component", "6000789").put("quantity", 4).put("unit", "PCS")
          .put("scrapPercent", 0.5);
      boms.add(envelope(PLM, "BOM-" + assembly + "-A", "bill-of-materials", origin, p));
    }
    return boms;
  }

  private List<ObjectNode> engineeringChanges() {
    ObjectNode p = JSON.createObjectNode().put("changeNumber", "ECN-2026-0142").put("title", "阀体 A型 内孔直径公差收紧")
        .put("kind", "notice").put("reason", "客户反馈装配过紧").put("status", "released").put("priority", "high")
        .put("effectiveFrom", ts(origin.minus(Duration.ofDays(30)))).put("requestedBy", "E10005")
        .put("approvedBy", "E10012").put("approvedAt", ts(origin.minus(Duration.ofDays(32))));
    p.putArray("affected").addObject().put("material", "4000123").put("fromRevision", "A").put("toRevision", "B")
        .put("disposition", "use-up");
    return List.of(envelope(PLM, "ECN-2026-0142-released", "engineering-change", origin, p));
  }

  // ---------------------------------------------------------------- records

  private static ObjectNode orderPayload(WorkOrder wo) {
    ObjectNode p = JSON.createObjectNode().put("workOrder", wo.id).put("material", wo.material)
        .put("plannedQuantity", wo.planned).put("unit", "PCS").put("line", wo.line)
        .put("routing", "RT-" + wo.material + "-A").put("priority", wo.priority)
        .put("plannedStart", ts(wo.plannedStart)).put("plannedEnd", ts(wo.plannedEnd));
    if (wo.actualStart != null) p.put("actualStart", ts(wo.actualStart));
    if (wo.actualEnd != null) p.put("actualEnd", ts(wo.actualEnd));
    return p.put("status", wo.status);
  }

  private static ObjectNode equipmentNode(String id, String name, String level, String parent) {
    ObjectNode p = JSON.createObjectNode().put("equipmentId", id).put("name", name).put("level", level);
    if (parent != null) p.put("parent", parent);
    return p.put("status", "active");
  }

  private static ObjectNode alarmPayload(Machine m, Reason r, Instant raisedAt) {
    return JSON.createObjectNode().put("alarmId", m.alarmId).put("equipment", m.spec.id())
        .put("code", r.alarmCode()).put("severity", "critical").put("message", r.alarmText())
        .put("raisedAt", ts(raisedAt));
  }

  private static ObjectNode envelope(Source source, String key, String entity, Instant at, ObjectNode payload) {
    ObjectNode env = JSON.createObjectNode().put("id", source.system() + "-" + key).put("entity", entity)
        .put("schemaVersion", 1);
    env.putObject("source").put("system", source.system()).put("kind", source.kind());
    env.put("plant", PLANT).put("occurredAt", ts(at)).set("payload", payload);
    return env;
  }

  /** Adds a tick record; about one in BAD_ONE_IN is spoiled the way real interfaces spoil data. */
  private void emit(String entity, Source source, String key, Instant at, ObjectNode payload) {
    if (badRnd.nextInt(BAD_ONE_IN) == 0) {
      switch (entity) {
        case "operation-report" -> payload.put("scrap", -Math.max(1, payload.get("scrap").asInt())); // sign bug
        case "equipment-state" -> payload.put("state", "maintenance"); // PLC state outside the standard's enum
        case "quality-result" -> payload.put("value", payload.get("value").asString()); // gauge export quoted it
        case "energy-reading" -> payload.remove("readAt"); // cumulative reading without its time
        case "telemetry" -> payload.remove("sampledAt"); // gateway dropped the timestamp
        case "alarm" -> payload.put("severity", "high"); // vendor severity not mapped
        default -> payload.remove("material"); // work order released before its material was maintained
      }
      bad++;
    }
    record(entity, source, key, at, payload);
  }

  private static int shiftIndex(Instant t) {
    int hour = t.atOffset(CST).getHour();
    return hour >= 6 && hour < 14 ? 0 : hour >= 14 && hour < 22 ? 1 : 2;
  }

  private static BigDecimal dec(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
  }

  private static String ts(Instant t) {
    return TS.format(t.atOffset(CST));
  }

  private static String key(Instant t) {
    return KEY.format(t.atOffset(CST));
  }
}
