package dev.durabledb.actuate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Warns at startup when durable-db's endpoints are exposed and the application has no
 * Spring Security filter chain: anyone who reaches the port could then read every
 * tenant's metadata (and, in cluster mode, every node's URL), and (where allowed) back up,
 * restore and download tenants' data.
 */
final class UnsecuredEndpointsWarning implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(UnsecuredEndpointsWarning.class);

	private static final String FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	private final ListableBeanFactory beans;

	UnsecuredEndpointsWarning(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean exposed = this.beans.getBeanNamesForType(DurableDbEndpoint.class).length > 0
				|| this.beans.getBeanNamesForType(DurableDbArchiveEndpoint.class).length > 0
				|| this.beans.getBeanNamesForType(DurableDbClusterEndpoint.class).length > 0;
		if (exposed && !secured()) {
			logger.warn("The durabledb actuator endpoints are exposed and the application has no Spring Security"
					+ " filter chain: anyone who can reach it can read every tenant's metadata and use the operations"
					+ " its access allows. Secure them (see the README's \"Securing the endpoints\").");
		}
	}

	private boolean secured() {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(FILTER_CHAIN, classLoader)) {
			return false;
		}
		return this.beans.getBeanNamesForType(ClassUtils.resolveClassName(FILTER_CHAIN, classLoader)).length > 0;
	}

}
