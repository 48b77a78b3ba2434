package com.acme.aepexport.adobe;

import org.springframework.stereotype.Component;

/** Starts rehearsals ({@link AdobeRehearsal}), one per plan. */
@Component
public class AdobeRehearsals {

	private final AdobeHttp http;

	private final FlowServiceClient flowService;

	AdobeRehearsals(AdobeHttp http, FlowServiceClient flowService) {
		this.http = http;
		this.flowService = flowService;
	}

	/** A rehearsal of its own: nothing it records is shared. */
	public AdobeRehearsal start() {
		return new AdobeRehearsal(this.http, this.flowService);
	}

}
