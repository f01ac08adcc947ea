#ifndef STORAGEWATCH_CLAPACK_SHIM_H
#define STORAGEWATCH_CLAPACK_SHIM_H
// LAPACKE from Debian's liblapacke-dev; the LAPACK routines themselves
// resolve to OpenBLAS (libopenblas-dev) through Debian's alternatives.
#include <lapacke.h>

// OpenBLAS's own entry point (declared in its cblas.h, exported by every
// Debian variant: pthread, OpenMP and serial).
void openblas_set_num_threads(int num_threads);
#endif
