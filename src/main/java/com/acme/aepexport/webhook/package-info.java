/**
 * Webhooks: callers' subscriptions to their exports' events, an outbox filled in the
 * transaction that changes an export's status, and its delivery, signed as the Standard
 * Webhooks specification says, at least once, with backoff, to targets the configuration
 * allows.
 */
@ApplicationModule(allowedDependencies = { "export" })
package com.acme.aepexport.webhook;

import org.springframework.modulith.ApplicationModule;
