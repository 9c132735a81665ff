package com.abacus.shared;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled jobs (invoice run, dunning, reconciliation, trial expiry) run on one instance at a time: each takes a
 * ShedLock row in PostgreSQL, timed by the database clock. A job killed mid-run loses its lock after
 * {@code lockAtMostFor} and the next run resumes it; the jobs themselves are written to be safely re-run.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

    /** For jobs started by hand (an invoice run from the console) that must not overlap the scheduled run. */
    @Bean
    net.javacrumbs.shedlock.core.LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor(lockProvider);
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new org.springframework.jdbc.core.JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
