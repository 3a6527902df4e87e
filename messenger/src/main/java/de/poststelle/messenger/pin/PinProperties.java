package de.poststelle.messenger.pin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * {@code poststelle.messenger.pin.*}: where the PIN for a new Messenger mailbox goes.
 *
 * @param delivery to the sending clerk by return mail, by SMS to the number the clerk gave, or both
 * @param sms      the HTTP SMS gateway, needed unless {@code delivery} is {@code SENDER}
 */
@ConfigurationProperties("poststelle.messenger.pin")
public record PinProperties(@DefaultValue("SENDER") Delivery delivery, @DefaultValue Sms sms) {

    public enum Delivery {
        SENDER, SMS, SENDER_AND_SMS;

        boolean bySms() {
            return this != SENDER;
        }
    }

    /**
     * @param url     HTTP(S) endpoint that takes {@code POST {"to": "+49…", "text": "…"}}
     * @param token   sent as {@code Authorization: Bearer <token>} when set
     * @param timeout for connecting and for the answer; a late answer counts as failed
     */
    public record Sms(URI url, String token, @DefaultValue("10s") Duration timeout) {
    }

    public PinProperties {
        // a PIN channel that cannot work must stop the start, not fall back silently for every mail
        if (delivery.bySms() && sms.url() == null) {
            throw new IllegalArgumentException("poststelle.messenger.pin.sms.url is required when "
                    + "poststelle.messenger.pin.delivery is " + delivery);
        }
    }
}
