package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MappingImportService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bulk maintenance of a tenant's mappings as CSV. The import answers 200 with the report when it
 * was applied or was a dry run, and 422 with the same report when any line is wrong (then nothing
 * was changed).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/mappings")
class MappingCsvController {

    /** The import's outcome line by line. */
    record ImportReport(boolean applied, long added, long changed, long removed, long unchanged, long errors,
                        List<MappingImportService.Line> lines) {

        static ImportReport from(MappingImportService.Report report) {
            return new ImportReport(report.applied(), report.count(MappingImportService.Outcome.ADD),
                    report.count(MappingImportService.Outcome.CHANGE), report.count(MappingImportService.Outcome.REMOVE),
                    report.count(MappingImportService.Outcome.UNCHANGED), report.count(MappingImportService.Outcome.ERROR),
                    report.lines());
        }
    }

    private final MappingImportService imports;

    MappingCsvController(MappingImportService imports) {
        this.imports = imports;
    }

    @GetMapping(value = "/export", produces = "text/csv")
    ResponseEntity<String> exportMappings(Actor actor, @PathVariable long tenantId) {
        StringWriter csv = new StringWriter();
        imports.exportCsv(actor, tenantId, csv);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"zuordnungen-" + tenantId + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    /** The body is the CSV text; any content type is taken, since tools label CSV differently. */
    @PostMapping("/import")
    ResponseEntity<ImportReport> importMappings(Actor actor, @PathVariable long tenantId,
                                                @RequestParam(defaultValue = "ADD") MappingImportService.Mode mode,
                                                @RequestParam(defaultValue = "false") boolean dryRun,
                                                @RequestBody String csv) {
        MappingImportService.Report report = imports.importCsv(actor, tenantId, new StringReader(csv), mode, dryRun);
        return ResponseEntity.status(report.hasErrors() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK)
                .body(ImportReport.from(report));
    }
}
