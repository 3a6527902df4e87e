package de.poststelle.crypto.pgp;

import static de.poststelle.crypto.TestMessages.src;

import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.MultipartReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers to make, take apart and check PGP/MIME messages, and to build PGP/MIME around gpg's output. */
public final class PgpMessages {

    private PgpMessages() {
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] encrypt(String message, TestKeys... to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PgpMimeEncryptor().encrypt(src(message), publicKeys(to), out);
        return out.toByteArray();
    }

    static byte[] sign(String message, TestKeys as) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PgpMimeSigner(as.secret()).sign(src(message), out);
        return out.toByteArray();
    }

    static byte[] signAndEncrypt(String message, TestKeys as, TestKeys... to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PgpMimeEncryptor().signAndEncrypt(src(message), publicKeys(to), new PgpMimeSigner(as.secret()), out);
        return out.toByteArray();
    }

    static String decrypt(byte[] message, byte[]... secretKeys) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PgpMimeDecryptor(List.of(secretKeys)).decrypt(src(message), out);
        return text(out.toByteArray());
    }

    static PgpVerification verify(byte[] message, byte[]... publicKeys) throws Exception {
        return new PgpMimeVerifier(Clock.systemUTC()).verify(src(message), List.of(publicKeys));
    }

    private static List<byte[]> publicKeys(TestKeys... keys) {
        return Arrays.stream(keys).map(TestKeys::publicKey).toList();
    }

    /** The raw parts (header and body) of a multipart message. */
    public static List<byte[]> parts(byte[] message) throws IOException {
        InputStream in = new ByteArrayInputStream(message);
        String contentType = MimeHeader.read(in).get("Content-Type");
        MultipartReader reader = new MultipartReader(in, MimeHeader.parameter(contentType, "boundary"));
        List<byte[]> parts = new ArrayList<>();
        for (InputStream part = reader.nextPart(); part != null; part = reader.nextPart()) {
            parts.add(part.readAllBytes());
        }
        return parts;
    }

    /** A part without its header. */
    public static byte[] body(byte[] part) throws IOException {
        InputStream in = new ByteArrayInputStream(part);
        MimeHeader.read(in);
        return in.readAllBytes();
    }

    public static byte[] encryptedAround(String outer, byte[] armored) {
        return (outer + "Content-Type: multipart/encrypted; boundary=\"enc\"; protocol=\"application/pgp-encrypted\"\r\n"
                + "\r\n--enc\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
                + "\r\n--enc\r\nContent-Type: application/octet-stream\r\n\r\n" + text(armored)
                + "\r\n--enc--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] signedAround(String outer, String signedPart, byte[] armoredSignature) {
        return (outer + "Content-Type: multipart/signed; boundary=\"sig\"; micalg=pgp-sha256;\r\n"
                + " protocol=\"application/pgp-signature\"\r\n"
                + "\r\n--sig\r\n" + signedPart
                + "\r\n--sig\r\nContent-Type: application/pgp-signature\r\n\r\n" + text(armoredSignature)
                + "\r\n--sig--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
