package org.samepath.embedded;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;

/**
 * {@code mongo-java-server}: a MongoDB wire-protocol server in Java, in memory. It has no transactions and never
 * expires TTL indexes (see DESIGN.md); Samepath's code stays within what it and real MongoDB both do. Its stock
 * backend also answers every query but a bare {@code _id} lookup by scanning the collection;
 * {@link IndexedMemoryBackend} gives it declared secondary indexes, so the local stack scales the way the services
 * would on MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts the server on 127.0.0.1:{@code port}, or on a free port when {@code port} is 0. */
    public static EmbeddedMongo start(int port) {
        MongoServer server = new MongoServer(new IndexedMemoryBackend());
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, server.getLocalAddress());
    }

    /** The connection string for one database on this server. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
