package nl.doorzet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.VariableScope;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The bean `termijn` that models call for their due dates and timers:
 * {@code ${termijn.verloopt(execution, 'key')}} and {@code ${termijn.herinnering(execution, 'key')}}.
 * The spans come from the case variable {@code termijnen}, which the API sets at the melding from
 * the region's settings (docs/ladder-conventions.md §2). Working days follow the same rules as
 * domain/workdays.ts (test/engine/termijn.test.ts holds the two equal).
 */
@Component("termijn")
public class Termijn {

  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** When the deadline `key` of the current step expires; the first call on a step fixes it. */
  public Date verloopt(VariableScope execution, String key) {
    return planned(execution, key)[0];
  }

  /** When the step's role is reminded: the region's own span, or halfway to the deadline. */
  public Date herinnering(VariableScope execution, String key) {
    return planned(execution, key)[1];
  }

  /** The instant a span (JSON `{"duration": "P5D"}` or `{"werkdagen": 5}`) after `vanaf` (a Date or ISO text). */
  public Date na(Object vanaf, String span) {
    Instant from = vanaf instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(vanaf));
    return Date.from(after(from, parse(span, "span")));
  }

  /**
   * The due date and the reminder of one visit of a step. Kept as local variables of the step's
   * execution, so the task's due date and its timers agree, whichever is evaluated first; a new
   * visit has a new execution and so a new deadline.
   */
  private Date[] planned(VariableScope execution, String key) {
    String name = key.replace('-', '_');
    // Only a step with its own execution (a task with boundary timers) keeps the dates: a step
    // without runs on its parent's execution, where a kept date would outlive the visit.
    boolean ownExecution = execution instanceof ExecutionEntity e
        && !e.isProcessInstanceExecution() && e.isScope() && e.getActivity() != null && e.getActivity().isScope();
    if (ownExecution && execution.getVariableLocal("due_" + name) instanceof Date due
        && execution.getVariableLocal("herinnering_" + name) instanceof Date reminder) {
      return new Date[] {due, reminder};
    }
    Object termijnen = execution.getVariable("termijnen");
    if (termijnen == null) throw new ProcessEngineException("De casus heeft geen variabele 'termijnen'; start hem via Doorzet.");
    JsonNode setting = parse(String.valueOf(termijnen), "termijnen").get(key);
    if (setting == null || !setting.hasNonNull("escalateAfter")) {
      throw new ProcessEngineException("Termijn '" + key + "' staat niet in de termijnen van deze casus (regio-instellingen).");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant due = after(now, setting.get("escalateAfter"));
    Instant reminder = setting.hasNonNull("remindAfter")
        ? after(now, setting.get("remindAfter"))
        : now.plusMillis((due.toEpochMilli() - now.toEpochMilli()) / 2);
    Date[] dates = {Date.from(due), Date.from(reminder)};
    if (ownExecution) {
      execution.setVariableLocal("due_" + name, dates[0]);
      execution.setVariableLocal("herinnering_" + name, dates[1]);
    }
    return dates;
  }

  private static JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ProcessEngineException("'" + what + "' is geen JSON: " + e.getMessage());
    }
  }

  static Instant after(Instant from, JsonNode span) {
    if (span.hasNonNull("werkdagen")) return Werkdagen.addAt(from, span.get("werkdagen").asInt());
    if (span.hasNonNull("duration")) return addIsoDuration(from, span.get("duration").asText());
    throw new ProcessEngineException("Termijn zonder 'duration' of 'werkdagen': " + span);
  }

  private static final Pattern DURATION =
      Pattern.compile("^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

  /**
   * Years, months and days on the UTC calendar with overflow carried forward (31 January plus one
   * month is 3 March), the time part exactly: what addIsoDuration in domain/workdays.ts does.
   */
  static Instant addIsoDuration(Instant from, String duration) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) throw new ProcessEngineException("Geen ISO 8601-duur: " + duration);
    LocalDateTime utc = LocalDateTime.ofInstant(from, ZoneOffset.UTC);
    LocalDate date = LocalDate.of(utc.getYear() + number(m.group(1)), 1, 1)
        .plusMonths(utc.getMonthValue() - 1 + number(m.group(2)))
        .plusDays(utc.getDayOfMonth() - 1 + number(m.group(3)) * 7L + number(m.group(4)));
    Instant calendar = LocalDateTime.of(date, utc.toLocalTime()).toInstant(ZoneOffset.UTC);
    double seconds = number(m.group(5)) * 3600.0 + number(m.group(6)) * 60.0 + (m.group(7) == null ? 0 : Double.parseDouble(m.group(7)));
    return calendar.plusMillis(Math.round(seconds * 1000));
  }

  private static int number(String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }
}
