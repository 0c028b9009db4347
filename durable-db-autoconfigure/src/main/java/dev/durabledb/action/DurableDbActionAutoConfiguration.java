package dev.durabledb.action;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.instance.InstanceTransactions;
import dev.durabledb.tenant.TenantIdPolicy;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Auto-configuration of the databases and the actions that run in them: the
 * {@link DatabaseCatalog}, one {@link DurableDatabase} bean per database, the
 * {@link ActionRunner}, and the proxies of {@link DurableAction} beans, with their
 * arguments validated when Bean Validation is present.
 * <p>
 * It registers no {@code DataSource}, {@code JdbcTemplate}, {@code JdbcClient} or
 * transaction manager, so an application's own database is left alone.
 */
@AutoConfiguration(afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass({ SQLiteConnection.class, JdbcClient.class })
@EnableConfigurationProperties(DurableDbProperties.class)
@Import(DurableDatabaseRegistrar.class)
public final class DurableDbActionAutoConfiguration {

	@Bean
	ActionScope durableDbActionScope() {
		return new ActionScope();
	}

	@Bean
	ActionDefinitions durableDbActionDefinitions(DatabaseCatalog catalog) {
		return new ActionDefinitions(catalog);
	}

	@Bean
	ActionRunner durableDbActionRunner(DatabaseCatalog catalog, InstanceTransactions transactions,
			TenantIdPolicy tenantIds, ActionScope scope, ObjectProvider<ActionListener> listeners,
			ObjectProvider<ActionRouter> router) {
		return new ActionRunner(catalog, transactions, tenantIds, scope,
				ActionListener.all(listeners.orderedStream().toList()), router.getIfUnique());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DurableActionPostProcessor durableDbActionPostProcessor(ObjectProvider<ActionDefinitions> definitions,
			ObjectProvider<ActionRunner> runner, ObjectProvider<ArgumentValidator> validator) {
		ActionBeanNames names = new ActionBeanNames();
		return new DurableActionPostProcessor(new DurableActionInterceptor(definitions, runner, validator, names),
				definitions, names);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	static class ArgumentValidationConfiguration {

		@Bean
		@ConditionalOnBean(jakarta.validation.Validator.class)
		ArgumentValidator durableDbArgumentValidator(jakarta.validation.Validator validator) {
			return new ArgumentValidator(validator);
		}

	}

}
