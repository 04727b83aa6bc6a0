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

    /** How many documents the snapshot holds, a sanity check that a comparison compared something. */
    public static long size(Map<String, List<String>> snapshot) {
        return snapshot.values().stream().mapToLong(List::size).sum();
    }
}
