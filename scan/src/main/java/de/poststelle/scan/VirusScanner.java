package de.poststelle.scan;

import de.poststelle.core.MessageSource;

/** Scans one message; must not throw for scanner trouble but answer {@link ScanResult.Error}. */
@FunctionalInterface
public interface VirusScanner {

    ScanResult scan(MessageSource message);
}
