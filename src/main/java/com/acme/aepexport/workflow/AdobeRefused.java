package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.ChangeError;

/** Adobe answered, and refused: the same request will be refused again. */
public final class AdobeRefused extends AdobeProblem {

	AdobeRefused(AdobeCallFailed failed) {
		super(failed.getMessage(), failed, failed.httpStatus(), failed.adobeCode());
	}

	AdobeRefused(ChangeError error) {
		super(error.message(), null, error.httpStatus(), error.adobeCode());
	}

}
