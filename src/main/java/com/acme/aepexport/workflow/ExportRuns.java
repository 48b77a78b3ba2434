package com.acme.aepexport.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.adobe.FlowRun;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.RunsPage;
import com.acme.aepexport.adobe.RunsQuery;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.ExportView;

/**
 * The runs of an export's dataflow, as Adobe reports them, simplified. Adobe is asked
 * once per identical query within {@code adobe.caches.runs}.
 */
@Service
public class ExportRuns {

	private static final String SEGMENT = "segment:";

	private static final String TOKEN_VERSION = "r1";

	private final FlowServiceClient flowService;

	private final Duration freshFor;

	ExportRuns(FlowServiceClient flowService, AdobeSettings settings) {
		this.flowService = flowService;
		this.freshFor = settings.caches().runs();
	}

	/**
	 * How long an answer stays what Adobe would say ({@code adobe.caches.runs}): clients
	 * may reuse it as long.
	 */
	public Duration freshFor() {
		return this.freshFor;
	}

	/**
	 * @throws NoDataflowYet when Adobe has no dataflow for the export yet
	 * @throws InvalidContinuationToken when the token is not one of ours for this export
	 * @throws AdobeUnavailable when Adobe does not answer
	 */
	public RunPage runs(ExportView export, RunFilter filter) {
		String flowId = export.flowId().orElseThrow(() -> new NoDataflowYet(export.id()));
		String adobeToken = (filter.continuationToken() != null) ? unwrap(filter.continuationToken(), flowId) : null;
		String status = (filter.status() != null) ? filter.status().toLowerCase(Locale.ROOT) : null;
		RunsPage page = adobe(() -> this.flowService.runs(sandbox(export),
				new RunsQuery(flowId, filter.limit(), status, filter.audienceId(), adobeToken)));
		return new RunPage(page.runs().stream().map(ExportRuns::simplified).toList(),
				(page.continuationToken() != null) ? wrap(flowId, page.continuationToken()) : null);
	}

	/**
	 * One run of the export's dataflow; empty when Adobe has none, or it is another
	 * flow's.
	 */
	public Optional<Run> run(ExportView export, String runId) {
		String flowId = export.flowId().orElseThrow(() -> new NoDataflowYet(export.id()));
		return adobe(() -> this.flowService.run(sandbox(export), runId)).filter((run) -> flowId.equals(run.flowId()))
			.map(ExportRuns::simplified);
	}

	/**
	 * The newest run of each audience of the export, among the last hundred runs; an
	 * audience without a run there is left out.
	 */
	public Map<String, Run> latestPerAudience(ExportView export) {
		if (export.flowId().isEmpty()) {
			return Map.of();
		}
		Map<String, Run> latest = new LinkedHashMap<>();
		for (Run run : runs(export, new RunFilter(RunsQuery.MAX_LIMIT, null, null, null)).runs()) {
			run.audienceIds().forEach((audience) -> latest.putIfAbsent(audience, run));
		}
		return latest;
	}

	static Run simplified(FlowRun run) {
		FlowRun.Metrics metrics = (run.metrics() != null) ? run.metrics()
				: new FlowRun.Metrics(null, null, null, null, null);
		FlowRun.DurationSummary duration = metrics.durationSummary();
		FlowRun.RecordSummary records = metrics.recordSummary();
		FlowRun.StatusSummary status = metrics.statusSummary();
		List<Run.Problem> errors = new ArrayList<>();
		if (status != null && status.errors() != null) {
			status.errors().forEach((info) -> errors.add(new Run.Problem(info.code(), info.message())));
		}
		if (records != null && records.failedInfo() != null) {
			records.failedInfo()
				.stream()
				.map((info) -> new Run.Problem(info.code(), info.message()))
				.filter((problem) -> !errors.contains(problem))
				.forEach(errors::add);
		}
		return new Run(run.id(),
				(status != null && status.status() != null) ? status.status().toUpperCase(Locale.ROOT) : null,
				audiences(records), (duration != null) ? instant(duration.startedAtUTC()) : instant(run.createdAt()),
				(duration != null)
						? instant(Objects.requireNonNullElse(duration.completedAtUTC(), duration.stoppedAtUTC()))
						: null,
				(records != null) ? new Run.Records(records.inputRecordCount(), records.outputRecordCount(),
						records.failedRecordCount(), records.skippedRecordCount()) : null,
				(metrics.fileSummary() != null) ? metrics.fileSummary().outputFileCount() : null,
				(metrics.sizeSummary() != null) ? metrics.sizeSummary().outputBytes() : null, List.copyOf(errors));
	}

	/**
	 * Audience ids from the per-entity summaries ({@code segment:<id>}), targets first.
	 */
	private static List<String> audiences(FlowRun.RecordSummary records) {
		if (records == null) {
			return List.of();
		}
		return Stream.concat(summaries(records.targetSummaries()), summaries(records.sourceSummaries()))
			.flatMap((summary) -> (summary.entitySummaries() != null) ? summary.entitySummaries().stream()
					: Stream.empty())
			.map(FlowRun.EntitySummary::id)
			.filter((id) -> id != null && id.startsWith(SEGMENT))
			.map((id) -> id.substring(SEGMENT.length()))
			.distinct()
			.toList();
	}

	private static Stream<FlowRun.Summary> summaries(List<FlowRun.Summary> summaries) {
		return (summaries != null) ? summaries.stream() : Stream.empty();
	}

	private static Instant instant(Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

	/**
	 * Ours wraps Adobe's with the flow it pages, so a token cannot be used on another
	 * export.
	 */
	private static String wrap(String flowId, String adobeToken) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((TOKEN_VERSION + "|" + flowId + "|" + adobeToken).getBytes(StandardCharsets.UTF_8));
	}

	private static String unwrap(String token, String flowId) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
			if (parts.length == 3 && parts[0].equals(TOKEN_VERSION) && parts[1].equals(flowId) && !parts[2].isEmpty()) {
				return parts[2];
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64: not ours
		}
		throw new InvalidContinuationToken();
	}

	private static <T> T adobe(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (AdobeCallFailed failed) {
			throw new AdobeUnavailable(failed);
		}
	}

	private static Sandbox sandbox(ExportView export) {
		return new Sandbox(export.spec().sandbox());
	}

}
