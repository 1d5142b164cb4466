/*
 * The machine's memory latency by working-set size: a chase through one
 * random 64-byte line per step, each step's address read from the line
 * before, so no two loads overlap. The README's W3 explanation quotes it.
 *
 *   gcc -O2 scripts/pointer_chase.c -o target/pointer_chase && target/pointer_chase
 *
 * Prints, for 1 to 256 MiB, the nanoseconds per step (best of 3 passes of
 * 10 million steps).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void) {
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1du;
}

int main(void) {
    for (size_t mib = 1; mib <= 256; mib *= 2) {
        size_t lines = mib * 1024 * 1024 / 64;
        uint64_t *mem = aligned_alloc(64, lines * 64);
        size_t *order = malloc(lines * sizeof *order);
        if (!mem || !order) {
            fprintf(stderr, "out of memory at %zu MiB\n", mib);
            return 1;
        }
        for (size_t i = 0; i < lines; i++)
            order[i] = i;
        for (size_t i = lines - 1; i > 0; i--) {
            size_t j = next() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        /* One cycle through every line, in random order. */
        for (size_t i = 0; i < lines; i++)
            mem[order[i] * 8] = order[(i + 1) % lines] * 8;
        size_t at = 0;
        double best = 1e18;
        const long steps = 10000000;
        for (int pass = 0; pass < 3; pass++) {
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            for (long s = 0; s < steps; s++)
                at = mem[at];
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / steps;
            if (ns < best)
                best = ns;
        }
        printf("%4zu MiB: %6.1f ns per step (%zu)\n", mib, best, at % 2);
        free(mem);
        free(order);
    }
    return 0;
}
