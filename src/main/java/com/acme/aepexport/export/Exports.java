package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Exports extends JpaRepository<Export, UUID>, JpaSpecificationExecutor<Export> {

	/**
	 * The export, its row locked until the transaction ends: a transition that queues or
	 * unqueues work (resume, delete, a worker's last word) happens one at a time.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select e from Export e where e.id = :id")
	Optional<Export> findForUpdate(UUID id);

	/**
	 * The export with its steps, in one statement: a worker's start, end or hand-back of
	 * a run or a teardown (the first two read the steps, and would load them in a second
	 * statement after the export's). A fetch join, not an entity graph: Hibernate
	 * translates a query with a graph to SQL again at each execution (half of this read's
	 * CPU samples when polls used it), and Spring Data first looks up a graph named after
	 * the method, catching the exception that there is none.
	 */
	@Query("select e from Export e left join fetch e.steps where e.id = :id")
	Optional<Export> findWithStepsById(UUID id);

	/**
	 * What a status poll reads, in one statement and so one snapshot of the database: the
	 * export with its steps, its newest change (none when it has had none) and its runs
	 * snapshot (none until it is first asked for). One row per step, each naming the same
	 * three entities. A statement each, in a {@code REPEATABLE READ} transaction for the
	 * one snapshot, took up to six round trips: the three, the commit, and setting and
	 * resetting the isolation level. This takes two, with the commit.
	 */
	@Query("""
			select new com.acme.aepexport.export.Exports$PollRead(e, c, r) from Export e left join fetch e.steps
			left join ExportChange c on c.exportId = e.id
			  and c.revision = (select max(n.revision) from ExportChange n where n.exportId = e.id)
			left join RunSnapshot r on r.exportId = e.id
			where e.id = :id""")
	List<PollRead> findForPoll(UUID id);

	/**
	 * One step of the export, with the export and none of its other steps, in one
	 * statement: what a worker's record of an event changes.
	 */
	@Query("select s from ExportStep s join fetch s.export e where e.id = :id and s.name = :name")
	Optional<ExportStep> findStep(UUID id, StepName name);

	/**
	 * Waits until no other transaction adopts a dataflow of the same hash, then holds the
	 * lock until this one ends: two adoptions of one flow are checked one after the
	 * other. The two-key form, whose keys never meet those of the one-key locks taken
	 * elsewhere.
	 */
	@Query(value = "select 1 from (select pg_advisory_xact_lock(16, :key)) locked", nativeQuery = true)
	int lockAdoptions(int key);

	/**
	 * The export that has this Adobe dataflow (created by its workflow, or adopted),
	 * unless its teardown deleted it.
	 */
	@Query(value = """
			select e.id as id, e.owner as owner from export e join export_step s on s.export_id = e.id
			where s.name = 'DATAFLOW' and s.entity_id = :flowId and s.deleted_at is null""", nativeQuery = true)
	Optional<DataflowExport> findByDataflow(String flowId);

	/**
	 * Exports by status, summed from {@code export_count}, which triggers keep in the
	 * statement of every insert, status change and delete (V7); the oldest update of each
	 * status is the first entry of its range in the index on
	 * {@code (status, updated_at)}. Neither reads the export table row by row.
	 */
	String COUNT_BY_STATUS = """
			select c.status as status, c.exports as exports,
			  (select min(e.updated_at) from export e where e.status = c.status) as oldestUpdate
			from (select status, sum(exports)::bigint as exports from export_count group by status) c""";

	@Query(value = COUNT_BY_STATUS, nativeQuery = true)
	List<StatusCount> countByStatus();

	/**
	 * Finds its batch in the index on {@code (status, updated_at)}, as the counts find
	 * the oldest update, and deletes it by primary key: {@code id in (select …)} would
	 * hash-join the batch with the whole table.
	 */
	String PURGE_BATCH = """
			delete from export where id = any (array(
			  select id from export where status = 'DELETED' and updated_at < :before
			  order by updated_at limit :limit for update skip locked))""";

	/**
	 * Deletes at most {@code limit} exports {@code DELETED} and unchanged since
	 * {@code before}, the longest unchanged first; their steps, changes, credentials, run
	 * snapshots and idempotency keys go with them (their foreign keys cascade). One that
	 * another transaction holds (a {@code DELETE} asked again) is left for the next time.
	 * @return how many were deleted
	 */
	@Modifying
	@Query(value = PURGE_BATCH, nativeQuery = true)
	int deleteDeletedUnchangedSince(Instant before, int limit);

	/**
	 * @param change its newest change, or {@code null}
	 * @param runs its runs snapshot, or {@code null}
	 */
	record PollRead(Export export, ExportChange change, RunSnapshot runs) {

	}

	/** The export of a dataflow, and its owner. */
	interface DataflowExport {

		UUID getId();

		String getOwner();

	}

	/**
	 * How many exports have a status, and when the one changed longest ago last changed.
	 */
	interface StatusCount {

		ExportStatus getStatus();

		long getExports();

		Instant getOldestUpdate();

	}

}
