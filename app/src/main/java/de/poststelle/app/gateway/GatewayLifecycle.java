package de.poststelle.app.gateway;

import de.poststelle.smtp.server.SmtpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Starts the queue workers before the SMTP server and stops them after it: on shutdown the server
 * first stops accepting and finishes its sessions, then the workers finish what they hold. Work
 * they cannot finish stays in the queue under a lease and is resumed at the next start.
 */
public final class GatewayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayLifecycle.class);

    private final SmtpServer smtpServer;
    private final QueueWorkers workers;
    private final Duration grace;
    private volatile boolean running;

    public GatewayLifecycle(SmtpServer smtpServer, QueueWorkers workers, Duration grace) {
        this.smtpServer = smtpServer;
        this.workers = workers;
        this.grace = grace;
    }

    @Override
    public void start() {
        workers.start();
        try {
            smtpServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SMTP server: " + e.getMessage(), e);
        }
        running = true;
        log.info("Poststelle ready: SMTP on port {}", smtpServer.port());
    }

    @Override
    public void stop() {
        log.info("Poststelle shutting down: no new SMTP sessions, finishing work in progress");
        try {
            smtpServer.stop(grace);
            workers.stop(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
