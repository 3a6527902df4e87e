package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** A fresh queue on the database a parameterized test asks for, with a fixed clock at {@link #T0}. */
abstract class QueueTestSupport {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    HikariDataSource dataSource;
    JdbcMailQueue queue;

    void open(TestDatabase database) throws Exception {
        dataSource = database.create();
        queue = new JdbcMailQueue(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void closeDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /** An envelope as received over TLS from 192.0.2.7; an empty sender is the null sender. */
    static Envelope envelope(String sender, String... recipients) throws Exception {
        ClientInfo client = new ClientInfo(InetAddress.getByName("192.0.2.7"), "mx.example", true, "TLSv1.3", T0);
        return new Envelope(sender.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(sender)),
                List.of(recipients).stream().map(MailAddress::parse).toList(), client);
    }

    static byte[] read(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        }
    }

    static String readText(MessageSource source) throws IOException {
        return new String(read(source), StandardCharsets.UTF_8);
    }
}
