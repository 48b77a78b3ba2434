package com.acme.aepexport.export;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The export module's face: stores exports and records what happens to their steps. Each
 * method is one transaction, so a step's outcome is committed when the method returns,
 * before the caller goes on.
 */
@Service
@Transactional
public class ExportService {

	private final Exports exports;

	private final StoredCredentials credentials;

	private final CredentialCipher cipher;

	private final Clock clock;

	ExportService(Exports exports, StoredCredentials credentials, CredentialCipher cipher, Clock clock) {
		this.exports = exports;
		this.credentials = credentials;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Stores a new {@code PENDING} export with every step {@code PENDING}, and its
	 * credentials encrypted.
	 */
	public ExportView accept(NewExport command) {
		ExportId id = ExportId.random();
		Export export = this.exports.save(Export.accept(id, command.spec(), this.clock.instant()));
		byte[] plaintext = ExportSpecJson.MAPPER.writeValueAsBytes(command.credentials());
		try {
			this.credentials.save(new StoredCredential(id, this.cipher.keyId(), this.cipher.seal(plaintext, id),
					this.clock.instant()));
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
		return export.toView();
	}

	@Transactional(readOnly = true)
	public Optional<ExportView> find(ExportId id) {
		return this.exports.findById(id.value()).map(Export::toView);
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public Page<ExportView> list(ExportFilter filter, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		return this.exports.findAll(matching(filter), request).map(Export::toView);
	}

	/**
	 * Decrypts the credentials of an export whose base connection does not exist yet.
	 * @throws IllegalStateException when they are gone (the base connection was created)
	 */
	@Transactional(readOnly = true)
	public Credentials credentials(ExportId id) {
		StoredCredential stored = this.credentials.findById(id.value())
			.orElseThrow(() -> new IllegalStateException("Export " + id + " holds no credentials any more"));
		byte[] plaintext = this.cipher.open(stored.keyId(), stored.ciphertext(), id);
		try {
			return ExportSpecJson.MAPPER.readValue(plaintext, Credentials.class);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	/**
	 * A worker takes the export: {@code PENDING} (or orphaned {@code RUNNING}) →
	 * {@code RUNNING}.
	 */
	public ExportView start(ExportId id) {
		Export export = load(id);
		export.start(this.clock.instant());
		return export.toView();
	}

	public void stepStarted(ExportId id, StepName step) {
		load(id).stepStarted(step, this.clock.instant());
	}

	/**
	 * Records what Adobe answered. Once the base connection exists Adobe holds the
	 * credentials, so ours are deleted in the same transaction.
	 */
	public void stepSucceeded(ExportId id, StepName step, EntityRef ref) {
		load(id).stepSucceeded(step, ref, this.clock.instant());
		if (step == StepName.BASE_CONNECTION) {
			this.credentials.deleteById(id.value());
		}
	}

	public void stepSkipped(ExportId id, StepName step) {
		load(id).stepSkipped(step, this.clock.instant());
	}

	public void stepFailed(ExportId id, StepName step, StepError error) {
		load(id).stepFailed(step, error, this.clock.instant());
	}

	/**
	 * The worker is done with the export: it becomes {@code SUCCEEDED} or {@code FAILED}.
	 */
	public ExportView finish(ExportId id) {
		Export export = load(id);
		export.finish(this.clock.instant());
		return export.toView();
	}

	private Export load(ExportId id) {
		return this.exports.findById(id.value()).orElseThrow(() -> new ExportNotFound(id));
	}

	private static Specification<Export> matching(ExportFilter filter) {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (filter.status() != null) {
				predicates.add(cb.equal(root.get("status"), filter.status()));
			}
			if (filter.destinationType() != null) {
				predicates.add(cb.equal(root.get("destinationType"), filter.destinationType()));
			}
			if (filter.name() != null && !filter.name().isBlank()) {
				predicates.add(
						cb.like(cb.lower(root.get("name")), "%" + escapeLike(filter.name().toLowerCase()) + "%", '\\'));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
