package de.poststelle.verify;

import eu.europa.esig.dss.model.DSSDocument;

import java.util.List;

/**
 * A document from the mail that carries (or may carry) signatures, with the documents a detached
 * signature signs.
 */
public record SignedDocument(String name, DSSDocument content, List<DSSDocument> detachedContents) {
}
