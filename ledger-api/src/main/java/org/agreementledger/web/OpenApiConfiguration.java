package org.agreementledger.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agreementledger.integrity.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI document (served at /v3/api-docs, browsable at /swagger-ui.html), made a contract a
 * client generator can use: its cover, the bearer scheme, and for every operation, in one place, the
 * roles it needs (as {@link SecurityConfiguration#rolesFor} decides them) and the RFC 9457 problem
 * documents it answers. Controllers only say what each operation is (its summary). Redocly's
 * recommended rules report no error on it ({@code OpenApiLintTest}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    /** The role an operation needs, for a reader or a generator: public, auditor or archivist. */
    static final String ROLE_EXTENSION = "x-ledger-role";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Every answer that is not a success, by status: what it means here. */
    private static final Map<String, String> PROBLEMS = problems();

    private static Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Refused: a parameter, the body or the URL; field names it and nothing was appended");
        problems.put("401", "No token, or one that is unknown or revoked (field: Authorization)");
        problems.put("403", "The token's role may not do this (field: Authorization)");
        problems.put("404", "No agreement or agency of that id");
        problems.put("409", "Another append to the same agreement came first; read its history and decide again");
        problems.put("413", "The upload is larger than ledger.imports.max-upload-size (field: file)");
        problems.put("415", "The body is not of a type this operation reads");
        problems.put("500", "A failure the ledger did not foresee, logged at the instant the detail gives");
        problems.put("503", "The database is out, or the ledger is still loading (how far: loading); Retry-After"
                + " says when to ask again");
        return problems;
    }

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI().info(new Info().title("Agreement Ledger API")
                        .description("The history of ICE's 287(g) agreements: reports (counts over time, the agreements"
                                + " in force, published figures reconciled), agreements and agencies with their"
                                + " histories, appends and imports (an archivist's bearer token) and the hash chain"
                                + " that proves nobody rewrote them. Dates are YYYY-MM-DD; knownAt defaults to today."
                                + " Every error is an RFC 9457 problem document naming the parameter in `field`. On a"
                                + " ledger holding synthetic data, JSON objects carry \"synthetic\": true and a"
                                + " \"notice\", CSV a first '#' line.")
                        .version("0.1")
                        .license(new License().name("ICE's lists are works of the U.S. Government, in the public"
                                + " domain").url("https://www.usa.gov/government-works")))
                .servers(List.of(new Server().url("/").description("the ledger serving this document")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A token from `bin/ledger token create --role auditor|archivist`"
                                        + " (<id>.<secret>), or the LEDGER_ARCHIVIST_TOKEN. Auditors read everything and"
                                        + " verify; archivists also append and import. Reads of the public record need"
                                        + " none.")));
    }

    /** RFC 9457's members, and the ledger's own: the field refused, how far loading has got. */
    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", schema("string", "A URI reference naming the problem type; about:blank here")
                .format("uri-reference"));
        properties.put("title", schema("string", "A short summary of the problem type"));
        properties.put("status", schema("integer", "The HTTP status code").format("int32"));
        properties.put("detail", schema("string", "What went wrong with this request, in words"));
        properties.put("instance", schema("string", "The path of the request").format("uri-reference"));
        properties.put("field", schema("string", "The parameter, body field or header refused (source.kind,"
                + " Authorization, file, path, ...)"));
        properties.put("loading", schema("object", "While the ledger loads: files done of total, rows/s, time left"));
        Schema<Object> problem = schema("object", "An RFC 9457 problem document (application/problem+json)");
        problem.setProperties(properties);
        problem.setRequired(List.of("title", "status", "detail"));
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static Schema<Object> schema(String type, String description) {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(Set.of(type));
        schema.setType(type);
        return schema.description(description);
    }

    @Bean
    OpenApiCustomizer rolesAndProblems() {
        return openApi -> {
            // here, not in the cover: springdoc drops schemas nothing refers to before customizers run
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getComponents().setResponses(new LinkedHashMap<>());
            PROBLEMS.forEach((status, description) -> openApi.getComponents().addResponses(status, new ApiResponse()
                    .description(description).content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, HttpMethod.valueOf(method.name()), operation)));
        };
    }

    private static void describe(String path, HttpMethod method, Operation operation) {
        List<Role> roles = SecurityConfiguration.rolesFor(method, path);
        // OpenAPI 3.1: a requirement of an http scheme may list the roles it needs; one requirement per role
        operation.setSecurity(roles.stream().map(role -> new SecurityRequirement().addList(BEARER, role.label()))
                .toList());
        String role = roles.isEmpty() ? "public" : roles.get(0).label();
        operation.addExtension(ROLE_EXTENSION, role);
        String needs = roles.isEmpty() ? "Public: no token needed."
                : roles.size() == 1 ? "Needs an " + role + "'s token." : "Needs an auditor's or archivist's token.";
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + " " + needs);

        ApiResponses responses = operation.getResponses();
        for (String status : PROBLEMS.keySet()) {
            if (answers(status, path, method, roles) && !responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status));
            }
        }
    }

    /** Whether an operation can answer this problem status. */
    private static boolean answers(String status, String path, HttpMethod method, List<Role> roles) {
        boolean append = HttpMethod.POST.equals(method);
        return switch (status) {
            case "401", "403" -> !roles.isEmpty();
            case "404" -> path.contains("{agreementId}") || path.contains("{agencyId}");
            case "409", "415" -> append;
            case "413" -> append && path.startsWith("/api/imports");
            case "503" -> !path.equals("/api/status"); // the status answers while the database is out
            default -> true; // 400 (the URL or a parameter), 500, 503: any operation
        };
    }
}
