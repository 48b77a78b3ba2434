package com.acme.aepexport.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.workflow.InvalidField;

/**
 * A {@code POST /exports} body as a command: {@code POST /exports} and its plan read and
 * check a body the same way, and refuse it with the same problem.
 */
@Component
@RequiredArgsConstructor
class ExportCommands {

	private final RequestReader reader;

	private final Clock clock;

	/**
	 * @throws InvalidRequest naming every bad field
	 */
	ExportRequest read(JsonNode body) {
		return this.reader.read(body, ExportRequest.class);
	}

	/**
	 * The request as our canonical JSON, credentials included: what tells a retry from
	 * another request under one idempotency key.
	 */
	byte[] canonical(ExportRequest request) {
		return this.reader.canonical(request);
	}

	/**
	 * The request as a command, once nothing in it is refused.
	 * @param check what Adobe refuses in it
	 * @throws InvalidRequest naming every field refused
	 */
	NewExport checked(ExportRequest request, Caller caller, Function<NewExport, List<InvalidField>> check) {
		NewExport command = request.toCommand(caller.id(), LocalDate.now(this.clock));
		List<FieldProblem> refused = check.apply(command)
			.stream()
			.map((invalid) -> new FieldProblem(invalid.field(), invalid.message()))
			.toList();
		if (!refused.isEmpty()) {
			throw new InvalidRequest(refused);
		}
		return command;
	}

}
