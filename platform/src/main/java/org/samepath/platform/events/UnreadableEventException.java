package org.samepath.platform.events;

/** A record that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
