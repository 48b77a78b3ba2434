package com.acme.aepexport.support.adobe;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.acme.aepexport.emulator.AdobeEmulator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the requests that WireMock (standing in for Adobe) received against Adobe's
 * published OpenAPI documents, using swagger-request-validator. One instance per
 * document:
 * <ul>
 * <li>{@link #flowService()}: the Flow Service destinations API
 * ({@code destinations.yaml}, server
 * {@code https://{environment}.adobe.io/data/foundation/flowservice});</li>
 * <li>{@link #dataPrep()}: the Data Prep API ({@code data-prep.yaml}, server
 * {@code //{environment}.adobe.io/data/foundation/conversion});</li>
 * <li>{@link #identityService()}: the Identity Service API
 * ({@code identity-service.yaml}, server
 * {@code https://{environment}.adobe.io/data/core}).</li>
 * </ul>
 * <p>
 * The documents are read from where they lie, never copied into the repository:
 * {@code ../shared/reference/adobe-openapi/} relative to the working directory (Maven
 * runs tests in the project root), or the directory named by the system property
 * {@value #DIR_PROPERTY}. When a document is absent nothing is validated against it:
 * {@link #available()} is {@code false}, {@link #skipReason()} says
 * {@code "skipped: <path> not found"}, the reason is logged, and every validating method
 * aborts the calling test through {@link Assumptions#abort(String)} (the test is reported
 * as skipped with that reason: it neither fails nor silently passes). Callers that must
 * go on without the document check {@link #available()} first.
 * <p>
 * How the documents are applied, and every rule that is relaxed (or added) with its
 * reason. For every document:
 * <ol>
 * <li><b>Base path.</b> A document's paths are relative to its server URL; the validator
 * is built with the server's path as base path override, and only journal entries under
 * it are checked. The Identity Service's {@code /data/core} is shared with other Platform
 * APIs (the service reads the Profile API's {@code /data/core/ups/...} too), so only
 * {@code /data/core/idnamespace} and {@code /data/core/identity}, the roots of that
 * document's paths, are taken as its calls.</li>
 * <li><b>Requests, and the emulator's answers.</b> Every request is validated. Answers
 * are validated only where the emulator gave them ({@link #answerViolationsIn}, rule 13):
 * a test stub's own answer is a fault made up on purpose.</li>
 * <li><b>Undocumented calls are not violations.</b> A request whose path or method the
 * document does not describe (e.g. {@code GET /connectionSpecs/{id}}, absent from
 * {@code destinations.yaml}; {@code POST /schemas} and {@code DELETE /mappingSets/{id}},
 * absent from {@code data-prep.yaml}) is listed by {@link #undocumented(WireMockServer)}
 * and ignored by the violation methods. Reason: each document covers only part of its
 * API; the other calls cannot be checked against it.</li>
 * <li><b>Header names are case-insensitive</b> ({@code destinations.yaml} declares
 * {@code Content-type}; clients send {@code Content-Type}). Header parameters are
 * enforced as each document declares them: {@code Authorization}, {@code x-api-key},
 * {@code x-gw-ims-org-id} and {@code x-sandbox-name} on every operation of
 * {@code destinations.yaml} and {@code data-prep.yaml} (for the Identity Service's
 * {@code x-sandbox-name} see rule 11), {@code Content-type} on their POST, PUT and PATCH,
 * {@code if-match} on the Flow Service's PATCH; {@code Accept} is optional. None had to
 * be relaxed: Adobe's API tutorials list the same four headers as required on every call,
 * and the {@code if-match} description of {@code destinations.yaml} asks for the etag on
 * every update.</li>
 * </ol>
 * Flow Service only ({@code destinations.yaml}):
 * <ol start="5">
 * <li><b>Additional properties are allowed</b> (message key
 * {@code validation.schema.additionalProperties} set to {@code IGNORE}, which stops the
 * validator injecting {@code additionalProperties: false} into every object schema).
 * Reason: Adobe's request schemas are composed with {@code allOf}; with injected
 * {@code additionalProperties: false} every {@code allOf} member rejects the properties
 * of the others, so every real request would fail. Properties that the document does not
 * declare (e.g. the target connection's {@code params.mode}) are therefore not
 * checked.</li>
 * <li><b>{@code oneOf} is checked as {@code anyOf}</b> (every {@code oneOf} in the
 * document is rewritten to {@code anyOf} after loading): a value that matches more than
 * one branch is accepted, a value that matches none still fails and the failure lists
 * every branch's errors. Reason: the document's {@code oneOf}s have no discriminator and
 * their branches overlap (e.g. a segment flow create body matches both the legacy and the
 * V2 flow request; the V2 S3 target connection params are a {@code oneOf} of dataset and
 * segment params that share most properties), so "exactly one" rejects valid requests.
 * The rewrite applies at every depth, not only to the body's top-level {@code oneOf} (a
 * nested multiple match would otherwise make its enclosing branch fail). The document has
 * no {@code anyOf} of its own, so every {@code anyOf} failure reported comes from a
 * {@code oneOf}.</li>
 * <li><b>Loose {@code oneOf} for undocumented destinations.</b> The bodies of
 * {@code POST /connections} and {@code POST /targetConnections} are a {@code oneOf} of
 * Amazon S3 and SFTP schemas only, each pinning {@code connectionSpec.id} with an enum
 * (the V2 ids {@code 4fce964d-3f37-408f-9778-e597338a21ee} (S3) and
 * {@code 36965a81-b1c6-401b-99f8-22508f1e6a26} (SFTP), and the legacy ids
 * {@code 4890fc95-5a1f-4983-94bb-e060c08e3f81} and
 * {@code 64ef4b8b-a6e0-41b5-9677-3805d1ee5dd0}; the set is read from the document, not
 * hard-coded). When the body's {@code connectionSpec.id} is one of them, a body that
 * matches no branch is a violation. When it is not (Azure Blob, ADLS Gen2, Data Landing
 * Zone, Google Cloud Storage, which the document does not describe), {@code oneOf}
 * failures are ignored; everything else is still enforced: headers, content type, and the
 * schemas that every branch of the body's {@code oneOf} shares through {@code allOf}
 * ({@code GenericBaseConnectionRequest}: {@code name} required;
 * {@code GenericTargetConnectionRequest}: {@code name} and {@code baseConnectionId}
 * required). Reason: those destinations are real but have no schema in this document, so
 * no branch can match them.</li>
 * <li><b>Loose {@code oneOf} for {@code PATCH /flows/{id}}.</b> {@code oneOf} failures
 * are ignored; the rest of {@code PatchFlowItem} is enforced ({@code op}, {@code path},
 * {@code value} required, {@code op} one of {@code add}, {@code replace}, {@code remove})
 * as are the headers (including {@code If-Match}, which the document requires on PATCH).
 * Reason: a JSON Patch item's {@code value} is an undiscriminated {@code oneOf} of eight
 * schemas (segment selectors, profile selector, schedule params, profile mapping, field
 * lists) whose meaning depends on {@code path}: an added segment selector matches the
 * legacy, V2 and enrichment-info selector schemas at once, and valid values can match
 * none (the document's own example {@code Patch_Batch_Flow_Daily_Full_Once_Chained} sends
 * {@code frequency: CHAINED}, which no selector schema allows).</li>
 * <li><b>Added check: {@code POST /flows} {@code flowSpec.id} must be one the document
 * enumerates</b> (the {@code FlowSpec_V2} enum, read from the document: S3, SFTP, Azure
 * Blob, Google Cloud Storage, Data Landing Zone and ADLS Gen2, segment and dataset).
 * Reason: the legacy branch {@code Create_Batch_Destination_Flow_Request} declares
 * {@code flowSpec} without an enum, so under rule 6 any flow spec id passes through that
 * branch. This is a tightening, not a relaxation: flow spec ids that the document names
 * only in prose (e.g. the legacy cloud-storage id
 * {@code 71471eba-b620-49e4-90fd-23f1fa0174d8}) are rejected.</li>
 * </ol>
 * Known defects of {@code destinations.yaml} that are <em>not</em> relaxed (requests that
 * follow the document's examples rather than its schemas fail): the body of {@code PATCH
 * /connections/{id}} is declared as a single {@code PatchConnectionItem} object while its
 * examples (and JSON Patch) send an array of them; the SFTP password-authentication base
 * connection example pairs the V2 connection spec id with the legacy {@code specName}
 * "Basic Authentication for sftp" (the V2 schema allows only "SFTP with Password").
 * <p>
 * Data Prep and Identity Service only ({@code data-prep.yaml},
 * {@code identity-service.yaml}):
 * <ol start="10">
 * <li><b>Additional properties are rejected</b> (the validator's default, unlike rule 5):
 * these documents compose no request schema with {@code allOf}, so rule 5's reason does
 * not hold, and a misspelt or invented field is reported. {@code data-prep.yaml} declares
 * no {@code required} property in {@code MappingSet} or {@code MappingOperation}: a
 * mapping set is checked for unknown fields, types and the {@code SourceType} enum
 * ({@code ATTRIBUTE}, {@code EXPRESSION}, {@code STATIC}), not for missing fields.</li>
 * <li><b>Added check: the Identity Service's {@code x-sandbox-name} is required.</b> Its
 * parameter is declared optional ("falls back to the default production sandbox"), while
 * the same document's introduction says all requests to Platform APIs require it. The
 * stricter reading is enforced: a call without it would read the production sandbox's
 * identity namespaces into another sandbox's export.</li>
 * <li><b>{@code xdmVersion} is declared on the {@code POST /mappingSets} body</b> (as a
 * string). Reason: {@code MappingSet} does not list it, so rule 10 would reject it, yet
 * Adobe's destination tutorials send {@code "xdmVersion": "1.0"} when creating a mapping
 * set and the document's own {@code MapperSetPage} example returns it on a mapping set.
 * Every other undeclared property is still rejected.</li>
 * </ol>
 * <p>
 * The Flow Service reference ({@code flow-service.yaml},
 * {@link #flowServiceReference()}), checked only for the calls {@code destinations.yaml}
 * lacks:
 * <ol start="14">
 * <li><b>{@code subOp} of {@code POST /flows/{id}/action} is optional.</b> The document
 * marks it required, yet its values ({@code APPLY}, {@code ROLLBACK}, {@code PROGRESS})
 * name steps of an update, none of enabling or disabling a flow, and Adobe's tutorial
 * (UPDATE-DOC) sends none. The {@code op} enum ({@code ENABLE}, {@code DISABLE}, …, in
 * upper case) and {@code If-Match} are enforced as declared. Additional properties are
 * allowed, as in rule 5.</li>
 * </ol>
 * <p>
 * The Ad Hoc Activation API ({@code ad-hoc-activation.yaml}, {@link #adHocActivation()}):
 * <ol start="15">
 * <li><b>Its {@code Accept} header is not checked against the answers' media types.</b>
 * The document declares {@code Accept} as a header parameter whose only value is
 * {@code application/vnd.adobe.adhoc.activation+json; version=2} (it selects v2), yet
 * declares its answers as {@code application/json}; content negotiation would refuse the
 * one value it allows. The parameter's enum is enforced as declared.</li>
 * </ol>
 * <p>
 * The Flow Service reference again, for {@code PATCH /targetConnections/{id}}, which
 * {@code destinations.yaml} lacks too:
 * <ol start="16">
 * <li><b>A {@code PATCH} body's {@code PatchInstruction} takes {@code op} in lower case
 * too, and a {@code value} of any type.</b> The document declares {@code op} as
 * {@code ADD}, {@code REPLACE}, {@code REMOVE} and {@code value} as an object (its
 * example replaces a description), while Adobe's own tutorial (SEED-NEW) turns a target
 * connection's manifest file on with
 * {@code [{"op":"add","path":"/params/includeFileManifest","value":true}]}: lower case,
 * as {@code destinations.yaml}'s {@code PatchFlowItem} and RFC 6902 write it, and a
 * boolean. {@code op}, {@code path} and {@code value} stay required, the {@code op} enum
 * (either case) and the headers, {@code If-Match} included, are enforced.</li>
 * </ol>
 * <p>
 * Answers (every document):
 * <ol start="13">
 * <li><b>An answer may carry more properties than its schema declares</b> (Adobe adds
 * fields), and where the document's own example answers contradict its schema, the
 * examples win (see {@code Api#tolerates}): a run's status outside the enum, an
 * {@code Info.code} against its pattern, Data Prep dates as epoch integers. A path,
 * method or status the document does not describe is not a violation.</li>
 * </ol>
 * <p>
 * Violations of the journal are prefixed with the method and the request URL as WireMock
 * logged it (path, plus the query string when there is one). Instances are cached per
 * document path ({@code destinations.yaml} is 350 KB) and are safe to share between
 * tests.
 */
public final class AdobeOpenApiValidator {

	/** System property naming the directory that holds Adobe's documents. */
	public static final String DIR_PROPERTY = "adobe.openapi.dir";

	/** Default directory, relative to the working directory (the project root). */
	public static final String DEFAULT_DIR = "../shared/reference/adobe-openapi";

	private static final Logger logger = LoggerFactory.getLogger(AdobeOpenApiValidator.class);

	private static final Map<Path, AdobeOpenApiValidator> cache = new ConcurrentHashMap<>();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String ADDITIONAL_PROPERTIES_KEY = "validation.schema.additionalProperties";

	private static final String RESPONSE_ADDITIONAL_PROPERTIES_KEY = "validation.response.body.schema.additionalProperties";

	private static final String PATH_MISSING_KEY = "validation.request.path.missing";

	private static final String OPERATION_NOT_ALLOWED_KEY = "validation.request.operation.notAllowed";

	/** Key suffix of a failed {@code oneOf} once rewritten to {@code anyOf}. */
	private static final String ONE_OF_KEY_SUFFIX = ".schema.anyOf";

	private static final String ALL_OF_KEY_SUFFIX = ".schema.allOf";

	private static final Pattern ANY_OF_TEXT = Pattern
		.compile("Instance failed to match at least one required schema among (\\d+)");

	private static final Pattern BRANCH = Pattern.compile("/anyOf/(\\d+)");

	private static final String SANDBOX_HEADER = "x-sandbox-name";

	/** An answer to a call, or with a status, the document does not describe. */
	private static final Set<String> UNDOCUMENTED_ANSWER_KEYS = Set.of(PATH_MISSING_KEY, OPERATION_NOT_ALLOWED_KEY,
			"validation.response.path.missing", "validation.response.operation.notAllowed",
			"validation.response.status.unknown");

	private final Api api;

	private final Path document;

	private final String skipReason;

	private final OpenApiInteractionValidator validator;

	/** Rules 5 to 9; {@code null} for the other documents. */
	private final FlowServiceRules flowServiceRules;

	private AdobeOpenApiValidator(Api api, Path document, String skipReason) {
		this.api = api;
		this.document = document;
		this.skipReason = skipReason;
		this.validator = null;
		this.flowServiceRules = null;
	}

	private AdobeOpenApiValidator(Api api, Path document, OpenAPI openApi) {
		this.api = api;
		this.document = document;
		this.skipReason = null;
		// the other documents keep the validator's default: undeclared properties fail
		// (rule 10)
		LevelResolver.Builder levels = LevelResolver.create();
		// Rule 13: an answer may carry more than its schema declares.
		levels.withLevel(RESPONSE_ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE);
		if (api == Api.FLOW_SERVICE) {
			levels.withLevel(ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE);
			this.flowServiceRules = new FlowServiceRules(openApi, levels.build());
		}
		else {
			this.flowServiceRules = null;
		}
		if (api == Api.DATA_PREP) {
			declareXdmVersion(openApi);
		}
		if (api == Api.IDENTITY_SERVICE) {
			requireSandboxHeader(openApi);
		}
		if (api == Api.AD_HOC_ACTIVATION) {
			// Rule 15: its Accept is a parameter, not content negotiation.
			levels.withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE);
		}
		if (api == Api.FLOW_SERVICE_REFERENCE) {
			levels.withLevel(ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE);
			optionalSubOp(openApi);
			patchInstructionsAsAdobeSendsThem(openApi);
		}
		this.validator = OpenApiInteractionValidator.createFor(openApi)
			.withBasePathOverride(api.basePath)
			.withLevelResolver(levels.build())
			.build();
	}

	/**
	 * The validator for Adobe's Flow Service destinations document
	 * ({@code destinations.yaml}), loaded once per document path.
	 * @return the validator; check {@link #available()} before relying on it
	 */
	public static AdobeOpenApiValidator flowService() {
		return of(Api.FLOW_SERVICE);
	}

	/**
	 * The validator for Adobe's generic Flow Service reference
	 * ({@code flow-service.yaml}, FS-REF), for the Flow Service calls
	 * {@code destinations.yaml} does not describe: {@code POST /flows/{id}/action} (rule
	 * 14). Loaded once per document path.
	 * @return the validator; check {@link #available()} before relying on it
	 */
	public static AdobeOpenApiValidator flowServiceReference() {
		return of(Api.FLOW_SERVICE_REFERENCE);
	}

	/**
	 * The validator for Adobe's Ad Hoc Activation API ({@code ad-hoc-activation.yaml}):
	 * {@code POST /adhocrun}, its {@code Accept} header (the v2 media type, the only
	 * value its enum allows) and its body ({@code oneOf} v2 / v1), as declared (rule 10).
	 * Loaded once per document path.
	 * @return the validator; check {@link #available()} before relying on it
	 */
	public static AdobeOpenApiValidator adHocActivation() {
		return of(Api.AD_HOC_ACTIVATION);
	}

	/**
	 * The validator for Adobe's Data Prep document ({@code data-prep.yaml}), loaded once
	 * per document path.
	 * @return the validator; check {@link #available()} before relying on it
	 */
	public static AdobeOpenApiValidator dataPrep() {
		return of(Api.DATA_PREP);
	}

	/**
	 * The validator for Adobe's Identity Service document
	 * ({@code identity-service.yaml}), loaded once per document path.
	 * @return the validator; check {@link #available()} before relying on it
	 */
	public static AdobeOpenApiValidator identityService() {
		return of(Api.IDENTITY_SERVICE);
	}

	private static AdobeOpenApiValidator of(Api api) {
		String dir = System.getProperty(DIR_PROPERTY, DEFAULT_DIR);
		Path file = Path.of(dir).resolve(api.document).toAbsolutePath().normalize();
		return cache.computeIfAbsent(file, (path) -> load(api, path));
	}

	private static AdobeOpenApiValidator load(Api api, Path file) {
		if (!Files.isRegularFile(file)) {
			String reason = "skipped: " + file + " not found (set -D" + DIR_PROPERTY + "=<directory holding Adobe's "
					+ api.document + "> to validate " + api.label + " requests)";
			logger.warn("Adobe OpenAPI validation {}", reason);
			return new AdobeOpenApiValidator(api, file, reason);
		}
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		options.setResolveCombinators(false);
		SwaggerParseResult result = new OpenAPIParser().readLocation(file.toUri().toString(), null, options);
		if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
			throw new IllegalStateException("Cannot load " + file + ": " + result.getMessages());
		}
		if (result.getMessages() != null && !result.getMessages().isEmpty()) {
			logger.info("Loaded {} with parser messages: {}", file, result.getMessages());
		}
		return new AdobeOpenApiValidator(api, file, result.getOpenAPI());
	}

	/**
	 * Whether the document was found.
	 * @return {@code false} when the document is absent (see {@link #skipReason()})
	 */
	public boolean available() {
		return this.validator != null;
	}

	/**
	 * Why validation is skipped.
	 * @return {@code "skipped: <path> not found ..."}, or {@code null} when
	 * {@link #available()}
	 */
	public String skipReason() {
		return this.skipReason;
	}

	/**
	 * The document this validator checks against.
	 * @return the absolute path of the document (which may not exist)
	 */
	public Path document() {
		return this.document;
	}

	/**
	 * Validates one request. Requests the document does not describe yield no violations
	 * (see {@link #isDocumented(String, String)}).
	 * @param method the HTTP method
	 * @param path the request path, with or without the base path (e.g.
	 * {@code /data/foundation/flowservice}), may carry a query string
	 * @param headers the request headers (names are case-insensitive)
	 * @param body the request body, {@code null} or empty when there is none
	 * @return human-readable violations, empty when the request is valid
	 */
	public List<String> violations(String method, String path, Map<String, List<String>> headers, String body) {
		return check(method, path, headers, body).violations();
	}

	/**
	 * Validates one request of the WireMock journal, as
	 * {@link #violations(String, String, Map, String)} does.
	 * @param request a request Adobe's stand-in received
	 * @return human-readable violations, empty when the request is valid
	 */
	public List<String> violations(LoggedRequest request) {
		return check(request).violations();
	}

	/**
	 * Whether the document describes the given method and path.
	 * @param method the HTTP method
	 * @param path the request path, with or without the base path
	 * @return {@code true} when an operation of the document matches
	 */
	public boolean isDocumented(String method, String path) {
		return check(method, path, Map.of(), null).undocumented() == null;
	}

	/**
	 * Validates every request of this document's API in the WireMock journal (oldest
	 * first).
	 * @param server the WireMock server standing in for Adobe
	 * @return violations, each prefixed with {@code "METHOD path: "}
	 */
	public List<String> violationsIn(WireMockServer server) {
		List<String> all = new ArrayList<>();
		for (LoggedRequest request : requestsIn(server)) {
			String prefix = request.getMethod().getName() + " " + request.getUrl() + ": ";
			check(request).violations().forEach((violation) -> all.add(prefix + violation));
		}
		return all;
	}

	/**
	 * Lists the requests of this document's API in the WireMock journal that the document
	 * does not describe (they are not violations).
	 * @param server the WireMock server standing in for Adobe
	 * @return one {@code "METHOD path: reason"} entry per undocumented request
	 */
	public List<String> undocumented(WireMockServer server) {
		List<String> all = new ArrayList<>();
		for (LoggedRequest request : requestsIn(server)) {
			String reason = check(request).undocumented();
			if (reason != null) {
				all.add(request.getMethod().getName() + " " + request.getUrl() + ": " + reason);
			}
		}
		return all;
	}

	/**
	 * Asserts that every request of this document's API that WireMock received is valid;
	 * aborts the calling test (reported as skipped) when the document is absent.
	 * @param server the WireMock server standing in for Adobe
	 * @throws AssertionError listing every violation
	 */
	public void assertValid(WireMockServer server) {
		List<String> violations = violationsIn(server);
		List<String> undocumented = undocumented(server);
		if (!undocumented.isEmpty()) {
			logger.info("{} calls not described by {} (not validated):{}", this.api.label, this.document,
					bulleted(undocumented));
		}
		if (!violations.isEmpty()) {
			throw new AssertionError(violations.size() + " " + this.api.label + " request violation(s) of "
					+ this.document + ":" + bulleted(violations));
		}
	}

	/**
	 * Validates what the emulator answered to every call of this document's API in the
	 * WireMock journal, oldest first (rule 13): the answers a test stub made up itself,
	 * and calls answered with a fault, are left out; a path, method or status the
	 * document does not describe is not a violation.
	 * @param server the WireMock server the emulator runs in
	 * @return violations, each prefixed with {@code "METHOD path -> status: "}
	 */
	public List<String> answerViolationsIn(WireMockServer server) {
		requireAvailable();
		List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
		Collections.reverse(events);
		List<String> all = new ArrayList<>();
		for (ServeEvent event : events) {
			LoggedRequest request = event.getRequest();
			if (!this.api.owns(URI.create(request.getUrl()).getRawPath()) || !answeredByEmulator(event)) {
				continue;
			}
			String prefix = request.getMethod().getName() + " " + request.getUrl() + " -> "
					+ event.getResponse().getStatus() + ": ";
			checkAnswer(event).forEach((violation) -> all.add(prefix + violation));
		}
		return all;
	}

	/**
	 * Asserts that everything the emulator answered for this document's API fits it.
	 * @throws AssertionError listing every violation
	 */
	public void assertAnswersValid(WireMockServer server) {
		List<String> violations = answerViolationsIn(server);
		if (!violations.isEmpty()) {
			throw new AssertionError(violations.size() + " " + this.api.label + " answer violation(s) of "
					+ this.document + ":" + bulleted(violations));
		}
	}

	private static boolean answeredByEmulator(ServeEvent event) {
		StubMapping stub = event.getStubMapping();
		List<String> transformers = (stub != null && stub.getResponse() != null) ? stub.getResponse().getTransformers()
				: null;
		return transformers != null && transformers.contains(AdobeEmulator.NAME)
				&& stub.getResponse().getFault() == null && event.getResponse().getFault() == null;
	}

	private List<String> checkAnswer(ServeEvent event) {
		LoggedRequest request = event.getRequest();
		String rawPath = URI.create(request.getUrl()).getRawPath();
		SimpleResponse.Builder response = SimpleResponse.Builder.status(event.getResponse().getStatus());
		event.getResponse().getHeaders().all().forEach((header) -> response.withHeader(header.key(), header.values()));
		String body = event.getResponse().getBodyAsString();
		if (body != null && !body.isEmpty()) {
			response.withBody(body);
		}
		ValidationReport report = this.validator.validateResponse(rawPath,
				com.atlassian.oai.validator.model.Request.Method.valueOf(request.getMethod().getName()),
				response.build());
		List<String> violations = new ArrayList<>();
		for (ValidationReport.Message error : report.getMessages()) {
			if (error.getLevel() != ValidationReport.Level.ERROR || UNDOCUMENTED_ANSWER_KEYS.contains(error.getKey())
					|| this.api.tolerates(error)) {
				continue;
			}
			violations.add(describe(error));
		}
		return violations;
	}

	private static String bulleted(List<String> lines) {
		StringBuilder text = new StringBuilder();
		lines.forEach((line) -> text.append(System.lineSeparator()).append(" - ").append(line));
		return text.toString();
	}

	private List<LoggedRequest> requestsIn(WireMockServer server) {
		requireAvailable();
		List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
		Collections.reverse(events); // the journal lists the newest first
		List<LoggedRequest> requests = new ArrayList<>();
		for (ServeEvent event : events) {
			if (this.api.owns(URI.create(event.getRequest().getUrl()).getRawPath())) {
				requests.add(event.getRequest());
			}
		}
		return requests;
	}

	private Outcome check(LoggedRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.computeIfAbsent(header.key(), (key) -> new ArrayList<>()).addAll(header.values());
		}
		return check(request.getMethod().getName(), request.getUrl(), headers, request.getBodyAsString());
	}

	private void requireAvailable() {
		if (!available()) {
			logger.warn("Adobe OpenAPI validation {}", this.skipReason);
			Assumptions.abort(this.skipReason);
		}
	}

	private Outcome check(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
		requireAvailable();
		URI uri = URI.create(pathAndQuery);
		String rawPath = uri.getRawPath();
		String basePath = this.api.basePath;
		String fullPath = (rawPath.equals(basePath) || rawPath.startsWith(basePath + "/")) ? rawPath
				: basePath + rawPath;
		SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), fullPath, false);
		Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach(
				(name, values) -> caseInsensitive.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
		caseInsensitive.forEach(request::withHeader);
		queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
		boolean hasBody = body != null && !body.isEmpty();
		if (hasBody) {
			request.withBody(body);
		}
		ValidationReport report = this.validator.validateRequest(request.build());
		List<ValidationReport.Message> errors = report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.toList();
		for (ValidationReport.Message error : errors) {
			if (error.getKey().equals(PATH_MISSING_KEY) || error.getKey().equals(OPERATION_NOT_ALLOWED_KEY)) {
				return new Outcome(List.of(),
						"not described by " + this.api.document + " (" + error.getMessage() + ")");
			}
		}
		List<String> violations = new ArrayList<>();
		boolean looseOneOf = false;
		if (this.flowServiceRules != null) {
			String apiPath = fullPath.substring(basePath.length());
			looseOneOf = this.flowServiceRules.check(method.toUpperCase(Locale.ROOT), apiPath, body, violations);
		}
		for (ValidationReport.Message error : errors) {
			if (looseOneOf && error.getKey().endsWith(ONE_OF_KEY_SUFFIX)) {
				continue;
			}
			violations.add(describe(error));
		}
		return new Outcome(List.copyOf(violations), null);
	}

	private static String describe(ValidationReport.Message message) {
		List<String> lines = new ArrayList<>();
		describe(message, "", lines);
		return String.join(System.lineSeparator(), lines);
	}

	private static void describe(ValidationReport.Message message, String indent, List<String> lines) {
		List<ValidationReport.Message> nested = message.getNestedMessages();
		if (message.getKey().endsWith(ALL_OF_KEY_SUFFIX) && !nested.isEmpty()) {
			// "failed to match all required schemas": the members' own errors say more
			nested.forEach((member) -> describe(member, indent, lines));
			return;
		}
		if (!message.getKey().endsWith(ONE_OF_KEY_SUFFIX) || nested.isEmpty()) {
			lines.add(indent + message.getMessage());
			message.getAdditionalInfo().forEach((info) -> lines.add(indent + "    " + info));
			return;
		}
		lines.add(indent + ANY_OF_TEXT.matcher(message.getMessage())
			.replaceFirst(
					"Matches none of the $1 branches of its oneOf (no discriminator; the errors of each branch follow)"));
		String schemaPointer = schemaPointer(message);
		Map<String, List<ValidationReport.Message>> branches = new LinkedHashMap<>();
		for (ValidationReport.Message member : nested) {
			String relative = schemaPointer(member).startsWith(schemaPointer)
					? schemaPointer(member).substring(schemaPointer.length()) : "";
			Matcher branch = BRANCH.matcher(relative);
			branches.computeIfAbsent(branch.lookingAt() ? branch.group(1) : "?", (key) -> new ArrayList<>())
				.add(member);
		}
		branches.forEach((index, members) -> {
			lines.add(indent + "    branch " + index + ":");
			members.forEach((member) -> describe(member, indent + "        ", lines));
		});
	}

	private static String schemaPointer(ValidationReport.Message message) {
		return message.getContext()
			.flatMap(ValidationReport.MessageContext::getPointers)
			.map(ValidationReport.MessageContext.Pointers::getSchema)
			.orElse("");
	}

	private static Map<String, List<String>> queryParameters(String rawQuery) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return null; // the validator reports unparseable bodies itself
		}
	}

	private static String text(JsonNode node, String... names) {
		JsonNode current = node;
		for (String name : names) {
			if (current == null || !current.isObject()) {
				return null;
			}
			current = current.get(name);
		}
		return (current != null && current.isString()) ? current.asString() : null;
	}

	private static Schema<?> requestBodySchema(OpenAPI api, String path, PathItem.HttpMethod method) {
		PathItem item = api.getPaths().get(path);
		Operation operation = (item != null) ? item.readOperationsMap().get(method) : null;
		RequestBody body = (operation != null) ? operation.getRequestBody() : null;
		MediaType media = (body != null && body.getContent() != null) ? body.getContent().get("application/json")
				: null;
		if (media == null || media.getSchema() == null) {
			throw new IllegalStateException(method + " " + path + " has no application/json request body in the "
					+ "document; the rules of " + AdobeOpenApiValidator.class.getSimpleName() + " need revisiting");
		}
		return media.getSchema();
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static List<Schema<?>> oneOfBranches(Schema<?> schema) {
		List<Schema> oneOf = schema.getOneOf();
		return (oneOf != null) ? (List) List.copyOf(oneOf) : List.of(schema);
	}

	/**
	 * Collects the enum values of the property at {@code names} (e.g. connectionSpec,
	 * id), following allOf, oneOf and anyOf.
	 */
	private static Set<String> enumValuesAt(Collection<Schema<?>> schemas, String... names) {
		Set<String> values = new LinkedHashSet<>();
		Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		schemas.forEach((schema) -> collectEnumValues(schema, names, 0, values, seen));
		return values;
	}

	@SuppressWarnings("rawtypes")
	private static void collectEnumValues(Schema<?> schema, String[] names, int depth, Set<String> values,
			Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return; // seen holds the schemas on the current path: a cycle
		}
		if (depth == names.length) {
			if (schema.getEnum() != null) {
				schema.getEnum().forEach((value) -> values.add(String.valueOf(value)));
			}
		}
		else if (schema.getProperties() != null) {
			collectEnumValues(schema.getProperties().get(names[depth]), names, depth + 1, values, seen);
		}
		for (List<Schema> combined : combinators(schema)) {
			for (Schema member : combined) {
				collectEnumValues(member, names, depth, values, seen);
			}
		}
		seen.remove(schema);
	}

	@SuppressWarnings("rawtypes")
	private static List<List<Schema>> combinators(Schema<?> schema) {
		List<List<Schema>> all = new ArrayList<>();
		for (List<Schema> combined : List.of(nullToEmpty(schema.getAllOf()), nullToEmpty(schema.getOneOf()),
				nullToEmpty(schema.getAnyOf()))) {
			all.add(combined);
		}
		return all;
	}

	@SuppressWarnings("rawtypes")
	private static List<Schema> nullToEmpty(List<Schema> schemas) {
		return (schemas != null) ? schemas : List.of();
	}

	/** The allOf members (compared structurally) that every branch has. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static List<Schema<?>> sharedAllOfMembers(List<Schema<?>> branches) {
		List<Schema<?>> shared = null;
		for (Schema<?> branch : branches) {
			List<Schema<?>> members = (List) nullToEmpty(branch.getAllOf());
			if (shared == null) {
				shared = new ArrayList<>(members);
			}
			else {
				shared.retainAll(members);
			}
		}
		return (shared != null) ? List.copyOf(shared) : List.of();
	}

	/** Rewrites every oneOf reachable from the request side of the document to anyOf. */
	private static void rewriteOneOfAsAnyOf(OpenAPI api) {
		Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
			api.getComponents().getSchemas().values().forEach((schema) -> rewrite(schema, seen));
		}
		for (PathItem item : api.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				if (operation.getParameters() != null) {
					for (Parameter parameter : operation.getParameters()) {
						rewrite(parameter.getSchema(), seen);
					}
				}
				if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
					operation.getRequestBody()
						.getContent()
						.values()
						.forEach((media) -> rewrite(media.getSchema(), seen));
				}
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void rewrite(Schema<?> schema, Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return;
		}
		List<Schema> oneOf = schema.getOneOf();
		if (oneOf != null) {
			schema.setOneOf(null);
			if (schema.getAnyOf() == null) {
				schema.setAnyOf(new ArrayList<>(oneOf));
			}
			else {
				Schema wrapper = new Schema<>();
				wrapper.setAnyOf(new ArrayList<>(oneOf));
				List<Schema> allOf = new ArrayList<>(nullToEmpty(schema.getAllOf()));
				allOf.add(wrapper);
				schema.setAllOf(allOf);
			}
		}
		for (List<Schema> combined : combinators(schema)) {
			combined.forEach((member) -> rewrite(member, seen));
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach((property) -> rewrite(property, seen));
		}
		rewrite(schema.getItems(), seen);
		rewrite(schema.getNot(), seen);
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			rewrite(additional, seen);
		}
	}

	/** Rule 12. */
	private static void declareXdmVersion(OpenAPI api) {
		Schema<?> mappingSet = requestBodySchema(api, "/mappingSets", PathItem.HttpMethod.POST);
		if (mappingSet.getProperties() == null || !mappingSet.getProperties().containsKey("xdmVersion")) {
			mappingSet.addProperty("xdmVersion", new StringSchema());
		}
	}

	/** Rule 11. */
	private static void requireSandboxHeader(OpenAPI api) {
		for (PathItem item : api.getPaths().values()) {
			List<Parameter> parameters = new ArrayList<>(Objects.requireNonNullElse(item.getParameters(), List.of()));
			item.readOperations()
				.forEach((operation) -> parameters
					.addAll(Objects.requireNonNullElse(operation.getParameters(), List.of())));
			for (Parameter parameter : parameters) {
				if ("header".equals(parameter.getIn()) && SANDBOX_HEADER.equalsIgnoreCase(parameter.getName())) {
					parameter.setRequired(true);
				}
			}
		}
	}

	/** Rule 14. */
	private static void optionalSubOp(OpenAPI api) {
		Operation action = api.getPaths().get("/flows/{FLOW_ID}/action").getPost();
		action.getParameters()
			.stream()
			.filter((parameter) -> "query".equals(parameter.getIn()) && "subOp".equals(parameter.getName()))
			.forEach((parameter) -> parameter.setRequired(false));
	}

	/** Rule 16. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void patchInstructionsAsAdobeSendsThem(OpenAPI api) {
		Schema<?> instruction = requestBodySchema(api, "/targetConnections/{TARGET_CONNECTION_ID}",
				PathItem.HttpMethod.PATCH)
			.getItems();
		Schema op = instruction.getProperties().get("op");
		List<Object> ops = new ArrayList<>(op.getEnum());
		op.getEnum().forEach((value) -> ops.add(value.toString().toLowerCase(Locale.ROOT)));
		op.setEnum(ops);
		instruction.getProperties().put("value", new Schema<>());
	}

	/** Adobe's documents, and which of the calls WireMock received each describes. */
	private enum Api {

		FLOW_SERVICE("Flow Service", "destinations.yaml", "/data/foundation/flowservice"),

		// only the calls destinations.yaml does not describe are checked against it
		FLOW_SERVICE_REFERENCE("Flow Service (reference)", "flow-service.yaml", "/data/foundation/flowservice"),

		DATA_PREP("Data Prep", "data-prep.yaml", "/data/foundation/conversion"),

		AD_HOC_ACTIVATION("Ad Hoc Activation", "ad-hoc-activation.yaml", "/data/core/activation/disflowprovider"),

		// /data/core is shared with other Platform APIs (rule 1)
		IDENTITY_SERVICE("Identity Service", "identity-service.yaml", "/data/core", "/idnamespace", "/identity");

		private final String label;

		private final String document;

		/** The path of the document's server URL; its paths are relative to it. */
		private final String basePath;

		/** The path prefixes that are this API's calls. */
		private final List<String> roots;

		Api(String label, String document, String basePath, String... roots) {
			this.label = label;
			this.document = document;
			this.basePath = basePath;
			this.roots = Arrays.stream((roots.length > 0) ? roots : new String[] { "" }).map(basePath::concat).toList();
		}

		boolean owns(String rawPath) {
			return this.roots.stream().anyMatch((root) -> rawPath.equals(root) || rawPath.startsWith(root + "/"));
		}

		/**
		 * Rule 13's exceptions, each where the document's own example answers contradict
		 * its schema (the emulator answers as the examples do):
		 * <ul>
		 * <li>a run's {@code metrics.statusSummary.status}: the enum says
		 * {@code Success|Processing|Waiting|Failed}, the examples {@code success},
		 * {@code failed}; the emulator also sends values no document lists
		 * ({@code partialSuccess}, {@code cancelled}), on purpose;</li>
		 * <li>an error or failure {@code code} ({@code Info.code}): the pattern asks for
		 * {@code ABC-123-456}, the examples give
		 * {@code ACTIVATION_BATCH-0000-FAILED};</li>
		 * <li>Data Prep's {@code createdDate} and {@code modifiedDate}: the schema says a
		 * date-time string, every example an epoch-milliseconds integer.</li>
		 * </ul>
		 */
		boolean tolerates(ValidationReport.Message error) {
			String at = error.getContext()
				.flatMap(ValidationReport.MessageContext::getPointers)
				.map(ValidationReport.MessageContext.Pointers::getInstance)
				.orElse("");
			return switch (this) {
				case FLOW_SERVICE -> (error.getKey().endsWith(".enum") && at.endsWith("/statusSummary/status"))
						|| (error.getKey().endsWith(".pattern") && at.matches(".*/(errors|failedInfo)/\\d+/code"));
				case DATA_PREP -> error.getKey().endsWith(".type") && at.matches("/(createdDate|modifiedDate)");
				case FLOW_SERVICE_REFERENCE, AD_HOC_ACTIVATION, IDENTITY_SERVICE -> false;
			};
		}

	}

	/**
	 * Rules 5 to 9, which only {@code destinations.yaml} needs. Reads the enums that
	 * rules 7 and 9 rely on before rewriting the document's {@code oneOf}s (rule 6).
	 */
	private static final class FlowServiceRules {

		private static final Pattern FLOW_ITEM_PATH = Pattern.compile("/flows/[^/]+");

		private static final Set<String> CONNECTION_PATHS = Set.of("/connections", "/targetConnections");

		private final SchemaValidator schemaValidator;

		/**
		 * Per connection path: connection spec ids the body's oneOf branches enumerate.
		 */
		private final Map<String, Set<String>> documentedConnectionSpecIds;

		/** Per connection path: schemas every branch of the body's oneOf shares. */
		private final Map<String, List<Schema<?>>> sharedConnectionSchemas;

		private final Set<String> documentedFlowSpecIds;

		FlowServiceRules(OpenAPI api, LevelResolver levels) {
			Map<String, Set<String>> specIds = new LinkedHashMap<>();
			Map<String, List<Schema<?>>> shared = new LinkedHashMap<>();
			for (String path : CONNECTION_PATHS) {
				List<Schema<?>> branches = oneOfBranches(requestBodySchema(api, path, PathItem.HttpMethod.POST));
				specIds.put(path, Set.copyOf(enumValuesAt(branches, "connectionSpec", "id")));
				shared.put(path, sharedAllOfMembers(branches));
			}
			this.documentedConnectionSpecIds = Map.copyOf(specIds);
			this.sharedConnectionSchemas = Map.copyOf(shared);
			this.documentedFlowSpecIds = Collections.unmodifiableSet(enumValuesAt(
					oneOfBranches(requestBodySchema(api, "/flows", PathItem.HttpMethod.POST)), "flowSpec", "id"));
			rewriteOneOfAsAnyOf(api);
			this.schemaValidator = new SchemaValidator(api, new MessageResolver(levels));
		}

		/**
		 * Adds the violations of rules 7 (the shared schemas) and 9.
		 * @param method the HTTP method, upper case
		 * @param apiPath the request path relative to the base path
		 * @return whether the request's {@code oneOf} failures are ignored (rules 7 and
		 * 8)
		 */
		boolean check(String method, String apiPath, String body, List<String> violations) {
			JsonNode tree = (body != null && !body.isEmpty()) ? parse(body) : null;
			boolean looseOneOf = method.equals("PATCH") && FLOW_ITEM_PATH.matcher(apiPath).matches();
			if (method.equals("POST") && CONNECTION_PATHS.contains(apiPath)) {
				String specId = text(tree, "connectionSpec", "id");
				if (specId != null && !this.documentedConnectionSpecIds.get(apiPath).contains(specId)) {
					looseOneOf = true;
					for (Schema<?> shared : this.sharedConnectionSchemas.get(apiPath)) {
						String label = "[" + Objects.requireNonNullElse(shared.getTitle(), "schema")
								+ ", shared by every oneOf branch] ";
						this.schemaValidator.validate(body, shared, "request.body")
							.getMessages()
							.stream()
							.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
							.forEach((message) -> violations.add(label + describe(message)));
					}
				}
			}
			if (method.equals("POST") && apiPath.equals("/flows") && !this.documentedFlowSpecIds.isEmpty()) {
				String flowSpecId = text(tree, "flowSpec", "id");
				if (flowSpecId != null && !this.documentedFlowSpecIds.contains(flowSpecId)) {
					violations.add("[Path '/flowSpec/id'] Flow spec id '" + flowSpecId
							+ "' is not one of the flow spec ids the document enumerates "
							+ this.documentedFlowSpecIds);
				}
			}
			return looseOneOf;
		}

	}

	private record Outcome(List<String> violations, String undocumented) {
	}

}
