package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mail into the gateway by SMTP, and out of GreenMail (the external MX), for the end-to-end encryption tests. */
final class CryptoMail {

    private CryptoMail() {
    }

    /** Sends {@code message} (CRLF lines) and returns the queue id the gateway replied with. */
    static String send(int port, String from, List<String> to, String message) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            assertThat(client.send("MAIL FROM:<" + from + ">")).startsWith("250");
            for (String recipient : to) {
                assertThat(client.send("RCPT TO:<" + recipient + ">")).startsWith("250");
            }
            assertThat(client.send("DATA")).startsWith("354");
            client.write(message + "\r\n.\r\n");
            String reply = client.reply();
            assertThat(reply).startsWith("250");
            return reply.replaceAll(".*queued as (\\w+).*", "$1");
        }
    }

    static List<MimeMessage> inbox(GreenMailExtension server, String address) throws Exception {
        GreenMailUser user = server.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        return server.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .map(StoredMessage::getMimeMessage).toList();
    }

    /** The message as it arrived. */
    static byte[] raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
