package org.samepath.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mongo-java-server}'s wire protocol, with the commands off the network threads. Its own {@code MongoServer}
 * runs every command on the Netty event loop that read it (two per core), so one scan stalls every connection that
 * shares that loop, and a few scans stall them all. Here the event loops only read, decode, encode and write; each
 * decoded request runs on a worker pool through its connection's own queue: one request at a time per connection, in
 * the order it arrived, so replies leave in request order (a pipelining client included) and the backend still sees
 * each connection's requests one after another, as before. Different connections run side by side on different
 * workers; the backend's per-collection locks stay what keeps them consistent.
 *
 * <p>The pipeline is the stock one ({@code MongoWireProtocolHandler}, the two encoders, the stock
 * {@code MongoDatabaseHandler} doing the work, the stock exception handler); only where the database handler runs
 * differs. A connection that queues more than {@value #MAX_QUEUED_PER_CONNECTION} requests stops being read until its
 * queue drains, so a flooding client cannot fill the heap.
 */
final class WorkerPoolMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPoolMongoServer.class);

    static final int MAX_QUEUED_PER_CONNECTION = 8;

    private final MongoBackend backend;
    private final ThreadPoolExecutor workers;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup network;
    private final ChannelGroup connections;
    private final Channel listener;

    private WorkerPoolMongoServer(
            MongoBackend backend,
            ThreadPoolExecutor workers,
            EventLoopGroup acceptor,
            EventLoopGroup network,
            ChannelGroup connections,
            Channel listener) {
        this.backend = backend;
        this.workers = workers;
        this.acceptor = acceptor;
        this.network = network;
        this.connections = connections;
        this.listener = listener;
    }

    /** Listens on {@code host:port} (0: a free port), running commands on up to {@code workerThreads} threads. */
    static WorkerPoolMongoServer bind(MongoBackend backend, String host, int port, int workerThreads) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, was " + workerThreads);
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                workerThreads,
                workerThreads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("samepath-mongo-worker", true));
        workers.allowCoreThreadTimeOut(true); // idle workers go; the pool grows back under load
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("samepath-mongo-accept", true), NioIoHandler.newFactory());
        // Decoding and encoding only: one loop per core is plenty.
        EventLoopGroup network = new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("samepath-mongo-io", true),
                NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("samepath-mongo-connections", GlobalEventExecutor.INSTANCE);
        try {
            Channel listener = new ServerBootstrap()
                    .group(acceptor, network)
                    .channel(NioServerSocketChannel.class)
                    // A deeper accept queue than the stock 100: the local stack's services open their pools at once.
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new MongoWireReplyEncoder())
                                    .addLast(new MongoWireMessageEncoder())
                                    .addLast(new MongoWireProtocolHandler())
                                    .addLast(new OffloadingDatabaseHandler(backend, connections, workers))
                                    .addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind(new InetSocketAddress(host, port))
                    .syncUninterruptibly()
                    .channel();
            log.info("MongoDB stand-in listening on {} with {} worker threads", listener.localAddress(), workerThreads);
            return new WorkerPoolMongoServer(backend, workers, acceptor, network, connections, listener);
        } catch (RuntimeException failed) {
            connections.close().awaitUninterruptibly();
            workers.shutdownNow();
            acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            network.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            backend.close();
            throw failed;
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops listening, closes every connection, lets running commands finish (a few seconds at most), stops. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        network.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        backend.close();
    }

    /**
     * The stock database handler, called from a worker instead of the event loop. One instance per connection (the
     * stock handler is not shareable), so its queue is the connection's queue. Replies are written with
     * {@code writeAndFlush} from the worker, which Netty hands to the connection's event loop in call order.
     */
    static final class OffloadingDatabaseHandler extends MongoDatabaseHandler {

        private final MongoBackend backend;
        private final ChannelGroup connections;
        private final ExecutorService workers;
        private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicInteger requests = new AtomicInteger(); // queued or running

        OffloadingDatabaseHandler(MongoBackend backend, ChannelGroup connections, ExecutorService workers) {
            super(backend, connections);
            this.backend = backend;
            this.connections = connections;
            this.workers = workers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
            if (requests.incrementAndGet() >= MAX_QUEUED_PER_CONNECTION) {
                ctx.channel().config().setAutoRead(false);
            }
            submit(() -> {
                try {
                    super.channelRead0(ctx, request);
                } catch (Throwable failed) {
                    // What the event loop would have done with it: the stock exception handler logs and closes.
                    ctx.fireExceptionCaught(failed);
                } finally {
                    if (requests.decrementAndGet() == MAX_QUEUED_PER_CONNECTION - 1) {
                        // Decided on the event loop, where requests are counted in, so no resume is lost.
                        ctx.channel().eventLoop().execute(() -> {
                            if (requests.get() < MAX_QUEUED_PER_CONNECTION) {
                                ctx.channel().config().setAutoRead(true);
                            }
                        });
                    }
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.remove(ctx.channel());
            // After the connection's last request has run, so nothing puts back what the backend forgets here.
            submit(() -> backend.handleClose(ctx.channel()));
            ctx.fireChannelInactive();
        }

        private void submit(Runnable task) {
            queue.add(task);
            schedule();
        }

        private void schedule() {
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                try {
                    workers.execute(this::runNext);
                } catch (RejectedExecutionException closing) {
                    // The server is closing; its connections are closed, so nothing waits for an answer.
                    queue.clear();
                }
            }
        }

        /** One task, then back to the pool's queue, so a connection with many requests does not keep a worker. */
        private void runNext() {
            try {
                Runnable task = queue.poll();
                if (task != null) {
                    task.run();
                }
            } catch (RuntimeException failed) {
                log.error("MongoDB stand-in: a connection's task failed", failed);
            } finally {
                scheduled.set(false);
                schedule();
            }
        }
    }
}
