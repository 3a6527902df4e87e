package de.poststelle.messenger.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Sizes and times as people read them (German local time), in the page's language. */
@Component("messengerFormat")
public class MessengerFormat {

    private static final ZoneId GERMANY = ZoneId.of("Europe/Berlin");

    /** A mail's size: kB below one MB. */
    public String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(LocaleContextHolder.getLocale(), "%.1f kB", bytes / 1024.0)
                : megabytes(bytes);
    }

    /** Usage and quota always in MB, the unit the quota is given in. */
    public String megabytes(long bytes) {
        return String.format(LocaleContextHolder.getLocale(), "%.2f MB", bytes / (1024.0 * 1024.0));
    }

    public String time(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(GERMANY).format(instant);
    }
}
