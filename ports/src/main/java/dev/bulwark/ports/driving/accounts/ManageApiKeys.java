package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyView;
import java.util.List;
import org.apiguardian.api.API;

/**
 * API keys of a workspace for programmatic use ({@code Authorization: Bearer bwk_...}), with scopes READ and TRADE,
 * acting as the member who made them (their role still bounds them). Managed by a signed-in person (MANAGE scope
 * for others' keys; any member for their own).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ManageApiKeys {
    ApiKeyCreated create(Principal principal, CreateApiKey command);

    List<ApiKeyView> list(Principal principal);

    /** NotFound when not the workspace's or already revoked. */
    void revoke(Principal principal, ApiKeyId id);
}
