package io.bazaar.systemtest.metrics;

import java.util.List;

import io.bazaar.systemtest.metrics.PromQl.Matcher;
import io.bazaar.systemtest.metrics.PromQl.Selector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

	@Test
	void findsEveryMetricWithItsMatchersAndNothingElse() {
		List<Selector> selectors = PromQl.selectors(
				"""
						sum by (application, cache) (rate(catalog_cache_requests_total{result="hit"}[$__rate_interval]))
						  / sum by (application, cache) (rate(catalog_cache_requests_total[10m])) < 0.5
						and on (application) max without (le) (hikaricp_connections_pending{pool=~"Hikari.*", a!="x,}"}) > 1e3
						or histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{le="0.5"}[5m] offset 1h)))
						""");

		assertThat(selectors).containsExactly(
				new Selector("catalog_cache_requests_total", List.of(new Matcher("result", "=", "hit"))),
				new Selector("catalog_cache_requests_total", List.of()),
				new Selector("hikaricp_connections_pending",
						List.of(new Matcher("pool", "=~", "Hikari.*"), new Matcher("a", "!=", "x,}"))),
				new Selector("http_server_requests_seconds_bucket", List.of(new Matcher("le", "=", "0.5"))));
	}

	@Test
	void recordingRuleNamesAreSelectorsToo() {
		assertThat(PromQl
			.selectors("bazaar:kafka_consumer_lag:max > 100 and deriv(bazaar:kafka_consumer_lag:max[10m]) > 0"))
			.extracting(Selector::metric)
			.containsExactly("bazaar:kafka_consumer_lag:max", "bazaar:kafka_consumer_lag:max");
	}

}
