package de.poststelle.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureGenerator;

/**
 * BouncyCastle's detached signature generator fed through an {@link OutputStream} instead of
 * pulling an {@link java.io.InputStream}, so that the signed content can be written to the
 * message at the same time it is hashed: one pass, nothing buffered.
 */
final class StreamingSignatureGenerator extends OpenPGPDetachedSignatureGenerator {

    StreamingSignatureGenerator() {
        super(PgpKeys.IMPLEMENTATION);
    }

    /** Everything written is signed; closing does nothing. */
    OutputStream open() throws PGPException {
        addSignToGenerator();
        return new OutputStream() {
            @Override
            public void write(int b) {
                signatureGenerators.forEach(g -> g.update((byte) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                signatureGenerators.forEach(g -> g.update(b, off, len));
            }
        };
    }

    /** The armored signatures over what was written to {@link #open()}'s stream. */
    void writeArmored(OutputStream out) throws PGPException, IOException {
        List<PGPSignature> signatures = new ArrayList<>();
        for (PGPSignatureGenerator g : signatureGenerators) {
            signatures.add(g.generate());
        }
        try (ArmoredOutputStream armor = PgpKeys.armor(out);
                BCPGOutputStream packets = new BCPGOutputStream(armor, PacketFormat.CURRENT)) {
            for (PGPSignature signature : signatures) {
                signature.encode(packets);
            }
        }
    }
}
