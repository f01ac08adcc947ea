// The block kernel, included once per code path by CMahalanobis.c, which
// defines before each inclusion:
//   VEC    a GCC/Clang vector type of LANES doubles,
//   LANES  rows per block, one vector lane each,
//   NAME   NAME(x) gives the path's name for helper x.
// Every helper is always_inline, so it is compiled with the instruction
// set of the target-attributed function that calls NAME(forms).

// Scores rows first...last (at most LANES of them) into out[0..<valid].
// Lane l takes row min(first + l, last): a partial final block repeats
// its last row instead of reading past the buffer. z holds p vectors.
static inline __attribute__((always_inline)) void
NAME(block)(const double *restrict data, size_t first, size_t last,
            size_t p, const double *restrict mu, const double *restrict q,
            VEC *restrict z, double *restrict out, size_t valid) {
  const double *row[LANES];
  for (size_t l = 0; l < LANES; l++) {
    size_t r = first + l <= last ? first + l : last;
    row[l] = data + r * p;
  }
  // Centre and transpose: z[j] lane l = x[row l][j] − μ_j.
  size_t j0 = 0;
#if LANES == 4
  // Four columns at a time: four row loads and a 4 × 4 register
  // transpose instead of sixteen scalar loads.
#pragma clang loop unroll(full)
  for (; j0 + 4 <= p; j0 += 4) {
    VEC a0, a1, a2, a3;
    memcpy(&a0, row[0] + j0, sizeof a0);
    memcpy(&a1, row[1] + j0, sizeof a1);
    memcpy(&a2, row[2] + j0, sizeof a2);
    memcpy(&a3, row[3] + j0, sizeof a3);
    VEC t0 = __builtin_shufflevector(a0, a1, 0, 4, 2, 6);
    VEC t1 = __builtin_shufflevector(a0, a1, 1, 5, 3, 7);
    VEC t2 = __builtin_shufflevector(a2, a3, 0, 4, 2, 6);
    VEC t3 = __builtin_shufflevector(a2, a3, 1, 5, 3, 7);
    z[j0] = __builtin_shufflevector(t0, t2, 0, 1, 4, 5) - mu[j0];
    z[j0 + 1] = __builtin_shufflevector(t1, t3, 0, 1, 4, 5) - mu[j0 + 1];
    z[j0 + 2] = __builtin_shufflevector(t0, t2, 2, 3, 6, 7) - mu[j0 + 2];
    z[j0 + 3] = __builtin_shufflevector(t1, t3, 2, 3, 6, 7) - mu[j0 + 3];
  }
#endif
#pragma clang loop unroll(full)
  for (size_t j = j0; j < p; j++) {
    VEC v;
    for (size_t l = 0; l < LANES; l++) v[l] = row[l][j];
    z[j] = v - mu[j];
  }
  // Σ_i z_i (Σ_{j ≥ i} q_ij z_j), q packed row by row, off-diagonals
  // doubled: the order of the scalar reference, lane by lane.
  VEC total = {0};
  size_t k = 0;
#pragma clang loop unroll(full)
  for (size_t i = 0; i < p; i++) {
    VEC acc = {0};
#pragma clang loop unroll(full)
    for (size_t j = i; j < p; j++) {
      acc += q[k] * z[j];
      k++;
    }
    total += z[i] * acc;
  }
  for (size_t l = 0; l < valid; l++) out[l] = total[l];
}

static inline __attribute__((always_inline)) void
NAME(rows)(const double *restrict data, size_t rows, size_t p,
           const double *restrict mu, const double *restrict q,
           VEC *restrict z, double *restrict out) {
  size_t r = 0;
  for (; r + LANES <= rows; r += LANES) {
    NAME(block)(data, r, r + LANES - 1, p, mu, q, z, out + r, LANES);
  }
  if (r < rows) {
    NAME(block)(data, r, rows - 1, p, mu, q, z, out + r, rows - r);
  }
}

// p as a compile-time constant up to 16, so the loops unroll fully and
// the centred block stays in registers; larger p uses the caller's
// scratch and rolled loops.
#define CMAHALANOBIS_CASE(P)                                               \
  case P: {                                                                \
    VEC z[P];                                                              \
    NAME(rows)(data, rows, P, mu, q, z, out);                              \
    return;                                                                \
  }

static inline __attribute__((always_inline)) void
NAME(forms)(const double *data, size_t rows, size_t p, const double *mu,
            const double *q, double *scratch, double *out) {
  switch (p) {
    CMAHALANOBIS_CASE(1) CMAHALANOBIS_CASE(2) CMAHALANOBIS_CASE(3)
    CMAHALANOBIS_CASE(4) CMAHALANOBIS_CASE(5) CMAHALANOBIS_CASE(6)
    CMAHALANOBIS_CASE(7) CMAHALANOBIS_CASE(8) CMAHALANOBIS_CASE(9)
    CMAHALANOBIS_CASE(10) CMAHALANOBIS_CASE(11) CMAHALANOBIS_CASE(12)
    CMAHALANOBIS_CASE(13) CMAHALANOBIS_CASE(14) CMAHALANOBIS_CASE(15)
    CMAHALANOBIS_CASE(16)
  default:
    NAME(rows)(data, rows, p, mu, q, (VEC *)scratch, out);
    return;
  }
}

#undef CMAHALANOBIS_CASE
