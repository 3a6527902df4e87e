package de.poststelle.core.notice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The languages of a notice, German part first. */
public enum NoticeLanguage {
    DE(Locale.GERMAN, "dd.MM.yyyy, HH:mm 'Uhr'"),
    EN(Locale.ENGLISH, "d MMMM yyyy, HH:mm");

    private final Locale locale;
    private final DateTimeFormatter dateTime;

    NoticeLanguage(Locale locale, String dateTimePattern) {
        this.locale = locale;
        // the recipients are written to by German authorities, so times are German local time
        this.dateTime = DateTimeFormatter.ofPattern(dateTimePattern, locale).withZone(ZoneId.of("Europe/Berlin"));
    }

    public Locale locale() {
        return locale;
    }

    /** How a value appears in this language's text: instants as local date and time, the rest as they are. */
    public String format(Object value) {
        return value instanceof Instant instant ? dateTime.format(instant) : String.valueOf(value);
    }
}
