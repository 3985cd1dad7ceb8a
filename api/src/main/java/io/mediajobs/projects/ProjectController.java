package io.mediajobs.projects;

import io.mediajobs.persistence.Project;
import io.mediajobs.persistence.ProjectRepository;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ApiResponse;
import io.mediajobs.common.Ids;
import io.mediajobs.security.CurrentUserId;

/** {@code /api/projects}: create, list and read the caller's projects. */
@RestController
class ProjectController {

    static final int MAX_NAME_LENGTH = 200;

    private final ProjectRepository projects;

    ProjectController(ProjectRepository projects) {
        this.projects = projects;
    }

    record CreateProjectRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {
    }

    /** {@code data} of create and read: {@code {project}}. */
    record ProjectData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) ProjectView project) {
    }

    /** {@code data} of the user's project list. */
    record ProjectListData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ProjectView> projects) {
    }

    @PostMapping("/api/projects")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ProjectData> create(@CurrentUserId String userId, @RequestBody CreateProjectRequest request) {
        String name = validName(request.name());
        return ApiResponse.ok(new ProjectData(ProjectView.of(projects.create(userId, name))));
    }

    @GetMapping("/api/projects")
    ApiResponse<ProjectListData> list(@CurrentUserId String userId) {
        return ApiResponse.ok(new ProjectListData(projects.list(userId).stream().map(ProjectView::of).toList()));
    }

    @GetMapping("/api/projects/{projectId}")
    ApiResponse<ProjectData> get(@CurrentUserId String userId, @PathVariable String projectId) {
        Project project = projects.findOwned(Ids.parse(projectId, "projectId"), userId)
                .orElseThrow(() -> ApiException.notFound("Project not found"));
        return ApiResponse.ok(new ProjectData(ProjectView.of(project)));
    }

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Project name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("Project name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("Project name must not contain control characters");
        }
        return name;
    }
}
