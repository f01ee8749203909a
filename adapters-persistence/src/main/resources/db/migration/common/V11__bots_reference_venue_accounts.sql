-- Bots and venue accounts were built side by side (V4, V7); now that both exist, a bot's venue account must be
-- one of its own workspace's: the composite key makes a bot pointing across workspaces impossible, and a venue
-- account with bots cannot be deleted from under them.
ALTER TABLE bots
    ADD CONSTRAINT bots_venue_account FOREIGN KEY (workspace_id, venue_account_id)
        REFERENCES venue_accounts (workspace_id, id);
