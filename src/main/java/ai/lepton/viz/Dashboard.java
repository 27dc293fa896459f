package ai.lepton.viz;

import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live view of training in the browser: a callback that serves one page on localhost showing
 * the loss and metric curves per epoch, the running loss over the current epoch's batches, the
 * current epoch and batch, and the learning rate, refreshed twice a second while {@code fit} runs.
 *
 * <p>It uses the JDK's own HTTP server, binds to 127.0.0.1 unless told otherwise, and serves only
 * its page ({@code /}) and the page's data ({@code /data}); any other path is a 404, and while it
 * listens on loopback it answers only requests addressed to a loopback name (so a web page cannot
 * reach it through DNS rebinding). When training ends the page shows the final state, and the
 * server keeps serving it until {@link #close()} (try-with-resources closes it).
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start(8080)) {     // 0 picks a free port
 *     System.out.println("Watch at " + dashboard.url());
 *     model.fit(x, y, FitOptions.create().epochs(20).callbacks(dashboard));
 * }
 * }</pre>
 */
public final class Dashboard implements Callback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final String PAGE_RESOURCE = "dashboard.html";
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final HttpServer server;
    private final DashboardState state = new DashboardState();
    private final byte[] page;
    private final boolean loopbackOnly;
    private Model model;
    private boolean closed;

    private Dashboard(InetSocketAddress address) throws IOException {
        this.page = readPage();
        this.loopbackOnly = address.getAddress().isLoopbackAddress();
        this.server = HttpServer.create(address, 0);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Training dashboard at {}", url());
    }

    /**
     * Starts a dashboard on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one (read it back with {@link #port()})
     * @return the running dashboard
     * @throws UncheckedIOException if the port cannot be bound (e.g. it is in use)
     */
    public static Dashboard start(int port) {
        return start(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Starts a dashboard on the given address, e.g. {@code 0.0.0.0} to let other machines watch.
     *
     * @param address the interface to listen on
     * @param port the port, or 0 for any free one
     * @return the running dashboard
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalArgumentException if the port is outside {@code [0, 65535]}
     */
    public static Dashboard start(InetAddress address, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Dashboard: port must be in [0, 65535]. Received: port=" + port);
        }
        try {
            return new Dashboard(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new UncheckedIOException("Dashboard: cannot listen on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return the port the server listens on (the actual one when started with 0) */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the page's address, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        InetAddress bound = server.getAddress().getAddress();
        InetAddress host = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        try {
            return new URI("http", null, host.getHostAddress(), port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no URL for " + host, e);
        }
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        state.trainBegin();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        state.epochBegin(epoch, learningRate());
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        state.batchEnd(batch, logs, learningRate());
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        state.epochEnd(epoch, logs);
    }

    /** Marks training finished and stops the server. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        state.trainEnd();
    }

    /** Stops the server at once (idempotent); an open page then says that the server stopped. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }

    private double learningRate() {
        return model == null || model.optimizer() == null ? Double.NaN : model.optimizer().learningRate();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (loopbackOnly && !fromLoopbackName(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain", "forbidden host\n".getBytes(StandardCharsets.UTF_8));
            } else if (!path.equals("/") && !path.equals("/data")) {
                send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                send(exchange, 200, "application/json", state.json().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Whether a Host header names this machine's loopback interface (with any port). */
    private static boolean fromLoopbackName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return name.equals("localhost") || name.equals("[::1]") || LOOPBACK_IPV4.matcher(name).matches();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readPage() throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IOException("the page " + PAGE_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}
