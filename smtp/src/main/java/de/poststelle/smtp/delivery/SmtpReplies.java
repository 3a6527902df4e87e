package de.poststelle.smtp.delivery;

import de.poststelle.core.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the raw reply text Angus Mail keeps ({@code "550-5.1.1 line\n550 5.1.1 line"}) into an {@link SmtpReply}. */
final class SmtpReplies {

    private static final Pattern LINE = Pattern.compile("^(\\d{3})[ -]?(.*)$");
    private static final Pattern ENHANCED_STATUS = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s+|$)(.*)$");

    private SmtpReplies() {
    }

    /**
     * @param code     the reply code, which Angus parsed already
     * @param response the reply as received, possibly several lines; may be null after I/O errors
     * @return the reply; the enhanced status is empty if the server sent none
     */
    static SmtpReply parse(int code, String response) {
        String enhancedStatus = "";
        List<String> texts = new ArrayList<>();
        for (String line : response == null ? new String[0] : response.split("\r?\n")) {
            Matcher reply = LINE.matcher(line.strip());
            String text = reply.matches() ? reply.group(2) : line.strip();
            Matcher status = ENHANCED_STATUS.matcher(text);
            if (status.matches()) {
                enhancedStatus = status.group(1);
                text = status.group(2);
            }
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return new SmtpReply(code, enhancedStatus, String.join(" ", texts));
    }
}
