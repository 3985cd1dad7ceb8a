package io.mediajobs.common;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One transaction-scoped lock per user for changes that must not interleave: submitting jobs (the per-user
 * active-job limit) and deleting an asset a new job might be about to use. Released at commit or rollback.
 */
public final class UserLocks {

    private UserLocks() {
    }

    public static void lockJobsOf(JdbcClient jdbc, String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("jobs:" + userId).query().singleRow();
    }
}
