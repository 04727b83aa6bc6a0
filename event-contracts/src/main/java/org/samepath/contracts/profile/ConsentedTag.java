package org.samepath.contracts.profile;

/** A vocabulary value (e.g. {@code substance:alcohol}) with the consent its owner gave for it. */
public record ConsentedTag(String tag, Consent consent) {}
