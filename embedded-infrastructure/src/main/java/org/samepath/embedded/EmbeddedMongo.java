package org.samepath.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import java.net.InetSocketAddress;

/**
 * {@code mongo-java-server}: a MongoDB wire-protocol server in Java, in memory. It has no transactions and never
 * expires TTL indexes (see DESIGN.md); Samepath's code stays within what it and real MongoDB both do. Its stock
 * backend also answers every query but a bare {@code _id} lookup by scanning the collection;
 * {@link IndexedMemoryBackend} gives it declared secondary indexes, so the local stack scales the way the services
 * would on MongoDB.
 *
 * <p>Commands run on a pool of worker threads, not on the network threads ({@link WorkerPoolMongoServer}), so a slow
 * query holds up its own connection only. The pool's size is {@code workerThreads}, else the system property
 * {@value #WORKER_THREADS_PROPERTY}, else the environment variable {@value #WORKER_THREADS_ENV}, else
 * {@value #DEFAULT_WORKER_THREADS}. The work is CPU-bound, so more threads than cores add no throughput; the threads are
 * there for isolation: a worker running a scan, or waiting for the lock of a collection another one scans, occupies
 * its thread, and the local stack's three services hold up to a hundred pooled connections each. With 64, a burst of
 * requests piling up behind one slow collection still leaves workers for everything else, and idle workers cost
 * nothing: they end after 30 idle seconds and come back under load.
 */
public final class EmbeddedMongo implements AutoCloseable {

    public static final String WORKER_THREADS_PROPERTY = "samepath.mongo.worker-threads";
    public static final String WORKER_THREADS_ENV = "SAMEPATH_MONGO_WORKER_THREADS";
    public static final int DEFAULT_WORKER_THREADS = 64;

    private final WorkerPoolMongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(WorkerPoolMongoServer server) {
        this.server = server;
        this.address = server.localAddress();
    }

    /** Starts the server on 127.0.0.1:{@code port}, or on a free port when {@code port} is 0. */
    public static EmbeddedMongo start(int port) {
        return start(port, configuredWorkerThreads());
    }

    /** As {@link #start(int)}, with commands on {@code workerThreads} threads. */
    public static EmbeddedMongo start(int port, int workerThreads) {
        return start(port, workerThreads, new IndexedMemoryBackend());
    }

    /** For tests: the server around any backend. */
    static EmbeddedMongo start(int port, int workerThreads, MongoBackend backend) {
        return new EmbeddedMongo(WorkerPoolMongoServer.bind(backend, "127.0.0.1", port, workerThreads));
    }

    /** The worker count the configuration asks for: the system property, else the environment, else the default. */
    static int configuredWorkerThreads() {
        String property = System.getProperty(WORKER_THREADS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return parseWorkerThreads(WORKER_THREADS_PROPERTY, property);
        }
        String env = System.getenv(WORKER_THREADS_ENV);
        if (env != null && !env.isBlank()) {
            return parseWorkerThreads(WORKER_THREADS_ENV, env);
        }
        return DEFAULT_WORKER_THREADS;
    }

    private static int parseWorkerThreads(String name, String value) {
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, was '" + value + "'");
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
        server.close();
    }
}
