package de.poststelle.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A next hop whose answer to {@code RCPT TO} a test chooses from how often that recipient was
 * tried, e.g. "451 4.7.1 greylisted" the first time and "250 ok" after that; mails it accepts
 * are kept in {@link #received()}.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Function<Integer, String> rcptReplyByAttempt;
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> senders = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** An accepted mail and the name the delivering client gave in EHLO, in the order they arrived. */
    record Delivery(String clientName, String message) {
    }

    ScriptedSmtpServer(Function<Integer, String> rcptReplyByAttempt) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReplyByAttempt = rcptReplyByAttempt;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> received() {
        return received;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** Envelope senders seen in MAIL FROM, "" for the null sender. */
    List<String> senders() {
        return senders;
    }

    int rcptAttempts(String recipient) {
        return rcptAttempts.getOrDefault(recipient, new AtomicInteger()).get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            boolean anyRecipient = false;
            String clientName = "";
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> {
                        clientName = line.length() > 5 ? line.substring(5).strip() : "";
                        reply(out, "250 scripted");
                    }
                    case "MAIL" -> {
                        anyRecipient = false;
                        senders.add(line.replaceAll("(?i)^MAIL FROM:<([^>]*)>.*$", "$1"));
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        String recipient = line.replaceAll("(?i)^RCPT TO:<([^>]*)>.*$", "$1");
                        String answer = rcptReplyByAttempt.apply(
                                rcptAttempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet());
                        anyRecipient |= answer.startsWith("2");
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        if (!anyRecipient) {
                            reply(out, "554 5.5.1 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            message.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                        }
                        received.add(message.toString());
                        deliveries.add(new Delivery(clientName, message.toString()));
                        reply(out, "250 2.0.0 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the gateway closed the connection; nothing to do
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
