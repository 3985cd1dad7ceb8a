package io.mediajobs.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the jobs projection. Every read is scoped by owner: another user's job does not exist. */
@Repository
public class JobRepository {

    static final String COLUMNS = """
            id, user_id, project_id, asset_id, type, status, progress, estimated_duration, output_data::text AS output_data,
            error_message, options::text AS options, workflow_id, attempt, retry_of_job_id, created_at, started_at, completed_at""";

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ListFilter(UUID projectId, JobStatus status, JobType type, int limit, Cursor after) {
    }

    /** Keyset position for pagination: the last row's (createdAt, id). */
    public record Cursor(Instant createdAt, UUID id) {
    }

    public Optional<Job> findOwned(UUID jobId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND user_id = ?")
                .params(jobId, userId).query(JobRepository::map).optional();
    }

    public List<Job> list(String userId, ListFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE user_id = ?");
        List<Object> params = new ArrayList<>(List.of(userId));
        if (filter.projectId() != null) {
            sql.append(" AND project_id = ?");
            params.add(filter.projectId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().wireName());
        }
        if (filter.type() != null) {
            sql.append(" AND type = ?");
            params.add(filter.type().wireName());
        }
        if (filter.after() != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(Timestamp.from(filter.after().createdAt()));
            params.add(filter.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(filter.limit());
        return jdbc.sql(sql.toString()).params(params).query(JobRepository::map).list();
    }

    static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("user_id"),
                rs.getObject("project_id", UUID.class),
                rs.getObject("asset_id", UUID.class),
                JobType.fromWire(rs.getString("type")).orElseThrow(),
                JobStatus.fromWire(rs.getString("status")).orElseThrow(),
                rs.getInt("progress"),
                (Integer) rs.getObject("estimated_duration"),
                rs.getString("output_data"),
                rs.getString("error_message"),
                rs.getString("options"),
                rs.getString("workflow_id"),
                rs.getInt("attempt"),
                rs.getObject("retry_of_job_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
