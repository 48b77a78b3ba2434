package com.acme.aepexport.console;

import java.util.UUID;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.workflow.ActivationNotAllowed;
import com.acme.aepexport.workflow.AdobeProblem;
import com.acme.aepexport.workflow.AdobeUnavailable;
import com.acme.aepexport.workflow.DataflowSwitch;
import com.acme.aepexport.workflow.ExportActivations;
import com.acme.aepexport.workflow.ExportWorkflow;
import com.acme.aepexport.workflow.NoDataflowYet;

/**
 * The console's buttons: the API's actions, through the services the API calls, on the
 * exports the viewer may see (another owner's is not found). Each answers the export's
 * refreshed status with what became of the action, with the status the API would answer
 * ({@code 409} when the export's state does not allow it, {@code 502}/{@code 504} when
 * Adobe refuses or does not answer); a form sent without htmx is sent back to the page.
 * Who may act is the security chain's business ({@code exports:write}).
 */
@Controller
@Hidden
@RequestMapping("/console/exports/{id}")
@RequiredArgsConstructor
class ConsoleActions {

	private final ExportWorkflow workflow;

	private final DataflowSwitch dataflows;

	private final ExportActivations activations;

	private final Viewers viewers;

	private final ConsoleController pages;

	/**
	 * Every button posts here, to the API's path of its action (export now is
	 * {@code activations}); only what it does and says differs.
	 */
	@PostMapping("/{action:resume|activations|pause|unpause|delete}")
	String act(@PathVariable UUID id, @PathVariable String action,
			@RequestHeader(name = ConsoleSecurity.HTMX, required = false) String htmx, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Function<ExportView, String> done = switch (action) {
			case "resume" -> this::resume;
			case "activations" -> this::exportNow;
			case "pause" -> this::pause;
			case "unpause" -> this::unpause;
			default -> this::delete;
		};
		return act(id, htmx != null, model, redirect, response, done);
	}

	private String resume(ExportView export) {
		this.workflow.resume(export.id(), asked());
		return "Resumed: the steps that did not succeed run again.";
	}

	private String exportNow(ExportView export) {
		ActivationJob job = this.activations.activate(export.id(), null, asked());
		return "Export now: Adobe started " + job.runs().size() + ((job.runs().size() == 1) ? " run" : " runs") + " ("
				+ job.status() + ").";
	}

	private String pause(ExportView export) {
		return this.dataflows.pause(export.id(), asked()).changed()
				? "Paused: Adobe starts no scheduled run of the dataflow until it is unpaused."
				: "The dataflow was paused already.";
	}

	private String unpause(ExportView export) {
		return this.dataflows.unpause(export.id(), asked()).changed()
				? "Unpaused: Adobe runs the dataflow on its schedules again." : "The dataflow was not paused.";
	}

	private String delete(ExportView export) {
		this.workflow.delete(export.id(), asked());
		return "Deleting: the Adobe entities the export created are torn down, newest first.";
	}

	/** The request as the export's history records it: who, and no body. */
	private CallerRequest asked() {
		return CallerRequest.by(this.viewers.current().caller().id());
	}

	private String act(UUID id, boolean htmx, Model model, RedirectAttributes redirect, HttpServletResponse response,
			Function<ExportView, String> action) {
		ExportId exportId = new ExportId(id);
		Notice notice;
		try {
			notice = Notice.done(action.apply(this.viewers.visible(exportId)));
		}
		catch (IllegalExportTransition | NoDataflowYet ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			notice = Notice.refused(ex.getMessage());
		}
		catch (ActivationNotAllowed ex) {
			response.setStatus(ex.conflict() ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
			notice = Notice.refused(ex.getMessage());
		}
		catch (AdobeProblem ex) {
			boolean timedOut = ex instanceof AdobeUnavailable unavailable && unavailable.timedOut();
			response.setStatus(timedOut ? HttpStatus.GATEWAY_TIMEOUT.value() : HttpStatus.BAD_GATEWAY.value());
			notice = Notice.refused("Adobe " + (timedOut ? "did not answer in time" : "refused") + ": "
					+ ex.getMessage() + ((ex.adobeCode() != null) ? " (" + ex.adobeCode() + ")" : ""));
		}
		if (!htmx) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:/console/exports/" + id;
		}
		ExportView export = this.viewers.visible(exportId);
		model.addAttribute("export", export);
		model.addAttribute("notice", notice);
		this.pages.liveModel(export, model);
		return "console/export :: live";
	}

	/**
	 * What became of an action, shown above the buttons.
	 *
	 * @param done whether it was carried out
	 */
	record Notice(boolean done, String text) {

		static Notice done(String text) {
			return new Notice(true, text);
		}

		static Notice refused(String text) {
			return new Notice(false, text);
		}

	}

}
