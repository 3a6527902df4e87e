package de.poststelle.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpReplyTest {

    @Test
    void readsWhatItWrites() {
        SmtpReply reply = new SmtpReply(550, "5.1.1", "no such user here");
        assertThat(SmtpReply.parse(reply.toString())).isEqualTo(reply);
    }

    @Test
    void enhancedStatusIsOptional() {
        assertThat(SmtpReply.parse("451 try again later")).isEqualTo(new SmtpReply(451, "", "try again later"));
    }

    @Test
    void rejectsTextThatIsNoReply() {
        assertThatThrownBy(() -> SmtpReply.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
