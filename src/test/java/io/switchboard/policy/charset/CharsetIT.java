package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CharsetIT {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset UTF_8 = StandardCharsets.UTF_8;
    private static final String ORDER = "{\"recipient\":\"Иван Ёлкин\",\"address\":\"Москва, ул. Льва Толстого, 16\","
            + "\"note\":\"№5 «до 21:00» — позвонить\"}";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              courier:
                upstream:
                  endpoints: [ "%s" ]
                charset: windows-1251
            """.formatted(UPSTREAM.baseUrl()));

    @Test
    void sendsAUtf8JsonRequestToTheProviderInWindows1251() {
        HttpResponse<byte[]> response = send(post("/courier/orders", "application/json", ORDER.getBytes(UTF_8)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.received()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo(ORDER.getBytes(CP1251));
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=windows-1251");
            assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(ORDER.getBytes(CP1251).length));
            assertThat(request.header("Accept-Encoding")).isEqualTo("identity");
        });
    }

    @Test
    void streamsALongChunkedRequestInWindows1251() {
        String longText = ("{\"line\":\"" + "съешь же ещё этих мягких французских булок, да выпей чаю ".repeat(40)
                        + "\"}\n")
                .repeat(60);
        byte[] utf8 = longText.getBytes(UTF_8);
        HttpRequest request = HttpRequest.newBuilder(GATEWAY.proxy("/courier/bulk"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(utf8)))
                .build();

        HttpResponse<byte[]> response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.received()).singleElement().satisfies(received -> {
            assertThat(received.body()).isEqualTo(longText.getBytes(CP1251));
            assertThat(received.header("Content-Type")).isEqualTo("text/plain; charset=windows-1251");
            assertThat(received.header("Transfer-Encoding")).isEqualTo("chunked");
        });
    }

    @Test
    void convertsADeclaredWindows1251AnswerToUtf8WithTheRightLength() {
        String answer = "{\"status\":\"Доставлено\",\"courier\":\"Пётр\"}";
        UPSTREAM.enqueue(reply(answer.getBytes(CP1251), "application/json; charset=windows-1251"));

        HttpResponse<byte[]> response = send(get("/courier/orders/1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(answer);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(answer.getBytes(UTF_8).length);
    }

    @Test
    void readsAnUndeclaredAnswerInTheConnectorsCharset() {
        String answer = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><status>Принято</status>";
        UPSTREAM.enqueue(reply(answer.getBytes(CP1251), "application/xml"));

        HttpResponse<byte[]> response = send(get("/courier/orders/2"));

        assertThat(new String(response.body(), UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>Принято</status>");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
    }

    @Test
    void letsTheAnswersDeclaredCharsetWinOverTheConnectors() {
        String answer = "Статус: готово";
        UPSTREAM.enqueue(reply(answer.getBytes(Charset.forName("KOI8-R")), "text/plain; charset=koi8-r"));

        HttpResponse<byte[]> response = send(get("/courier/status"));

        assertThat(new String(response.body(), UTF_8)).isEqualTo(answer);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void streamsALongChunkedAnswerWithoutAStaleLength() {
        String answer = "Строка отчёта о доставке номер такой-то.\n".repeat(5000);
        UPSTREAM.enqueue(reply(answer.getBytes(CP1251), "text/csv").asChunked());

        HttpResponse<byte[]> response = send(get("/courier/report"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(answer);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    }

    @Test
    void passesBinaryBodiesUntouchedBothWays() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        UPSTREAM.enqueue(reply(bytes, "application/pdf"));

        HttpResponse<byte[]> response = send(post("/courier/labels", "application/octet-stream", bytes));

        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(256);
        assertThat(UPSTREAM.received()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo(bytes);
            assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");
        });
    }

    @Test
    void convertsAPercentEncodedForm() {
        String form = "name=%D0%98%D0%B2%D0%B0%D0%BD&city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0";

        send(post("/courier/callback", "application/x-www-form-urlencoded", form.getBytes(UTF_8)));

        assertThat(UPSTREAM.received()).singleElement().satisfies(request -> {
            assertThat(request.bodyText()).isEqualTo("name=%C8%E2%E0%ED&city=%CC%EE%F1%EA%E2%E0");
            assertThat(request.header("Content-Type"))
                    .isEqualTo("application/x-www-form-urlencoded; charset=windows-1251");
        });
    }

    @Test
    void refusesARequestThatIsNotValidUtf8BeforeSendingIt() {
        byte[] body = "{\"name\":\"Иван\"}".getBytes(UTF_8);
        body[11] = (byte) 0xFF;

        HttpResponse<byte[]> response = send(post("/courier/orders", "application/json", body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Switchboard-Error")).hasValue("bad-request");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(new String(response.body(), UTF_8));
        assertThat(problem.getString("detail")).isEqualTo("the request body is not valid UTF-8 at byte offset 11");
        assertThat(problem.getLong("byteOffset")).isEqualTo(11L);
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void refusesACharacterTheProviderCannotRepresentNamingItsPosition() {
        String order = "{\"name\":\"Иван 中\"}";

        HttpResponse<byte[]> response = send(post("/courier/orders", "application/json", order.getBytes(UTF_8)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Switchboard-Error")).hasValue("bad-request");
        JsonObject problem = new JsonObject(new String(response.body(), UTF_8));
        assertThat(problem.getString("detail"))
                .isEqualTo("the request body has the character U+4E2D (CJK UNIFIED IDEOGRAPHS 4E2D) at character"
                        + " offset 14, which windows-1251 cannot represent (connector 'courier' speaks windows-1251)");
        assertThat(problem.getLong("characterOffset")).isEqualTo(14L);
        assertThat(problem.getString("character")).isEqualTo("U+4E2D");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void answers400ForALongChunkedRequestThatTurnsBadMidStream() {
        byte[] body = longRequestEndingInHalfACharacter();

        HttpResponse<byte[]> response = send(chunkedPost("/courier/bulk", body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Switchboard-Error")).hasValue("bad-request");
        assertThat(new JsonObject(new String(response.body(), UTF_8)).getLong("byteOffset"))
                .isEqualTo((long) body.length - 1);
    }

    @Test
    void neverLetsTheProviderSeeACompleteRequestThatTurnedBadMidStream() {
        send(chunkedPost("/courier/bulk", longRequestEndingInHalfACharacter()));

        // The provider records a request only once it has read its body to the end.
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(UPSTREAM.received()).isEmpty());
    }

    @Test
    void answersA502ProblemForAShortAnswerThatIsNotValidInItsCharset() {
        byte[] answer = "{\"status\":\"ок\"}".getBytes(UTF_8);
        answer[answer.length - 3] = (byte) 0xFF;
        UPSTREAM.enqueue(reply(answer, "application/json; charset=utf-8"));

        HttpResponse<byte[]> response = send(get("/courier/orders/3"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Switchboard-Error")).hasValue(CharsetPolicy.BAD_RESPONSE.code());
        JsonObject problem = new JsonObject(new String(response.body(), UTF_8));
        assertThat(problem.getString("detail"))
                .isEqualTo("connector 'courier' answered 200 with a body that is not valid UTF-8 at byte offset 13;"
                        + " the gateway does not pass on garbled text");
        assertThat(problem.getInteger("upstreamStatus")).isEqualTo(200);
    }

    @Test
    void answersA502ProblemForTheByteWindows1251LeavesUndefined() {
        UPSTREAM.enqueue(reply(new byte[] {'o', 'k', (byte) 0x98}, "text/plain"));

        HttpResponse<byte[]> response = send(get("/courier/ping"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(new String(response.body(), UTF_8)).getString("charset"))
                .isEqualTo("windows-1251");
    }

    @Test
    void answersA502ProblemWhenALongAnswerIsBadFromItsFirstBytes() {
        byte[] answer = "Отчёт\n".repeat(30_000).getBytes(CP1251);
        answer[0] = (byte) 0x98;
        UPSTREAM.enqueue(reply(answer, "text/plain").asChunked());

        HttpResponse<byte[]> response = send(get("/courier/report"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Switchboard-Error")).hasValue(CharsetPolicy.BAD_RESPONSE.code());
    }

    @Test
    void breaksTheCallersResponseOffWhenALongAnswerTurnsBadLate() {
        byte[] answer = "Отчёт\n".repeat(30_000).getBytes(CP1251);
        answer[answer.length - 2] = (byte) 0x98;
        UPSTREAM.enqueue(reply(answer, "text/plain"));
        HttpRequest request = get("/courier/report");

        assertThatThrownBy(() -> GATEWAY.client().send(request, BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }

    private static byte[] longRequestEndingInHalfACharacter() {
        byte[] good = "Привет. ".repeat(20_000).getBytes(UTF_8);
        byte[] body = Arrays.copyOf(good, good.length + 1);
        body[good.length] = (byte) 0xC3;
        return body;
    }

    private static HttpRequest chunkedPost(String path, byte[] body) {
        // A body publisher of unknown length makes the JDK client send it chunked.
        return HttpRequest.newBuilder(GATEWAY.proxy(path))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
    }

    private static Reply reply(byte[] body, String contentType) {
        return new Reply(200, Map.of("Content-Type", contentType), body, Duration.ZERO, false, false);
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(GATEWAY.proxy(path)).GET().build();
    }

    private static HttpRequest post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(GATEWAY.proxy(path))
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofByteArray(body))
                .build();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return GATEWAY.client().send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
