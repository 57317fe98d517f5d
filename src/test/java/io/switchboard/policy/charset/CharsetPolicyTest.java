package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.testing.ChunkedBody;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.LoopbackTerminal;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CharsetPolicyTest {
    private static final Charset CP1251 = Charset.forName("windows-1251");

    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    private final CharsetPolicy policy = CharsetPolicy.from(CP1251);

    @Test
    void leavesBinaryRequestsAndAnswersAlone() {
        upstream.enqueue(reply(new byte[] {(byte) 0x98, 0, (byte) 0xFF}, "image/png"));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/labels")
                .header("Content-Type", "application/octet-stream")
                .body(new RequestBody.Buffered(Buffer.buffer(new byte[] {(byte) 0xFF, 0})))
                .build();

        Outcome outcome = run(exchange);

        assertThat(((Outcome.Upstream) outcome).rewrite()).isNull();
        assertThat(exchange.body())
                .isInstanceOfSatisfying(
                        RequestBody.Buffered.class,
                        body -> assertThat(body.content().getBytes()).containsExactly(0xFF, 0));
        assertThat(upstream.received().get(0).header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void convertsAnAnswerToARequestWithoutBody() {
        upstream.enqueue(reply("Привет".getBytes(CP1251), "text/plain"));

        Outcome outcome = run(ExchangeBuilder.of(HttpMethod.GET, "/hello").build());

        assertThat(bodyToCaller(outcome)).isEqualTo("Привет");
        assertThat(headersToCaller(outcome).get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(headersToCaller(outcome).get("Content-Length")).isEqualTo("12");
        assertThat(upstream.received().get(0).header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void readsAShortStreamedRequestWholeSoItStaysReplayable() {
        ChunkedBody body = ChunkedBody.of(loop.context(), "{\"имя\":\"Иван\"}");
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/orders/1")
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Length", Integer.toString(body.size()))
                .body(new RequestBody.Streamed(body, body.size()))
                .build();

        run(exchange);

        assertThat(exchange.body()).isInstanceOf(RequestBody.Buffered.class);
        assertThat(exchange.body().isReplayable()).isTrue();
        assertThat(exchange.headers().get("Content-Length")).isNull();
        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo("{\"имя\":\"Иван\"}".getBytes(CP1251));
            assertThat(request.header("Content-Length")).isEqualTo("14");
        });
    }

    @Test
    void streamsALongerRequestChunked() {
        String text = "Съешь же ещё этих мягких французских булок. ".repeat(100);
        ChunkedBody body = ChunkedBody.of(loop.context(), text);
        CharsetPolicy small = CharsetPolicy.from(CP1251, 1024);
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/bulk")
                .header("Content-Type", "text/plain")
                .body(new RequestBody.Streamed(body, body.size()))
                .build();

        run(small, exchange);

        assertThat(exchange.body().length()).isEqualTo(-1);
        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo(text.getBytes(CP1251));
            assertThat(request.header("Transfer-Encoding")).isEqualTo("chunked");
        });
    }

    @Test
    void refusesAnUnmappableBufferedRequestWithoutCallingTheProvider() {
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/orders")
                .header("Content-Type", "text/plain")
                .body(new RequestBody.Buffered(Buffer.buffer("Ок ✓", "UTF-8")))
                .build();

        Outcome outcome = run(policy, terminal, exchange);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.producer()).isEqualTo("charset");
            assertThat(rejection.problem().kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(rejection.problem().extensions())
                    .containsEntry("characterOffset", 3L)
                    .containsEntry("character", "U+2713");
        });
        assertThat(terminal.calls()).isZero();
    }

    @Test
    void refusesARequestInACharsetTheGatewayDoesNotKnow() {
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/orders")
                .header("Content-Type", "text/plain; charset=x-klingon")
                .body(new RequestBody.Buffered(Buffer.buffer("qapla'")))
                .build();

        Outcome outcome = run(policy, terminal, exchange);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(((Outcome.Rejection) outcome).problem().detail()).contains("'x-klingon'");
        assertThat(terminal.calls()).isZero();
    }

    @Test
    void answers502ForAnAnswerInACharsetTheGatewayDoesNotKnow() {
        upstream.enqueue(reply("qapla'".getBytes(StandardCharsets.US_ASCII), "text/plain; charset=x-klingon"));

        Outcome outcome = run(ExchangeBuilder.of(HttpMethod.GET, "/greeting").build());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.problem().status()).isEqualTo(502);
            assertThat(rejection.problem().kind()).isEqualTo(CharsetPolicy.BAD_RESPONSE);
        });
    }

    @Test
    void leavesCompressedAnswersAlone() {
        upstream.enqueue(
                reply(new byte[] {0x1f, (byte) 0x8b, 8}, "application/json").withHeader("Content-Encoding", "gzip"));

        Outcome outcome = run(ExchangeBuilder.of(HttpMethod.GET, "/data").build());

        assertThat(((Outcome.Upstream) outcome).rewrite()).isNull();
    }

    @Test
    void relabelsTheAnswerToAHeadRequestWithoutReadingABody() {
        upstream.enqueue(reply(new byte[0], "text/html; charset=windows-1251"));

        Outcome outcome = run(ExchangeBuilder.of(HttpMethod.HEAD, "/").build());

        assertThat(headersToCaller(outcome).get("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void keepsOtherContentTypeParameters() {
        upstream.enqueue(reply("ok".getBytes(CP1251), "Text/Plain; format=flowed; Charset=\"windows-1251\""));

        Outcome outcome = run(ExchangeBuilder.of(HttpMethod.GET, "/").build());

        assertThat(headersToCaller(outcome).get("Content-Type")).isEqualTo("text/plain; format=flowed; charset=utf-8");
    }

    private Outcome run(Exchange exchange) {
        return run(policy, exchange);
    }

    private static Outcome run(CharsetPolicy policy, Exchange exchange) {
        return run(policy, loop.terminal(upstream.baseUrl()), exchange);
    }

    private static Outcome run(CharsetPolicy policy, LoopbackTerminal terminal, Exchange exchange) {
        Pipeline pipeline = Pipeline.of(List.of(policy), terminal);
        return loop.await(() -> pipeline.handle(exchange));
    }

    /** Returns the headers the server would send the caller: the upstream's, without length, then the rewrite's. */
    private static MultiMap headersToCaller(Outcome outcome) {
        Outcome.Upstream upstreamOutcome = (Outcome.Upstream) outcome;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(upstreamOutcome.headers());
        Outcome.BodyRewrite rewrite = upstreamOutcome.rewrite();
        if (rewrite != null) {
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            rewrite.headers().accept(headers);
        }
        return headers;
    }

    /** Reads the body the server would send the caller, as UTF-8. */
    private static String bodyToCaller(Outcome outcome) {
        Outcome.Upstream upstreamOutcome = (Outcome.Upstream) outcome;
        Outcome.BodyRewrite rewrite = upstreamOutcome.rewrite();
        Buffer body = loop.await(() -> {
            ReadStream<Buffer> stream = rewrite == null
                    ? upstreamOutcome.response()
                    : rewrite.body().apply(upstreamOutcome.response());
            return readAll(stream);
        });
        return body.toString(StandardCharsets.UTF_8);
    }

    private static Future<Buffer> readAll(ReadStream<Buffer> stream) {
        Promise<Buffer> done = Promise.promise();
        Buffer all = Buffer.buffer();
        stream.handler(all::appendBuffer);
        stream.exceptionHandler(done::tryFail);
        stream.endHandler(ignored -> done.tryComplete(all));
        stream.resume();
        return done.future();
    }

    private static Reply reply(byte[] body, String contentType) {
        return new Reply(200, Map.of("Content-Type", contentType), body, Duration.ZERO, false, false);
    }
}
