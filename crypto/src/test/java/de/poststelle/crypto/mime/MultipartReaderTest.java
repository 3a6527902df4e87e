package de.poststelle.crypto.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    static List<String> parts(String body, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), boundary);
        List<String> parts = new ArrayList<>();
        for (InputStream part = reader.nextPart(); part != null; part = reader.nextPart()) {
            parts.add(new String(part.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    @Test
    void theLineEndBeforeADelimiterBelongsToTheDelimiter() throws IOException {
        String body = "preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n\r\n--b\r\nsecond\r\n--b--\r\nepilogue\r\n";
        assertThat(parts(body, "b")).containsExactly("Content-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n", "second");
    }

    @Test
    void aDelimiterMayOpenTheBodyAndCarryTrailingWhitespace() throws IOException {
        assertThat(parts("--b  \r\none\r\n--b--\t\r\n", "b")).containsExactly("one");
    }

    @Test
    void bareLineFeedsWork() throws IOException {
        assertThat(parts("--b\nx\ny\n--b\nz\n--b--\n", "b")).containsExactly("x\ny", "z");
    }

    @Test
    void aLongerBoundaryOnALineIsContent() throws IOException {
        assertThat(parts("--b\r\n--bx\r\n-- b\r\n--b--\r\n", "b")).containsExactly("--bx\r\n-- b");
    }

    @Test
    void aMissingCloseDelimiterEndsTheLastPartAtTheEnd() throws IOException {
        assertThat(parts("--b\r\nonly\r\n", "b")).containsExactly("only");
        assertThat(parts("no parts at all", "b")).isEmpty();
    }

    @Test
    void linesLongerThanTheReadSegmentStayWhole() throws IOException {
        String longLine = "x".repeat(20_000) + "--b";
        assertThat(parts("--b\r\n" + longLine + "\r\n--b--\r\n", "b")).containsExactly(longLine);
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(
                "--b\r\nfirst\r\n--b\r\nsecond\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII)), "b");
        reader.nextPart();
        assertThat(new String(reader.nextPart().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(reader.nextPart()).isNull();
    }
}
