package com.acme.aepexport.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.adobe.FlowRun;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.RunsPage;
import com.acme.aepexport.adobe.RunsQuery;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.export.RunsRead;
import com.acme.aepexport.export.SeenRun;

/**
 * The runs of an export's dataflow, as Adobe reports them, simplified. For a caller who
 * waits, Adobe is asked once per identical query within {@code adobe.caches.runs}, and
 * must answer within {@code adobe.http.caller-timeout}.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportRuns {

	private static final String TOKEN_VERSION = "r1";

	/** A run that has waited or run longer is no reason to read often. */
	private static final Duration GOING_FOR_AT_MOST = Duration.ofDays(1);

	private final FlowServiceClient flowService;

	private final AdobeSettings settings;

	private final Clock clock;

	/**
	 * How long an answer stays what Adobe would say ({@code adobe.caches.runs}): clients
	 * may reuse it as long.
	 */
	public Duration freshFor() {
		return this.settings.caches().runs();
	}

	/**
	 * @throws NoDataflowYet when Adobe has no dataflow for the export yet
	 * @throws InvalidContinuationToken when the token is not one of ours for this export
	 * @throws AdobeProblem when Adobe refuses or does not answer
	 */
	public RunPage runs(ExportView export, RunFilter filter) {
		String flowId = export.flowId().orElseThrow(() -> new NoDataflowYet(export.id()));
		String adobeToken = (filter.continuationToken() != null) ? unwrap(filter.continuationToken(), flowId) : null;
		RunsPage page = adobe(() -> this.flowService.runs(sandbox(export),
				new RunsQuery(flowId, filter.limit(), statuses(filter), filter.audienceId(), adobeToken)));
		return new RunPage(page.runs().stream().map(ExportRuns::simplified).toList(),
				(page.continuationToken() != null) ? wrap(flowId, page.continuationToken()) : null);
	}

	/** Adobe's spellings of the statuses the filter asks for, or {@code null}. */
	private static List<String> statuses(RunFilter filter) {
		if (filter.state() != null) {
			return filter.state().adobeWords();
		}
		if (filter.status() == null) {
			return null;
		}
		String lower = filter.status().toLowerCase(Locale.ROOT);
		return List.of(filter.status(), lower, Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
	}

	/**
	 * One run of the export's dataflow; empty when Adobe has none, or it is another
	 * flow's.
	 */
	public Optional<DataflowRun> run(ExportView export, String runId) {
		String flowId = export.flowId().orElseThrow(() -> new NoDataflowYet(export.id()));
		return adobe(() -> this.flowService.run(sandbox(export), runId)).filter((run) -> flowId.equals(run.flowId()))
			.map(ExportRuns::simplified);
	}

	/**
	 * The newest run of each audience of the export, among the last hundred runs, read
	 * from Adobe now within {@code timeout}; an audience without a run there is left out.
	 * A run still waiting names no audience yet (Adobe counts nothing before it starts),
	 * but counts as one going on.
	 * @throws AdobeCallFailed when Adobe does not answer in time, refuses, or answers
	 * what cannot be used
	 */
	LatestRead latestPerAudience(ExportView export, Duration timeout) {
		String flowId = export.flowId().orElseThrow(() -> new NoDataflowYet(export.id()));
		RunsPage read = this.flowService.freshRuns(sandbox(export),
				new RunsQuery(flowId, RunsQuery.MAX_LIMIT, null, null, null), timeout);
		List<DataflowRun> page = read.runs().stream().map(ExportRuns::simplified).toList();
		Map<String, DataflowRun> latest = new LinkedHashMap<>();
		page.forEach((run) -> run.audienceIds().forEach((audience) -> latest.putIfAbsent(audience, run)));
		List<LatestRun> runs = export.spec()
			.audiences()
			.stream()
			.filter((audience) -> latest.containsKey(audience.id()))
			.map((audience) -> {
				DataflowRun run = latest.get(audience.id());
				return new LatestRun(audience.id(), run.id(), run.status(), run.state(), run.createdAt(),
						run.startedAt(), run.completedAt(), (run.records() != null) ? run.records().activated() : null,
						(run.records() != null) ? run.records().failed() : null, run.files());
			})
			.toList();
		Instant recent = this.clock.instant().minus(GOING_FOR_AT_MOST);
		List<SeenRun> seen = page.stream()
			.map((run) -> new SeenRun(run.id(), run.state(), run.createdAt(), run.audienceIds()))
			.toList();
		return new LatestRead(new RunsRead(runs, seen, read.continuationToken() != null), page.stream()
			.anyMatch((run) -> run.state().isGoing() && run.createdAt() != null && run.createdAt().isAfter(recent)));
	}

	/**
	 * The dataflow's last hundred runs, newest first, read from Adobe now for a caller
	 * who waits (within {@code adobe.http.caller-timeout}); those created more than a day
	 * ago and not over are left out, as {@link #latestPerAudience} leaves them out of
	 * what goes on.
	 * @throws AdobeProblem when Adobe refuses or does not answer in time
	 */
	List<DataflowRun> recent(ExportView export, String flowId) {
		Instant recent = this.clock.instant().minus(GOING_FOR_AT_MOST);
		return adobe(() -> this.flowService.freshRuns(sandbox(export),
				new RunsQuery(flowId, RunsQuery.MAX_LIMIT, null, null, null), this.settings.http().callerTimeout()))
			.runs()
			.stream()
			.map(ExportRuns::simplified)
			.filter((run) -> run.state().isOver() || (run.createdAt() != null && run.createdAt().isAfter(recent)))
			.toList();
	}

	/** Adobe started runs of the flow: cached pages of its runs no longer hold. */
	void started(ExportView export, String flowId) {
		this.flowService.forgetRuns(sandbox(export), flowId);
	}

	/**
	 * @param read the newest run of each audience, and every run of the page read
	 * @param going whether a run of the flow (of any audience, or of none yet) created in
	 * the last day waits or runs: one Adobe leaves waiting or running longer is not
	 * watched closely for ever
	 */
	record LatestRead(RunsRead read, boolean going) {

		List<LatestRun> runs() {
			return this.read.latest();
		}

	}

	static DataflowRun simplified(FlowRun run) {
		FlowRun.Records records = run.records();
		return new DataflowRun(run.id(), (run.status() != null) ? run.status().toUpperCase(Locale.ROOT) : null,
				RunState.of(run.status()), run.audienceIds(), run.createdAt(), run.startedAt(), run.completedAt(),
				(records != null) ? new DataflowRun.Records(
						records.received(), records.activated(), records.failed(), records.skipped()) : null,
				run.files(), run.bytes(),
				run.errors()
					.stream()
					.map((problem) -> new DataflowRun.Problem(problem.code(), problem.message()))
					.toList());
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
			throw AdobeProblem.of(failed);
		}
	}

	private static Sandbox sandbox(ExportView export) {
		return new Sandbox(export.spec().sandbox());
	}

}
