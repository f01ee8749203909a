package dev.bulwark.ports.driven.storage;

import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.util.Optional;
import org.apiguardian.api.API;

/** Workspaces: created with their first user (personal) or by a team owner. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Workspaces {
    /** Stores a new workspace; {@link dev.bulwark.ports.errors.Conflict} when its id exists. */
    void create(Workspace workspace);

    Optional<Workspace> find(WorkspaceId id);
}
