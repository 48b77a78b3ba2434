package com.acme.aepexport.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportHistory;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.webhook.Webhooks;
import com.acme.aepexport.workflow.AdobeProblem;
import com.acme.aepexport.workflow.ExportRuns;
import com.acme.aepexport.workflow.NoDataflowYet;
import com.acme.aepexport.workflow.RunFilter;
import com.acme.aepexport.workflow.RunPage;

/**
 * The console's pages, and the fragments htmx reads again to refresh them: the list of
 * exports, and an export with its steps, runs, history and deliveries. Read through the
 * services the API reads through.
 */
@Controller
@Hidden
@RequestMapping("/console")
@RequiredArgsConstructor
class ConsoleController {

	static final int PAGE_SIZE = 20;

	/** The runs charted and listed: Adobe's newest. */
	static final int RUNS = 20;

	static final int DELIVERIES = 20;

	/** The history's newest entries shown. */
	static final int HISTORY = 20;

	private final ExportService exports;

	private final ExportRuns runs;

	private final Webhooks webhooks;

	private final ExportHistory history;

	private final Viewers viewers;

	private final ConsoleSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	@GetMapping
	String list(@RequestParam Map<String, String> query, Model model) {
		listModel(query, model);
		model.addAttribute("statuses", choices(ExportStatus.values(), ExportStatus::name));
		model.addAttribute("destinationTypes", choices(DestinationType.values(), DestinationType::displayName));
		return "console/exports";
	}

	/** A filter's values, in order, each with its label. */
	private static <T> Map<T, String> choices(T[] values, Function<T, String> label) {
		Map<T, String> choices = new LinkedHashMap<>();
		for (T value : values) {
			choices.put(value, label.apply(value));
		}
		return choices;
	}

	/** The list's rows and pager, polled. */
	@GetMapping("/exports")
	String rows(@RequestParam Map<String, String> query, Model model) {
		listModel(query, model);
		return "console/exports :: results";
	}

	private void listModel(Map<String, String> query, Model model) {
		Viewer viewer = this.viewers.current();
		ListFilter filter = ListFilter.of(query);
		Page<ExportRow> page = this.exports.list(viewer.filter(filter), filter.page(), PAGE_SIZE).map(ExportRow::of);
		model.addAttribute("filter", filter);
		model.addAttribute("page", page);
		model.addAttribute("refreshMillis", this.settings.refresh().toMillis());
	}

	@GetMapping("/exports/{id}")
	String export(@PathVariable UUID id, Model model) {
		ExportView export = this.viewers.visible(new ExportId(id));
		model.addAttribute("export", export);
		liveModel(export, model);
		runsModel(export, model);
		model.addAttribute("history", this.history.page(export.id(), HISTORY, null).entries());
		model.addAttribute("deliveries", this.webhooks.deliveriesOf(export.owner(), id, DELIVERIES));
		return "console/export";
	}

	/**
	 * The export's status, actions, error and timeline, polled: {@code 204} (nothing to
	 * swap) while the version shown is the stored one and nothing runs, whose bar would
	 * grow.
	 */
	@GetMapping("/exports/{id}/live")
	String live(@PathVariable UUID id, @RequestParam(required = false) Long version, Model model,
			HttpServletResponse response) {
		ExportView export = this.viewers.visible(new ExportId(id));
		if (version != null && version == export.version() && !inProgress(export.status())) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return null;
		}
		model.addAttribute("export", export);
		liveModel(export, model);
		return "console/export :: live";
	}

	/**
	 * The runs chart and list, polled less often: they are Adobe's, read through a cache.
	 */
	@GetMapping("/exports/{id}/runs")
	String runs(@PathVariable UUID id, Model model) {
		ExportView export = this.viewers.visible(new ExportId(id));
		model.addAttribute("export", export);
		runsModel(export, model);
		return "console/export :: runs";
	}

	@GetMapping("/signed-out")
	String signedOut(@RequestParam(required = false) String failed, Model model) {
		model.addAttribute("failed", failed != null);
		return "console/signed-out";
	}

	void liveModel(ExportView export, Model model) {
		Viewer viewer = this.viewers.current();
		model.addAttribute("row", ExportRow.of(export));
		model.addAttribute("timeline", Timeline.of(export, this.clock.instant()));
		model.addAttribute("actions", Actions.of(export, viewer));
		model.addAttribute("refreshMillis", this.settings.refresh().toMillis());
	}

	private void runsModel(ExportView export, Model model) {
		model.addAttribute("runsRefreshMillis", 2 * this.settings.refresh().toMillis());
		if (export.status() != ExportStatus.SUCCEEDED) {
			// As latestRuns in the API: an export's runs are its once it has succeeded.
			model.addAttribute("runsNote", "Runs are shown once the export has SUCCEEDED.");
			return;
		}
		try {
			RunPage page = this.runs.runs(export, new RunFilter(RUNS, null, null, null, null));
			RunsChart chart = RunsChart.of(page.runs());
			model.addAttribute("runList", page.runs());
			model.addAttribute("chart", chart);
			model.addAttribute("chartJson", this.json.writeValueAsString(chart));
			if (page.runs().isEmpty()) {
				model.addAttribute("runsNote", "Adobe lists no run of the dataflow yet.");
			}
		}
		catch (NoDataflowYet ex) {
			model.addAttribute("runsNote", "The export has no dataflow yet.");
		}
		catch (AdobeProblem ex) {
			model.addAttribute("runsProblem", "Adobe's runs could not be read now: " + ex.getMessage());
		}
	}

	private static boolean inProgress(ExportStatus status) {
		return status == ExportStatus.PENDING || status == ExportStatus.RUNNING || status == ExportStatus.DELETING;
	}

	/**
	 * The buttons the viewer may press on the export now, in the page's order, as the API
	 * would allow them; none without {@code exports:write}.
	 */
	record Actions(List<Action> shown) {

		static Actions of(ExportView export, Viewer viewer) {
			if (!viewer.mayAct()) {
				return new Actions(List.of());
			}
			ExportStatus status = export.status();
			boolean dataflow = export.dataflow() != null && status != ExportStatus.DELETING
					&& status != ExportStatus.DELETED;
			boolean enabled = dataflow && export.dataflow().state() == DataflowState.ENABLED;
			// A teardown stopped by an error is continued by deleting again.
			boolean deletable = List.of(ExportStatus.SUCCEEDED, ExportStatus.FAILED, ExportStatus.DELETING)
				.contains(status);
			Map<Action, Boolean> allowed = Map.of(Action.RESUME, status == ExportStatus.FAILED, Action.EXPORT_NOW,
					status == ExportStatus.SUCCEEDED && dataflow, Action.PAUSE, enabled, Action.UNPAUSE,
					dataflow && !enabled, Action.DELETE, deletable);
			return new Actions(Action.ALL.stream().filter(allowed::get).toList());
		}

		public boolean any() {
			return !this.shown.isEmpty();
		}

	}

	/**
	 * A button: the API's action it posts to ({@link ConsoleActions}), its id in the
	 * page, its label, and what it asks before it is sent.
	 */
	record Action(String path, String id, String label, String confirm) {

		static final Action RESUME = new Action("resume", "resume", "Resume",
				"Resume this export? The steps that did not succeed run again.");

		static final Action EXPORT_NOW = new Action("activations", "export-now", "Export now",
				"Export now? Adobe activates all of this export's audiences at once, besides their schedules.");

		static final Action PAUSE = new Action("pause", "pause", "Pause",
				"Pause the dataflow? Adobe starts no scheduled run until it is unpaused.");

		static final Action UNPAUSE = new Action("unpause", "unpause", "Unpause",
				"Unpause the dataflow? Adobe runs it on its schedules again.");

		static final Action DELETE = new Action("delete", "delete", "Delete",
				"Delete this export? Its dataflow, mapping set and connections are deleted in Adobe. This cannot be "
						+ "undone.");

		/** In the page's order. */
		static final List<Action> ALL = List.of(RESUME, EXPORT_NOW, PAUSE, UNPAUSE, DELETE);

		/** Whether it cannot be undone (drawn as such). */
		public boolean danger() {
			return equals(DELETE);
		}

	}

}
