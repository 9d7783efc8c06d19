package nl.doorzet.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Dutch working days: no Saturdays, Sundays or national public holidays, counted in
 * Europe/Amsterdam. A copy of domain/workdays.ts, rule for rule; test/engine/termijn.test.ts
 * compares the two on the running engine.
 */
final class Werkdagen {

  private Werkdagen() {}

  /** Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  static Set<LocalDate> holidays(int year) {
    LocalDate easter = easterSunday(year);
    LocalDate kingsDay = LocalDate.of(year, 4, 27);
    // Koningsdag moves to the Saturday before when 27 April is a Sunday.
    if (kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY) kingsDay = kingsDay.minusDays(1);
    Set<LocalDate> days = new java.util.HashSet<>(Set.of(
        LocalDate.of(year, 1, 1), easter.minusDays(2), easter, easter.plusDays(1), kingsDay,
        easter.plusDays(39), easter.plusDays(49), easter.plusDays(50),
        LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26)));
    // Bevrijdingsdag is a national day off once every five years (2025, 2030, ...).
    if (year % 5 == 0) days.add(LocalDate.of(year, 5, 5));
    return days;
  }

  static boolean isWerkdag(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays(date.getYear()).contains(date);
  }

  /** The same Amsterdam wall-clock time, N working days later. */
  static Instant addAt(Instant from, int werkdagen) {
    ZonedDateTime wall = from.atZone(Termijn.AMSTERDAM);
    LocalDate date = wall.toLocalDate();
    for (int left = werkdagen; left > 0; ) {
      date = date.plusDays(1);
      if (isWerkdag(date)) left--;
    }
    Instant shifted = amsterdamInstant(LocalDateTime.of(date, wall.toLocalTime().withSecond(0).withNano(0)));
    return shifted.plusSeconds(wall.getSecond()).plusMillis(Math.floorMod(from.toEpochMilli(), 1000L));
  }

  /**
   * The instant Amsterdam's clocks read this wall time, settled in two passes like workdays.ts, so
   * a time the clocks skip or repeat resolves to the same instant in both.
   */
  private static Instant amsterdamInstant(LocalDateTime wallTime) {
    long wall = wallTime.toInstant(ZoneOffset.UTC).toEpochMilli();
    Instant guess = Instant.ofEpochMilli(wall - offsetMs(Instant.ofEpochMilli(wall)));
    return Instant.ofEpochMilli(wall - offsetMs(guess));
  }

  private static long offsetMs(Instant instant) {
    return Termijn.AMSTERDAM.getRules().getOffset(instant).getTotalSeconds() * 1000L;
  }
}
