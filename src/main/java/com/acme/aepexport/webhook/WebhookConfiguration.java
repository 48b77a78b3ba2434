package com.acme.aepexport.webhook;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox's sender runs as a db-scheduler recurring task, which the workers' scheduler
 * picks up with every other task: one pass at a time across instances, and its claims
 * skip rows another pass holds, so an attempt is never sent twice at once.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	RecurringTask<Void> sendWebhooksTask(WebhookSender sender, WebhookSettings settings) {
		return Tasks.recurring("send-webhooks", FixedDelay.of(settings.pollInterval()))
			.execute((instance, context) -> sender.sendDue());
	}

}
