package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.security.DevTokenIssuer;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.RawHttp;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * Hostile input over every endpoint: malformed, encoded, oversized and foreign ids; bodies of the wrong type,
 * shape, size, encoding and Content-Type; bad query parameters; missing, garbage, tampered and foreign tokens.
 * Whatever arrives, the answer is a 4xx (or 503), never a 5xx, in the spec's envelope
 * {@code {success:false, message}} with a message and no null field. A seeded random part (ids and bodies), and
 * input that is odd rather than wrong (a query string on an endpoint that reads none, {@code Accept: application/xml}),
 * check a weaker property: whatever the status, never a 5xx, and always the envelope (media files aside).
 * <p>
 * Requests go over a raw socket ({@link RawHttp}), so what is malformed reaches the server as written. The
 * caller ("attacker") owns a project, an asset and a finished job; so does a second user ("victim"), whose ids
 * must look exactly like ids that do not exist.
 */
class HostileInputIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long FUZZ_SEED = 20_261_130L;

    /** Every endpoint of the API. {@code {project}}, {@code {asset}} and {@code {job}} are the id in the path. */
    record Endpoint(String method, String path, Body body) {
        boolean hasId() {
            return path.contains("{");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    enum Body { NONE, JSON, MULTIPART }

    static final Endpoint CREATE_PROJECT = new Endpoint("POST", "/api/projects", Body.JSON);
    static final Endpoint START_NOISE_REMOVAL = new Endpoint("POST", "/api/ai/noise-removal", Body.JSON);
    static final Endpoint START_SUBTITLES = new Endpoint("POST", "/api/ai/subtitle-generation", Body.JSON);
    static final Endpoint LIST_JOBS = new Endpoint("GET", "/api/ai/jobs", Body.NONE);
    static final Endpoint DEV_TOKEN = new Endpoint("POST", "/api/dev/token", Body.JSON);

    static final List<Endpoint> ENDPOINTS = List.of(
            CREATE_PROJECT,
            new Endpoint("GET", "/api/projects", Body.NONE),
            new Endpoint("GET", "/api/projects/{project}", Body.NONE),
            new Endpoint("POST", "/api/projects/{project}/assets", Body.MULTIPART),
            new Endpoint("GET", "/api/projects/{project}/assets", Body.NONE),
            new Endpoint("GET", "/api/assets/{asset}", Body.NONE),
            new Endpoint("DELETE", "/api/assets/{asset}", Body.NONE),
            new Endpoint("GET", "/api/assets/{asset}/content", Body.NONE),
            START_NOISE_REMOVAL,
            START_SUBTITLES,
            LIST_JOBS,
            new Endpoint("GET", "/api/ai/jobs/{job}", Body.NONE),
            new Endpoint("POST", "/api/ai/jobs/{job}/cancel", Body.NONE),
            new Endpoint("POST", "/api/ai/jobs/{job}/retry", Body.NONE),
            new Endpoint("GET", "/api/ai/jobs/{job}/subtitles.srt", Body.NONE),
            new Endpoint("GET", "/api/ai/jobs/{job}/subtitles.vtt", Body.NONE),
            DEV_TOKEN);

    /** A user with one of everything. */
    record Owner(String userId, String token, String project, String asset, String job) {
    }

    /** The attacker (who sends every request) and the victim. */
    record Fixture(Owner attacker, Owner victim) {
    }

    /** One row of the table: its name, and the request to send given the fixture. */
    record Case(String name, Function<Fixture, Req> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Autowired
    DevTokenIssuer issuer;

    /**
     * Dynamic tests rather than a parameterized method: one fixture, and no per-case test lifecycle (hundreds of
     * cases stay a few seconds).
     */
    @TestFactory
    Stream<DynamicNode> hostileInputOverEveryEndpoint() {
        Fixture f = new Fixture(owner("attacker"), owner("victim"));
        return Stream.of(
                DynamicContainer.dynamicContainer("refused in the envelope, never a 5xx",
                        hostile().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertRefused(c.request().apply(f))))),
                DynamicContainer.dynamicContainer("seeded random or merely odd input: never a 5xx, always the envelope",
                        fuzzed().map(c -> DynamicTest.dynamicTest(c.name(),
                                () -> assertNoServerError(c.request().apply(f))))));
    }

    Owner owner(String role) {
        String userId = role + "-" + UUID.randomUUID();
        TestApi as = TestApi.as(port, userId);
        Path dir = TempDirs.createDeletedOnExit("hostile-input-it-");
        String project = as.post("/api/projects", Map.of("name", role)).json().at("/data/project/projectId").asString();
        TestApi.Response uploaded = as.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.wav(dir, 1, 16000, 1), "tone.wav", "audio/wav");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String asset = uploaded.json().at("/data/asset/assetId").asString();
        TestApi.Response job = as.post("/api/ai/noise-removal", Map.of("assetId", asset, "projectId", project));
        assertThat(job.status()).as(job.toString()).isEqualTo(201);
        String jobId = job.json().at("/data/job/jobId").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!as.get("/api/ai/jobs/" + jobId).json().at("/data/job/completedAt").isString()) {
            assertThat(System.nanoTime()).as("job %s finished", jobId).isLessThan(deadline);
            sleep(200);
        }
        return new Owner(userId, issuer.issue(userId).token(), project, asset, jobId);
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    static Stream<Case> hostile() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            cases.addAll(tokens(e));
            if (e.hasId()) {
                cases.addAll(ids(e));
            }
            if (e.body() == Body.JSON) {
                cases.addAll(jsonBodies(e));
            }
            if (e.body() == Body.MULTIPART) {
                cases.addAll(uploads(e));
            }
        }
        cases.addAll(queryStrings(LIST_JOBS));
        cases.addAll(listFilters());
        cases.addAll(jobStartBodies());
        cases.addAll(otherBodies());
        return cases.stream();
    }

    void assertRefused(Req request) {
        RawHttp.Response r = send(request);
        assertThat(r.status()).as("%s %s -> %s", request.method(), request.target(), r)
                .satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(503));
        assertEnvelope(r, false);
    }

    void assertNoServerError(Req request) {
        RawHttp.Response r = send(request);
        assertThat(r.status()).as("%s %s -> %s", request.method(), request.target(), r).isLessThan(500);
        // Media and subtitle files are the only successes outside the envelope.
        if (!(r.status() < 300 && request.path().matches(".*(/content|\\.srt|\\.vtt)$"))) {
            assertEnvelope(r, r.status() < 300);
        }
    }

    /** Seeded random ids and mangled bodies: whatever the status, it is not a 5xx and the body is the envelope. */
    static Stream<Case> fuzzed() {
        Random random = new Random(FUZZ_SEED);
        List<Endpoint> withIds = ENDPOINTS.stream().filter(Endpoint::hasId).toList();
        List<Endpoint> withJson = ENDPOINTS.stream().filter(e -> e.body() == Body.JSON).toList();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Endpoint e = withIds.get(random.nextInt(withIds.size()));
            String id = randomPathSegment(random);
            cases.add(new Case("fuzzed id #" + i + " " + e + " <- " + abbreviate(id),
                    f -> valid(e, f).withId(e, id)));
        }
        for (int i = 0; i < 20; i++) {
            Endpoint e = withJson.get(random.nextInt(withJson.size()));
            long seed = random.nextLong();
            cases.add(new Case("fuzzed body #" + i + " " + e,
                    f -> valid(e, f).withBody("application/json", mangle(validJson(e, f), new Random(seed)))));
        }
        for (Endpoint e : ENDPOINTS) {
            // Not refused everywhere, and rightly so: a server may serve media whatever Accept says, or answer 406;
            // endpoints that read no query parameter ignore the query string, as they ignore unknown parameters.
            cases.add(new Case(e + " with Accept: application/xml",
                    f -> valid(e, f).withHeader("Accept", "application/xml")));
            if (e != LIST_JOBS) {
                queryStrings(e).stream().limit(2).forEach(cases::add);
            }
        }
        return cases.stream();
    }

    // ---- the cases -------------------------------------------------------------------------------------------

    static List<Case> tokens(Endpoint e) {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(e + " with a garbage bearer token", f -> valid(e, f).withHeader("Authorization",
                        "Bearer garbage")),
                new Case(e + " with an empty bearer token", f -> valid(e, f).withHeader("Authorization", "Bearer ")),
                new Case(e + " with a tampered signature", f -> valid(e, f).withHeader("Authorization",
                        "Bearer " + tampered(f.attacker().token()))),
                new Case(e + " with a token signed by another key", f -> valid(e, f).withHeader("Authorization",
                        "Bearer " + FOREIGN_TOKEN))));
        if (e != DEV_TOKEN) { // public: no token, or credentials that are no bearer token, is fine
            cases.add(new Case(e + " without a token", f -> valid(e, f).withoutHeader("Authorization")));
            cases.add(new Case(e + " with Basic credentials", f -> valid(e, f).withHeader("Authorization",
                    "Basic YWxpY2U6c2VjcmV0")));
            cases.add(new Case(e + " with the token in the query string only", f -> valid(e, f)
                    .withoutHeader("Authorization").withQuery("access_token=" + f.attacker().token())));
        }
        return cases;
    }

    static List<Case> queryStrings(Endpoint e) {
        return List.of(
                new Case(e + " with ?x=%ff (not UTF-8)", f -> valid(e, f).withQuery("x=%ff")),
                new Case(e + " with ?x=% (broken escape)", f -> valid(e, f).withQuery("x=%")),
                new Case(e + " with ?%zz=1 (broken escape in a name)", f -> valid(e, f).withQuery("%zz=1")),
                new Case(e + " with ?x=%00%c3%28", f -> valid(e, f).withQuery("x=%00%c3%28")));
    }

    /** Ids nobody owns, ids that are not ids, and the victim's ids. */
    static List<Case> ids(Endpoint e) {
        Map<String, Function<Fixture, String>> ids = new LinkedHashMap<>();
        ids.put("not a UUID", f -> "not-a-uuid");
        ids.put("%00", f -> "%00");
        ids.put("an encoded slash", f -> "a%2Fb");
        ids.put("an encoded '..'", f -> "%2e%2e");
        ids.put("an encoded CR LF", f -> "x%0d%0aSet-Cookie:%20a=b");
        ids.put("a ';' path parameter", f -> UUID.randomUUID() + ";jsessionid=1");
        ids.put("SQL", f -> "'%20OR%20'1'='1");
        ids.put("an emoji", f -> "%F0%9F%8E%B5");
        ids.put("1,000 characters", f -> "a".repeat(1000));
        ids.put("9,000 characters", f -> "a".repeat(9000));
        ids.put("a UUID in braces", f -> "%7B" + UUID.randomUUID() + "%7D");
        ids.put("an unknown UUID", f -> UUID.randomUUID().toString());
        ids.put("the victim's id", f -> ownId(e, f.victim()));
        List<Case> cases = new ArrayList<>();
        ids.forEach((what, id) -> cases.add(new Case(e + " with " + what + " as id",
                f -> valid(e, f).withId(e, id.apply(f)))));
        return cases;
    }

    static List<Case> jsonBodies(Endpoint e) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("an empty body", new byte[0]);
        bodies.put("null", utf8("null"));
        bodies.put("an array", utf8("[]"));
        bodies.put("a number", utf8("42"));
        bodies.put("truncated JSON", utf8("{\"a\":"));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
        bodies.put("5,000 nested arrays", utf8("[".repeat(5000) + "]".repeat(5000)));
        bodies.put("5,000 nested objects", utf8("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        bodies.put("a 1 MB body", utf8("{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}"));
        bodies.put("a number with 50,000 digits", utf8("{\"name\":" + "9".repeat(50_000) + "}"));
        List<Case> cases = new ArrayList<>();
        bodies.forEach((what, body) -> cases.add(new Case(e + " with " + what,
                f -> valid(e, f).withBody("application/json", body))));
        Map<String, String> contentTypes = new LinkedHashMap<>();
        contentTypes.put("text/plain", "text/plain");
        contentTypes.put("a form", "application/x-www-form-urlencoded");
        contentTypes.put("multipart without a boundary", "multipart/form-data");
        contentTypes.put("a garbage Content-Type", ";;;/");
        contentTypes.put("JSON in an unknown charset", "application/json; charset=x-no-such-charset");
        contentTypes.forEach((what, type) -> cases.add(new Case(e + " as " + what,
                f -> valid(e, f).withBody(type, validJson(e, f)))));
        cases.add(new Case(e + " as JSON without a Content-Type", f -> valid(e, f).withBody(null, validJson(e, f))));
        return cases;
    }

    static List<Case> uploads(Endpoint e) {
        String boundary = "----hostile" + UUID.randomUUID();
        String multipart = "multipart/form-data; boundary=" + boundary;
        return List.of(
                new Case(e + " with a JSON body", f -> valid(e, f).withBody("application/json", utf8("{}"))),
                new Case(e + " with no body", f -> valid(e, f).withBody(multipart, new byte[0])),
                new Case(e + " without a file field", f -> valid(e, f).withBody(multipart,
                        part(boundary, "form-data; name=\"other\"", "x"))),
                new Case(e + " with an empty file", f -> valid(e, f).withBody(multipart,
                        part(boundary, "form-data; name=\"file\"; filename=\"a.wav\"", ""))),
                new Case(e + " with a body that misses its boundary", f -> valid(e, f).withBody(multipart,
                        utf8("--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--other--\r\n"))),
                new Case(e + " with an unterminated part", f -> valid(e, f).withBody(multipart,
                        utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                                + "filename=\"a.wav\"\r\n\r\nxyz"))),
                new Case(e + " with random bytes named ../../etc/passwd.mp4", f -> valid(e, f).withBody(multipart,
                        part(boundary, "form-data; name=\"file\"; filename=\"../../etc/passwd.mp4\"",
                                new String(randomBytes(4096), StandardCharsets.ISO_8859_1)))),
                new Case(e + " with a file name of control characters", f -> valid(e, f).withBody(multipart,
                        part(boundary, "form-data; name=\"file\"; filename=\"\u0001\u0002.wav\"", "RIFF"))));
    }

    static List<Case> listFilters() {
        Endpoint list = LIST_JOBS;
        List<String> queries = List.of("limit=abc", "limit=0", "limit=-5", "limit=1e3", "limit=99999999999999999999",
                "status=", "status=%00", "status=COMPLETED%20", "type=transcode", "type=",
                "projectId=nope", "projectId=%2e%2e", "cursor=!!!", "cursor=", "cursor=%ff",
                "cursor=" + Base64.getUrlEncoder().encodeToString(utf8("garbage|garbage")),
                "cursor=" + "A".repeat(7000));
        return queries.stream().map(q -> new Case(list + "?" + q, f -> valid(list, f).withQuery(q))).toList();
    }

    static List<Case> jobStartBodies() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : List.of(START_NOISE_REMOVAL, START_SUBTITLES)) {
            Map<String, Function<Fixture, Object>> bodies = new LinkedHashMap<>();
            bodies.put("ids of the wrong types", f -> Map.of("assetId", 5, "projectId", true));
            bodies.put("ids as containers", f -> Map.of("assetId", List.of(), "projectId", Map.of()));
            bodies.put("null ids", f -> json("{\"assetId\":null,\"projectId\":null}"));
            bodies.put("ids that are not UUIDs", f -> Map.of("assetId", "x", "projectId", "y"));
            bodies.put("the victim's asset and project",
                    f -> Map.of("assetId", f.victim().asset(), "projectId", f.victim().project()));
            bodies.put("its own asset in the victim's project",
                    f -> Map.of("assetId", f.attacker().asset(), "projectId", f.victim().project()));
            bodies.put("the victim's asset in its own project",
                    f -> Map.of("assetId", f.victim().asset(), "projectId", f.attacker().project()));
            bodies.put("a job id as asset id",
                    f -> Map.of("assetId", f.attacker().job(), "projectId", f.attacker().project()));
            bodies.put("an option of the wrong type", f -> Map.of("assetId", f.victim().asset(), "projectId",
                    f.victim().project(), "normalizeLoudness", "maybe"));
            bodies.put("an unknown option value", f -> Map.of("assetId", f.attacker().asset(), "projectId",
                    f.attacker().project(), "outputFormat", "exe", "strength", 11));
            bodies.forEach((what, body) -> cases.add(new Case(e + " with " + what,
                    f -> valid(e, f).withBody("application/json", toJson(body.apply(f))))));
        }
        return cases;
    }

    static List<Case> otherBodies() {
        Endpoint projects = CREATE_PROJECT;
        Endpoint token = DEV_TOKEN;
        List<Case> cases = new ArrayList<>();
        for (String body : List.of("{\"name\":[]}", "{\"name\":{}}", "{\"name\":null}", "{\"name\":\"\"}",
                "{\"name\":\"\\u0000\"}", "{\"name\":\"" + "a".repeat(300) + "\"}", "{\"name\":true}")) {
            cases.add(new Case(projects + " with " + body.substring(0, Math.min(30, body.length())),
                    f -> valid(projects, f).withBody("application/json", utf8(body))));
        }
        for (String body : List.of("{\"userId\":[]}", "{\"userId\":null}", "{\"userId\":\"a b\"}",
                "{\"userId\":\"" + "x".repeat(200) + "\"}", "{\"userId\":\"\\u0000\"}", "{\"userId\":\"../x\"}",
                "{\"userId\":\"\"}", "{}")) {
            cases.add(new Case(token + " with " + body.substring(0, Math.min(30, body.length())),
                    f -> valid(token, f).withBody("application/json", utf8(body))));
        }
        return cases;
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    /**
     * The request a well-behaved attacker would send: its own token, its own ids, a body that parses, a real file
     * to upload. Deleting and starting jobs name an asset that does not exist, so a case whose hostile part is
     * (wrongly) ignored still gets a 4xx, without side effects.
     */
    static Req valid(Endpoint e, Fixture f) {
        Req req = new Req(e.method(), e.path(), null,
                new LinkedHashMap<>(Map.of("Authorization", "Bearer " + f.attacker().token())), new byte[0]);
        if (e.hasId()) {
            req = req.withId(e, e.method().equals("DELETE") ? UUID.randomUUID().toString() : ownId(e, f.attacker()));
        }
        return switch (e.body()) {
            case JSON -> req.withBody("application/json", validJson(e, f));
            case MULTIPART -> req.withBody("multipart/form-data; boundary=" + UPLOAD_BOUNDARY, part(UPLOAD_BOUNDARY,
                    "form-data; name=\"file\"; filename=\"tone.wav\"", new String(toneWav(), StandardCharsets.ISO_8859_1)));
            case NONE -> req;
        };
    }

    /** The owner's id of the kind the endpoint's path takes. */
    static String ownId(Endpoint e, Owner owner) {
        if (e.path().contains("{project}")) {
            return owner.project();
        }
        return e.path().contains("{asset}") ? owner.asset() : owner.job();
    }

    private static final String UPLOAD_BOUNDARY = "----valid" + UUID.randomUUID();
    private static byte[] toneWav;

    /** A real half-second WAV, for uploads that would succeed but for their hostile part. */
    static synchronized byte[] toneWav() {
        if (toneWav == null) {
            try {
                toneWav = Files.readAllBytes(TestMedia.wav(TempDirs.createDeletedOnExit("hostile-input-it-"), 0.5,
                        16000, 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return toneWav;
    }

    static byte[] validJson(Endpoint e, Fixture f) {
        return switch (e.path()) {
            case "/api/projects" -> utf8("{\"name\":\"hostile\"}");
            case "/api/dev/token" -> utf8("{\"userId\":\"someone\"}");
            default -> toJson(Map.of("assetId", UUID.randomUUID().toString(), "projectId", f.attacker().project()));
        };
    }

    /** A request being built; every change returns a copy. */
    record Req(String method, String path, String query, Map<String, String> headers, byte[] body) {

        String target() {
            return path + (query == null ? "" : "?" + query);
        }

        Req withId(Endpoint e, String id) {
            return new Req(method, e.path().replaceAll("\\{[a-z]+}", Matcher.quoteReplacement(id)),
                    query, headers, body);
        }

        Req withQuery(String q) {
            return new Req(method, path, q, headers, body);
        }

        Req withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Req(method, path, query, h, body);
        }

        Req withoutHeader(String name) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.remove(name);
            return new Req(method, path, query, h, body);
        }

        Req withBody(String contentType, byte[] newBody) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.remove("Content-Type");
            if (contentType != null) {
                h.put("Content-Type", contentType);
            }
            return new Req(method, path, query, h, newBody);
        }

    }

    RawHttp.Response send(Req request) {
        StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\nHost: localhost");
        request.headers().forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        if (request.body().length > 0 || !request.method().equals("GET")) {
            head.append("\r\nContent-Length: ").append(request.body().length);
        }
        return RawHttp.send(port, head.toString(), request.body());
    }

    // ---- assertions ---------------------------------------------------------------------------------------------

    static void assertEnvelope(RawHttp.Response r, boolean success) {
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.isObject()).as(r.toString()).isTrue();
        assertThat(body.get("success").isBoolean() && body.get("success").asBoolean() == success).as(r.toString())
                .isTrue();
        if (!success) {
            assertThat(body.get("message").isString()).as(r.toString()).isTrue();
            assertThat(body.get("message").asString()).as(r.toString()).isNotBlank();
            assertThat(body.has("data")).as(r.toString()).isFalse();
        }
        assertThat(nullFields(body, "")).as("null fields in %s", r).isEmpty();
    }

    static List<String> nullFields(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isNull()) {
            found.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                found.addAll(nullFields(field.getValue(), path + "/" + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nullFields(node.get(i), path + "/" + i));
            }
        }
        return found;
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    /** A path segment of 1-80 characters drawn from what breaks parsers, percent-encoded as UTF-8 (or not). */
    static String randomPathSegment(Random random) {
        String[] atoms = {"a", "f", "0", "9", "-", ".", "..", "/", "\\", "%", ";", "?", "#", "&", "=", "+", " ",
                "\u0000", "\n", "\r", "\t", "\u00e9", "\uD83C\uDFB5", "\u202e", "\uFEFF", "'", "\"", "<", ">", "{", "}",
                "*", "~", "|", "^", "`", UUID.randomUUID().toString()};
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            String atom = atoms[random.nextInt(atoms.length)];
            switch (random.nextInt(4)) {
                case 0 -> out.append(URLEncoder.encode(atom, StandardCharsets.UTF_8).replace("+", "%20"));
                case 1 -> out.append("%").append(String.format("%02X", random.nextInt(256)));
                case 2 -> out.append(atom.codePoints().allMatch(c -> c > 32 && c < 127 && c != '%' && c != '#'
                        && c != '?' && c != '/') ? atom : "x");
                default -> out.append(random.nextBoolean() ? "%" : "%g" + random.nextInt(10));
            }
        }
        return out.toString();
    }

    /** {@code json} with 1-4 random edits: bytes flipped, dropped, duplicated, or the tail cut off. */
    static byte[] mangle(byte[] json, Random random) {
        byte[] out = json.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = concat(Arrays.copyOfRange(out, 0, at),
                        Arrays.copyOfRange(out, at + 1, out.length));
                case 2 -> out = concat(Arrays.copyOfRange(out, 0, at + 1),
                        Arrays.copyOfRange(out, at, out.length));
                default -> out = Arrays.copyOfRange(out, 0, at);
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] part(String boundary, String disposition, String content) {
        return ("--" + boundary + "\r\nContent-Disposition: " + disposition
                + "\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A payload with the token's signature altered: a valid token otherwise. */
    static String tampered(String token) {
        char last = token.charAt(token.length() - 5);
        return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
    }

    /** A well-formed RS256 JWT for "attacker" signed by a key the service never saw. */
    static final String FOREIGN_TOKEN = foreignToken();

    private static String foreignToken() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String header = b64(utf8("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
            long now = System.currentTimeMillis() / 1000;
            String payload = b64(utf8("{\"sub\":\"attacker\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}"));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(utf8(header + "." + payload));
            return header + "." + payload + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] toJson(Object value) {
        return value instanceof JsonNode node ? utf8(node.toString()) : JSON.writeValueAsBytes(value);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
