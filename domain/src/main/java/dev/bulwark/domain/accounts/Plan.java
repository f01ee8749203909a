package dev.bulwark.domain.accounts;

/**
 * What a workspace's plan allows: how many bots, whether they may trade live, how many webhooks a day. A self-hosted
 * instance chooses its default plan ({@code BULWARK_DEFAULT_PLAN}); UNLIMITED has no limits at all.
 */
public enum Plan {
    FREE(1, false, 100),
    BASIC(5, true, 1_000),
    PRO(20, true, 10_000),
    ELITE(50, true, 50_000),
    UNLIMITED(Integer.MAX_VALUE, true, Long.MAX_VALUE);

    private final int maxBots;
    private final boolean live;
    private final long webhooksPerDay;

    Plan(int maxBots, boolean live, long webhooksPerDay) {
        this.maxBots = maxBots;
        this.live = live;
        this.webhooksPerDay = webhooksPerDay;
    }

    public int maxBots() {
        return maxBots;
    }

    /** Whether bots may trade on live venues (FREE is paper only). */
    public boolean allowsLive() {
        return live;
    }

    public long webhooksPerDay() {
        return webhooksPerDay;
    }
}
