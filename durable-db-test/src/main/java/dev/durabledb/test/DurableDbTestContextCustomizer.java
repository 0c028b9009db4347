package dev.durabledb.test;

import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points the starter of one test context at new temporary folders, and registers
 * {@link TestTenants}.
 * <p>
 * The folders' properties rank below what the test itself sets
 * ({@code @SpringBootTest(properties)}, {@code @TestPropertySource},
 * {@code @DynamicPropertySource}) and above everything else, the application's
 * {@code application.yaml} and the environment included: a test never writes into the
 * folders a developer's running application uses. The customizer holds no state, so that
 * it does not split Spring's context cache; the folders are made per context.
 */
final class DurableDbTestContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "durable-db test folders";

	/** Where the test's own properties live, the ones that outrank the folders. */
	private static final List<String> TEST_PROPERTIES = List.of("Dynamic Test Properties",
			TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME);

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		TestFolders folders = TestFolders.create();
		addBelowTestProperties(context.getEnvironment().getPropertySources(),
				new MapPropertySource(PROPERTY_SOURCE_NAME, folders.properties()));
		if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
			registry.registerBeanDefinition(TestFolders.BEAN_NAME,
					new RootBeanDefinition(TestFolders.class, () -> folders));
			RootBeanDefinition tenants = new RootBeanDefinition(TestTenants.class);
			tenants.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			registry.registerBeanDefinition(TestTenants.BEAN_NAME, tenants);
		}
	}

	private static void addBelowTestProperties(MutablePropertySources sources, MapPropertySource folders) {
		String lowestTestSource = null;
		for (var source : sources) {
			if (TEST_PROPERTIES.contains(source.getName())) {
				lowestTestSource = source.getName();
			}
		}
		if (lowestTestSource != null) {
			sources.addAfter(lowestTestSource, folders);
		}
		else {
			sources.addFirst(folders);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
