package dev.durabledb.console;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.DurableDbInstanceAutoConfiguration;
import dev.durabledb.instance.InstanceFiles;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.replication.DurableDbReplicationAutoConfiguration;
import dev.durabledb.tenant.DurableDbTenantAutoConfiguration;
import dev.durabledb.tenant.TenantIdPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The developer console at {@code durable-db.console.path} ({@code /durable-db/console}):
 * off unless {@code durable-db.console.enabled} is set, or DevTools' development defaults
 * are active; answering only this machine unless {@code web-allow-others}; read-only
 * unless {@code allow-writes}.
 */
@AutoConfiguration(after = { DurableDbInstanceAutoConfiguration.class, DurableDbTenantAutoConfiguration.class,
		DurableDbReplicationAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(InstanceTransactions.class)
@Conditional(OnConsoleEnabledCondition.class)
@EnableConfigurationProperties(DurableDbProperties.class)
public final class DurableDbConsoleAutoConfiguration {

	private static final Log logger = LogFactory.getLog("dev.durabledb.console");

	@Bean
	RouterFunction<ServerResponse> durableDbConsole(DurableDbProperties properties, DatabaseCatalog catalog,
			InstanceFiles files, TenantIdPolicy tenantIds, InstanceTransactions transactions,
			ObjectProvider<Bookmarks> bookmarks) {
		DurableDbProperties.Console console = properties.console();
		ConsoleInstances instances = new ConsoleInstances(catalog, files, tenantIds, bookmarks.getIfAvailable(),
				console.allowWrites());
		ConsoleStatements statements = new ConsoleStatements(transactions, console.allowWrites(), console.statementTimeout());
		logger.info("durable-db console at " + console.path() + "/ (" + (console.allowWrites() ? "writes allowed" : "read-only")
				+ ", " + (console.webAllowOthers() ? "open to other machines" : "this machine only") + ")");
		return new ConsoleRoutes(instances, statements, console.pageSize()).routes(console.path(),
				console.webAllowOthers());
	}

}
