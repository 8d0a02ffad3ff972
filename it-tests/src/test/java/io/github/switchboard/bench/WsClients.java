package io.github.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness's load client: many WebSocket client connections on one selector thread, written
 * for the benchmark only (RFC 6455 client side, no extensions, frames masked with a zero key,
 * messages expected unfragmented). One thread costs the machine less than the JDK's client per
 * connection, so the server, not the client, is what the runs measure.
 *
 * <p>Thread-safety: the harness calls the public methods from any thread; they hand work to the
 * loop thread, which alone touches the connections. The {@link Listener} runs on the loop thread.
 */
final class WsClients implements AutoCloseable {

    /** Receives each complete text or binary message; {@code payload} is valid during the call. */
    interface Listener {
        void message(int connection, ByteBuffer payload, long receivedNanos);
    }

    private static final byte[] READY = "ready".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final Listener listener;
    private final Selector selector;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Conn> conns = new ArrayList<>(); // loop thread only
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Throwable failure;

    WsClients(int port, Listener listener) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.listener = listener;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "bench-ws-clients");
        loop.setDaemon(true);
        loop.start();
    }

    /** Whether {@code payload} is the chat's {@code ready} message. */
    static boolean isReady(ByteBuffer payload) {
        return payload.remaining() == READY.length
                && payload.equals(ByteBuffer.wrap(READY));
    }

    /** Connections whose upgrade has completed and that are not closed. */
    int openCount() {
        return open.get();
    }

    /**
     * Opens {@code count} connections to {@code /?name=<prefix><i>} with at most
     * {@code inFlight} handshakes at a time; completes with the index of the first once all are
     * upgraded, exceptionally if one fails. {@code receiveBuffer} &gt; 0 sets SO_RCVBUF.
     */
    CompletableFuture<Integer> open(int count, String prefix, int inFlight, int receiveBuffer) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        submit(() -> {
            int first = conns.size();
            Opening o = new Opening(count, prefix, first, receiveBuffer, done);
            for (int i = 0; i < Math.min(inFlight, count); i++) {
                o.next();
            }
            if (count == 0) {
                done.complete(first);
            }
        });
        return done;
    }

    /** Sends {@code texts} on connection {@code c}, all in one write when the socket takes it. */
    void send(int c, List<String> texts) {
        ByteBuffer frames = frames(texts);
        submit(() -> conns.get(c).write(frames));
    }

    /** Sends one text on connection {@code c}. */
    void send(int c, String text) {
        send(c, List.of(text));
    }

    /** Stops reading connection {@code c} (a slow consumer that stopped). */
    void pause(int c) {
        submit(() -> {
            Conn x = conns.get(c);
            x.paused = true;
            x.key.interestOps(x.key.interestOps() & ~SelectionKey.OP_READ);
        });
    }

    /** Closes connection {@code c} (TCP close, no close handshake; unread data makes it a reset). */
    void close(int c) {
        submit(() -> conns.get(c).close());
    }

    /** Closes every connection (TCP close, no close handshake). */
    void closeAll() {
        submit(() -> {
            for (Conn c : conns) {
                c.close();
            }
            conns.clear();
        });
    }

    @Override
    public void close() {
        closeAll();
        stopped = true;
        selector.wakeup();
        try {
            loop.join(10_000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // Closing a selector that is done anyway.
        }
    }

    /** A failure seen by the loop thread outside an {@link #open} (null if none). */
    Throwable failure() {
        return failure;
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Masked (zero key) text frames for {@code texts}, back to back. */
    static ByteBuffer frames(List<String> texts) {
        List<byte[]> payloads = new ArrayList<>(texts.size());
        int size = 0;
        for (String t : texts) {
            byte[] p = t.getBytes(StandardCharsets.UTF_8);
            payloads.add(p);
            size += p.length + 14;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] p : payloads) {
            b.put((byte) 0x81);
            if (p.length < 126) {
                b.put((byte) (0x80 | p.length));
            } else if (p.length < 65536) {
                b.put((byte) (0x80 | 126)).putShort((short) p.length);
            } else {
                b.put((byte) (0x80 | 127)).putLong(p.length);
            }
            b.putInt(0); // masking key 0: the payload is sent as is
            b.put(p);
        }
        return b.flip();
    }

    private void run() {
        while (!stopped) {
            try {
                selector.select();
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    Conn c = (Conn) k.attachment();
                    try {
                        c.ready(k);
                    } catch (IOException | RuntimeException e) {
                        c.failed(e);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        for (SelectionKey k : selector.keys()) {
            ((Conn) k.attachment()).close();
        }
    }

    /** Connections still to open for one {@link #open} call. */
    private final class Opening {
        final int count;
        final String prefix;
        final int first;
        final int receiveBuffer;
        final CompletableFuture<Integer> done;
        int started;
        int upgraded;

        Opening(int count, String prefix, int first, int receiveBuffer,
                CompletableFuture<Integer> done) {
            this.count = count;
            this.prefix = prefix;
            this.first = first;
            this.receiveBuffer = receiveBuffer;
            this.done = done;
        }

        void next() {
            if (started == count || done.isDone()) {
                return;
            }
            int i = started++;
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (receiveBuffer > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
                }
                Conn c = new Conn(first + i, ch, this, prefix + i);
                conns.add(c);
                c.key = ch.register(selector, 0, c);
                if (ch.connect(server)) {
                    c.connected();
                } else {
                    c.key.interestOps(SelectionKey.OP_CONNECT);
                }
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }

        void upgraded() {
            if (++upgraded == count) {
                done.complete(first);
            } else {
                next();
            }
        }
    }

    /** One client connection; loop thread only. */
    private final class Conn {
        final int index;
        final SocketChannel ch;
        final String name;
        Opening opening;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024); // write mode between reads
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean upgraded;
        boolean paused;
        boolean closed;

        Conn(int index, SocketChannel ch, Opening opening, String name) {
            this.index = index;
            this.ch = ch;
            this.opening = opening;
            this.name = name;
        }

        void ready(SelectionKey k) throws IOException {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                ch.finishConnect();
                connected();
                return;
            }
            if (k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable() && !paused) {
                read();
            }
        }

        void connected() throws IOException {
            String request = "GET /?name=" + name + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            key.interestOps(SelectionKey.OP_READ);
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }

        void write(ByteBuffer b) {
            if (closed) {
                return;
            }
            out.add(b.duplicate());
            try {
                flush();
            } catch (IOException e) {
                failed(e);
            }
        }

        void flush() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                ch.write(head);
                if (head.hasRemaining()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            key.interestOps(paused ? 0 : SelectionKey.OP_READ);
        }

        void read() throws IOException {
            int n = ch.read(in);
            if (n < 0) {
                close();
                return;
            }
            long now = System.nanoTime();
            in.flip();
            if (!upgraded && !readResponse()) {
                in.compact();
                return;
            }
            frames(now);
            if (paused) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        }

        /** Consumes the upgrade response; false while it is incomplete. */
        private boolean readResponse() throws IOException {
            int end = -1;
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r'
                        && in.get(i + 3) == '\n') {
                    end = i + 4;
                    break;
                }
            }
            if (end < 0) {
                if (!in.hasRemaining() || in.limit() == in.capacity()) {
                    throw new IOException("upgrade response too long");
                }
                return false;
            }
            byte[] head = new byte[end - in.position()];
            in.get(head);
            String response = new String(head, StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException(name + ": upgrade refused: "
                        + response.lines().findFirst().orElse(""));
            }
            upgraded = true;
            open.incrementAndGet();
            Opening o = opening;
            opening = null;
            o.upgraded();
            return true;
        }

        /** Parses the complete frames in {@code in} (read mode), leaves it in write mode. */
        private void frames(long now) {
            while (in.remaining() >= 2) {
                int p = in.position();
                int b0 = in.get(p) & 0xff;
                int b1 = in.get(p + 1) & 0x7f;
                long len = b1;
                int header = 2;
                if (b1 == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    len = in.getShort(p + 2) & 0xffff;
                    header = 4;
                } else if (b1 == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    len = in.getLong(p + 2);
                    header = 10;
                }
                if (in.remaining() < header + len) {
                    if (header + len > in.capacity()) {
                        ByteBuffer bigger = ByteBuffer.allocate((int) (header + len) * 2);
                        bigger.put(in);
                        in = bigger;
                        return;
                    }
                    break;
                }
                int opcode = b0 & 0x0f;
                ByteBuffer payload = in.slice(p + header, (int) len);
                if (opcode == 9) {
                    pong(payload);
                } else if (opcode == 8) {
                    close();
                    return;
                } else if (opcode != 10 && (b0 & 0x80) != 0) {
                    listener.message(index, payload, now);
                }
                in.position(p + header + (int) len);
            }
            in.compact();
        }

        private void pong(ByteBuffer payload) {
            ByteBuffer b = ByteBuffer.allocate(6 + payload.remaining());
            b.put((byte) 0x8a).put((byte) (0x80 | payload.remaining())).putInt(0).put(payload);
            write(b.flip());
        }

        void failed(Exception e) {
            close();
            Opening o = opening;
            if (o != null) {
                o.done.completeExceptionally(e);
            } else if (!stopped) {
                failure = e;
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (upgraded) {
                open.decrementAndGet();
            }
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }
}
