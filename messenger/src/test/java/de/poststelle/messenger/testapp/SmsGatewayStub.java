package de.poststelle.messenger.testapp;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP SMS gateway on a free loopback port, as a provider would run it: takes the POSTed JSON,
 * keeps it, and answers with the status the test sets. It can also hold every answer back until
 * the test ends, which a caller with a timeout sees as a gateway that does not answer.
 */
public final class SmsGatewayStub implements AutoCloseable {

    /** One SMS as the gateway got it. */
    public record Sms(String method, String authorization, String contentType, String to, String text) {

        public String pin() {
            Matcher pin = Pattern.compile("PIN[^0-9]*([0-9]{8})").matcher(text);
            if (!pin.find()) {
                throw new AssertionError("no PIN in the SMS " + text);
            }
            return pin.group(1);
        }
    }

    private final HttpServer server;
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(0));

    public SmsGatewayStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode json = JsonMapper.shared().readTree(body);
                received.add(new Sms(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        json.path("to").asString(), json.path("text").asString()));
                held.get().await(5, TimeUnit.MINUTES);
                exchange.sendResponseHeaders(status.get(), -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    /** Points the Messenger's PIN delivery at this gateway, with the given bearer token. */
    public void configure(DynamicPropertyRegistry registry, String delivery, String token) {
        registry.add("poststelle.messenger.pin.delivery", () -> delivery);
        registry.add("poststelle.messenger.pin.sms.url", this::url);
        registry.add("poststelle.messenger.pin.sms.token", () -> token);
    }

    /** From now on every SMS is answered with this HTTP status. */
    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    /** From now on no SMS is answered until the gateway is closed. */
    public void holdAnswers() {
        held.set(new CountDownLatch(1));
    }

    public List<Sms> received() {
        return List.copyOf(received);
    }

    /** The SMS sent to this number, the newest last. */
    public List<Sms> to(String e164) {
        return received.stream().filter(sms -> sms.to().equals(e164)).toList();
    }

    @Override
    public void close() {
        held.get().countDown();
        server.stop(0);
    }
}
