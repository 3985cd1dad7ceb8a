package io.mediajobs.platform;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediajobs.security.CurrentUserId;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui/index.html}; served when
 * {@code springdoc.api-docs.enabled} / {@code springdoc.swagger-ui.enabled}, as in the dev profile). Schemas come
 * from the controllers' own response types; this adds what annotations cannot say once for all operations: bearer
 * (JWT) auth, and the spec's envelope {@code APIResponse} ({@code {success:false, message}}) as every operation's
 * 4XX/5XX answer.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfig {

    static final String BEARER = "bearerAuth";
    static final String ENVELOPE = "APIResponse";

    static {
        // Resolved from the token by an argument resolver, not a request parameter.
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentUserId.class);
    }

    @Bean
    OpenAPI mediaJobsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Media Jobs API").version("1")
                        .description("AI media jobs (noise removal, subtitle generation) on projects and their media "
                                + "assets. Every JSON answer is the envelope {success, data?, message?}; errors are "
                                + "{success: false, message}. Send 'Authorization: Bearer <JWT>' (its sub is the "
                                + "user id); in dev mode POST /api/dev/token issues one."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Operation ids from the controller and method, {@code JobController.list} → {@code jobList}: springdoc's own
     * ({@code list_2}) depend on the order it meets controllers, which would churn the generated client.
     */
    @Bean
    OperationCustomizer operationIds() {
        return (operation, handler) -> {
            String feature = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            String method = handler.getMethod().getName();
            return operation.operationId(Character.toLowerCase(feature.charAt(0)) + feature.substring(1)
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1));
        };
    }

    /** The generic envelope as the spec names it, and the error answers of every operation. */
    @Bean
    OpenApiCustomizer errorEnvelope() {
        return openApi -> {
            Schema<?> envelope = ModelConverters.getInstance()
                    .readAllAsResolvedSchema(io.mediajobs.common.ApiResponse.class).schema.description(
                    "The spec's APIResponse<T>: data on success, message on failure (absent fields are omitted)");
            envelope.getProperties().put("data", new Schema<>().description("T: the operation's payload"));
            openApi.getComponents().addSchemas(ENVELOPE, envelope);
            Content error = new Content().addMediaType("application/json", new MediaType()
                    .schema(new Schema<>().$ref("#/components/schemas/" + ENVELOPE)));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses();
                responses.putIfAbsent("4XX", new ApiResponse().content(error).description(
                        "Refused: {success: false, message} with a message for the user (400 bad input, 401 no or "
                                + "bad token, 404 not found or not yours, 409, 413, 422, 429 too many active jobs)"));
                responses.putIfAbsent("5XX", new ApiResponse().content(error).description(
                        "{success: false, message}: 503 when a dependency (database, Temporal, identity provider) "
                                + "is unreachable; try again"));
            }));
        };
    }
}
