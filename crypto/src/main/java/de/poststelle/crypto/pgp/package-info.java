/**
 * OpenPGP for mail: PGP/MIME (RFC 3156) encryption, signing, decryption and verification, and
 * reading public keys for display and approval, on BouncyCastle bcpg. v4 keys (RFC 4880: RSA,
 * NIST P-256, Curve25519) and v6 keys (RFC 9580: Ed25519/X25519) work; gpg 2.2 (Debian 12) reads
 * only the v4 ones.
 *
 * <p>Keys come in as the key store hands them out: binary transferable public keys, and binary
 * transferable secret keys without passphrase. Which keys may be used (approved by an admin) is the
 * key store's decision, not this package's. Everything is streamed: a message is never held in
 * memory.
 */
package de.poststelle.crypto.pgp;
