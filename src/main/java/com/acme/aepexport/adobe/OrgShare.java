package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An org's ceiling of calls to Adobe in flight, shared among the instances that call for
 * it, through PostgreSQL: every {@code share-interval} each instance notes that it is
 * alive ({@code adobe_instance}), removes instances not seen for three intervals, and
 * takes {@code org-max ÷ live instances} (at least one) as its own ceiling, beneath its
 * adaptive limit. An instance that stops removes itself, so the others grow at once; one
 * that dies is counted until its row is three intervals old. When the database cannot be
 * read, the last share holds.
 */
@RequiredArgsConstructor
final class OrgShare implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OrgShare.class);

	private final JdbcTemplate jdbc;

	private final AdobeConcurrency concurrency;

	private final String orgId;

	private final int orgMax;

	private final Duration interval;

	private final String instanceId = UUID.randomUUID().toString();

	private volatile ScheduledExecutorService timer;

	/** Notes this instance alive and takes its share of the org's ceiling now. */
	void refresh() {
		try {
			this.jdbc.update("insert into adobe_instance (instance_id, org_id, seen_at) values (?, ?, now())"
					+ " on conflict (instance_id) do update set seen_at = now()", this.instanceId, this.orgId);
			this.jdbc.update("delete from adobe_instance where seen_at < now() - make_interval(secs => ?)",
					3 * this.interval.toMillis() / 1000.0);
			Integer live = this.jdbc.queryForObject("select count(*) from adobe_instance where org_id = ?",
					Integer.class, this.orgId);
			int instances = Math.max(1, (live != null) ? live : 1);
			this.concurrency.share(Math.max(1, this.orgMax / instances));
		}
		catch (DataAccessException ex) {
			log.warn("Cannot share adobe.concurrency.org-max with the other instances now; keeping {}: {}",
					this.concurrency.share(), ex.getMessage());
		}
	}

	@Override
	public void start() {
		if (this.orgMax <= 0) {
			return;
		}
		ScheduledExecutorService timer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("adobe-org-share").factory());
		timer.scheduleWithFixedDelay(this::refresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.timer = timer;
	}

	@Override
	public void stop() {
		ScheduledExecutorService timer = this.timer;
		this.timer = null;
		if (timer == null) {
			return;
		}
		timer.shutdownNow();
		try {
			this.jdbc.update("delete from adobe_instance where instance_id = ?", this.instanceId);
		}
		catch (DataAccessException ex) {
			log.warn("Cannot remove this instance from adobe_instance; it is counted until its row ages out: {}",
					ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
