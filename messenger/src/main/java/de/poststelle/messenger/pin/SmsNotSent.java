package de.poststelle.messenger.pin;

import org.springframework.context.support.DefaultMessageSourceResolvable;

import java.util.Arrays;

/**
 * Why a PIN could not go out by SMS. The reason is told to the clerk in German and English
 * (texts {@code messenger.pin.sms.<reason>}); the exception's message is for the log and never
 * holds the PIN or the recipient's number.
 */
public final class SmsNotSent extends Exception {

    private final transient DefaultMessageSourceResolvable reason;

    SmsNotSent(String reason, Object... arguments) {
        this(reason, arguments, true);
    }

    /** About the number the clerk wrote: the log gets the reason, not the number. */
    static SmsNotSent aboutNumber(String reason, String written) {
        return new SmsNotSent(reason, new Object[] {written}, false);
    }

    private SmsNotSent(String reason, Object[] arguments, boolean logArguments) {
        super(logArguments ? reason + " " + Arrays.toString(arguments) : reason);
        this.reason = new DefaultMessageSourceResolvable(new String[] {"messenger.pin.sms." + reason}, arguments);
    }

    /** The reason as a text argument that a {@link org.springframework.context.MessageSource} renders per language. */
    public DefaultMessageSourceResolvable reason() {
        return reason;
    }
}
