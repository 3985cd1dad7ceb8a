package io.mediajobs.projects;

import io.mediajobs.persistence.Project;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mediajobs.common.Timestamps;

/** A project as the API shows it: {@code {projectId, name, createdAt}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectView(String projectId, String name, String createdAt) {

    public static ProjectView of(Project project) {
        return new ProjectView(project.id().toString(), project.name(), Timestamps.iso(project.createdAt()));
    }
}
