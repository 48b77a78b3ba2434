package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The newest run per audience of one export, as last read from Adobe, and when to read
 * again; written by {@link RunSnapshots}' statements, read here. Its own row, not the
 * export's: the refresher writing it never conflicts with a worker changing the export.
 */
@Entity
@Table(name = "run_snapshot")
class RunSnapshot {

	@Id
	private UUID exportId;

	@Convert(converter = LatestRunsJson.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private List<LatestRun> latest;

	private Instant asOf;

	protected RunSnapshot() {
	}

	/** Empty until Adobe was first read. */
	Optional<LatestRuns> toLatestRuns() {
		return (this.asOf != null && this.latest != null) ? Optional.of(new LatestRuns(this.latest, this.asOf))
				: Optional.empty();
	}

}
