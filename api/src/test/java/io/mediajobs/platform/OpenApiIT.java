package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.RepoFiles;
import io.mediajobs.support.TestApi;

/**
 * The live OpenAPI document against the customer's contract: each TypeScript interface of the spec
 * ({@code shared/spec/ai-jobs-api.md}, parsed here, beside the repository) is a schema of the same name with every
 * field, of the same type and optionality; our extensions are extra optional fields. The document is written to
 * {@code api/target/openapi.json}, from which {@code scripts/test} checks that the TypeScript client's generated
 * types are current ({@code clients/typescript/generate.sh --check}).
 */
class OpenApiIT extends IntegrationTest {

    static final List<String> CHECKED = List.of("JobStatusResponse", "UserJobsResponse", "JobOutputData",
            "SubtitleSegment", "APIResponse");

    @Test
    void theDocumentCarriesTheSpecsInterfacesFieldForField() throws IOException {
        TestApi.Response r = TestApi.anonymous(port).get("/v3/api-docs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Files.write(RepoFiles.root().resolve("api/target/openapi.json"), r.bytes());
        JsonNode schemas = r.json().at("/components/schemas");

        Map<String, Map<String, Field>> spec = interfaces(Files.readString(specFile(), StandardCharsets.UTF_8));
        assertThat(spec).containsKeys(CHECKED.toArray(String[]::new));
        SoftAssertions soft = new SoftAssertions();
        for (String name : CHECKED) {
            JsonNode schema = schemas.path(name);
            soft.assertThat(schema.isMissingNode()).as("schema %s in the document", name).isFalse();
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(n -> required.add(n.asString()));
            for (Field field : spec.get(name).values()) {
                JsonNode property = schema.path("properties").path(field.name());
                String where = name + "." + field.name();
                soft.assertThat(property.isMissingNode()).as("%s is in the document", where).isFalse();
                soft.assertThat(required.contains(field.name())).as("%s is required: %s", where, !field.optional())
                        .isEqualTo(!field.optional());
                soft.assertThat(typeOf(property)).as("%s's type", where).isEqualTo(field.type());
            }
            schema.path("properties").propertyNames().forEach(extra -> {
                if (!spec.get(name).containsKey(extra)) {
                    soft.assertThat(required).as("extension %s.%s must be optional", name, extra)
                            .doesNotContain(extra);
                }
            });
        }
        soft.assertAll();
    }

    @Test
    void everyEndpointIsDocumentedWithBearerAuthAndTheErrorEnvelope() {
        JsonNode doc = TestApi.anonymous(port).get("/v3/api-docs").json();
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(doc.at("/paths").propertyNames()).contains("/api/ai/noise-removal", "/api/ai/subtitle-generation",
                "/api/ai/jobs", "/api/ai/jobs/{jobId}", "/api/ai/jobs/{jobId}/cancel", "/api/ai/jobs/{jobId}/retry",
                "/api/projects", "/api/projects/{projectId}", "/api/projects/{projectId}/assets",
                "/api/assets/{assetId}", "/api/assets/{assetId}/content", "/api/dev/token");
        JsonNode status = doc.at("/paths/~1api~1ai~1jobs~1{jobId}/get");
        assertThat(status.at("/responses/4XX/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/APIResponse");
        assertThat(status.at("/parameters").toString()).contains("jobId").doesNotContain("userId");
        assertThat(TestApi.anonymous(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    // ---- the spec's TypeScript interfaces --------------------------------------------------------------------

    /** One interface field: its TypeScript type normalised ({@code string}, {@code number}, {@code X[]}, ...). */
    record Field(String name, String type, boolean optional) {
    }

    private static final Pattern INTERFACE = Pattern.compile("interface (\\w+)(?:<\\w+>)?\\s*\\{([^}]*)}");
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)(\\?)?:\\s*([^;]+);");

    static Map<String, Map<String, Field>> interfaces(String markdown) {
        Map<String, Map<String, Field>> result = new LinkedHashMap<>();
        Matcher m = INTERFACE.matcher(markdown);
        while (m.find()) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (String line : m.group(2).split("\n")) {
                Matcher f = FIELD.matcher(line.replaceAll("//.*", ""));
                if (f.find()) {
                    fields.put(f.group(1), new Field(f.group(1), normalise(f.group(3)), f.group(2) != null));
                }
            }
            result.put(m.group(1), fields);
        }
        return result;
    }

    /** {@code "a" | "b"} → {@code "a"|"b"} sorted; other types as written, without blanks. */
    private static String normalise(String tsType) {
        String t = tsType.strip();
        if (t.contains("|")) {
            List<String> literals = new ArrayList<>();
            for (String part : t.split("\\|")) {
                literals.add(part.strip());
            }
            literals.sort(null);
            return String.join("|", literals);
        }
        return t.replace(" ", "");
    }

    /** The TypeScript type a schema property stands for, in {@link #normalise}'s form; a generic T is any. */
    private static String typeOf(JsonNode property) {
        JsonNode p = property.has("allOf") ? property.path("allOf").get(0) : property;
        if (p.has("$ref")) {
            String ref = p.path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (p.has("enum")) {
            List<String> literals = new ArrayList<>();
            p.path("enum").forEach(v -> literals.add("\"" + v.asString() + "\""));
            literals.sort(null);
            return String.join("|", literals);
        }
        String type = p.path("type").isArray() ? p.path("type").get(0).asString() : p.path("type").asString("");
        return switch (type) {
            case "integer", "number" -> "number";
            case "array" -> typeOf(p.path("items")) + "[]";
            case "string", "boolean" -> type;
            default -> "T"; // untyped: the envelope's generic data
        };
    }

    /**
     * The contract: the customer's document beside the repository ({@code ../shared/spec}) where there is one, else
     * the copy the repository carries ({@code docs/spec}, for clones without it); the copy must match the original.
     */
    private static Path specFile() throws java.io.IOException {
        Path copy = RepoFiles.root().resolve("docs/spec/ai-jobs-api.md");
        Path original = RepoFiles.root().getParent().resolve("shared/spec/ai-jobs-api.md");
        assertThat(copy).as("the repository's copy of the API spec (docs/spec/ai-jobs-api.md)").isRegularFile();
        if (Files.isRegularFile(original)) {
            assertThat(Files.readString(copy)).as("docs/spec/ai-jobs-api.md is the customer's document unchanged")
                    .isEqualTo(Files.readString(original));
            return original;
        }
        return copy;
    }
}
