package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.MappingRepository;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk import and export of a tenant's address mappings as CSV (columns {@code email} and
 * {@code demail}, separated by semicolon or comma as spreadsheets write them). Every line is
 * checked first; the import changes nothing unless every line is valid, and a dry run only
 * reports what would happen.
 */
@Transactional
public class MappingImportService {

    /** ADD keeps mappings the file does not name; REPLACE makes the tenant's mappings equal to the file. */
    public enum Mode { ADD, REPLACE }

    public enum Outcome { ADD, UNCHANGED, CHANGE, REMOVE, ERROR }

    /** What happens to one line (or, for REMOVE, to a stored mapping the file does not name; line 0). */
    public record Line(int number, String email, String demail, Outcome outcome, String message) {
    }

    public record Report(boolean applied, List<Line> lines) {

        public long count(Outcome outcome) {
            return lines.stream().filter(line -> line.outcome() == outcome).count();
        }

        public boolean hasErrors() {
            return count(Outcome.ERROR) > 0;
        }
    }

    static final int MAX_LINES = 100_000;

    private final MappingRepository mappings;
    private final MappingService rules;
    private final AccessControl access;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    public MappingImportService(MappingRepository mappings, MappingService rules, AccessControl access,
                                AuditTrail audit, ApplicationEventPublisher events) {
        this.mappings = mappings;
        this.rules = rules;
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    public Report importCsv(Actor actor, long tenantId, Reader csv, Mode mode, boolean dryRun) {
        access.require(actor, Permission.MANAGE_MAPPINGS, tenantId);
        Map<String, AddressMapping> stored = new LinkedHashMap<>();
        mappings.ofTenant(tenantId).forEach(m -> stored.put(m.email().toString(), m));
        List<Line> lines = new ArrayList<>();
        List<AddressMapping> wanted = new ArrayList<>();
        read(csv, tenantId, stored, mode, lines, wanted);
        if (mode == Mode.REPLACE) {
            Set<String> named = new HashSet<>();
            wanted.forEach(m -> named.add(m.email().toString()));
            stored.values().stream().filter(m -> !named.contains(m.email().toString()))
                    .forEach(m -> lines.add(new Line(0, m.email().toString(), m.demail().toString(), Outcome.REMOVE,
                            "not in the file")));
        }
        Report report = new Report(false, lines);
        if (dryRun || report.hasErrors()) {
            return report;
        }
        apply(tenantId, report);
        audit.record(actor, tenantId, Permission.MANAGE_MAPPINGS, "mapping.import", mode.name(),
                "added " + report.count(Outcome.ADD) + ", changed " + report.count(Outcome.CHANGE)
                        + ", removed " + report.count(Outcome.REMOVE) + ", unchanged " + report.count(Outcome.UNCHANGED));
        events.publishEvent(new ConfigurationChanged("mapping import for tenant " + tenantId));
        return new Report(true, lines);
    }

    @Transactional(readOnly = true)
    public void exportCsv(Actor actor, long tenantId, Writer out) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader("email", "demail").get()
                .print(out)) {
            for (AddressMapping mapping : mappings.ofTenant(tenantId)) {
                printer.printRecord(mapping.email(), mapping.demail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Reader csv, long tenantId, Map<String, AddressMapping> stored, Mode mode, List<Line> lines,
                      List<AddressMapping> wanted) {
        BufferedReader in = new BufferedReader(csv);
        try {
            // spreadsheets saving "CSV UTF-8" start the file with a byte order mark
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            in.mark(4096);
            String header = Optional.ofNullable(in.readLine()).orElse("");
            in.reset();
            char delimiter = header.contains(";") ? ';' : ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).get();
            try (CSVParser parser = format.parse(in)) {
                if (!parser.getHeaderMap().containsKey("email") || !parser.getHeaderMap().containsKey("demail")) {
                    lines.add(new Line(1, "", "", Outcome.ERROR, "the first line must name the columns email and demail"));
                    return;
                }
                Map<String, Integer> seenEmail = new HashMap<>();
                Map<String, Integer> seenDemail = new HashMap<>();
                for (CSVRecord record : parser) {
                    int number = (int) record.getRecordNumber() + 1;
                    if (number > MAX_LINES + 1) {
                        lines.add(new Line(number, "", "", Outcome.ERROR, "more than " + MAX_LINES + " lines"));
                        return;
                    }
                    Line line = check(tenantId, number, record.get("email"), record.get("demail"), stored, mode,
                            seenEmail, seenDemail);
                    lines.add(line);
                    if (line.outcome() != Outcome.ERROR) {
                        wanted.add(new AddressMapping(tenantId, MailAddress.parse(line.email()),
                                MailAddress.parse(line.demail())));
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            lines.add(new Line(lines.size() + 2, "", "", Outcome.ERROR, "unreadable CSV: " + e.getMessage()));
        }
    }

    private Line check(long tenantId, int number, String emailText, String demailText,
                       Map<String, AddressMapping> stored, Mode mode, Map<String, Integer> seenEmail,
                       Map<String, Integer> seenDemail) {
        AddressMapping mapping;
        try {
            mapping = new AddressMapping(tenantId, MailAddress.parse(emailText), MailAddress.parse(demailText));
        } catch (IllegalArgumentException e) {
            return new Line(number, emailText, demailText, Outcome.ERROR, e.getMessage());
        }
        String email = mapping.email().toString();
        String demail = mapping.demail().toString();
        Optional<String> problem = rules.domainProblem(mapping)
                .or(() -> Optional.ofNullable(seenEmail.putIfAbsent(email, number)).map(n -> email + " is in line " + n + " already"))
                .or(() -> Optional.ofNullable(seenDemail.putIfAbsent(demail, number)).map(n -> demail + " is in line " + n + " already"))
                .or(() -> conflict(mapping, stored, mode));
        if (problem.isPresent()) {
            return new Line(number, email, demail, Outcome.ERROR, problem.get());
        }
        AddressMapping existing = stored.get(email);
        if (existing == null) {
            return new Line(number, email, demail, Outcome.ADD, "");
        }
        return existing.demail().equals(mapping.demail())
                ? new Line(number, email, demail, Outcome.UNCHANGED, "")
                : new Line(number, email, demail, Outcome.CHANGE, "was " + existing.demail());
    }

    /** A clash with stored mappings that the import would not resolve by itself. */
    private Optional<String> conflict(AddressMapping mapping, Map<String, AddressMapping> stored, Mode mode) {
        AddressMapping sameEmail = stored.get(mapping.email().toString());
        if (sameEmail == null && mappings.byEmail(mapping.email()).isPresent()) {
            return Optional.of(mapping.email() + " is mapped by another tenant");
        }
        if (sameEmail != null && !sameEmail.demail().equals(mapping.demail()) && mode == Mode.ADD) {
            return Optional.of(mapping.email() + " is mapped to " + sameEmail.demail() + " already (use REPLACE)");
        }
        return mappings.byDemail(mapping.demail())
                .filter(other -> !other.email().equals(mapping.email()))
                .filter(other -> other.tenantId() != mapping.tenantId() || mode == Mode.ADD)
                .map(other -> mapping.demail() + " is mapped to " + other.email() + " already");
    }

    /** Removals first, so a De-Mail address can move from one internal address to another in one import. */
    private void apply(long tenantId, Report report) {
        for (Line line : report.lines()) {
            if (line.outcome() == Outcome.REMOVE || line.outcome() == Outcome.CHANGE) {
                mappings.remove(tenantId, MailAddress.parse(line.email()));
            }
        }
        for (Line line : report.lines()) {
            if (line.outcome() == Outcome.ADD || line.outcome() == Outcome.CHANGE) {
                mappings.add(new AddressMapping(tenantId, MailAddress.parse(line.email()),
                        MailAddress.parse(line.demail())));
            }
        }
    }
}
