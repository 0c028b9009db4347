package dev.durabledb.migration;

import java.util.logging.Level;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Where Liquibase logs while it migrates tenant files and templates: one SLF4J logger,
 * {@value #NAME}, quiet by default. A migration of a thousand tenants would otherwise log
 * some fifteen INFO lines each, and a failing changeset its stack from Liquibase as well as
 * from durable-db. So Liquibase's INFO lines go out at DEBUG, and its SEVERE ones too: every
 * failure of an update reaches durable-db as an exception, which it logs once. Its warnings
 * stay warnings. The application's own Liquibase (Spring Boot's) is not touched.
 */
final class LiquibaseLog extends AbstractLogService {

	static final String NAME = "dev.durabledb.liquibase";

	static final LiquibaseLog INSTANCE = new LiquibaseLog();

	private static final Slf4jLogger LOGGER = new Slf4jLogger(LoggerFactory.getLogger(NAME));

	@Override
	public int getPriority() {
		return PRIORITY_SPECIALIZED;
	}

	@Override
	public Logger getLog(Class clazz) {
		return LOGGER;
	}

	private static final class Slf4jLogger extends AbstractLogger {

		private final org.slf4j.Logger logger;

		Slf4jLogger(org.slf4j.Logger logger) {
			this.logger = logger;
		}

		@Override
		public void log(Level level, @Nullable String message, @Nullable Throwable failure) {
			org.slf4j.event.Level target = (level.intValue() == Level.WARNING.intValue()) ? org.slf4j.event.Level.WARN
					: (level.intValue() >= Level.CONFIG.intValue()) ? org.slf4j.event.Level.DEBUG
							: org.slf4j.event.Level.TRACE;
			if (this.logger.isEnabledForLevel(target)) {
				this.logger.atLevel(target).setCause(failure).log(filterMessage(message));
			}
		}

	}

}
