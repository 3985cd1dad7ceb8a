package io.mediajobs.common;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** The spec's envelope: {@code {success, data, message}}; absent fields are omitted, never null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean success, T data,
        String message) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null);
    }

    /** Wraps a single named value, e.g. {@code data: {job: {...}}}. */
    public static ApiResponse<Map<String, Object>> ok(String name, Object value) {
        return new ApiResponse<>(true, Map.of(name, value), null);
    }

    public static ApiResponse<Void> error(String message) {
        return new ApiResponse<>(false, null, message);
    }
}
