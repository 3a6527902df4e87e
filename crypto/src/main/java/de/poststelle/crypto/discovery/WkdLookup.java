package de.poststelle.crypto.discovery;

import de.poststelle.core.MailAddress;
import de.poststelle.crypto.pgp.PgpException;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds OpenPGP keys for an address in its domain's Web Key Directory
 * (draft-koch-openpgp-webkey-service): first the advanced method
 * ({@code https://openpgpkey.<domain>/.well-known/openpgpkey/<domain>/hu/<hash>?l=<local>}), then the
 * direct method ({@code https://<domain>/.well-known/openpgpkey/hu/<hash>?l=<local>}); the hash is
 * the z-base-32 encoded SHA-1 of the lower-cased local part. Only HTTPS, certificates verified.
 * Keys in the response without a user id for the address are dropped, as the draft requires.
 *
 * <p>Discovery only finds <em>candidates</em>: a key found here is not trusted. The key store keeps
 * it as pending until an admin has checked and approved its fingerprint.
 *
 * <p>Failures (no such host, timeout, TLS error, 404, unreadable key) are logged and give an empty
 * result, never an exception.
 */
public final class WkdLookup {

    private static final Logger LOG = LoggerFactory.getLogger(WkdLookup.class);
    /** Far more than any real key with its signatures; protects against a server sending without end. */
    private static final int MAX_RESPONSE_OCTETS = 512 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Optional<URI> baseUrl;

    /** Asks the domains themselves, TLS verified against the JVM's trust store. */
    public WkdLookup(Duration timeout, Clock clock) throws NoSuchAlgorithmException {
        this(timeout, clock, SSLContext.getDefault(), Optional.empty());
    }

    /**
     * @param baseUrl if present, both methods ask this server instead of the address's domain (the
     *     paths stay as the draft has them), e.g. for tests or a local mirror
     */
    public WkdLookup(Duration timeout, Clock clock, SSLContext tls, Optional<URI> baseUrl) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The keys published for {@code address}; empty if there are none or the directory cannot be read. */
    public List<PgpPublicKeyInfo> find(MailAddress address) {
        String hash = ZBase32.encode(sha1(address.localPart().toLowerCase(Locale.ROOT)));
        String query = "?l=" + URLEncoder.encode(address.localPart(), StandardCharsets.UTF_8);
        String domain = address.domain();
        URI advanced = URI.create(baseUrl.map(URI::toString).orElse("https://openpgpkey." + domain)
                + "/.well-known/openpgpkey/" + domain + "/hu/" + hash + query);
        URI direct = URI.create(baseUrl.map(URI::toString).orElse("https://" + domain)
                + "/.well-known/openpgpkey/hu/" + hash + query);
        return fetch(advanced, address).or(() -> fetch(direct, address)).orElse(List.of());
    }

    private Optional<List<PgpPublicKeyInfo>> fetch(URI uri, MailAddress address) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_OCTETS + 1);
            }
            if (response.statusCode() != 200) {
                LOG.info("WKD {} for {}: HTTP {}", uri, address, response.statusCode());
                return Optional.empty();
            }
            if (body.length > MAX_RESPONSE_OCTETS) {
                LOG.warn("WKD {} for {}: response larger than {} octets, ignored", uri, address, MAX_RESPONSE_OCTETS);
                return Optional.empty();
            }
            String wanted = address.toString().toLowerCase(Locale.ROOT);
            List<PgpPublicKeyInfo> keys = PgpPublicKeyInfo.readAll(body, clock.instant()).stream()
                    .filter(key -> key.addresses().contains(wanted)).toList();
            if (keys.isEmpty()) {
                LOG.warn("WKD {} for {}: no key with a user id for the address", uri, address);
                return Optional.empty();
            }
            return Optional.of(keys);
        } catch (IOException | PgpException e) {
            LOG.info("WKD {} for {} failed: {}", uri, address, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
