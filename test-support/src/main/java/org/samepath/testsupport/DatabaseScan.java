package org.samepath.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Looks through whole databases for traces of a person: every document of every collection (listed at the time of
 * the scan, so collections a test does not know about are included) is rendered as JSON and searched for each needle.
 * For erasure tests: "nothing anywhere still mentions this id, name or email".
 */
public final class DatabaseScan {

    private DatabaseScan() {}

    /**
     * Every document in the given databases whose JSON contains any of {@code needles}, each as
     * {@code database.collection: json}; empty when there is no trace.
     */
    public static List<String> documentsMentioning(MongoClient client, List<String> databases, String... needles) {
        List<String> found = new ArrayList<>();
        for (String databaseName : databases) {
            MongoDatabase database = client.getDatabase(databaseName);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    String json = document.toJson();
                    for (String needle : needles) {
                        if (json.contains(needle)) {
                            found.add(databaseName + "." + collection + ": " + json);
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }

    /** How many documents the given databases hold in all, a sanity check that a scan looked at something. */
    public static long countDocuments(MongoClient client, List<String> databases) {
        long count = 0;
        for (String databaseName : databases) {
            MongoDatabase database = client.getDatabase(databaseName);
            for (String collection : database.listCollectionNames()) {
                count += database.getCollection(collection).countDocuments();
            }
        }
        return count;
    }
}
