package com.acme.aepexport.adobe;

/**
 * What a delete did in Adobe.
 *
 * @param leftBehind why the entity is still in Adobe (or may be), {@code null} when it is
 * gone
 * @param existed whether there was anything to delete (a {@code 404} to a documented
 * delete means it was gone already)
 */
public record Deletion(String leftBehind, boolean existed) {

	static Deletion deleted() {
		return new Deletion(null, true);
	}

	static Deletion gone() {
		return new Deletion(null, false);
	}

	public static Deletion leftBehind(String why) {
		return new Deletion(why, true);
	}

	/** Whether the entity is gone from Adobe now. */
	public boolean isGone() {
		return this.leftBehind == null;
	}

	/**
	 * A documented delete's answer: 2xx deleted it, 404 found it gone; Adobe refusing the
	 * method ({@code 405}, {@code 501}) leaves it behind.
	 */
	static Deletion ofDocumented(int status, String operation) {
		return switch (status) {
			case 404 -> gone();
			case 405, 501 -> leftBehind("Adobe answered " + status + " to " + operation
					+ ": it does not delete this entity; delete it in Adobe's UI if it must go");
			default -> deleted();
		};
	}

}
