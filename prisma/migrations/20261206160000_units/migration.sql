-- Usage billed by a unit other than the token (lib/pricing/units.ts): seconds of transcribed
-- audio, characters of speech, generated images. `unit` is the unit's price key (`second`,
-- `character`, `image:<size>:<quality>`), `unit_quantity` how many. Their cost is in cost_token
-- with the tokens' (the model's cost, as against GPU time), so every rollup already sums it;
-- re-pricing reads the two columns back.
ALTER TABLE usage_events
  ADD COLUMN unit text,
  ADD COLUMN unit_quantity bigint NOT NULL DEFAULT 0,
  ADD CONSTRAINT usage_events_unit_check CHECK ((unit IS NULL) = (unit_quantity = 0) AND unit_quantity >= 0);
