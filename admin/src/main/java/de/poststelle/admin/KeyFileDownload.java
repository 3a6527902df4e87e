package de.poststelle.admin;

import de.poststelle.admin.service.KeyService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A public key, certificate or certificate request as a file, for the API and the console alike. */
public final class KeyFileDownload {

    private KeyFileDownload() {
    }

    public static ResponseEntity<byte[]> of(KeyService.Export export) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName())
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(export.content());
    }
}
