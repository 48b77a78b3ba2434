package com.acme.aepexport.workflow;

import java.util.Set;

import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * One step of an export: one Adobe call, safe to run again after a failure. The runner
 * starts it once every step it {@linkplain #needs() needs} is done, and saves what it
 * returns before starting the steps that need it.
 */
interface Step {

	StepName name();

	Set<StepName> needs();

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

}
