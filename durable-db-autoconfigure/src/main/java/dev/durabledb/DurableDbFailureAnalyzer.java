package dev.durabledb;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports durable-db's configuration errors as a description and an action. */
class DurableDbFailureAnalyzer extends AbstractFailureAnalyzer<DurableDbConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DurableDbConfigurationException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
