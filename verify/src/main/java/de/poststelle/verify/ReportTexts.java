package de.poststelle.verify;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/** The report's words in one language (German unless configured otherwise), and its date format. */
public final class ReportTexts {

    private final ResourceBundle bundle;
    private final Locale locale;
    private final DateTimeFormatter dates;

    public ReportTexts(Locale locale, ZoneId zone) {
        this.locale = locale;
        // No fallback to the JVM's locale: a server running in English must still write German reports.
        this.bundle = ResourceBundle.getBundle("de.poststelle.verify.pruefprotokoll", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** Every text by its key, for the report template. */
    public Map<String, String> all() {
        return bundle.keySet().stream().collect(Collectors.toMap(key -> key, bundle::getString));
    }

    public String date(Instant instant) {
        return dates.format(instant) + " (" + dates.getZone().getId() + ")";
    }

    public String verdict(Verdict verdict) {
        return get("verdict." + verdict.name());
    }
}
