package org.samepath.notification.inbox;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Tomcat's per-connection socket buffers sized for thousands of open streams rather than for throughput: an open
 * stream keeps its connection's buffers for its whole life, 8 KiB each way by default (the read buffer also sizes the
 * request-line buffer). A stream reads nothing after its request and writes comments and small JSON; the inbox API's
 * requests are small too, and a larger response simply goes out in a few more writes. Tomcat's documentation
 * recommends exactly this "for an extreme amount of keep alive connections".
 */
final class LeanConnections implements TomcatConnectorCustomizer {

    static final int READ_BUFFER_BYTES = 1024;
    static final int WRITE_BUFFER_BYTES = 4096;

    @Override
    public void customize(Connector connector) {
        connector.setProperty("socket.appReadBufSize", String.valueOf(READ_BUFFER_BYTES));
        connector.setProperty("socket.appWriteBufSize", String.valueOf(WRITE_BUFFER_BYTES));
    }
}
