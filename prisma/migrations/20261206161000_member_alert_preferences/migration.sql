-- A member's own alert preference is a personal email channel (user_id set): the same claims,
-- retries, delivery log and auto-disable as the organisation's channels, one per member.
ALTER TABLE alert_channels ADD COLUMN user_id uuid REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE alert_channels ADD CONSTRAINT alert_channels_member_email CHECK (user_id IS NULL OR kind = 'email');
CREATE UNIQUE INDEX alert_channels_member_idx ON alert_channels (org_id, user_id) WHERE user_id IS NOT NULL;
