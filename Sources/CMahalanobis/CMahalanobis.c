// Batch Mahalanobis quadratic forms: one kernel source (ScoreBlock.h)
// compiled for two instruction sets through function target attributes
// and chosen at run time with __builtin_cpu_supports. No compiler flags
// are needed, so the package stays usable as a dependency.
#include "CMahalanobis.h"

#include <string.h>

// Full unrolling is requested for every p; for p > 16 (not a constant)
// it cannot happen and the loops stay rolled, as intended.
#pragma clang diagnostic ignored "-Wpass-failed"

#if defined(__x86_64__) || defined(__i386__)
#define HAVE_X86_DISPATCH 1
#else
#define HAVE_X86_DISPATCH 0
#endif

// Portable path: two lanes (one SSE2 or NEON register).
typedef double v2d __attribute__((vector_size(16)));
#define VEC v2d
#define LANES 2
#define NAME(x) portable_##x
#include "ScoreBlock.h"
#undef VEC
#undef LANES
#undef NAME

static void forms_portable(const double *data, size_t rows, size_t p,
                           const double *mu, const double *q,
                           double *scratch, double *out) {
  portable_forms(data, rows, p, mu, q, scratch, out);
}

#if HAVE_X86_DISPATCH
// AVX2 + FMA path: four lanes (one YMM register); `acc += q * z`
// contracts to a fused multiply-add.
typedef double v4d __attribute__((vector_size(32)));
#define VEC v4d
#define LANES 4
#define NAME(x) avx2_##x
#include "ScoreBlock.h"
#undef VEC
#undef LANES
#undef NAME

__attribute__((target("avx2,fma"))) static void
forms_avx2_fma(const double *data, size_t rows, size_t p, const double *mu,
               const double *q, double *scratch, double *out) {
  avx2_forms(data, rows, p, mu, q, scratch, out);
}
#endif

int cmahalanobis_has_avx2_fma(void) {
#if HAVE_X86_DISPATCH
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}

CMahalanobisVariant cmahalanobis_automatic_variant(void) {
  return cmahalanobis_has_avx2_fma() ? CMahalanobisVariantAVX2FMA
                                     : CMahalanobisVariantPortable;
}

void cmahalanobis_quadratic_forms(const double *data, size_t rows, size_t p,
                                  const double *location,
                                  const double *packed, double *scratch,
                                  double *out, CMahalanobisVariant variant) {
  if (rows == 0 || p == 0) return;
  if (variant == CMahalanobisVariantAutomatic) {
    variant = cmahalanobis_automatic_variant();
  }
#if HAVE_X86_DISPATCH
  if (variant == CMahalanobisVariantAVX2FMA) {
    forms_avx2_fma(data, rows, p, location, packed, scratch, out);
    return;
  }
#endif
  forms_portable(data, rows, p, location, packed, scratch, out);
}
