package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A change of an export asked for by a {@code PATCH}: stored before Adobe is asked, then
 * applied or failed. Its rows are the export's history of changes.
 */
@Entity
@Table(name = "export_change")
class ExportChange extends AssignedId {

	@Id
	private UUID id;

	private UUID exportId;

	private int revision;

	@Convert(converter = ExportSpecJson.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private ExportSpec spec;

	@Enumerated(EnumType.STRING)
	private ChangeStatus status;

	private String requestedBy;

	private Instant requestedAt;

	private Instant finishedAt;

	private Integer errorHttpStatus;

	private String errorAdobeCode;

	private String errorMessage;

	private Boolean errorRetryable;

	/**
	 * Times a new mapping set was asked of Adobe for this change (counted before each
	 * ask): after the first, one may exist without its answer having arrived.
	 */
	private int mappingSetAttempts;

	/** The mapping set this change made, once Adobe answered. */
	private String mappingSetId;

	private Integer mappingSetVersion;

	/** The mapping set this change replaced as the dataflow's, once applied. */
	private String replacedMappingSetId;

	private Integer replacedMappingSetVersion;

	protected ExportChange() {
	}

	ExportChange(ExportId exportId, int revision, ExportSpec spec, String requestedBy, Instant requestedAt) {
		this.id = UUID.randomUUID();
		this.exportId = exportId.value();
		this.revision = revision;
		this.spec = spec;
		this.status = ChangeStatus.PENDING;
		this.requestedBy = requestedBy;
		this.requestedAt = requestedAt;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	/**
	 * A new mapping set is about to be asked of Adobe for this change.
	 * @return the asks before this one
	 */
	int mappingSetRequested() {
		return this.mappingSetAttempts++;
	}

	void mappingSetMade(EntityRef mappingSet) {
		this.mappingSetId = mappingSet.id();
		this.mappingSetVersion = mappingSet.version();
	}

	void mappingSetReplaced(EntityRef replaced) {
		this.replacedMappingSetId = replaced.id();
		this.replacedMappingSetVersion = replaced.version();
	}

	ChangeView toView() {
		ChangeError error = (this.errorMessage != null) ? new ChangeError(this.errorHttpStatus, this.errorAdobeCode,
				this.errorMessage, Boolean.TRUE.equals(this.errorRetryable)) : null;
		EntityRef mappingSet = (this.mappingSetId != null)
				? new EntityRef(this.mappingSetId, null, this.mappingSetVersion) : null;
		EntityRef replaced = (this.replacedMappingSetId != null)
				? new EntityRef(this.replacedMappingSetId, null, this.replacedMappingSetVersion) : null;
		return new ChangeView(this.revision, this.spec, this.status, this.requestedBy, this.requestedAt,
				this.finishedAt, error, mappingSet, replaced);
	}

}
