/** Streaming MIME helpers shared by S/MIME and PGP/MIME: header blocks, multipart parts, line ends. */
package de.poststelle.crypto.mime;
