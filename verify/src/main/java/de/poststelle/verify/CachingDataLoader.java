package de.poststelle.verify;

import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.spi.client.http.DataLoader;

import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps OCSP responses, CRLs and issuer certificates fetched by DSS for a while, so a mail with ten
 * signatures from one CA, or the next mail from the same signer, does not wait for the network
 * again. OCSP requests are POSTs, but DSS sends them without a nonce, so equal requests may share
 * an answer. Failures are not kept: the next mail tries again (the loader's timeouts bound the wait).
 */
final class CachingDataLoader implements DataLoader {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int MAX_ENTRIES = 1000;

    private final DataLoader delegate;
    private final Duration timeToLive;
    private final transient Clock clock;
    private final Map<Key, Cached> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    CachingDataLoader(DataLoader delegate, Duration timeToLive, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public byte[] get(String url) {
        return cached(new Key(url, new byte[0]), () -> delegate.get(url));
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        DSSException last = new DSSException("no URL to load from");
        for (String url : urls) {
            try {
                byte[] data = get(url);
                if (data != null && data.length > 0) {
                    return new DataAndUrl(url, data);
                }
            } catch (DSSException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return cached(new Key(url, content.clone()), () -> delegate.post(url, content));
    }

    @Override
    public void setContentType(String contentType) {
        delegate.setContentType(contentType);
    }

    private byte[] cached(Key key, Supplier<byte[]> load) {
        Instant now = clock.instant();
        synchronized (entries) {
            Cached entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires())) {
                return entry.data().clone();
            }
        }
        byte[] data = load.get();
        if (data != null && data.length > 0) {
            synchronized (entries) {
                entries.put(key, new Cached(data.clone(), now.plus(timeToLive)));
            }
        }
        return data;
    }

    private record Key(String url, byte[] body) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && url.equals(key.url) && Arrays.equals(body, key.body);
        }

        @Override
        public int hashCode() {
            return url.hashCode() * 31 + Arrays.hashCode(body);
        }
    }

    private record Cached(byte[] data, Instant expires) {
    }
}
