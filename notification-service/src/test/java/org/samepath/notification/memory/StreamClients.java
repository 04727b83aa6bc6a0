package org.samepath.notification.memory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The client side of {@link StreamMemoryProbe}, run in a process of its own so that its objects stay out of the
 * service's heap: opens one server-sent-event stream per token on one selector thread (at most 100 opening at once),
 * reads and discards whatever arrives, prints {@code open <n>} once every stream got its {@code :connected} comment,
 * and holds them until its standard input closes.
 */
public final class StreamClients {

    private static final int OPENING_AT_ONCE = 100;

    private StreamClients() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        Thread watchStdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent to close our input
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        });
        watchStdin.setDaemon(true);
        watchStdin.start();

        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        int next = 0;
        int opening = 0;
        int open = 0;
        boolean reported = false;
        while (true) {
            while (next < tokens.size() && opening < OPENING_AT_ONCE) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                String request = "GET /api/v1/notifications/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + tokens.get(next) + "\r\n\r\n";
                channel.register(
                        selector, SelectionKey.OP_CONNECT, new Connection(request.getBytes(StandardCharsets.US_ASCII)));
                next++;
                opening++;
            }
            if (!reported && open == tokens.size()) {
                System.out.println("open " + open);
                System.out.flush();
                reported = true;
            }
            selector.select(1000);
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                SocketChannel channel = (SocketChannel) key.channel();
                Connection connection = (Connection) key.attachment();
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        channel.write(ByteBuffer.wrap(connection.request));
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        in.clear();
                        int read = channel.read(in);
                        if (read < 0) {
                            System.err.println("stream closed by the server");
                            key.cancel();
                            channel.close();
                            continue;
                        }
                        if (!connection.open
                                && new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII)
                                        .contains("connected")) {
                            connection.open = true;
                            opening--;
                            open++;
                        }
                    }
                } catch (IOException e) {
                    System.err.println("stream failed: " + e);
                    key.cancel();
                    channel.close();
                }
            }
        }
    }

    private static final class Connection {
        private final byte[] request;
        private boolean open;

        private Connection(byte[] request) {
            this.request = request;
        }
    }
}
