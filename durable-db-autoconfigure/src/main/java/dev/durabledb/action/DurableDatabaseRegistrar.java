package dev.durabledb.action;

import java.util.HashMap;
import java.util.Map;

import dev.durabledb.DurableDbProperties;
import dev.durabledb.database.DatabaseCatalog;
import dev.durabledb.database.DatabaseDefinition;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the {@link DatabaseCatalog} and one {@link DurableDatabase} bean per database,
 * named {@code <name>DurableDatabase} and qualified by the database name, so that
 * {@code @Qualifier("main") DurableDatabase} injects {@code main}'s handles. The
 * databases must be known while bean definitions are registered, so they are read here
 * from the environment and the classpath.
 */
class DurableDatabaseRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware,
		BeanFactoryAware {

	private Environment environment;

	private ResourceLoader resourceLoader;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, DurableDbProperties.Database> configured = Binder.get(this.environment)
			.bind("durable-db.databases", Bindable.mapOf(String.class, DurableDbProperties.Database.class))
			.orElse(Map.of());
		Map<String, DatabaseCatalog.Declared> declared = new HashMap<>();
		configured.forEach((name, database) -> declared.put(name,
				new DatabaseCatalog.Declared(database.instance(), database.changelog())));
		DatabaseCatalog catalog = DatabaseCatalog.discover(declared,
				ResourcePatternUtils.getResourcePatternResolver(this.resourceLoader));
		registry.registerBeanDefinition("durableDbDatabaseCatalog",
				new RootBeanDefinition(DatabaseCatalog.class, () -> catalog));
		for (DatabaseDefinition database : catalog.all()) {
			RootBeanDefinition definition = new RootBeanDefinition(DurableDatabase.class,
					() -> new DurableDatabase(database, this.beanFactory.getBean(ActionScope.class)));
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, database.name()));
			registry.registerBeanDefinition(database.name() + "DurableDatabase", definition);
		}
	}

}
