package com.acme.aepexport.adobe;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The org's ceiling of calls to Adobe is shared among the instances alive in PostgreSQL:
 * another instance that notes itself alive halves this one's share, and when it stops
 * noting itself, the share comes back.
 */
@TestPropertySource(properties = { "adobe.concurrency.org-max=8", "adobe.concurrency.share-interval=200ms" })
class OrgShareIT extends IntegrationTest {

	private static final String OTHER = "another-instance";

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private AdobeSettings settings;

	@AfterEach
	void otherInstanceGone() {
		this.jdbc.update("delete from adobe_instance where instance_id = ?", OTHER);
	}

	@Test
	void anotherLiveInstanceOfTheOrgHalvesThisOnesShareUntilItIsSeenNoMore() {
		await().atMost(Duration.ofSeconds(5)).until(() -> share() == 8);
		assertThat(this.jdbc.queryForObject("select count(*) from adobe_instance where org_id = ?", Integer.class,
				this.settings.orgId()))
			.as("this instance, noted alive")
			.isEqualTo(1);

		this.jdbc.update("insert into adobe_instance (instance_id, org_id, seen_at) values (?, ?, now())", OTHER,
				this.settings.orgId());
		await().atMost(Duration.ofSeconds(5)).until(() -> share() == 4);

		// Not seen for three intervals: dead, and no longer counted.
		this.jdbc.update("update adobe_instance set seen_at = now() - interval '1 second' where instance_id = ?",
				OTHER);
		await().atMost(Duration.ofSeconds(5)).until(() -> share() == 8);
		assertThat(this.jdbc.queryForObject("select count(*) from adobe_instance where instance_id = ?", Integer.class,
				OTHER))
			.isZero();
	}

	private double share() {
		return this.meters.get("aep.adobe.concurrency.share").gauge().value();
	}

}
