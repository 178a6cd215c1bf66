package cn.yq.aq.target.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/review/marks/{id}/decision} (bureau): approve or reject, with a note. */
public record DecisionRequest(@NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject") String decision,
                              @Size(max = 1000) String note) {
}
