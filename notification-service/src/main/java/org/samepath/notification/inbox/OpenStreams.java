package org.samepath.notification.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Who is connected to this instance: each person's open streams, and the coordinators' (who also get role-wide
 * alerts). Per stream it holds one small list entry, not a set per person: thousands are open at once.
 */
final class OpenStreams {

    /** Person id -> their open streams (usually one; an immutable list, replaced on change). */
    private final Map<String, List<StreamSubscriber>> byPerson = new ConcurrentHashMap<>();

    private final Set<StreamSubscriber> coordinators = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    void add(StreamSubscriber subscriber) {
        byPerson.compute(subscriber.personId(), (id, streams) -> with(streams, subscriber));
        if (subscriber.coordinator()) {
            coordinators.add(subscriber);
        }
        count.incrementAndGet();
    }

    /** Idempotent: a stream can be dropped here and then reported completed by Spring. */
    void remove(StreamSubscriber subscriber) {
        boolean[] removed = {false};
        byPerson.computeIfPresent(subscriber.personId(), (id, streams) -> {
            removed[0] = streams.contains(subscriber);
            return without(streams, subscriber);
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
        coordinators.remove(subscriber);
    }

    /** The streams a notification is for: its recipient's, or every coordinator's for a role-wide alert. */
    Collection<StreamSubscriber> of(String recipientId, boolean roleWide) {
        if (roleWide) {
            return coordinators;
        }
        return recipientId == null ? List.of() : byPerson.getOrDefault(recipientId, List.of());
    }

    void forEach(Consumer<StreamSubscriber> action) {
        byPerson.values().forEach(streams -> streams.forEach(action));
    }

    List<StreamSubscriber> all() {
        List<StreamSubscriber> all = new ArrayList<>(count.get());
        forEach(all::add);
        return all;
    }

    int size() {
        return count.get();
    }

    private static List<StreamSubscriber> with(List<StreamSubscriber> streams, StreamSubscriber added) {
        if (streams == null) {
            return List.of(added);
        }
        List<StreamSubscriber> more = new ArrayList<>(streams);
        more.add(added);
        return List.copyOf(more);
    }

    private static List<StreamSubscriber> without(List<StreamSubscriber> streams, StreamSubscriber removed) {
        List<StreamSubscriber> fewer = new ArrayList<>(streams);
        fewer.remove(removed);
        return fewer.isEmpty() ? null : List.copyOf(fewer);
    }
}
