package de.poststelle.admin.console;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as the console shows and reads them: German civil time, whatever zone the server runs in. */
@Component("consoleTime")
public class ConsoleTime {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);

    public String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    public String format(Optional<Instant> instant) {
        return instant.map(this::format).orElse("");
    }

    /** The start of a day (an {@code <input type="date">} value), or empty when the field was left blank. */
    public static Optional<Instant> startOf(String date) {
        return blank(date) ? Optional.empty() : Optional.of(LocalDate.parse(date).atStartOfDay(ZONE).toInstant());
    }

    /** The end of a day, i.e. the start of the next: "until 3 May" includes all of 3 May. */
    public static Optional<Instant> endOf(String date) {
        return blank(date) ? Optional.empty()
                : Optional.of(LocalDate.parse(date).plusDays(1).atStartOfDay(ZONE).toInstant());
    }

    /** A {@code <input type="datetime-local">} value in German civil time, or empty when left blank. */
    public static Optional<Instant> localTime(String dateTime) {
        return blank(dateTime) ? Optional.empty()
                : Optional.of(LocalDateTime.parse(dateTime).atZone(ZONE).toInstant());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
