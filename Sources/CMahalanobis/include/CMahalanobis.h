// Batch quadratic forms for Mahalanobis scoring.
//
// Imported by exactly one Swift file, AnomalyModels/MahalanobisKernel.swift.
#ifndef CMAHALANOBIS_H
#define CMAHALANOBIS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Code path of `cmahalanobis_quadratic_forms`.
typedef enum CMahalanobisVariant {
  /// Whatever the running CPU supports best (AVX2 with FMA on x86-64 when
  /// the CPU and operating system support it, else portable).
  CMahalanobisVariantAutomatic = 0,
  /// Baseline instruction set of the build target, no FMA contraction.
  CMahalanobisVariantPortable = 1,
  /// AVX2 with fused multiply-add; only valid when
  /// `cmahalanobis_has_avx2_fma()` returns non-zero.
  CMahalanobisVariantAVX2FMA = 2,
} CMahalanobisVariant;

/// Whether the AVX2 + FMA code path can run on this CPU (non-zero) or
/// not (zero, including on non-x86 targets).
int cmahalanobis_has_avx2_fma(void);

/// The path `CMahalanobisVariantAutomatic` resolves to on this CPU.
CMahalanobisVariant cmahalanobis_automatic_variant(void);

/// `out[r] = (x_r − μ)ᵀ P (x_r − μ)` for `rows` row-major rows of `p`
/// values, with `P` given as its packed upper triangle, row by row,
/// off-diagonal entries doubled (`p (p + 1) / 2` values).
///
/// Rows are scored a block at a time (4 rows with AVX2, 2 otherwise), one
/// vector lane per row (structure of arrays), so the arithmetic and its
/// order are the same for every row: a row's result does not depend on
/// its neighbours or its position. NaN in a row yields NaN for that row
/// only. `scratch` holds `8 p` doubles, 32-byte aligned, and is used only
/// when `p > 16`; it may be NULL otherwise. `rows == 0` or `p == 0` writes
/// nothing.
void cmahalanobis_quadratic_forms(
    const double *data, size_t rows, size_t p, const double *location,
    const double *packed, double *scratch, double *out,
    CMahalanobisVariant variant);

#ifdef __cplusplus
}
#endif

#endif
