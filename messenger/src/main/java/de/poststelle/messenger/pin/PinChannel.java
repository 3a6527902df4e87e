package de.poststelle.messenger.pin;

import de.poststelle.core.MailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends the PIN of a new mailbox the way {@code poststelle.messenger.pin.delivery} says: to the
 * sending clerk by return mail, by SMS to the mobile number the clerk put into the mail, or both.
 * Nothing is lost: when the SMS cannot go out (no or a bad number, the gateway fails), the clerk
 * gets the PIN by return mail with the reason. The SMS names the sender but never holds the link,
 * so one intercepted message is not enough to open the mailbox.
 */
public final class PinChannel {

    private static final Logger log = LoggerFactory.getLogger(PinChannel.class);

    /** A notice for the clerk, as {@code Notices.compose} takes it: its kind and the text arguments. */
    public record ClerkNotice(String kind, List<Object> arguments) {
    }

    private final PinProperties.Delivery delivery;
    private final Optional<SmsGateway> sms;
    private final MessageSource texts;

    public PinChannel(PinProperties.Delivery delivery, Optional<SmsGateway> sms, MessageSource texts) {
        this.delivery = delivery;
        this.sms = sms;
        this.texts = texts;
    }

    /**
     * Sends {@code pin} for {@code recipient}'s mailbox; returns the notice the clerk must get, if any.
     *
     * @param mobile the number the clerk wrote into the mail, as written
     */
    public Optional<ClerkNotice> send(String pin, String recipient, MailAddress clerk, String subject,
                                      Optional<String> mobile) {
        ClerkNotice byMail = new ClerkNotice("pin-for-sender", List.of(recipient, pin, subject));
        if (!delivery.bySms()) {
            return Optional.of(byMail);
        }
        try {
            MobileNumber number = MobileNumber.parse(mobile.orElseThrow(() -> new SmsNotSent("no-number")));
            sms.orElseThrow().send(number, text(clerk, pin));
            log.info("PIN for the Messenger mailbox of {} sent by SMS", recipient);
            return delivery == PinProperties.Delivery.SENDER_AND_SMS ? Optional.of(byMail) : Optional.empty();
        } catch (SmsNotSent e) {
            log.warn("PIN for the Messenger mailbox of {} not sent by SMS ({}), it goes to {} by mail",
                    recipient, e.getMessage(), clerk);
            return Optional.of(new ClerkNotice("pin-for-sender-sms-failed", List.of(recipient, pin, subject, e.reason())));
        }
    }

    private String text(MailAddress clerk, String pin) {
        Object[] arguments = {clerk.toString(), pin};
        return texts.getMessage("messenger.sms.pin", arguments, Locale.GERMAN) + " / "
                + texts.getMessage("messenger.sms.pin", arguments, Locale.ENGLISH);
    }
}
