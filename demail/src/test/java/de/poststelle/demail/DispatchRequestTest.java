package de.poststelle.demail;

import de.poststelle.core.MessageSource;
import jakarta.mail.internet.InternetHeaders;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchRequestTest {

    private static DispatchRequest defaults() {
        Map<DispatchOption, String> tags = new EnumMap<>(DispatchOption.class);
        for (DispatchOption option : DispatchOption.values()) {
            tags.put(option, option.germanName());
        }
        return new DispatchRequest(tags, DispatchRequest.DEFAULT_REQUEST_HEADER);
    }

    private static String rewritten(String message) throws IOException {
        MessageSource original = MessageSource.ofBytes(message.getBytes(StandardCharsets.ISO_8859_1));
        MessageSource result = HeaderRewrite.of(original, headers -> defaults().takeFrom(headers));
        try (InputStream in = result.open()) {
            byte[] bytes = in.readAllBytes();
            assertThat(result.size()).as("size as streamed").isEqualTo(bytes.length);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void tagsInAnEncodedSubjectAndTheRequestHeaderChooseOptionsAndAreRemoved() throws Exception {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream((
                "Subject: =?UTF-8?Q?[PERS=C3=96NLICH]_Bescheid_[Abholbest=C3=A4tigung]?=\r\n"
                        + "X-Poststelle-De-Mail-Options: sender-authenticated, unbekannt\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(defaults().takeFrom(headers)).containsExactlyInAnyOrder(DispatchOption.PERSONAL,
                DispatchOption.COLLECTION_CONFIRMATION, DispatchOption.SENDER_AUTHENTICATED);
        assertThat(headers.getHeader("Subject", null)).isEqualTo("Bescheid");
        assertThat(headers.getHeader(DispatchRequest.DEFAULT_REQUEST_HEADER)).isNull();
    }

    @Test
    void theBodyPassesByteForByteAfterTheRewrittenHeader() throws Exception {
        String body = "Zeile 1\r\n\r\nZeile 3 mit \u00e4\r\n";
        String result = rewritten("Subject: [Eingangsbestätigung] Antrag\r\nFrom: a@b.example\r\n\r\n" + body);
        assertThat(result).endsWith("\r\n\r\n" + body).contains("From: a@b.example\r\n")
                .doesNotContain("Eingangsbest");
    }

    @Test
    void tagsInARawUtf8SubjectAreFoundAndTheRestStaysReadable() throws Exception {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(
                "Subject: Antrag für Bau [Eingangsbestätigung]\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(defaults().takeFrom(headers)).containsExactly(DispatchOption.RECEIPT_CONFIRMATION);
        assertThat(EncodedWords.decode(headers.getHeader("Subject", null))).isEqualTo("Antrag für Bau");
    }

    @Test
    void aRawUtf8SubjectWithoutTagsKeepsItsBytes() throws Exception {
        String message = "Subject: Grüße aus Dresden\r\n\r\nText\r\n";
        byte[] original = message.getBytes(StandardCharsets.UTF_8);
        String result = rewritten(new String(original, StandardCharsets.ISO_8859_1));
        assertThat(result.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(original);
    }

    @Test
    void aMessageWithoutBodyKeepsItsHeader() throws Exception {
        assertThat(rewritten("Subject: ohne Tags\r\n")).isEqualTo("Subject: ohne Tags\r\n\r\n");
    }
}
