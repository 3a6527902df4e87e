package de.poststelle.crypto.keys;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.bcpg.ArmoredOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an OpenPGP public key for the key store: fingerprint, user ids, e-mail addresses,
 * creation and expiry, and the key in binary form. Kept in this one class so a fuller OpenPGP
 * library can take its place.
 */
public record PgpPublicKeyInfo(String fingerprint, List<String> userIds, Set<String> emails, Instant created,
                               Optional<Instant> expires, byte[] binary) {

    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>@\\s]+@[^<>@\\s]+)>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("^\\s*([^<>@\\s]+@[^<>@\\s]+)\\s*$");

    /** One transferable public key, armored or binary. */
    public static PgpPublicKeyInfo parse(byte[] data) {
        PGPPublicKeyRing ring;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            Iterator<PGPPublicKeyRing> all = rings.getKeyRings();
            if (!all.hasNext()) {
                throw notAKey(null);
            }
            ring = all.next();
            if (all.hasNext()) {
                throw new KeyMaterialException("pgp-several", "the file holds more than one OpenPGP key; import them one by one");
            }
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof KeyMaterialException known) {
                throw known;
            }
            throw notAKey(e);
        }
        PGPPublicKey primary = ring.getPublicKey();
        List<String> userIds = new ArrayList<>();
        primary.getUserIDs().forEachRemaining(userIds::add);
        Set<String> emails = new LinkedHashSet<>();
        userIds.forEach(userId -> email(userId).ifPresent(emails::add));
        long validSeconds = primary.getValidSeconds();
        Instant created = primary.getCreationTime().toInstant();
        try {
            return new PgpPublicKeyInfo(HexFormat.of().withUpperCase().formatHex(primary.getFingerprint()),
                    List.copyOf(userIds), emails, created,
                    validSeconds > 0 ? Optional.of(created.plusSeconds(validSeconds)) : Optional.empty(),
                    ring.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyMaterialException notAKey(Throwable cause) {
        return new KeyMaterialException("not-pgp", "the file holds no OpenPGP public key (armored or binary)", cause);
    }

    private static Optional<String> email(String userId) {
        Matcher angle = ANGLE_ADDRESS.matcher(userId);
        if (angle.find()) {
            return Optional.of(angle.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher bare = BARE_ADDRESS.matcher(userId);
        return bare.find() ? Optional.of(bare.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The binary key as ASCII armor, for export. */
    public static String armor(byte[] binary) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(text)) {
            armored.write(binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
