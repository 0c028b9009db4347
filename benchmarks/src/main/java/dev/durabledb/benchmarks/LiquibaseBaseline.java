package dev.durabledb.benchmarks;

import java.sql.Connection;
import java.util.Map;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.listener.LiquibaseListener;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;

/** Liquibase {@code update} as an application would run it on one connection. */
final class LiquibaseBaseline {

	static final String CHANGELOG = "db/durable/bench/changelog.yaml";

	private LiquibaseBaseline() {
	}

	static void update(Connection connection) throws Exception {
		update(connection, null);
	}

	/** Liquibase {@code update} into {@code schema} (PostgreSQL), or the connection's default one if null. */
	static void update(Connection connection, @Nullable String schema) throws Exception {
		ClassLoaderResourceAccessor accessor = new ClassLoaderResourceAccessor(LiquibaseBaseline.class.getClassLoader());
		Map<String, Object> scope = Map.of(Scope.Attr.ui.name(), new LoggerUIService(), AnalyticsArgs.ENABLED.getKey(),
				false);
		Scope.child((LiquibaseListener) null, scope, () -> {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (schema != null) {
				database.setDefaultSchemaName(schema);
				database.setLiquibaseSchemaName(schema);
			}
			Liquibase liquibase = new Liquibase(CHANGELOG, accessor, database);
			liquibase.setShowSummary(UpdateSummaryEnum.OFF);
			liquibase.update(new Contexts(), new LabelExpression());
			return null;
		});
	}

}
