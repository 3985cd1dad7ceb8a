package io.mediajobs.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ApiResponse;
import io.mediajobs.common.Ids;
import io.mediajobs.security.CurrentUser;

/** The spec's jobs endpoints under {@code /api/ai}. */
@RestController
class JobController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final JobRepository jobs;

    JobController(JobRepository jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/ai/jobs")
    ApiResponse<Map<String, Object>> list(@RequestParam(required = false) String projectId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit) {
        UUID project = projectId == null ? null : Ids.parse(projectId, "projectId");
        JobStatus statusFilter = status == null ? null : JobStatus.fromWire(status).orElseThrow(() ->
                ApiException.badRequest("status must be one of: pending, processing, completed, failed"));
        JobType typeFilter = type == null ? null : JobType.fromWire(type).orElseThrow(() ->
                ApiException.badRequest("type must be one of: noise-removal, subtitle-generation"));
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        List<JobResponses.UserJobsResponse> page = jobs
                .list(CurrentUser.id(), new JobRepository.ListFilter(project, statusFilter, typeFilter, pageSize, null))
                .stream().map(JobResponses.UserJobsResponse::of).toList();
        return ApiResponse.ok("jobs", page);
    }
}
