package org.samepath.matching.request;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * How far each crash repair has checked, kept in the database so a restart (or another instance) carries on from there
 * instead of reading everything again: a repair reads what changed since its watermark, never a whole collection.
 */
class RepairWatermarks {

    static final String COLLECTION = "repair_watermarks";

    private final MongoCollection<Document> watermarks;

    RepairWatermarks(MongoDatabase database) {
        this.watermarks = database.getCollection(COLLECTION);
    }

    /** Where the named repair starts: everything changed at or after it is checked again. */
    Instant checkedUpTo(String repair) {
        Document mark = watermarks.find(eq("_id", repair)).first();
        return mark == null ? Instant.EPOCH : mark.getDate("upTo").toInstant();
    }

    /** Moves the watermark on (never back: a clock that stepped back must not skip a window twice as large). */
    void advance(String repair, Instant upTo) {
        watermarks.updateOne(eq("_id", repair), Updates.max("upTo", Date.from(upTo)), new UpdateOptions().upsert(true));
    }
}
