package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.util.Optional;
import org.apiguardian.api.API;

/** Each workspace's plan; a workspace without one has the instance's default plan (the application's to apply). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Plans {
    Optional<Plan> find(WorkspaceId workspace);

    /** Sets the plan; NotFound when the workspace does not exist. */
    void set(WorkspaceId workspace, Plan plan);
}
