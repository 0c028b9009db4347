package dev.durabledb.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the scheduled backups on their cron expression, on a thread of its own, while the
 * application runs.
 */
final class ScheduledBackups implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledBackups.class);

	private final BackupSweep runner;

	private final CronTrigger trigger;

	private ThreadPoolTaskScheduler scheduler;

	ScheduledBackups(BackupSweep runner, String cron) {
		this.runner = runner;
		this.trigger = new CronTrigger(cron);
	}

	@Override
	public synchronized void start() {
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("durable-db-backup-");
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
		this.scheduler.schedule(this::runOnce, this.trigger);
		logger.info("Scheduled backups: {}", this.trigger.getExpression());
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void runOnce() {
		try {
			this.runner.runScheduled();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled backup run failed", ex);
		}
	}

}
