package de.poststelle.admin;

import de.poststelle.core.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.InputStream;

/**
 * A quarantined mail as a file for analysis, for the API and the console alike. It probably carries
 * malware, so it is only ever offered as an attachment and never sniffed or shown inline.
 */
public final class QuarantinedMailDownload {

    private QuarantinedMailDownload() {
    }

    public static ResponseEntity<StreamingResponseBody> of(String queueId, MessageSource content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quarantine-" + queueId + ".eml\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(out -> {
                    try (InputStream in = content.open()) {
                        in.transferTo(out);
                    }
                });
    }
}
