package com.acme.aepexport.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ChangeView;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.workflow.ExportChanges;
import com.acme.aepexport.workflow.NotChangeableInPlace;

/**
 * {@code PATCH /exports/{id}}: an export changed in place, and Adobe's dataflow with it.
 */
@ExportsApi
@RequiredArgsConstructor
class ChangeController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	/** One strong entity tag of ours: the export's version in quotes. */
	private static final Pattern ETAG = Pattern.compile("\"(\\d{1,18})\"");

	/**
	 * A longer If-Match is a 400: it cannot name a version of ours (at most
	 * {@link ExportController#ETAG_LENGTH} characters), and is not worth parsing.
	 */
	static final int MAX_IF_MATCH = 256;

	private final VisibleExports exports;

	private final RequestReader reader;

	private final ExportChanges changes;

	private final Clock clock;

	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	@Operation(operationId = "changeExport",
			summary = "Change audiences, schedules, file names, keys, the mapping or the manifest file in place",
			description = "A JSON merge patch (RFC 7396) of audiences (with their schedules and file name "
					+ "templates), schedule, mandatoryFields, deduplicationKeys, mapping and file.manifest. The "
					+ "dataflow's change is computed against the dataflow as Adobe holds it and sent as one JSON "
					+ "Patch.\n\n"
					+ "A new `mapping` (whole, checked as POST /exports checks it) is a new mapping set in Adobe's "
					+ "Data Prep, which the dataflow then exports through; the one it replaces stays in Adobe, "
					+ "unattached (Data Prep documents no delete). `file.manifest` turns Adobe's manifest file on or "
					+ "off on the dataflow's target connection.\n\n"
					+ "A list given replaces the export's: an empty `mandatoryFields` or `deduplicationKeys` clears "
					+ "them (so does `null`, which clients generated from this contract leave out). A list left out "
					+ "stays as it is (generated clients: leave a list you do not change unset, not empty).\n\n"
					+ "A patch that changes nothing (the export, with the changes accepted before, already is as "
					+ "asked) is answered 200 with `changed: false`: nothing was changed or sent to Adobe (the request is "
					+ "in the export's history, APPLIED).")
	@ApiResponse(responseCode = "200",
			description = "Changed: Adobe's dataflow carries it (or already did); or, with `changed: false`, "
					+ "nothing to change.",
			headers = @Header(name = "ETag", ref = OpenApiContract.EXPORT_VERSION))
	@ApiResponse(responseCode = "202",
			description = "Accepted, not yet confirmed by Adobe within exports.changes.answer-within (10 s by "
					+ "default): a worker carries the change on, and `change` on the export says where it stands.",
			headers = { @Header(name = "Location", ref = OpenApiContract.EXPORT_LOCATION),
					@Header(name = "ETag", ref = OpenApiContract.EXPORT_VERSION) })
	@ApiResponse(responseCode = "409",
			description = "The export is not SUCCEEDED, or was deleted before Adobe " + "confirmed the change.")
	@ApiResponse(responseCode = "412", description = "If-Match names another version of the export: read it again.")
	@ApiResponse(responseCode = "422",
			description = "A field that cannot change in place (name, sandbox, destination, a file option but "
					+ "manifest; `errors` names each, e.g. `file.format`): create a new export.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused the change (nothing changed); `adobeStatus` and " + "`adobeCode` say how.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MERGE_PATCH,
			schema = @Schema(implementation = ExportPatch.class),
			examples = { @ExampleObject(name = "add an audience, clear the mandatory fields",
					value = "{\"audiences\": [{\"id\": \"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\"}, "
							+ "{\"id\": \"5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f\", \"name\": \"Lapsed buyers\"}], "
							+ "\"mandatoryFields\": []}"),
					@ExampleObject(name = "change the mapping",
							value = "{\"mapping\": [{\"source\": \"person.name.firstName\", \"target\": \"firstName\"}, "
									+ "{\"source\": \"person.name.lastName\", \"target\": \"lastName\"}, "
									+ "{\"source\": \"identityMap.Email\", \"target\": \"Email\"}]}"),
					@ExampleObject(name = "name the files, write a manifest",
							value = "{\"audiences\": [{\"id\": \"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\", "
									+ "\"filenameTemplate\": \"%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%\"}], "
									+ "\"file\": {\"manifest\": true}}") }))
	ResponseEntity<ExportResponse> change(Caller caller, @PathVariable UUID id,
			@Parameter(description = "The ETag of GET /exports/{id}: the change applies only to that version of the "
					+ "export (412 otherwise). Without it, changes are applied in the order they arrive, each to the "
					+ "export as the one before left it.") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) @Size(max = MAX_IF_MATCH) String ifMatch,
			@RequestBody JsonNode body) throws InterruptedException {
		ExportView export = this.exports.find(caller, id);
		if (!body.isObject()) {
			throw new InvalidRequest(List.of(new FieldProblem("", "must be a JSON object (a merge patch)")));
		}
		List<String> fixed = new ArrayList<>(
				body.propertyNames().stream().filter(ExportPatch.FIXED::contains).toList());
		JsonNode file = body.path("file");
		if (file.isObject()) {
			file.propertyNames()
				.stream()
				.filter((option) -> !option.equals(ExportPatch.MANIFEST))
				.forEach((option) -> fixed.add("file." + option));
		}
		if (!fixed.isEmpty()) {
			throw new NotChangeableInPlace(fixed.stream().sorted().toList());
		}
		Set<String> cleared = new HashSet<>();
		List<FieldProblem> notRemovable = new ArrayList<>();
		ObjectNode patch = ((ObjectNode) body).deepCopy();
		if (patch.path("file") instanceof ObjectNode options && options.path(ExportPatch.MANIFEST).isNull()
				&& options.has(ExportPatch.MANIFEST)) {
			// A merge patch's null removes the member: the manifest goes back to its
			// default, none.
			options.remove(ExportPatch.MANIFEST);
			cleared.add("file." + ExportPatch.MANIFEST);
		}
		for (String name : List.copyOf(patch.propertyNames())) {
			if (patch.get(name).isNull()) {
				patch.remove(name);
				if (name.equals("mandatoryFields") || name.equals("deduplicationKeys")) {
					cleared.add(name);
				}
				else {
					notRemovable.add(new FieldProblem(name, "cannot be removed"));
				}
			}
		}
		if (!notRemovable.isEmpty()) {
			throw new InvalidRequest(notRemovable);
		}
		ExportPatch parsed = this.reader.read(patch, ExportPatch.class);
		LocalDate today = LocalDate.now(this.clock);
		ExportChanges.Outcome outcome = this.changes.change(export.id(), new CallerRequest(caller.id(), body),
				expectedVersion(ifMatch), (base) -> parsed.applyTo(base, cleared, today));
		ResponseEntity.BodyBuilder response = outcome.pending()
				? ResponseEntity.accepted().location(URI.create("/exports/" + export.id())) : ResponseEntity.ok();
		boolean changed = outcome.change() != null;
		ChangeView change = changed ? outcome.change() : this.changes.latest(export.id()).orElse(null);
		return response.eTag(ExportResponse.etag(outcome.export()))
			.body(ExportResponse.afterPatch(outcome.export(), change, changed));
	}

	/**
	 * The version {@code If-Match} names: {@code null} for none or {@code *} (the export
	 * exists, or it is a 404), {@code -1} for what names no version of ours (a weak tag,
	 * which never matches, or a foreign one), so that it is a 412.
	 */
	private static Long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		Matcher tag = ETAG.matcher(ifMatch.strip());
		return tag.matches() ? Long.valueOf(tag.group(1)) : -1L;
	}

}
