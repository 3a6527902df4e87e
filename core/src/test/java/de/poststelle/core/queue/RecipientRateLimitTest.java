package de.poststelle.core.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientRateLimitTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final InstantSource clock = now::get;
    private final RecipientRateLimit limit = new RecipientRateLimit(domain -> domain.endsWith("de-mail.test"), 10, clock);

    @Test
    void oneSecondsWorthGoesAtOnceAndTheRestIsSpacedAtTheRate() {
        DeliveryThrottle.Allowance first = limit.take("stadt.de-mail.test", 16);

        assertThat(first.now()).isEqualTo(10);
        assertThat(first.later()).containsExactly(START.plusMillis(100), START.plusMillis(200), START.plusMillis(300),
                START.plusMillis(400), START.plusMillis(500), START.plusMillis(600));
    }

    @Test
    void laterRecipientsQueueBehindThoseAlreadyPromised() {
        limit.take("stadt.de-mail.test", 12);

        assertThat(limit.take("stadt.de-mail.test", 2).later())
                .containsExactly(START.plusMillis(300), START.plusMillis(400));
    }

    @Test
    void permitsComeBackAtTheRateAndNeverPastOneSecondsWorth() {
        limit.take("stadt.de-mail.test", 10);
        now.set(START.plus(Duration.ofMillis(500)));
        assertThat(limit.take("stadt.de-mail.test", 10).now()).isEqualTo(5);

        now.set(START.plus(Duration.ofMinutes(5)));
        assertThat(limit.take("stadt.de-mail.test", 100).now()).isEqualTo(10);
    }

    @Test
    void otherDestinationsAreNotLimited() {
        limit.take("stadt.de-mail.test", 10);

        assertThat(limit.take("partner.example", 500).now()).isEqualTo(500);
    }
}
