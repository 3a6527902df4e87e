package de.poststelle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageFactoryTest {

    @Test
    void buildsMessagesOfTheRequestedSizeWithCrlfLinesAndNoLeadingDots() {
        for (int size : new int[] {1, 700, 1024, 1025, 1026, 10240}) {
            byte[] message = new MessageFactory("a@b.example", "c@d.example", size).build("run-m7", 1_700_000_000_000_000L);
            String text = new String(message, StandardCharsets.US_ASCII);

            if (size >= 1024) {
                assertThat(message).as("size %d", size).hasSize(size);
            }
            assertThat(text).contains("Message-ID: <run-m7@", "X-Bench-Id: run-m7\r\n",
                    "X-Bench-Sent: 1700000000000000\r\n", "\r\n\r\n").endsWith("\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
            assertThat(text.split("\r\n")).noneMatch(line -> line.startsWith("."));
        }
    }
}
