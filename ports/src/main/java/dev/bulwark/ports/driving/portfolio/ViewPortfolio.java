package dev.bulwark.ports.driving.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import org.apiguardian.api.API;

/** The whole portfolio of a workspace: every account's latest holdings, aggregated by asset, valued in USD and EUR. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ViewPortfolio {
    PortfolioView view(WorkspaceId workspace);
}
