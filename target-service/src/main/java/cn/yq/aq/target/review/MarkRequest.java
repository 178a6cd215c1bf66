package cn.yq.aq.target.review;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/review/marks}: hours [{@code from}, {@code to}) (ISO date-times with offset, whole
 * hours) of {@code pollutants} of {@code target} (a station or a source), to {@code invalidate} or
 * {@code restore}, for a {@code reason} of the contract's list ({@code other} needs a note), optionally
 * answering a {@code suspect} of the pre-review.
 */
public record MarkRequest(
        @NotBlank @Size(max = 64) String target,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 16) String> pollutants,
        @NotBlank String from,
        @NotBlank String to,
        @NotNull @Pattern(regexp = "invalidate|restore", message = "must be invalidate or restore") String action,
        @NotNull @Pattern(regexp = Reasons.PATTERN, message = "must be one of " + Reasons.PATTERN) String reason,
        @Size(max = 1000) String note,
        @Size(max = 64) String suspect) {
}
