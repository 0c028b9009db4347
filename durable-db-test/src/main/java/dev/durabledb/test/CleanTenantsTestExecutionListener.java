package dev.durabledb.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Deletes every tenant before each test method, so that a test starts from no tenants
 * whatever the tests before it left in a cached context; the tenants a test creates stay
 * on disk after it fails, to look at. Off with {@code durable-db.test.clean-tenants=false}.
 */
class CleanTenantsTestExecutionListener extends AbstractTestExecutionListener {

	static final String PROPERTY = "durable-db.test.clean-tenants";

	@Override
	public int getOrder() {
		// Before the listeners that run the test's own setup (SQL scripts, for example).
		return 1500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getEnvironment().getProperty(PROPERTY, Boolean.class, true)) {
			context.getBeanProvider(TestTenants.class).ifAvailable(TestTenants::deleteAll);
		}
	}

}
