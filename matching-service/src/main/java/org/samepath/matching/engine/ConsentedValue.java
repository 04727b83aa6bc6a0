package org.samepath.matching.engine;

import java.util.Objects;

/** A single-valued sensitive attribute (faith) with its owner's consent. */
public record ConsentedValue(String value, Consent consent) {

    public ConsentedValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(consent, "consent");
    }

    public boolean shareable() {
        return consent == Consent.MATCH_AND_SHARE;
    }
}
