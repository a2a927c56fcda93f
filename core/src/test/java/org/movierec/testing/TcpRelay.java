package org.movierec.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a port of 127.0.0.1 to a real server, which a test stops (the port then refuses connections, and
 * the connections open through it are cut) and starts again on the same port: the server "goes down" and "comes
 * back" for the client of the relay only, while the server itself, which other tests use, runs on.
 *
 * <p>Shared by the fault tests of serving and training through core's test jar (classifier {@code tests}).
 */
public final class TcpRelay implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private int port;

    /** A relay to the host and port of {@code url}, not started. */
    public TcpRelay(String url) {
        URI uri = URI.create(url);
        this.targetHost = uri.getHost();
        this.targetPort = uri.getPort();
    }

    /** Listens (on the port of the first start, or a free one), relaying each connection to the server. */
    public synchronized TcpRelay start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        port = socket.getLocalPort();
        server = socket;
        daemon("relay-accept", () -> accept(socket));
        return this;
    }

    /** Stops listening and cuts every connection made through the relay. */
    public synchronized void stop() {
        closeQuietly(server);
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                if (socket.isClosed()) {   // stopped while this connection was being set up: cut it too
                    closeQuietly(client);
                    closeQuietly(upstream);
                    break;
                }
                daemon("relay-up", () -> pipe(client, upstream));
                daemon("relay-down", () -> pipe(upstream, client));
            } catch (IOException e) {
                // stopped, or the server refused: the client sees its connection closed
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing what goes away anyway
        }
    }
}
