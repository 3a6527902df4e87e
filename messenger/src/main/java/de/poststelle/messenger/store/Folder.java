package de.poststelle.messenger.store;

/** The folders of a mailbox; all of them count against the quota. */
public enum Folder { INBOX, SENT, TRASH }
