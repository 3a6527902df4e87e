package de.poststelle.messenger.pin;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP SMS gateway: {@code POST <url>} with {@code {"to": "+49…", "text": "…"}} as JSON and,
 * if a token is set, {@code Authorization: Bearer <token>}. Any 2xx answer means sent. Neither the
 * request nor the gateway's answer is logged: the text holds a PIN, and gateways often echo it.
 */
public final class SmsGateway {

    private final HttpClient http;
    private final URI url;
    private final Optional<String> token;
    private final Duration timeout;

    public SmsGateway(PinProperties.Sms settings) {
        this.url = settings.url();
        this.token = Optional.ofNullable(settings.token()).filter(t -> !t.isBlank());
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public void send(MobileNumber to, String text) throws SmsNotSent {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JsonMapper.shared().writeValueAsString(Map.of("to", to.e164(), "text", text))));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new SmsNotSent("timeout", timeout.toSeconds());
        } catch (IOException e) {
            throw new SmsNotSent("unreachable", url.getHost(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsNotSent("unreachable", url.getHost(), "interrupted");
        }
        if (status / 100 != 2) {
            throw new SmsNotSent("refused", status);
        }
    }
}
