package de.poststelle.core.stages;

import de.poststelle.core.SmtpReply;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Stops mail that has passed through too many hops: a routing loop between us and a tenant's
 * server would otherwise circulate forever (RFC 5321 6.3). Reads only the header section.
 */
public final class HopLimitStage implements Stage {

    private final int maxReceivedHeaders;

    public HopLimitStage(int maxReceivedHeaders) {
        this.maxReceivedHeaders = maxReceivedHeaders;
    }

    @Override
    public StageResult process(MailContext mail) throws IOException {
        int hops = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(mail.body().open(), StandardCharsets.ISO_8859_1))) {
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                if (line.regionMatches(true, 0, "Received:", 0, 9)) {
                    hops++;
                }
            }
        }
        if (hops >= maxReceivedHeaders) {
            return new StageResult.Reject(new SmtpReply(554, "5.4.6",
                    "Routing loop detected: message passed " + hops + " hops"));
        }
        return StageResult.CONTINUE;
    }
}
