package dev.durabledb.demo.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

	private final AnalyticsActions analytics;

	StatsController(AnalyticsActions analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/api/stats")
	Stats stats() {
		return new Stats(this.analytics.usersCreated());
	}

	record Stats(long usersCreated) {
	}

}
