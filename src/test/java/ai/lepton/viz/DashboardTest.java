package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Dataset;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnAFreePortAndServesItsPageAndData() throws Exception {
        try (Dashboard dashboard = Dashboard.start(0)) {
            assertTrue(dashboard.port() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + dashboard.port() + "/"), dashboard.url());
            HttpResponse<String> page = get(dashboard.url());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Lepton training dashboard</title>"));
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> data = get(dashboard.url().resolve("/data"));
            assertEquals(200, data.statusCode());
            assertTrue(data.body().startsWith("{\"status\":\"waiting\""), data.body());
        }
    }

    @Test
    void everyOtherPathIsNotFoundAndOnlyReadsAreAllowed() throws Exception {
        try (Dashboard dashboard = Dashboard.start(0)) {
            for (String path : List.of("/index.html", "/data/", "/dashboard.html", "/../pom.xml", "/ai/lepton/viz/dashboard.html")) {
                assertEquals(404, get(dashboard.url().resolve(path)).statusCode(), path);
            }
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(dashboard.url().resolve("/data"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void refusesRequestsAddressedToAnotherHostName() throws Exception {
        try (Dashboard dashboard = Dashboard.start(0);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), dashboard.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /data HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 403 Forbidden", in.readLine());
        }
    }

    @Test
    void recordsEachEpochAndBatchThenStopsItsServerWhenTrainingEnds() throws Exception {
        Dataset data = Bars.data(64, 3);
        Sequential model = Bars.model();
        List<String> snapshots = new ArrayList<>();
        Dashboard dashboard = Dashboard.start(0);
        Callback reader = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                try {
                    snapshots.add(get(dashboard.url().resolve("/data")).body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        model.fit(data.x(), data.y(), FitOptions.create().epochs(2).batchSize(16).verbose(0).callbacks(dashboard, reader));

        assertEquals(2, snapshots.size());
        assertTrue(snapshots.get(0).contains("\"epoch\":0,\"batch\":3,\"learningRate\":0.01,\"epochsDone\":1"), snapshots.get(0));
        assertTrue(snapshots.get(1).contains("\"epochsDone\":2"), snapshots.get(1));
        assertTrue(snapshots.get(1).contains("data-series=\\\"accuracy\\\""), "the curves' SVG is in the data");
        assertTrue(get(dashboard.url().resolve("/data")).body().contains("\"epochsDone\":2"),
                "after training the final state is served until close()");
        dashboard.close();
        assertThrows(ConnectException.class, () -> get(dashboard.url()), "close() stops the server");
    }

    @Test
    void closeStopsTheServerAndMayBeRepeated() throws IOException {
        Dashboard dashboard = Dashboard.start(0);
        dashboard.close();
        dashboard.close();
        assertThrows(ConnectException.class, () -> get(dashboard.url()));
    }
}
