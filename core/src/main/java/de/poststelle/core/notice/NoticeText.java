package de.poststelle.core.notice;

/** A notice ready to send: one subject line and a plain text body. */
public record NoticeText(String subject, String body) {

    /** German first, then English, in one mail: the gateway does not know the recipient's language. */
    public static NoticeText bilingual(NoticeText german, NoticeText english) {
        return new NoticeText(german.subject() + " / " + english.subject(),
                german.body() + "\n\n-- English --\n\n" + english.body() + "\n");
    }
}
