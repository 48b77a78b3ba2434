package com.acme.aepexport.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportStatus;

/**
 * The list's filter, as its form sends it: a value that is not one of the choices (an old
 * link, a typo) filters nothing.
 *
 * @param name part of the name, any case
 * @param owner an admin's choice of owner; ignored for anyone else
 * @param page from 0
 */
record ListFilter(ExportStatus status, DestinationType destinationType, String name, String owner, Integer page) {

	/** As long as the API allows a name to be. */
	static final int MAX_TEXT = 256;

	ListFilter {
		name = text(name);
		owner = text(owner);
		page = (page == null || page < 0) ? 0 : page;
	}

	/** From the list's query string. */
	static ListFilter of(Map<String, String> query) {
		return new ListFilter(choice(ExportStatus.class, query.get("status")),
				choice(DestinationType.class, query.get("destinationType")), query.get("name"), query.get("owner"),
				number(query.get("page")));
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Integer number(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The query string of this filter at another page, for links and for polling. Values
	 * go in as template variables, which are encoded strictly: a {@code +} in a name
	 * stays a {@code +}, not a space.
	 */
	public String query(int page) {
		UriComponentsBuilder query = UriComponentsBuilder.newInstance();
		Map<String, Object> values = new LinkedHashMap<>();
		Map<String, Object> given = new LinkedHashMap<>();
		given.put("status", this.status);
		given.put("destinationType", this.destinationType);
		given.put("name", this.name);
		given.put("owner", this.owner);
		given.put("page", (page > 0) ? page : null);
		given.forEach((parameter, value) -> {
			if (value != null) {
				query.queryParam(parameter, "{" + parameter + "}");
				values.put(parameter, value);
			}
		});
		return query.encode().buildAndExpand(values).toUriString();
	}

	/** Whether anything narrows the list. */
	public boolean narrows() {
		return this.status != null || this.destinationType != null || this.name != null || this.owner != null;
	}

	public List<String> describe() {
		List<String> parts = new ArrayList<>();
		if (this.status != null) {
			parts.add("status " + this.status);
		}
		if (this.destinationType != null) {
			parts.add(this.destinationType.displayName());
		}
		if (this.name != null) {
			parts.add("name containing “" + this.name + "”");
		}
		if (this.owner != null) {
			parts.add("owner " + this.owner);
		}
		return parts;
	}

	/**
	 * Blank is none; PostgreSQL text holds no NUL character, and a longer text matches no
	 * name.
	 */
	private static String text(String value) {
		if (value == null) {
			return null;
		}
		String cleaned = value.replace("\u0000", "").strip();
		if (cleaned.isEmpty()) {
			return null;
		}
		return (cleaned.length() > MAX_TEXT) ? cleaned.substring(0, MAX_TEXT) : cleaned;
	}

}
