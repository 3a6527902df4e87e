package de.poststelle.demail;

import java.util.Locale;
import java.util.Optional;

/**
 * The dispatch options a clerk can choose for a De-Mail (TR 01201 "Versandoptionen"), each with
 * its German name, which is also the default subject tag, and the provider header that requests it.
 */
public enum DispatchOption {
    PERSONAL("persönlich", DemailHeaders.PERSONAL, Optional.empty()),
    SENDER_AUTHENTICATED("absenderbestätigt", DemailHeaders.SENDER_AUTHENTICATED, Optional.empty()),
    DISPATCH_CONFIRMATION("Versandbestätigung", DemailHeaders.DISPATCH_CONFIRMATION,
            Optional.of(DemailHeaders.NOTICE_DISPATCHED)),
    RECEIPT_CONFIRMATION("Eingangsbestätigung", DemailHeaders.RECEIPT_CONFIRMATION,
            Optional.of(DemailHeaders.NOTICE_RECEIVED)),
    COLLECTION_CONFIRMATION("Abholbestätigung", DemailHeaders.COLLECTION_CONFIRMATION,
            Optional.of(DemailHeaders.NOTICE_COLLECTED));

    private final String germanName;
    private final String header;
    private final Optional<String> confirmationNotice;

    DispatchOption(String germanName, String header, Optional<String> confirmationNotice) {
        this.germanName = germanName;
        this.header = header;
        this.confirmationNotice = confirmationNotice;
    }

    /** The plain ASCII name a sending application may use, e.g. {@code receipt-confirmation}. */
    public String asciiName() {
        return name().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    public String germanName() {
        return germanName;
    }

    /** The provider header field that requests this option, with value {@link DemailHeaders#YES}. */
    public String header() {
        return header;
    }

    /** For a confirmation: the {@link DemailHeaders#NOTICE} value of the confirmation the provider returns. */
    public Optional<String> confirmationNotice() {
        return confirmationNotice;
    }
}
