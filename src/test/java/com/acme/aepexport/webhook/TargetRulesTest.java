package com.acme.aepexport.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetRulesTest {

	/** Names resolve as this table says; literal addresses as themselves. */
	private static final TargetRules.Resolver DNS = (host) -> {
		Map<String, String> names = Map.of("hooks.example.com", "93.184.216.34", "rebound.example.com",
				"169.254.169.254", "intranet.example.com", "10.1.2.3", "mixed.example.com", "93.184.216.34,192.168.1.9",
				"v6.example.com", "2606:2800:220:1:248:1893:25c8:1946");
		String addresses = names.get(host);
		if (addresses == null && !host.matches("[0-9.]+|.*:.*")) {
			throw new UnknownHostException(host);
		}
		String[] each = (addresses != null) ? addresses.split(",") : new String[] { host };
		InetAddress[] resolved = new InetAddress[each.length];
		for (int i = 0; i < each.length; i++) {
			resolved[i] = InetAddress.getByName(each[i]);
		}
		return resolved;
	};

	private final TargetRules rules = new TargetRules(false, List.of(), DNS);

	@Test
	void anHttpsUrlToAPublicHostIsATarget() {
		assertThat(this.rules.refusal("https://hooks.example.com/aep")).isEmpty();
		assertThat(this.rules.refusal("https://v6.example.com:8443/aep?x=1")).isEmpty();
		assertThat(this.rules.refusal("https://93.184.216.34/aep")).isEmpty();
	}

	@Test
	void httpIsRefusedUnlessAllowed() {
		assertThat(this.rules.refusal("http://hooks.example.com/aep")).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("https").contains("exports.webhooks.allow-http"));
		assertThat(new TargetRules(true, List.of(), DNS).refusal("http://hooks.example.com/aep")).isEmpty();
		assertThat(new TargetRules(true, List.of(), DNS).refusal("ftp://hooks.example.com/aep")).isPresent();
		assertThat(this.rules.refusal("hooks.example.com/aep")).isPresent();
		assertThat(this.rules.refusal("https://")).isPresent();
		assertThat(this.rules.refusal("https://user:password@hooks.example.com/")).isPresent();
	}

	@Test
	void loopbackLinkLocalPrivateAndUnspecifiedAddressesAreRefused() {
		assertThat(this.rules.refusal("https://127.0.0.1/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("127.0.0.1").contains("loopback"));
		assertThat(this.rules.refusal("https://127.8.9.10/")).isPresent();
		assertThat(this.rules.refusal("https://[::1]/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("loopback"));
		assertThat(this.rules.refusal("https://169.254.169.254/latest/meta-data/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("link-local"));
		assertThat(this.rules.refusal("https://[fe80::1]/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("link-local"));
		assertThat(this.rules.refusal("https://10.0.0.1/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("private"));
		assertThat(this.rules.refusal("https://172.16.5.4/")).isPresent();
		assertThat(this.rules.refusal("https://192.168.0.1/")).isPresent();
		assertThat(this.rules.refusal("https://[fd12:3456::1]/")).isPresent();
		assertThat(this.rules.refusal("https://100.100.100.200/")).isPresent();
		assertThat(this.rules.refusal("https://0.0.0.0/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("unspecified"));
		assertThat(this.rules.refusal("https://[::]/")).isPresent();
		assertThat(this.rules.refusal("https://[::ffff:127.0.0.1]/")).isPresent();
	}

	@Test
	void aNameIsJudgedByEveryAddressItResolvesTo() {
		assertThat(this.rules.refusal("https://rebound.example.com/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("169.254.169.254").contains("link-local"));
		assertThat(this.rules.refusal("https://mixed.example.com/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("192.168.1.9"));
		assertThat(this.rules.refusal("https://nowhere.example.com/"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("does not resolve"));
	}

	@Test
	void allowedHostsAndRangesLetTheirAddressesIn() {
		TargetRules allowing = new TargetRules(false, List.of("LocalHost", "10.1.0.0/16", "fd12::/16", "127.0.0.2"),
				DNS);
		assertThat(allowing.refusal("https://localhost:8443/hook")).isEmpty();
		assertThat(allowing.refusal("https://intranet.example.com/")).isEmpty();
		assertThat(allowing.refusal("https://10.1.200.1/")).isEmpty();
		assertThat(allowing.refusal("https://[fd12:3456::1]/")).isEmpty();
		assertThat(allowing.refusal("https://127.0.0.2/")).isEmpty();
		assertThat(allowing.refusal("https://10.2.0.1/")).isPresent();
		assertThat(allowing.refusal("https://127.0.0.1/")).isPresent();
		assertThat(allowing.refusal("https://169.254.169.254/")).isPresent();
	}

}
