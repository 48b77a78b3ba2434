package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeEntity;
import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.Flow;
import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.adobe.TargetConnectionPatch;
import com.acme.aepexport.export.AdobeCall;
import com.acme.aepexport.export.AdobeCallKind;
import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.EntityRef;

/**
 * The one way we change a dataflow, for the workflow's steps and for {@code PATCH
 * /exports/{id}} alike: {@code PATCH /flows/{id}} with {@code If-Match}, sending only
 * what the flow lacks ({@link com.acme.aepexport.adobe.FlowPatch}).
 * <ul>
 * <li>When the change may already be there (an earlier attempt's answer was lost), or we
 * hold no etag to send, the flow is read first, and a change already there is not made
 * again.</li>
 * <li>A {@code 412} (our etag is stale: the flow changed since) reads the flow, takes its
 * etag, and sends what it still lacks; a few times, should the flow keep changing.</li>
 * </ul>
 * Enabling and disabling the flow ({@code POST /flows/{id}/action}) follows the same
 * loop, and so does a change of the flow's target connection ({@code PATCH
 * /targetConnections/{id}} with its own etag: the manifest file).
 */
@Component
@RequiredArgsConstructor
class FlowChange {

	/** Rounds of read-and-send-again after a 412 before giving up. */
	private static final int STALE_ETAG_ROUNDS = 3;

	private final FlowServiceClient flowService;

	/**
	 * A step's change of the flow, after the changes before it in the
	 * {@linkplain StepGraph#flowChain() chain}.
	 * @param missing what a flow lacks of the change: given the flow as Adobe holds it,
	 * or {@code null} for the flow as we last left it
	 */
	EntityRef apply(StepContext context, Function<Flow, FlowPatch> missing) {
		AdobeRef known = context.flow();
		boolean readFirst = context.mayHaveRun() || known.etag() == null;
		return StepContext
			.flowServiceRef(apply(context.sandbox(), known, readFirst, missing, context::requireClaim).flow());
	}

	/**
	 * Brings the flow to carry the change.
	 * @param flow the flow, with the etag we last saw (may be {@code null})
	 * @param readFirst whether to read the flow before anything is sent
	 * @param beforeWrite run before each PATCH (a worker's claim check)
	 * @return the flow with the etag of our change, or as read when it needed none
	 */
	Changed apply(Sandbox sandbox, AdobeRef flow, boolean readFirst, Function<Flow, FlowPatch> missing,
			Runnable beforeWrite) {
		return change(sandbox, flow, readFirst, (current) -> {
			FlowPatch patch = missing.apply(current);
			return patch.isEmpty() ? Optional.empty()
					: Optional.of((target) -> this.flowService.patchFlow(sandbox, target, patch));
		}, beforeWrite);
	}

	/**
	 * Enables or disables the flow ({@code POST /flows/{id}/action}), unless Adobe holds
	 * it so already: always read first, since only Adobe knows its state and its etag.
	 * @return the flow with its etag, and whether it was switched
	 */
	Changed setEnabled(Sandbox sandbox, String flowId, boolean enabled) {
		return change(sandbox, new AdobeRef(flowId, null), true,
				(current) -> (enabled ? current.isEnabled() : current.isDisabled()) ? Optional.empty()
						: Optional.of((target) -> this.flowService.setFlowEnabled(sandbox, target, enabled)),
				() -> {
				});
	}

	/**
	 * The flow's state as Adobe holds it now; empty when Adobe names a state it does not
	 * document.
	 */
	Optional<DataflowState> state(Sandbox sandbox, String flowId) {
		Flow flow = this.flowService.flow(sandbox, flowId);
		return flow.isEnabled() ? Optional.of(DataflowState.ENABLED)
				: flow.isDisabled() ? Optional.of(DataflowState.DISABLED) : Optional.empty();
	}

	/**
	 * Has Adobe write a manifest file per run into the flow's target connection, or stop
	 * ({@code PATCH /targetConnections/{id}}), unless it does as asked already: always
	 * read first, for its state and its etag, and read again after a {@code 412}.
	 * @return the target connection with its new etag, and whether it was changed
	 */
	Changed setFileManifest(Sandbox sandbox, String targetConnectionId, boolean manifest) {
		return change(new AdobeRef(targetConnectionId, null), true,
				(id) -> this.flowService.targetConnection(sandbox, id), (current) -> {
					TargetConnectionPatch patch = TargetConnectionPatch.fileManifest(current, manifest);
					return patch.isEmpty() ? Optional.empty()
							: Optional.of((target) -> this.flowService.patchTargetConnection(sandbox, target, patch));
				}, () -> {
				});
	}

	/**
	 * The loop every change of a flow shares: send what the flow lacks with its etag; on
	 * a {@code 412} read it again and send what it still lacks.
	 * @param write what to send to the flow as read ({@code null} when not read), given
	 * the flow and etag to send it to; empty when the flow needs nothing
	 */
	private Changed change(Sandbox sandbox, AdobeRef flow, boolean readFirst,
			Function<Flow, Optional<UnaryOperator<AdobeRef>>> write, Runnable beforeWrite) {
		return change(flow, readFirst, (id) -> this.flowService.flow(sandbox, id), write, beforeWrite);
	}

	/**
	 * The same loop for any entity Flow Service changes with {@code If-Match}.
	 * @param read the entity as Adobe holds it now, by id, with its current etag
	 */
	private static <T extends AdobeEntity> Changed change(AdobeRef entity, boolean readFirst, Function<String, T> read,
			Function<T, Optional<UnaryOperator<AdobeRef>>> write, Runnable beforeWrite) {
		T current = readFirst ? read.apply(entity.id()) : null;
		for (int round = 0;; round++) {
			Optional<UnaryOperator<AdobeRef>> send = write.apply(current);
			AdobeRef target = (current != null) ? current.ref() : entity;
			if (send.isEmpty()) {
				return new Changed(target, false, null);
			}
			beforeWrite.run();
			try {
				return new Changed(send.get().apply(target), true, target);
			}
			catch (AdobeCallFailed failed) {
				if (!isStaleEtag(failed) || round == STALE_ETAG_ROUNDS) {
					throw failed;
				}
				current = read.apply(target.id());
			}
		}
	}

	/**
	 * @param flow the flow (or target connection) with the etag of our change, or as read
	 * when it needed none
	 * @param written whether a change was sent and taken
	 * @param before the flow with the etag the change that was taken sent in
	 * {@code If-Match}; {@code null} when none was sent
	 */
	record Changed(AdobeRef flow, boolean written, AdobeRef before) {

		/**
		 * The call that changed the flow, as an export's history lists it; none when none
		 * did.
		 */
		List<AdobeCall> asCalls(AdobeCallKind kind) {
			return this.written ? List.of(AdobeCall.flow(kind, this.flow.id(), this.before.etag(), this.flow.etag()))
					: List.of();
		}

	}

	private static boolean isStaleEtag(AdobeCallFailed failed) {
		return failed.httpStatus() != null && failed.httpStatus() == 412;
	}

}
