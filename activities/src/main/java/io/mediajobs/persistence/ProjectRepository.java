package io.mediajobs.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Projects, always read by owner: another user's project does not exist. */
@Repository
public class ProjectRepository {

    private static final String COLUMNS = "id, user_id, name, created_at";

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new project of the user with a server-generated id; {@code name} is already validated. */
    public Project create(String userId, String name) {
        return jdbc.sql("INSERT INTO projects (id, user_id, name) VALUES (?, ?, ?) RETURNING " + COLUMNS)
                .params(UUID.randomUUID(), userId, name).query(ProjectRepository::map).single();
    }

    /** The user's project; empty when it does not exist or is someone else's. */
    public Optional<Project> findOwned(UUID projectId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projects WHERE id = ? AND user_id = ?")
                .params(projectId, userId).query(ProjectRepository::map).optional();
    }

    /** The user's projects, newest first. */
    public List<Project> list(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projects WHERE user_id = ? ORDER BY created_at DESC, id DESC")
                .params(userId).query(ProjectRepository::map).list();
    }

    static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
