package nl.doorzet.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Writes the engine's records that Doorzet searches (definitions, instances, element
 * instances, user tasks, variables, incidents, timers) into PostgreSQL.
 *
 * <p>Camunda 8.9 ships an RDBMS exporter for this; the newest distribution reachable on
 * this project's Maven mirror is 8.6, whose only secondary stores are Elasticsearch and
 * OpenSearch. The exporter interface is the engine's own extension point, so this class
 * plays the same role on 8.6 without patching the engine.
 *
 * <p>Records are buffered and written in one transaction per flush; the engine's exported
 * position is acknowledged only after the commit. After a crash the engine replays from
 * the last acknowledged position, so every statement is an idempotent upsert.
 */
public final class PostgresExporter implements Exporter {

  private static final Set<ValueType> EXPORTED =
      EnumSet.of(
          ValueType.PROCESS,
          ValueType.PROCESS_INSTANCE,
          ValueType.USER_TASK,
          ValueType.VARIABLE,
          ValueType.INCIDENT,
          ValueType.TIMER);

  private record Op(String sql, Object[] params) {}

  private final List<Op> buffer = new ArrayList<>();
  private Logger log;
  private Controller controller;
  private String url;
  private String username;
  private String password;
  private int batchSize;
  private Duration flushInterval;
  private Connection connection;
  private long lastBufferedPosition = -1;

  @Override
  public void configure(final Context context) {
    log = context.getLogger();
    final Map<String, Object> args = lowerCaseKeys(context.getConfiguration().getArguments());
    url = required(args, "url");
    username = String.valueOf(args.getOrDefault("username", ""));
    password = String.valueOf(args.getOrDefault("password", ""));
    batchSize = Integer.parseInt(String.valueOf(args.getOrDefault("batchsize", "500")));
    flushInterval = Duration.ofMillis(Long.parseLong(String.valueOf(args.getOrDefault("flushms", "100"))));
    context.setFilter(
        new Context.RecordFilter() {
          @Override
          public boolean acceptType(final RecordType recordType) {
            return recordType == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(final ValueType valueType) {
            return EXPORTED.contains(valueType);
          }
        });
  }

  @Override
  public void open(final Controller controller) {
    this.controller = controller;
    try {
      createSchema();
    } catch (final SQLException e) {
      // The broker retries exporting; the schema is created on the first flush that succeeds.
      log.warn("Doorzet exporter could not prepare its tables yet: {}", e.getMessage());
      closeConnection();
    }
    controller.scheduleCancellableTask(flushInterval, this::scheduledFlush);
  }

  @Override
  public void close() {
    try {
      flush();
    } catch (final SQLException e) {
      log.warn("Doorzet exporter could not flush on close; the engine will replay: {}", e.getMessage());
    }
    closeConnection();
  }

  @Override
  public void export(final Record<?> record) {
    final int before = buffer.size();
    map(record);
    lastBufferedPosition = record.getPosition();
    if (buffer.size() >= batchSize) {
      try {
        flush();
      } catch (final SQLException e) {
        // Drop this record's statements: the engine hands us the same record again.
        buffer.subList(before, buffer.size()).clear();
        throw new IllegalStateException("Doorzet exporter cannot write to PostgreSQL", e);
      }
    }
  }

  private void scheduledFlush() {
    try {
      flush();
    } catch (final SQLException e) {
      log.warn("Doorzet exporter flush failed, will retry: {}", e.getMessage());
      closeConnection();
    }
    controller.scheduleCancellableTask(flushInterval, this::scheduledFlush);
  }

  private void flush() throws SQLException {
    if (buffer.isEmpty()) {
      if (lastBufferedPosition >= 0) {
        controller.updateLastExportedRecordPosition(lastBufferedPosition);
      }
      return;
    }
    final Connection conn = connection();
    try {
      // Batch consecutive statements with the same SQL, keeping record order between them.
      int i = 0;
      while (i < buffer.size()) {
        final String sql = buffer.get(i).sql();
        try (PreparedStatement statement = conn.prepareStatement(sql)) {
          while (i < buffer.size() && buffer.get(i).sql().equals(sql)) {
            final Object[] params = buffer.get(i).params();
            for (int p = 0; p < params.length; p++) {
              statement.setObject(p + 1, params[p]);
            }
            statement.addBatch();
            i++;
          }
          statement.executeBatch();
        }
      }
      conn.commit();
    } catch (final SQLException e) {
      rollbackQuietly(conn);
      closeConnection();
      throw e;
    }
    buffer.clear();
    controller.updateLastExportedRecordPosition(lastBufferedPosition);
  }

  private void map(final Record<?> record) {
    final Intent intent = record.getIntent();
    final Timestamp at = new Timestamp(record.getTimestamp());
    switch (record.getValueType()) {
      case PROCESS -> {
        final Process value = (Process) record.getValue();
        add(
            "INSERT INTO process_definition (key, bpmn_process_id, version, resource_name, resource, deployed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            value.getProcessDefinitionKey(),
            value.getBpmnProcessId(),
            value.getVersion(),
            value.getResourceName(),
            new String(value.getResource(), StandardCharsets.UTF_8),
            at);
      }
      case PROCESS_INSTANCE -> mapProcessInstance(record, (ProcessInstanceRecordValue) record.getValue(), at);
      case USER_TASK -> mapUserTask(record, (UserTaskRecordValue) record.getValue(), at);
      case VARIABLE -> {
        final VariableRecordValue value = (VariableRecordValue) record.getValue();
        add(
            "INSERT INTO variable (key, process_instance_key, scope_key, name, value, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value,"
                + " updated_at = EXCLUDED.updated_at",
            record.getKey(),
            value.getProcessInstanceKey(),
            value.getScopeKey(),
            value.getName(),
            value.getValue(),
            at);
      }
      case INCIDENT -> {
        final IncidentRecordValue value = (IncidentRecordValue) record.getValue();
        if (intent == IncidentIntent.CREATED) {
          add(
              "INSERT INTO incident (key, process_instance_key, element_instance_key, element_id, error_type,"
                  + " error_message, job_key, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)"
                  + " ON CONFLICT (key) DO NOTHING",
              record.getKey(),
              value.getProcessInstanceKey(),
              value.getElementInstanceKey(),
              value.getElementId(),
              value.getErrorType().name(),
              value.getErrorMessage(),
              value.getJobKey(),
              at);
        } else if (intent == IncidentIntent.RESOLVED) {
          add("UPDATE incident SET state = 'RESOLVED', resolved_at = ? WHERE key = ?", at, record.getKey());
        }
      }
      case TIMER -> {
        final TimerRecordValue value = (TimerRecordValue) record.getValue();
        if (intent == TimerIntent.CREATED) {
          add(
              "INSERT INTO timer (key, process_instance_key, element_instance_key, target_element_id, due_date,"
                  + " state) VALUES (?, ?, ?, ?, ?, 'CREATED') ON CONFLICT (key) DO NOTHING",
              record.getKey(),
              value.getProcessInstanceKey(),
              value.getElementInstanceKey(),
              value.getTargetElementId(),
              new Timestamp(value.getDueDate()));
        } else if (intent == TimerIntent.TRIGGERED || intent == TimerIntent.CANCELED) {
          add("UPDATE timer SET state = ?, ended_at = ? WHERE key = ?", intent.name(), at, record.getKey());
        }
      }
      default -> {}
    }
  }

  private void mapProcessInstance(
      final Record<?> record, final ProcessInstanceRecordValue value, final Timestamp at) {
    final Intent intent = record.getIntent();
    final boolean isProcess = value.getBpmnElementType() == BpmnElementType.PROCESS;
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      if (isProcess) {
        add(
            "INSERT INTO process_instance (key, bpmn_process_id, version, process_definition_key, state,"
                + " start_date) VALUES (?, ?, ?, ?, 'ACTIVE', ?) ON CONFLICT (key) DO NOTHING",
            record.getKey(),
            value.getBpmnProcessId(),
            value.getVersion(),
            value.getProcessDefinitionKey(),
            at);
      } else {
        add(
            "INSERT INTO element_instance (key, process_instance_key, process_definition_key, element_id,"
                + " element_type, state, start_date) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)"
                + " ON CONFLICT (key) DO NOTHING",
            record.getKey(),
            value.getProcessInstanceKey(),
            value.getProcessDefinitionKey(),
            value.getElementId(),
            value.getBpmnElementType().name(),
            at);
      }
    } else if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED
        || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
      final String state = intent == ProcessInstanceIntent.ELEMENT_COMPLETED ? "COMPLETED" : "TERMINATED";
      final String table = isProcess ? "process_instance" : "element_instance";
      add("UPDATE " + table + " SET state = ?, end_date = ? WHERE key = ?", state, at, record.getKey());
    }
  }

  private void mapUserTask(final Record<?> record, final UserTaskRecordValue value, final Timestamp at) {
    final Intent intent = record.getIntent();
    if (intent == UserTaskIntent.CREATED) {
      add(
          "INSERT INTO user_task (key, element_instance_key, process_instance_key, process_definition_key,"
              + " bpmn_process_id, element_id, state, assignee, candidate_groups, candidate_users, due_date,"
              + " follow_up_date, form_reference, priority, creation_date)"
              + " VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
          value.getUserTaskKey(),
          value.getElementInstanceKey(),
          value.getProcessInstanceKey(),
          value.getProcessDefinitionKey(),
          value.getBpmnProcessId(),
          value.getElementId(),
          emptyToNull(value.getAssignee()),
          String.join(",", value.getCandidateGroupsList()),
          String.join(",", value.getCandidateUsersList()),
          emptyToNull(value.getDueDate()),
          emptyToNull(value.getFollowUpDate()),
          emptyToNull(value.getExternalFormReference()),
          value.getPriority(),
          at);
    } else if (intent == UserTaskIntent.ASSIGNED) {
      add("UPDATE user_task SET assignee = ? WHERE key = ?", emptyToNull(value.getAssignee()), record.getKey());
    } else if (intent == UserTaskIntent.UPDATED) {
      add(
          "UPDATE user_task SET candidate_groups = ?, candidate_users = ?, due_date = ?, follow_up_date = ?"
              + " WHERE key = ?",
          String.join(",", value.getCandidateGroupsList()),
          String.join(",", value.getCandidateUsersList()),
          emptyToNull(value.getDueDate()),
          emptyToNull(value.getFollowUpDate()),
          record.getKey());
    } else if (intent == UserTaskIntent.COMPLETED || intent == UserTaskIntent.CANCELED) {
      add(
          "UPDATE user_task SET state = ?, completion_date = ? WHERE key = ?",
          intent.name(),
          at,
          record.getKey());
    } else if (intent == UserTaskIntent.MIGRATED) {
      add(
          "UPDATE user_task SET element_id = ?, process_definition_key = ?, bpmn_process_id = ? WHERE key = ?",
          value.getElementId(),
          value.getProcessDefinitionKey(),
          value.getBpmnProcessId(),
          record.getKey());
    }
  }

  private void createSchema() throws SQLException {
    final Connection conn = connection();
    try (Statement statement = conn.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS process_definition (key BIGINT PRIMARY KEY, bpmn_process_id TEXT NOT NULL,"
              + " version INT NOT NULL, resource_name TEXT NOT NULL, resource TEXT NOT NULL,"
              + " deployed_at TIMESTAMPTZ NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS process_instance (key BIGINT PRIMARY KEY, bpmn_process_id TEXT NOT NULL,"
              + " version INT NOT NULL, process_definition_key BIGINT NOT NULL, state TEXT NOT NULL,"
              + " start_date TIMESTAMPTZ NOT NULL, end_date TIMESTAMPTZ)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS element_instance (key BIGINT PRIMARY KEY, process_instance_key BIGINT NOT NULL,"
              + " process_definition_key BIGINT NOT NULL, element_id TEXT NOT NULL, element_type TEXT NOT NULL,"
              + " state TEXT NOT NULL, start_date TIMESTAMPTZ NOT NULL, end_date TIMESTAMPTZ)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS user_task (key BIGINT PRIMARY KEY, element_instance_key BIGINT NOT NULL,"
              + " process_instance_key BIGINT NOT NULL, process_definition_key BIGINT NOT NULL,"
              + " bpmn_process_id TEXT NOT NULL, element_id TEXT NOT NULL, state TEXT NOT NULL, assignee TEXT,"
              + " candidate_groups TEXT NOT NULL, candidate_users TEXT NOT NULL, due_date TEXT,"
              + " follow_up_date TEXT, form_reference TEXT, priority INT NOT NULL,"
              + " creation_date TIMESTAMPTZ NOT NULL, completion_date TIMESTAMPTZ)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS variable (key BIGINT PRIMARY KEY, process_instance_key BIGINT NOT NULL,"
              + " scope_key BIGINT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,"
              + " updated_at TIMESTAMPTZ NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS incident (key BIGINT PRIMARY KEY, process_instance_key BIGINT NOT NULL,"
              + " element_instance_key BIGINT NOT NULL, element_id TEXT NOT NULL, error_type TEXT NOT NULL,"
              + " error_message TEXT, job_key BIGINT NOT NULL, state TEXT NOT NULL,"
              + " created_at TIMESTAMPTZ NOT NULL, resolved_at TIMESTAMPTZ)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS timer (key BIGINT PRIMARY KEY, process_instance_key BIGINT NOT NULL,"
              + " element_instance_key BIGINT NOT NULL, target_element_id TEXT NOT NULL,"
              + " due_date TIMESTAMPTZ NOT NULL, state TEXT NOT NULL, ended_at TIMESTAMPTZ)");
      statement.execute("CREATE INDEX IF NOT EXISTS user_task_open ON user_task (state, bpmn_process_id)");
      statement.execute("CREATE INDEX IF NOT EXISTS user_task_instance ON user_task (process_instance_key)");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS element_instance_instance ON element_instance (process_instance_key)");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS element_instance_definition ON element_instance (process_definition_key, state)");
      statement.execute("CREATE INDEX IF NOT EXISTS variable_instance ON variable (process_instance_key)");
      statement.execute("CREATE INDEX IF NOT EXISTS timer_instance ON timer (process_instance_key)");
      statement.execute("CREATE INDEX IF NOT EXISTS incident_instance ON incident (process_instance_key)");
    }
    conn.commit();
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, username, password);
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (final SQLException ignored) {
        // The connection is being discarded because it failed; nothing else to do.
      }
      connection = null;
    }
  }

  private static void rollbackQuietly(final Connection conn) {
    try {
      conn.rollback();
    } catch (final SQLException ignored) {
      // The connection is closed right after; PostgreSQL rolls back on disconnect.
    }
  }

  private void add(final String sql, final Object... params) {
    buffer.add(new Op(sql, params));
  }

  private static String emptyToNull(final String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static Map<String, Object> lowerCaseKeys(final Map<String, Object> args) {
    final Map<String, Object> result = new HashMap<>();
    if (args != null) {
      args.forEach((key, value) -> result.put(key.toLowerCase(java.util.Locale.ROOT), value));
    }
    return result;
  }

  private static String required(final Map<String, Object> args, final String key) {
    final Object value = args.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      throw new IllegalArgumentException("Doorzet exporter needs the argument '" + key + "'");
    }
    return String.valueOf(value);
  }
}
