package com.acme.aepexport.workflow;

import java.util.List;

import tools.jackson.databind.JsonNode;

import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * What an export of a request would send Adobe ({@link ExportPlanner}): its writes, in
 * the order one export's steps make them. Ids and etags Adobe has not made yet are
 * placeholders naming the step that makes them ({@code {baseConnection.id}}), the
 * export's own id {@value ExportPlanner#EXPORT_ID}, and credentials
 * {@value com.acme.aepexport.export.Credentials#REDACTED}.
 *
 * @param spec the export as it would be stored (its sandbox resolved)
 * @param dataflowId the placeholder of the dataflow's id
 * @param dataflowName the name the dataflow would be given
 */
public record ExportPlan(ExportSpec spec, List<Call> calls, String dataflowId, String dataflowName) {

	public ExportPlan {
		calls = List.copyOf(calls);
	}

	/**
	 * One write to Adobe.
	 *
	 * @param step the step that makes it
	 * @param path relative to Adobe's gateway ({@code adobe.platform.base-url}), with its
	 * query
	 * @param ifMatch the etag it changes, or {@code null}
	 * @param body its JSON body, or {@code null} for none
	 */
	public record Call(StepName step, String method, String path, String ifMatch, JsonNode body) {

	}

}
