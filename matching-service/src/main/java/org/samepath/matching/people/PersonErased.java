package org.samepath.matching.people;

/** Published after profile-service's erasure tombstone for a person arrived; the read model entry is gone. */
public record PersonErased(String personId) {}
