package de.poststelle.verify;

import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revocation data is fetched once per cache period, not once per mail; failures are not remembered. */
class CachingDataLoaderTest {

    /** A revocation server that counts requests and can be switched off. */
    static final class CountingServer implements DataLoader {
        final List<String> requests = new ArrayList<>();
        boolean up = true;

        @Override
        public byte[] get(String url) {
            return answer("GET " + url);
        }

        @Override
        public DataAndUrl get(List<String> urls) {
            return new DataAndUrl(urls.getFirst(), get(urls.getFirst()));
        }

        @Override
        public byte[] post(String url, byte[] content) {
            return answer("POST " + url + " " + new String(content));
        }

        @Override
        public void setContentType(String contentType) {
        }

        private byte[] answer(String request) {
            requests.add(request);
            if (!up) {
                throw new DSSException("connect timed out");
            }
            return ("answer " + requests.size()).getBytes();
        }
    }

    static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final CountingServer server = new CountingServer();
    private final SettableClock clock = new SettableClock();
    private final CachingDataLoader loader = new CachingDataLoader(server, Duration.ofHours(1), clock);

    @Test
    void crlIsFetchedOnceWithinTheCachePeriodAndAgainAfterIt() {
        assertThat(loader.get("http://ca.example/ca.crl")).asString().isEqualTo("answer 1");
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(loader.get("http://ca.example/ca.crl")).asString().isEqualTo("answer 1");
        assertThat(server.requests).hasSize(1);

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(loader.get("http://ca.example/ca.crl")).asString().isEqualTo("answer 2");
    }

    @Test
    void ocspAnswersAreKeptPerRequest() {
        loader.post("http://ocsp.example", "cert-1".getBytes());
        loader.post("http://ocsp.example", "cert-1".getBytes());
        loader.post("http://ocsp.example", "cert-2".getBytes());

        assertThat(server.requests).containsExactly("POST http://ocsp.example cert-1", "POST http://ocsp.example cert-2");
    }

    @Test
    void aFailureIsNotCachedSoTheNextMailTriesAgain() {
        server.up = false;
        assertThatThrownBy(() -> loader.get("http://ca.example/ca.crl")).isInstanceOf(DSSException.class);
        server.up = true;

        assertThat(loader.get("http://ca.example/ca.crl")).asString().isEqualTo("answer 2");
    }
}
