package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MappingImportService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Tenant;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * A tenant's mappings as a CSV file: the export downloads them, the import uploads a file, adds
 * to or replaces the mappings (or only checks them, as a dry run) and shows the report line by
 * line on the mappings page. The import changes nothing when any line is wrong.
 */
@Controller
class MappingCsvPages {

    record UploadForm(MappingImportService.Mode mode, Boolean dryRun) {

        static final UploadForm EMPTY = new UploadForm(MappingImportService.Mode.ADD, true);
    }

    private final MappingImportService imports;
    private final TenantService tenants;
    private final MappingPages pages;

    MappingCsvPages(MappingImportService imports, TenantService tenants, MappingPages pages) {
        this.imports = imports;
        this.tenants = tenants;
        this.pages = pages;
    }

    /** Streams the CSV as the service writes it; the tenant is looked up first, so a refusal is still a page. */
    @GetMapping("/tenants/{tenantId}/mappings/export")
    void export(Actor actor, @PathVariable long tenantId, HttpServletResponse response) throws IOException {
        Tenant tenant = tenants.get(actor, tenantId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("zuordnungen-" + fileName(tenant) + ".csv", StandardCharsets.UTF_8).build().toString());
        imports.exportCsv(actor, tenantId, response.getWriter());
    }

    @PostMapping("/tenants/{tenantId}/mappings/import")
    String upload(Actor actor, @PathVariable long tenantId, @ModelAttribute("upload") UploadForm form,
                  BindingResult result, MultipartFile file, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            result.reject("mappings.import.missing");
        }
        if (!result.hasErrors()) {
            try (Reader csv = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                model.addAttribute("report", imports.importCsv(actor, tenantId, csv, form.mode(),
                        Boolean.TRUE.equals(form.dryRun())));
            }
        }
        return pages.page(actor, tenantId, model, new MappingPages.MappingForm("", ""));
    }

    /** The tenant's name as a safe file name part: letters, digits and dashes. */
    private static String fileName(Tenant tenant) {
        String name = tenant.name().toLowerCase().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return name.isEmpty() ? String.valueOf(tenant.id()) : name;
    }
}
