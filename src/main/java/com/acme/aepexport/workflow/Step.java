package com.acme.aepexport.workflow;

import java.util.Optional;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * One step of an export: one Adobe call, safe to run again after a failure. What it needs
 * is declared in the {@link StepTable}; the runner starts it once those steps are done,
 * and saves what it returns before starting the steps that need it.
 */
interface Step {

	StepName name();

	/** A step that does not apply is recorded as {@code SKIPPED}. */
	default boolean appliesTo(ExportSpec spec) {
		return true;
	}

	/**
	 * Makes the step's Adobe call.
	 * @return what to keep of the entity Adobe created, changed or read
	 * @throws com.acme.aepexport.adobe.AdobeCallFailed when Adobe refused or did not
	 * answer
	 */
	EntityRef run(StepContext context);

	/**
	 * A step that makes an entity of its own in Adobe ({@link StepTable.Kind#CREATE}): it
	 * finds it again after a lost answer, and a teardown deletes it.
	 */
	interface Creates extends Step {

		/**
		 * The entity an earlier attempt may have made, looked up by its name (unique to
		 * the export and the step).
		 */
		Optional<EntityRef> find(StepContext context);

		/**
		 * Deletes the entity, or says why it stays ({@link Deletion#leftBehind}).
		 */
		Deletion delete(Sandbox sandbox, String id);

		/**
		 * Whether Adobe can delete it at all: when not, a teardown neither looks it up
		 * nor calls Adobe, and marks it left behind.
		 */
		default boolean deletable() {
			return true;
		}

	}

}
