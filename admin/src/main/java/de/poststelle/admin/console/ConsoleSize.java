package de.poststelle.admin.console;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Mail sizes as people read them: bytes, kB or MB (powers of 1024), with the page language's decimal mark. */
@Component("consoleSize")
public class ConsoleSize {

    public String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kilobytes = bytes / 1024.0;
        if (kilobytes < 1024) {
            return String.format(LocaleContextHolder.getLocale(), "%.1f kB", kilobytes);
        }
        return String.format(LocaleContextHolder.getLocale(), "%.1f MB", kilobytes / 1024);
    }
}
