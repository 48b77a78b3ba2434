package com.acme.aepexport.export;

import java.util.List;

/**
 * A page of an export's history, newest first.
 *
 * @param next where the next page starts ({@link ExportHistory#page}'s {@code before}),
 * or {@code null} on the last page
 */
public record HistoryPage(List<HistoryEntry> entries, Long next) {

	public HistoryPage {
		entries = List.copyOf(entries);
	}

}
