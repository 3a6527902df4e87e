package de.poststelle.scan;

/** Told about each scan, e.g. to count results as metrics; must not throw. */
@FunctionalInterface
public interface ScanListener {

    ScanListener NONE = (queueId, result) -> { };

    void scanned(String queueId, ScanResult result);
}
