package com.acme.aepexport.webhook;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target rules as deployed (no webhook settings): https only, and no loopback or
 * metadata address, whatever the caller asks.
 */
class WebhookTargetsIT extends IntegrationTest {

	@Test
	void anHttpUrlLoopbackOrMetadataAddressOrUnknownEventIsA400NamingTheField() {
		RestTestClient api = this.api;
		WebhooksIT.assertRefused(api, "http://hooks.example.com/aep", "export.succeeded", "url");
		WebhooksIT.assertRefused(api, "https://127.0.0.1/hook", "export.succeeded", "url");
		WebhooksIT.assertRefused(api, "https://localhost/hook", "export.failed", "url");
		WebhooksIT.assertRefused(api, "https://169.254.169.254/latest/meta-data/", "export.deleted", "url");
		WebhooksIT.assertRefused(api, "https://[::1]/hook", "export.deleted", "url");
		WebhooksIT.assertRefused(api, "https://93.184.216.34/hook", "run.started", "events[0]");
		assertThat(this.jdbc.queryForObject("select count(*) from webhook_subscription where owner = ?", Long.class,
				CALLER))
			.isZero();
	}

}
