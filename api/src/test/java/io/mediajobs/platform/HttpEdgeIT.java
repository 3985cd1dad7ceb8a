package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import io.mediajobs.security.DevTokenIssuer;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.RawHttp;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

import tools.jackson.databind.JsonNode;

/**
 * Every response of the running service is the spec's envelope with a human message and a precise 4xx, including
 * what the servlet container refuses before the application sees it. Requests go over a raw socket, so malformed
 * ones (that HTTP clients refuse to send) reach the server as written.
 */
class HttpEdgeIT extends IntegrationTest {

    @Autowired
    DevTokenIssuer issuer;

    @Value("${mediajobs.dev-auth.key-file}")
    Path devKeyFile;

    @TempDir
    Path dir;

    /** One row: what is sent, and the status and start of the message that must come back. */
    record Case(String name, int status, String message, Function<HttpEdgeIT, RawHttp.Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        byte[] tenMegabytes = json("{\"name\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}");
        byte[] hundredKilobytes = json("{\"name\":\"" + "a".repeat(100 * 1024) + "\"}");
        return Stream.of(
                new Case("encoded '..' in the path", 400, "Invalid URL",
                        t -> t.send("GET", "/api/%2e%2e/api/ai/jobs")),
                new Case("'//' in the path", 400, "Invalid URL", t -> t.send("GET", "//api/ai/jobs")),
                new Case("%00 in the path", 400, "Bad request", t -> t.send("GET", "/api/ai/jobs%00")),
                new Case("a character not allowed in a URL", 400, "Bad request", t -> t.send("GET", "/api/{jobs}")),
                new Case("a 10 KB URL", 414, "Request URI is too long: the limit is 8192 characters",
                        t -> t.send("GET", "/api/ai/jobs?x=" + "a".repeat(10_000))),
                new Case("a request line beyond the header buffer", 414, "Request URI is too long",
                        t -> t.send("GET", "/api/ai/jobs?x=" + "a".repeat(20_000))),
                new Case("a 100 KB Authorization header", 431, "Request header fields too large: the limit is 16 KB",
                        t -> t.raw("GET /api/ai/jobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                + "a".repeat(100_000), new byte[0])),
                new Case("a 10 MB JSON body", 413, "Request body is too large: the limit is 64 KB",
                        t -> t.send("POST", "/api/projects", t.token(), "application/json", tenMegabytes, false)),
                new Case("a 100 KB chunked JSON body", 413, "Request body is too large: the limit is 64 KB",
                        t -> t.send("POST", "/api/projects", t.token(), "application/json", hundredKilobytes, true)),
                new Case("a query string that is not UTF-8", 400, "Invalid query string",
                        t -> t.send("GET", "/api/ai/jobs?foo=%ff")),
                new Case("a number where text is expected", 400, "Invalid value for 'name' in the request body",
                        t -> t.send("POST", "/api/projects", t.token(), "application/json", json("{\"name\": 5}"),
                                false)),
                new Case("JSON that does not parse", 400, "Request body is missing or is not valid JSON",
                        t -> t.send("POST", "/api/projects", t.token(), "application/json", json("{\"name\":"),
                                false)),
                new Case("an unknown route", 404, "Not found", t -> t.send("GET", "/api/nope")),
                new Case("/error requested directly", 404, "Not found", t -> t.send("GET", "/error")),
                new Case("the wrong method", 405, "Method DELETE is not allowed here",
                        t -> t.send("DELETE", "/api/ai/jobs")),
                new Case("an Accept that excludes JSON", 406, "Not acceptable",
                        t -> t.raw("GET /api/ai/jobs HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                                + "Authorization: Bearer " + t.token(), new byte[0])),
                new Case("an unsupported Content-Type", 415, "Unsupported Content-Type",
                        t -> t.send("POST", "/api/projects", t.token(), "text/plain", json("x"), false)),
                new Case("a token without exp", 401, "Invalid access token",
                        t -> t.send("GET", "/api/ai/jobs", t.resigned(c -> c.remove(JwtClaimNames.EXP)), null,
                                new byte[0], false)),
                new Case("a token with a blank sub", 401, "Invalid access token",
                        t -> t.send("GET", "/api/ai/jobs", t.resigned(c -> c.put(JwtClaimNames.SUB, " ")), null,
                                new byte[0], false)),
                new Case("a token without sub", 401, "Invalid access token",
                        t -> t.send("GET", "/api/ai/jobs", t.resigned(c -> c.remove(JwtClaimNames.SUB)), null,
                                new byte[0], false)),
                new Case("no token", 401, "Authentication required",
                        t -> t.send("GET", "/api/ai/jobs", null, null, new byte[0], false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersInTheEnvelope(Case c) {
        RawHttp.Response r = c.send().apply(this);

        assertThat(r.status()).as(r.toString()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("success").isBoolean() && !body.get("success").asBoolean()).as(r.toString()).isTrue();
        assertThat(body.get("message").asString()).as(r.toString()).startsWith(c.message());
        assertThat(body.has("data")).isFalse();
    }

    @Test
    void aSmallChunkedJsonBodyStillReachesTheController() {
        RawHttp.Response r = send("POST", "/api/projects", token(), "application/json",
                json("{\"name\":\"chunked\"}"), true);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().at("/data/project/name").asString()).isEqualTo("chunked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longNames")
    void aLongFileNameIsAcceptedAndShortenedKeepingItsExtension(String description, String fileName) {
        String project = api.post("/api/projects", Map.of("name", "long names")).json()
                .at("/data/project/projectId").asString();
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.wav(dir, 0.5, 16000, 1), fileName, "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String stored = r.json().at("/data/asset/fileName").asString();
        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(255);
        assertThat(stored).endsWith(".wav").startsWith(fileName.substring(0, 20));
    }

    static Stream<Object[]> longNames() {
        return Stream.of(
                new Object[] {"1,000 ASCII characters", "a".repeat(1000) + ".wav"},
                new Object[] {"1,000 two-byte characters", "é".repeat(1000) + ".wav"},
                new Object[] {"1,000 four-byte characters", "\uD83C\uDFB5".repeat(1000) + ".wav"});
    }

    @Test
    void aFileNameBeyondThePartHeaderLimitIs413SayingSo() {
        String project = api.post("/api/projects", Map.of("name", "long names")).json()
                .at("/data/project/projectId").asString();
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.wav(dir, 0.5, 16000, 1), "a".repeat(10_000) + ".wav", "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().at("/message").asString()).startsWith("File name is too long");
    }

    // --- requests

    String token() {
        return issuer.issue("user-" + UUID.randomUUID()).token();
    }

    RawHttp.Response send(String method, String target) {
        return send(method, target, token(), null, new byte[0], false);
    }

    RawHttp.Response send(String method, String target, String token, String contentType, byte[] body,
            boolean chunked) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost");
        if (token != null) {
            head.append("\r\nAuthorization: Bearer ").append(token);
        }
        if (contentType != null) {
            head.append("\r\nContent-Type: ").append(contentType);
        }
        if (chunked) {
            head.append("\r\nTransfer-Encoding: chunked");
        } else if (body.length > 0) {
            head.append("\r\nContent-Length: ").append(body.length);
        }
        return raw(head.toString(), chunked ? RawHttp.chunked(body, 8192) : body);
    }

    RawHttp.Response raw(String head, byte[] body) {
        return RawHttp.send(port, head, body);
    }

    /** A fresh dev token's claims, edited, signed again with the dev key: valid but for the edit. */
    String resigned(Consumer<Map<String, Object>> edit) {
        Jwt valid = issuer.decoder().decode(token());
        Map<String, Object> claims = new HashMap<>(valid.getClaims());
        edit.accept(claims);
        try {
            List<String> key = Files.readAllLines(devKeyFile); // DevTokenIssuer's file: public, then private key
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(key.get(0))));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.get(1))));
            JwtClaimsSet claimSet = JwtClaimsSet.builder().claims(c -> c.putAll(claims)).build();
            return NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build()
                    .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claimSet))
                    .getTokenValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
