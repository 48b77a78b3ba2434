package com.acme.aepexport.webhook;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox's sender runs as a db-scheduler recurring task, beside the service's other
 * recurring tasks: one pass at a time across instances, and its claims skip rows another
 * pass holds, so an attempt is never sent twice at once.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

	/**
	 * One set of target rules for subscribing and for sending: a target is checked by the
	 * same rules at both.
	 */
	@Bean
	TargetRules webhookTargetRules(WebhookSettings settings) {
		return TargetRules.of(settings);
	}

	/**
	 * The sender's client. Never a redirect: it could lead to an address the rules
	 * refuse. HTTP/1.1: the JDK's HTTP/2 default asks a plain-http receiver to upgrade
	 * (h2c), which many refuse or mishandle; a webhook gains nothing from HTTP/2.
	 */
	@Bean
	HttpClient webhookHttpClient(WebhookSettings settings) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Bean
	RecurringTask<Void> sendWebhooksTask(WebhookSender sender, WebhookSettings settings) {
		return Tasks.recurring("send-webhooks", FixedDelay.of(settings.pollInterval()))
			.execute((instance, context) -> sender.sendDue());
	}

	/**
	 * Deliveries that ended are kept {@code exports.webhooks.retention}, then deleted
	 * with their attempts, a bounded batch a statement, so the outbox does not grow for
	 * ever.
	 */
	@Bean
	RecurringTask<Void> purgeWebhookDeliveriesTask(Deliveries deliveries, WebhookSettings settings, Clock clock) {
		return Tasks.recurring("purge-webhook-deliveries", FixedDelay.ofHours(1))
			.execute((instance, context) -> purge(deliveries, settings, clock));
	}

	static int purge(Deliveries deliveries, WebhookSettings settings, Clock clock) {
		Instant before = clock.instant().minus(settings.retention());
		int total = 0;
		int purged;
		do {
			purged = deliveries.purgeEnded(before, settings.purgeBatchSize());
			total += purged;
		}
		while (purged == settings.purgeBatchSize());
		if (total > 0) {
			log.info("Purged {} webhook deliveries ended before {}", total, before);
		}
		return total;
	}

}
