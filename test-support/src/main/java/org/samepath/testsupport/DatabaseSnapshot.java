package org.samepath.testsupport;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Everything a service's database holds, in a form two snapshots can be compared in: every collection (listed at
 * the time, so collections a test does not know about are included) mapped to its documents as extended JSON, in
 * {@code _id} order. An assertion that two snapshots are equal prints the documents that differ.
 */
public final class DatabaseSnapshot {

    private DatabaseSnapshot() {}

    public static Map<String, List<String>> of(MongoDatabase database) {
        Map<String, List<String>> collections = new TreeMap<>();
        for (String collection : database.listCollectionNames()) {
            List<Document> documents = database.getCollection(collection).find().into(new ArrayList<>());
            documents.sort(Comparator.comparing(document -> String.valueOf(document.get("_id"))));
            collections.put(collection, documents.stream().map(Document::toJson).toList());
        }
        return collections;
    }

    /**
     * What changed from {@code before} to {@code after}, one line per document: {@code - collection: json} for one
     * that went or changed from, {@code + collection: json} for one that came or changed to; empty when identical.
     */
    public static List<String> differences(Map<String, List<String>> before, Map<String, List<String>> after) {
        List<String> differences = new ArrayList<>();
        java.util.Set<String> collections = new java.util.TreeSet<>(before.keySet());
        collections.addAll(after.keySet());
        for (String collection : collections) {
            List<String> was = before.getOrDefault(collection, List.of());
            List<String> is = after.getOrDefault(collection, List.of());
            was.stream()
                    .filter(document -> !is.contains(document))
                    .forEach(document -> differences.add("- " + collection + ": " + document));
            is.stream()
                    .filter(document -> !was.contains(document))
                    .forEach(document -> differences.add("+ " + collection + ": " + document));
        }
        return differences;
    }

    /** How many documents the snapshot holds, a sanity check that a comparison compared something. */
    public static long size(Map<String, List<String>> snapshot) {
        return snapshot.values().stream().mapToLong(List::size).sum();
    }
}
