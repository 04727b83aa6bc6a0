package org.samepath.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory backend with the part of a query planner that {@code mongo-java-server} leaves out. The stock backend
 * accepts {@code createIndex} for non-unique indexes but ignores them, and uses its unique {@code _id} index only for a
 * query that names {@code _id} and nothing else; every other query, conditional update and delete scans the whole
 * collection while holding the collection's lock. At the load driver's 25,000 people that made the stand-in, not the
 * services, the bottleneck of the local stack: the services' idempotent {@code replaceIfNewer} (an {@code _id} plus a
 * version), the email dispatcher's claim (by status), the inbox's stream poll (by time), the proposal lookups (by
 * proposal id) each scanned thousands of documents.
 *
 * <p>Here every key of every declared index is indexed for real (each on its own, a superset of what MongoDB can use
 * of a compound index), and a query is answered from the most selective of its indexable conditions, at its top
 * level, in a top-level {@code $and}, or in an {@code $or} whose every branch is indexable:
 *
 * <ul>
 *   <li>equality and {@code $in} on strings, booleans, object ids and dates, array elements included (multikey);
 *   <li>{@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} on dates;
 *   <li>{@code _id} equal to one value or {@code $in} a list, through the stock {@code _id} index.
 * </ul>
 *
 * The index yields candidates only: the stock matcher still checks the whole query on each of them, in natural order,
 * so answers are exactly the stock backend's ({@code IndexedMemoryBackendTests} compares the two on random data).
 * Anything else (numbers, whose Java types differ from BSON's equality, nulls and missing fields, regular expressions,
 * {@code $natural} order) falls back to the stock scan.
 */
final class IndexedMemoryBackend extends MemoryBackend {

    private static final String ID = "_id";

    private final Map<String, IndexedDatabase> databases = new ConcurrentHashMap<>();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        IndexedDatabase database = new IndexedDatabase(databaseName, getCursorRegistry());
        databases.put(databaseName, database);
        return database;
    }

    /** For tests: the collection as it is now, if it exists. */
    Optional<IndexedCollection> collection(String databaseName, String collectionName) {
        return Optional.ofNullable(databases.get(databaseName))
                .map(database -> database.collections.get(collectionName));
    }

    private static final class IndexedDatabase extends MemoryDatabase {

        private final CursorRegistry cursors;
        private final Map<String, IndexedCollection> collections = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> declaredFields = new ConcurrentHashMap<>();

        IndexedDatabase(String name, CursorRegistry cursors) {
            super(name, cursors);
            this.cursors = cursors;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            IndexedCollection collection = new IndexedCollection(this, collectionName, options, cursors);
            // The stock constructor opens its system collections before this class's fields are set.
            if (collections != null) {
                declaredFields.getOrDefault(collectionName, Set.of()).forEach(collection::index);
                collections.put(collectionName, collection);
            }
            return collection;
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // The stock index stays (listIndexes shows it); the collection keeps the real one beside it.
            Index<Integer> declared = super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            // Every key of a compound index gets its own: a superset of what MongoDB can use, and candidates are
            // only candidates, so it changes no answer (the second key is how the email claim finds its sort order).
            Set<String> fields = declaredFields.computeIfAbsent(collectionName, name -> ConcurrentHashMap.newKeySet());
            IndexedCollection collection = collections.get(collectionName);
            for (IndexKey key : keys) {
                fields.add(key.getKey());
                if (collection != null) {
                    collection.index(key.getKey());
                }
            }
            return declared;
        }
    }

    /** A collection that keeps its declared fields' values → positions, updated on every insert, update and delete. */
    static final class IndexedCollection extends MemoryCollection {

        private final Map<String, FieldIndex> indexes = new HashMap<>();
        private long answeredFromIndexes;

        IndexedCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        synchronized void index(String field) {
            // A numeric step ("proposals.0.id") is an array position in a query, which this index does not model.
            boolean positional = Arrays.stream(field.split("\\."))
                    .anyMatch(step -> step.chars().allMatch(Character::isDigit));
            if (!positional && !indexes.containsKey(field)) {
                FieldIndex index = new FieldIndex(field);
                streamAllDocumentsWithPosition()
                        .forEach(stored -> index.add(stored.getPosition(), stored.getDocument()));
                indexes.put(field, index);
            }
        }

        synchronized Set<String> indexedFields() {
            return Set.copyOf(indexes.keySet());
        }

        /** Queries (finds, and the finding part of updates and deletes) answered from candidates, not a scan. */
        synchronized long answeredFromIndexes() {
            return answeredFromIndexes;
        }

        @Override
        protected synchronized Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            indexes.values().forEach(index -> index.add(position, document));
            return position;
        }

        @Override
        protected synchronized void removeDocument(Integer position) {
            indexes.values().forEach(index -> index.remove(position));
            super.removeDocument(position);
        }

        @Override
        protected synchronized void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            indexes.values().forEach(index -> index.update(position, newDocument));
        }

        /**
         * The stock collection BSON-encodes every document it inserts or deletes, and both versions of every document
         * it updates, under the collection's lock, only to keep a running total that nothing but {@code collStats}
         * and {@code validate} report (the size limit is checked when a message is decoded, not here). Here the total
         * is worked out when one of those asks.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected synchronized int getDataSize() {
            ByteBuf buffer = Unpooled.buffer();
            try {
                long total = streamAllDocumentsWithPosition()
                        .mapToLong(stored -> {
                            buffer.clear();
                            BsonEncoder.encodeDocument(stored.getDocument(), buffer);
                            return buffer.writerIndex();
                        })
                        .sum();
                return (int) Math.min(Integer.MAX_VALUE, total);
            } finally {
                buffer.release();
            }
        }

        @Override
        protected synchronized QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
            boolean naturalOrder = orderBy != null && orderBy.containsKey("$natural");
            // An _id alone is the stock index's to answer (in its order).
            boolean idAlone = query.keySet().equals(Set.of(ID));
            Optional<Set<Integer>> candidates = naturalOrder || idAlone ? Optional.empty() : candidates(query);
            if (candidates.isEmpty()) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
            }
            answeredFromIndexes++;
            Collection<Integer> needed =
                    firstInOrder(candidates.get(), query, orderBy, skip, limit).orElse(candidates.get());
            List<Integer> inNaturalOrder = new ArrayList<>(needed);
            inNaturalOrder.sort(null);
            return matchDocuments(query, inNaturalOrder, orderBy, skip, limit, batchSize, projection);
        }

        /**
         * For a sorted query with a limit (the email claim: the earliest due one), the candidates that can be in the
         * answer, without matching and sorting all of them: those whose sort value is one date, in date order, until
         * {@code skip + limit} have matched (and any that tie with the last), plus every candidate whose sort value is
         * anything else (missing, several, another type), since those sort by rules only the stock sort knows. The
         * stock path then matches, sorts and limits these few exactly as it would have all.
         */
        private Optional<Collection<Integer>> firstInOrder(
                Set<Integer> candidates, Document query, Document orderBy, int skip, int limit) {
            if (limit <= 0 || orderBy == null || orderBy.size() != 1) {
                return Optional.empty();
            }
            String sortField = orderBy.keySet().iterator().next();
            FieldIndex sortIndex = indexes.get(sortField);
            if (sortIndex == null || !(orderBy.get(sortField) instanceof Number direction)) {
                return Optional.empty();
            }
            List<Integer> dated = new ArrayList<>();
            Set<Integer> needed = new HashSet<>();
            for (Integer position : candidates) {
                if (sortIndex.onlyDate(position) != null) {
                    dated.add(position);
                } else {
                    needed.add(position);
                }
            }
            Comparator<Integer> byDate = Comparator.comparing(sortIndex::onlyDate);
            dated.sort(direction.intValue() < 0 ? byDate.reversed() : byDate);
            int matched = 0;
            Instant lastTaken = null;
            for (Integer position : dated) {
                Instant date = sortIndex.onlyDate(position);
                if (matched >= skip + limit && !date.equals(lastTaken)) {
                    break;
                }
                if (documentMatchesQuery(getDocument(position), query)) {
                    needed.add(position);
                    matched++;
                    lastTaken = date;
                }
            }
            return Optional.of(needed);
        }

        /** The positions that can match {@code conditions} (all of which must hold): the fewest any index offers. */
        private Optional<Set<Integer>> candidates(Document conditions) {
            Set<Integer> fewest = null;
            for (Map.Entry<String, Object> condition : conditions.entrySet()) {
                for (Set<Integer> offered : candidatesOf(condition.getKey(), condition.getValue())) {
                    if (fewest == null || offered.size() < fewest.size()) {
                        fewest = offered;
                    }
                }
            }
            return Optional.ofNullable(fewest);
        }

        private List<Set<Integer>> candidatesOf(String key, Object condition) {
            List<Set<Integer>> offered = new ArrayList<>();
            if (key.equals("$and") && condition instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document conjunction) {
                        candidates(conjunction).ifPresent(offered::add);
                    }
                }
            } else if (key.equals("$or") && condition instanceof List<?> branches && !branches.isEmpty()) {
                Set<Integer> union = new HashSet<>();
                for (Object branch : branches) {
                    Optional<Set<Integer>> ofBranch =
                            branch instanceof Document conjunction ? candidates(conjunction) : Optional.empty();
                    if (ofBranch.isEmpty()) {
                        return List.of();
                    }
                    union.addAll(ofBranch.get());
                }
                offered.add(union);
            } else if (key.equals(ID)) {
                byId(condition).ifPresent(offered::add);
            } else if (indexes.containsKey(key)) {
                indexes.get(key).candidates(condition).ifPresent(offered::add);
            }
            return offered;
        }

        private Optional<Set<Integer>> byId(Object condition) {
            List<?> ids;
            if (FieldIndex.isPlain(condition)) {
                ids = List.of(condition);
            } else if (condition instanceof Document operators
                    && operators.size() == 1
                    && operators.get("$in") instanceof List<?> listed
                    && listed.stream().allMatch(FieldIndex::isPlain)) {
                ids = listed;
            } else {
                return Optional.empty();
            }
            if (ids.isEmpty()) {
                return Optional.of(Set.of()); // $in of nothing matches nothing
            }
            for (Index<Integer> index : getIndexes()) {
                if (index.canHandle(new Document(ID, ids.get(0)))) {
                    Set<Integer> positions = new HashSet<>();
                    for (Object id : ids) {
                        index.getPositions(new Document(ID, id)).forEach(positions::add);
                    }
                    return Optional.of(positions);
                }
            }
            return Optional.empty();
        }
    }

    /** One field's values → the positions holding them, with dates also in order for ranges. */
    static final class FieldIndex {

        private final String[] path;
        private final Map<Object, Set<Integer>> byValue = new HashMap<>();
        private final NavigableMap<Instant, Set<Integer>> byDate = new TreeMap<>();
        private final Map<Integer, Set<Object>> valuesAt = new HashMap<>();

        FieldIndex(String field) {
            this.path = field.split("\\.");
        }

        void add(Integer position, Document document) {
            add(position, valuesOf(document));
        }

        /** After an update: re-indexed only if the indexed values changed, as most updates leave them alone. */
        void update(Integer position, Document document) {
            Set<Object> values = valuesOf(document);
            if (values.equals(valuesAt.getOrDefault(position, Set.of()))) {
                return;
            }
            remove(position);
            add(position, values);
        }

        private Set<Object> valuesOf(Document document) {
            Set<Object> values = new HashSet<>();
            collect(document, 0, values);
            return values;
        }

        private void add(Integer position, Set<Object> values) {
            if (values.isEmpty()) {
                return;
            }
            valuesAt.put(position, values);
            for (Object value : values) {
                byValue.computeIfAbsent(value, v -> new HashSet<>()).add(position);
                if (value instanceof Instant date) {
                    byDate.computeIfAbsent(date, d -> new HashSet<>()).add(position);
                }
            }
        }

        /** The position's value if it is exactly one date, else null. */
        Instant onlyDate(Integer position) {
            Set<Object> values = valuesAt.get(position);
            return values != null && values.size() == 1 && values.iterator().next() instanceof Instant date
                    ? date
                    : null;
        }

        void remove(Integer position) {
            Set<Object> values = valuesAt.remove(position);
            if (values == null) {
                return;
            }
            for (Object value : values) {
                removeFrom(byValue, value, position);
                if (value instanceof Instant date) {
                    removeFrom(byDate, date, position);
                }
            }
        }

        private static <K> void removeFrom(Map<K, Set<Integer>> map, K key, Integer position) {
            Set<Integer> positions = map.get(key);
            if (positions != null && positions.remove(position) && positions.isEmpty()) {
                map.remove(key);
            }
        }

        /** The indexable values at the path, through arrays at any step (MongoDB's multikey semantics). */
        private void collect(Object node, int step, Set<Object> values) {
            if (node instanceof List<?> elements) {
                for (Object element : elements) {
                    collect(element, step, values);
                }
            } else if (step == path.length) {
                if (isPlain(node)) {
                    values.add(node);
                }
            } else if (node instanceof Document document) {
                collect(document.get(path[step]), step + 1, values);
            }
        }

        /** The positions that can satisfy one field condition, if this index can narrow it down at all. */
        Optional<Set<Integer>> candidates(Object condition) {
            if (isPlain(condition)) {
                return Optional.of(byValue.getOrDefault(condition, Set.of()));
            }
            if (!(condition instanceof Document operators) || operators.isEmpty()) {
                return Optional.empty();
            }
            Set<Integer> fewest = null;
            Instant lowest = null;
            boolean lowestIncluded = true;
            Instant highest = null;
            boolean highestIncluded = true;
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                Object operand = operator.getValue();
                switch (operator.getKey()) {
                    case "$eq" -> fewest =
                            fewer(fewest, isPlain(operand) ? byValue.getOrDefault(operand, Set.of()) : null);
                    case "$in" -> fewest = fewer(fewest, anyOf(operand));
                    case "$gt", "$gte" -> {
                        if (operand instanceof Instant date) {
                            lowest = date;
                            lowestIncluded = operator.getKey().equals("$gte");
                        }
                    }
                    case "$lt", "$lte" -> {
                        if (operand instanceof Instant date) {
                            highest = date;
                            highestIncluded = operator.getKey().equals("$lte");
                        }
                    }
                    default -> {
                        // Not narrowed by this index; the matcher checks it on the candidates.
                    }
                }
            }
            if (lowest != null || highest != null) {
                fewest = fewer(fewest, inRange(lowest, lowestIncluded, highest, highestIncluded));
            }
            return Optional.ofNullable(fewest);
        }

        private Set<Integer> anyOf(Object operand) {
            if (!(operand instanceof Collection<?> listed) || !listed.stream().allMatch(FieldIndex::isPlain)) {
                return null;
            }
            Set<Integer> union = new HashSet<>();
            for (Object value : listed) {
                union.addAll(byValue.getOrDefault(value, Set.of()));
            }
            return union;
        }

        private Set<Integer> inRange(Instant lowest, boolean lowestIncluded, Instant highest, boolean highestIncluded) {
            NavigableMap<Instant, Set<Integer>> range = byDate;
            if (lowest != null) {
                range = range.tailMap(lowest, lowestIncluded);
            }
            if (highest != null) {
                range = range.headMap(highest, highestIncluded);
            }
            Set<Integer> positions = new HashSet<>();
            range.values().forEach(positions::addAll);
            return positions;
        }

        private static Set<Integer> fewer(Set<Integer> current, Set<Integer> offered) {
            if (offered == null) {
                return current;
            }
            return current == null || offered.size() < current.size() ? offered : current;
        }

        /**
         * A value whose Java equality is BSON equality: strings, booleans, dates, object ids. Numbers are not (an int
         * and a long can be the same BSON number), nor nulls (they match missing fields), documents or patterns.
         */
        static boolean isPlain(Object value) {
            return value instanceof String
                    || value instanceof Boolean
                    || value instanceof Instant
                    || value instanceof ObjectId;
        }
    }
}
