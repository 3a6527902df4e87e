/**
 * Key discovery: S/MIME certificates from LDAP directories and OpenPGP keys from Web Key
 * Directories, with results cached. Discovery only finds candidates and never trusts them: the key
 * store accepts a certificate only if it chains to a trusted CA and is not revoked, and keeps an
 * OpenPGP key as pending until an admin approves its fingerprint. Lookups never throw: a directory
 * that fails is logged and gives nothing.
 */
package de.poststelle.crypto.discovery;
