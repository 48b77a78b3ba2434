package com.acme.aepexport.emulator;

/**
 * Thrown where a request is refused deep inside a handler; carries the answer to send.
 */
final class Rejected extends RuntimeException {

	private final transient Reply reply;

	Rejected(Reply reply) {
		super(null, null, false, false);
		this.reply = reply;
	}

	static Rejected flowBadRequest(String message) {
		return new Rejected(Reply.flowBadRequest(message));
	}

	Reply reply() {
		return this.reply;
	}

}
