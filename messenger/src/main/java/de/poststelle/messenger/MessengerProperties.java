package de.poststelle.messenger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code poststelle.messenger.*}.
 *
 * @param storageKey          Base64 of the 32-byte AES key for stored mail; empty: a key file under the data directory
 * @param publicUrl           where citizens reach the gateway's web port; links in notices start with it
 * @param noticeSender        From address of the notices the Messenger sends
 * @param quota               per mailbox, over all folders
 * @param overQuota           what happens to a mail that would exceed the quota: kept pending in the queue, or bounced
 * @param replaceHold         whether mail that must be encrypted but cannot be goes to the Messenger instead of being held
 * @param internalNamespaces  domains that may not self-register, {@code *.sachsen.de} for the domain and all below it
 * @param showSenderSubject   whether the notice to the recipient repeats the subject the sender chose
 * @param inactivityPeriod    a mailbox without login for this long is deleted (after two warnings)
 * @param firstWarning        how long before the deletion the first warning goes out
 * @param secondWarning       how long before the deletion the second warning goes out
 * @param lifecycleInterval   how often warnings and deletions are checked; 0 turns the check off (tests)
 */
@ConfigurationProperties("poststelle.messenger")
public record MessengerProperties(
        String storageKey,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("messenger@poststelle.localhost") String noticeSender,
        @DefaultValue("30MB") DataSize quota,
        @DefaultValue("KEEP_PENDING") OverQuota overQuota,
        @DefaultValue("true") boolean replaceHold,
        @DefaultValue("*.sachsen.de") List<String> internalNamespaces,
        @DefaultValue("true") boolean showSenderSubject,
        @DefaultValue("14d") Duration activationValidity,
        @DefaultValue("5") int maxPinAttempts,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration loginLockout,
        @DefaultValue("5") int registrationsPerHour,
        @DefaultValue("180d") Duration inactivityPeriod,
        @DefaultValue("28d") Duration firstWarning,
        @DefaultValue("7d") Duration secondWarning,
        @DefaultValue("1h") Duration lifecycleInterval) {

    public enum OverQuota { KEEP_PENDING, BOUNCE }

    public String link(String path) {
        return publicUrl.toString().replaceAll("/+$", "") + path;
    }
}
