package com.acme.aepexport.adobe;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/** Starts rehearsals ({@link AdobeRehearsal}), one per plan. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AdobeRehearsals {

	private final AdobeHttp http;

	private final FlowServiceClient flowService;

	/** A rehearsal of its own: nothing it records is shared. */
	public AdobeRehearsal start() {
		return new AdobeRehearsal(this.http, this.flowService);
	}

}
