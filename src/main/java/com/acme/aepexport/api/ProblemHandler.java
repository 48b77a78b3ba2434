package com.acme.aepexport.api;

import java.net.URI;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.acme.aepexport.export.DataflowAlreadyExported;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportVersionMismatch;
import com.acme.aepexport.export.IdempotencyKeyReused;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.workflow.ActivationNotAllowed;
import com.acme.aepexport.workflow.AdobeProblem;
import com.acme.aepexport.workflow.AdobeRefused;
import com.acme.aepexport.workflow.AdobeUnavailable;
import com.acme.aepexport.workflow.DataflowKind;
import com.acme.aepexport.workflow.DataflowNotFound;
import com.acme.aepexport.workflow.InvalidContinuationToken;
import com.acme.aepexport.workflow.NoDataflowYet;
import com.acme.aepexport.workflow.NotChangeableInPlace;
import com.acme.aepexport.workflow.NotImportable;
import com.acme.aepexport.webhook.DeliveryNotFound;
import com.acme.aepexport.webhook.SubscriptionNotFound;
import com.acme.aepexport.webhook.TargetRefused;

/**
 * Turns every error into an RFC 9457 problem with a stable {@code type}; validation
 * problems list every bad field at once in {@code errors[]} (the first
 * {@value #MAX_ERRORS}). Every problem written is held to the bounds the contract states
 * ({@link #bounded}).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

	static final int RETRY_AFTER_SECONDS = 5;

	/** A problem's type and title. */
	static final int MAX_TITLE = 256;

	/** A problem's detail: a longer one is cut, ending with "…". */
	static final int MAX_DETAIL = 2000;

	/** The path a problem names as its instance; a longer one is left out. */
	static final int MAX_INSTANCE = 2048;

	/** The bad fields listed, the first by path; a request can break more rules. */
	static final int MAX_ERRORS = 1000;

	/** The JSON path of a bad field: a longer one is cut, ending with "…". */
	static final int MAX_FIELD = 512;

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/**
	 * Whatever a caller named that is not there, or not theirs: one problem, its title
	 * saying what.
	 */
	@ExceptionHandler({ ExportNotFound.class, SubscriptionNotFound.class, DeliveryNotFound.class,
			ActivationNotFound.class, RunNotFound.class, DataflowNotFound.class })
	ProblemDetail notFound(RuntimeException ex) {
		String title = switch (ex) {
			case SubscriptionNotFound unknown -> "Webhook subscription not found";
			case DeliveryNotFound unknown -> "Delivery not found";
			case ActivationNotFound unknown -> "Activation not found";
			case RunNotFound unknown -> "Run not found";
			case DataflowNotFound unknown -> "Dataflow not found";
			default -> "Export not found";
		};
		return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, title, ex.getMessage());
	}

	/** A webhook's URL the target rules refuse, named as the field it is. */
	@ExceptionHandler
	ProblemDetail targetRefused(TargetRefused ex) {
		return invalid(List.of(new FieldProblem("url", ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail noDataflow(NoDataflowYet ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "No dataflow yet", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badToken(InvalidContinuationToken ex) {
		return invalid(List.of(new FieldProblem("continuationToken", ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail notChangeable(NotChangeableInPlace ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.NOT_CHANGEABLE_IN_PLACE,
				"Create a new export for this change", ex.getMessage());
		problem.setProperty("errors",
				ex.fields()
					.stream()
					.map((field) -> new FieldProblem(field, "cannot change in place; create a new export"))
					.toList());
		return problem;
	}

	/**
	 * An ad hoc activation job a guardrail forbids: 409 when it may pass later, 422 when
	 * it cannot be made as asked; every audience refused in {@code errors}.
	 */
	@ExceptionHandler
	ProblemDetail activationNotAllowed(ActivationNotAllowed ex) {
		ProblemDetail problem = ex.conflict()
				? problem(HttpStatus.CONFLICT, ProblemTypes.ACTIVATION_NOT_ALLOWED, "Not possible now", ex.getMessage())
				: problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.ACTIVATION_NOT_ALLOWED,
						"Adobe runs no such job", ex.getMessage());
		problem.setProperty("guardrail", ex.guardrail().name());
		problem.setProperty("errors", ex.violations()
			.stream()
			.map((violation) -> new FieldProblem(violation.field(), violation.guardrail() + ": " + violation.message()))
			.toList());
		return problem;
	}

	/**
	 * A dataflow that cannot be imported: what it is ({@code dataflowKind}), and the
	 * values an export cannot hold, if that is why.
	 */
	@ExceptionHandler
	ProblemDetail notImportable(NotImportable ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.NOT_IMPORTABLE,
				(ex.kind() == DataflowKind.AUDIENCE_FILE_EXPORT) ? "The dataflow holds what an export cannot"
						: "Not a file-based audience export",
				ex.getMessage());
		problem.setProperty("dataflowKind", ex.kind().name());
		if (!ex.fields().isEmpty()) {
			problem.setProperty("errors",
					ex.fields().stream().map((field) -> new FieldProblem(field.field(), field.message())).toList());
		}
		return problem;
	}

	/**
	 * A dataflow an export has already: the export is named to its owner (or an admin)
	 * only, as another caller's export is not found.
	 */
	@ExceptionHandler
	ProblemDetail dataflowExported(DataflowAlreadyExported ex) {
		Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
		Optional<ExportId> visible = ex.exportSeenBy(caller::mayAccess);
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.DATAFLOW_EXPORTED,
				"The dataflow is an export already",
				"Dataflow " + ex.flowId() + " is already "
						+ visible.map((id) -> "export " + id).orElse("an export (not one of yours)")
						+ ": one export per dataflow. Nothing was asked of Adobe.");
		visible.ifPresent((id) -> problem.setProperty("exportId", id.value()));
		return problem;
	}

	/** Adobe refused a change or a read made for the caller: 502, with Adobe's words. */
	@ExceptionHandler
	ProblemDetail refused(AdobeRefused ex) {
		return adobeProblem(HttpStatus.BAD_GATEWAY, "Adobe refused the request", ex);
	}

	/**
	 * Adobe did not answer (after retries): 504 when not in the time a caller is given,
	 * else 503 with {@code Retry-After}, since trying again later may work.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(AdobeUnavailable ex) {
		if (ex.timedOut()) {
			return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
				.body(adobeProblem(HttpStatus.GATEWAY_TIMEOUT, "Adobe did not answer in time", ex));
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(adobeProblem(HttpStatus.SERVICE_UNAVAILABLE, "Adobe is unavailable", ex));
	}

	private static ProblemDetail adobeProblem(HttpStatus status, String title, AdobeProblem ex) {
		ProblemDetail problem = problem(status, ProblemTypes.ADOBE, title, ex.getMessage());
		problem.setProperty("adobeStatus", ex.httpStatus());
		problem.setProperty("adobeCode", ex.adobeCode());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail versionMismatch(ExportVersionMismatch ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.VERSION_MISMATCH,
				"The export changed since that version", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(IllegalExportTransition ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Not possible in the export's current state",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReused ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
				"Idempotency-Key already used for another request", ex.getMessage());
	}

	/**
	 * The database is away (restarting, failing over): nothing was stored, so the caller
	 * may simply try again; a 500 would not say that.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE,
				"Temporarily unavailable", "The export store is unavailable; nothing was stored. Try again shortly.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(problem);
	}

	/**
	 * The database went away in the middle of a transaction: the statement failed (a
	 * {@link DataAccessResourceFailureException}), the pool closed the broken connection,
	 * the rollback on it failed too, and Spring reports the rollback's failure instead.
	 * Nothing was committed: a 503 like above. Such failures of other causes than JDBC
	 * are rethrown, to be the 500 they are.
	 */
	@ExceptionHandler({ TransactionSystemException.class, UncategorizedDataAccessException.class })
	ResponseEntity<ProblemDetail> transactionFailed(Exception ex) throws Exception {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException) {
				return unavailable(ex);
			}
		}
		throw ex;
	}

	/**
	 * Anything else is our fault: a problem that says so, the details in our log only.
	 */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Request failed unexpectedly", ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.UNEXPECTED, "Internal error",
				"The request failed on our side; it has been logged.");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidParameters(ConstraintViolationException ex) {
		return invalid(ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldProblem(error.getField(), message(error)))
			.toList();
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	/**
	 * A query parameter or path variable that is not of its type ({@code ?status=DONE},
	 * an id that is no UUID): a validation problem naming it, like any bad field.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		String message = (type == null) ? "has the wrong type"
				: type.isEnum() ? "must be one of " + List.of(type.getEnumConstants())
						: "must be a " + ((type == UUID.class) ? "UUID" : type.getSimpleName());
		return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(field, message))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof RequestSizeLimit.TooLarge tooLarge) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge.maxBytes));
		}
		if (cause instanceof StreamConstraintsException exceeded) {
			return ResponseEntity.badRequest().body(limitExceeded(exceeded));
		}
		if (cause instanceof JacksonException json && !(cause instanceof StreamReadException)
				&& !json.getPath().isEmpty()) {
			return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(path(json), reason(json)))));
		}
		// Parser messages can quote the input, which may hold a secret: say only where it
		// broke.
		String where = (cause instanceof JacksonException json && json.getLocation() != null)
				? " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")"
				: "";
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request",
				"The body is not valid JSON" + where);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequest ex) {
		return invalid(ex.problems());
	}

	static ProblemDetail tooLarge(long maxBytes) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Request too large",
				"The request body is larger than the " + maxBytes + " bytes accepted.");
	}

	/**
	 * A body past one of {@link RequestLimits}, named with its setting; Jackson's own
	 * limits (should one be checked that {@link RequestLimits} does not name) say less.
	 */
	private static ProblemDetail limitExceeded(StreamConstraintsException ex) {
		String detail = (ex instanceof RequestLimits.Exceeded exceeded)
				? "The request body " + exceeded.limit.describe(exceeded.max) + "."
				: "The request body is past a limit of the JSON parser.";
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.REQUEST_LIMIT_EXCEEDED, "Request body past a limit",
				detail);
	}

	/** A problem of ours: a stable {@code type} to switch on, a title, the detail. */
	static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	private static ProblemDetail invalid(List<FieldProblem> errors) {
		List<FieldProblem> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request is not valid",
				"Invalid " + sorted.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
		problem.setProperty("errors", sorted);
		return problem;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		return (body instanceof ProblemDetail problem) ? bounded(problem) : body;
	}

	/**
	 * The problem within the contract's bounds, whoever wrote it (Spring's own answers
	 * too): the detail cut, the instance (the request's path, as long as the request line
	 * may be) left out when long, the first {@value #MAX_ERRORS} bad fields.
	 */
	@SuppressWarnings("unchecked")
	static ProblemDetail bounded(ProblemDetail problem) {
		problem.setTitle(AnswerLimits.cut(problem.getTitle(), MAX_TITLE));
		problem.setDetail(AnswerLimits.cut(problem.getDetail(), MAX_DETAIL));
		if (problem.getInstance() != null && problem.getInstance().toString().length() > MAX_INSTANCE) {
			problem.setInstance(null);
		}
		Map<String, Object> properties = problem.getProperties();
		if (properties != null && properties.get("errors") instanceof List<?> errors) {
			problem.setProperty("errors",
					AnswerLimits.first((List<FieldProblem>) errors, MAX_ERRORS)
						.stream()
						.map((error) -> new FieldProblem(AnswerLimits.cut(error.field(), MAX_FIELD),
								AnswerLimits.cut(error.message(), AnswerLimits.MESSAGE)))
						.toList());
		}
		if (properties != null && properties.get("adobeCode") instanceof String code) {
			problem.setProperty("adobeCode", AnswerLimits.within(code, AnswerLimits.ADOBE_CODE));
		}
		return problem;
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	/**
	 * The JSON path of the bad value, e.g. {@code destination.credentials.accessKeyId}.
	 */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.isEmpty()) ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (ex instanceof InvalidTypeIdException) {
			path.append(".type");
		}
		return path.toString();
	}

	static String reason(JacksonException ex) {
		return switch (ex) {
			case UnrecognizedPropertyException unknown -> "is not a known field";
			case InvalidTypeIdException type -> "must be one of the destination types (see GET /destinations)";
			case InvalidFormatException format when format.getTargetType().isEnum() ->
				"must be one of " + List.of(format.getTargetType().getEnumConstants());
			case InvalidFormatException format -> "has the wrong format for " + format.getTargetType().getSimpleName();
			default -> "has the wrong type or shape";
		};
	}

	private static String lastNode(String propertyPath) {
		return propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
	}

}
