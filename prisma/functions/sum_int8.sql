-- sum() over bigint returns numeric: its state is a 128-bit accumulator allocated per group,
-- which makes the planner expect a hash table too big for work_mem (so it sorts, spilling the
-- wide rollup rows to disk), makes parallel plans serialise every state, and ends each group
-- with a numeric conversion. The rollup reads and the rollup triggers sum many bigint columns
-- per row, so they use this plain bigint sum instead: the state is the running bigint itself
-- (int8pl, overflow-checked), NULL when no row contributed, exactly like sum().
CREATE OR REPLACE AGGREGATE sum_int8(bigint) (
  SFUNC = int8pl,
  STYPE = bigint,
  COMBINEFUNC = int8pl,
  PARALLEL = SAFE
);
