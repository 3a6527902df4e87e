package de.poststelle.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Command-line settings of the {@link LoadGenerator}. */
record LoadSettings(
        String scenario,
        String host,
        List<Integer> ports,
        int sessions,
        int messages,
        int size,
        String from,
        String to,
        int sinkPort,
        int warmup,
        String heapUrl,
        Duration timeout) {

    static final String USAGE = """
            usage: LoadGenerator [--scenario relay] [--host 127.0.0.1] [--port 2525[,2526...]] [--sessions 16]
                                 [--messages 2000] [--size 10240] [--from sender@behoerde.example]
                                 [--to rcpt@extern.example] [--sink-port 2526 | 0] [--warmup 200]
                                 [--heap-url URL] [--timeout 60]
              --port          several ports (gateway nodes): the sessions are spread over them in turn
              --sink-port 0   run without a sink: measure SMTP acceptance only
              --heap-url      the gateway's Prometheus endpoint, polled for its peak heap, e.g.
                              http://127.0.0.1:8080/actuator/prometheus
              --timeout       seconds for socket reads and for waiting on the sink after sending""";

    static LoadSettings parse(String[] args) {
        Options options = Options.parse(args, "scenario", "host", "port", "sessions", "messages", "size",
                "from", "to", "sink-port", "warmup", "heap-url", "timeout");
        LoadSettings settings = new LoadSettings(
                options.value("scenario", "relay"),
                options.value("host", "127.0.0.1"),
                ports(options.value("port", "2525")),
                options.intValue("sessions", 16),
                options.intValue("messages", 2000),
                options.intValue("size", 10240),
                options.value("from", "sender@behoerde.example"),
                options.value("to", "rcpt@extern.example"),
                options.intValue("sink-port", 2526),
                options.intValue("warmup", 200),
                options.value("heap-url", null),
                Duration.ofSeconds(options.intValue("timeout", 60)));
        if (settings.sessions < 1 || settings.messages < 1 || settings.size < 1 || settings.warmup < 0
                || settings.sinkPort < 0 || settings.timeout.isNegative() || settings.timeout.isZero()) {
            throw new IllegalArgumentException("sessions, messages, size and timeout must be positive; warmup and sink-port not negative");
        }
        if (settings.scenario.isBlank() || settings.scenario.contains(" ")) {
            throw new IllegalArgumentException("--scenario must be one word: it goes into the RESULT line");
        }
        return settings;
    }

    /** The port the session with this index connects to. */
    int port(int session) {
        return ports.get(session % ports.size());
    }

    private static List<Integer> ports(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs numbers separated by commas, got: " + text);
        }
    }

    boolean withSink() {
        return sinkPort > 0;
    }
}
