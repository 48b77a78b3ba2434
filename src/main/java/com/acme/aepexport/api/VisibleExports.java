package com.acme.aepexport.api;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import lombok.RequiredArgsConstructor;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportService.ExportWithChange;
import com.acme.aepexport.export.ExportView;

/**
 * The exports a caller may see: another owner's export is not found, so that its
 * existence is not told either.
 */
@Component
@RequiredArgsConstructor
class VisibleExports {

	private final ExportService exports;

	/**
	 * @throws ExportNotFound when there is none, or it is not the caller's to see
	 */
	ExportView find(Caller caller, UUID id) {
		return visible(caller, id, this.exports.find(new ExportId(id)), Function.identity());
	}

	/**
	 * The export's id, for an act on it: the caller may see it.
	 * @throws ExportNotFound when there is none, or it is not the caller's to see
	 */
	ExportId idOf(Caller caller, UUID id) {
		return find(caller, id).id();
	}

	/**
	 * The export with its latest change and the latest runs read for it.
	 * @throws ExportNotFound when there is none, or it is not the caller's to see
	 */
	ExportWithChange findWithChange(Caller caller, UUID id) {
		return visible(caller, id, this.exports.findWithChange(new ExportId(id)), ExportWithChange::export);
	}

	private static <T> T visible(Caller caller, UUID id, Optional<T> found, Function<T, ExportView> export) {
		return found.filter((read) -> caller.mayAccess(export.apply(read).owner()))
			.orElseThrow(() -> new ExportNotFound(new ExportId(id)));
	}

}
