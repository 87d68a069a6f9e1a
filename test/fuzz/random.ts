import { mulberry32 } from "@/lib/demo/generate";

/** A seeded generator (the demo's mulberry32): the same seed gives the same requests, so a failure reproduces. */
export interface Random {
  next(): number;
  int(max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** The bare generator, numbers in [0, 1), for fixtures that need nothing more. */
export const prng: (seed: number) => () => number = mulberry32;

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    int: (max) => Math.floor(next() * max),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
