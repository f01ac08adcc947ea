#ifndef STORAGEWATCH_CLAPACK_SHIM_H
#define STORAGEWATCH_CLAPACK_SHIM_H
// LAPACKE from Debian's liblapacke-dev; the LAPACK routines themselves
// resolve to OpenBLAS (libopenblas-dev) through Debian's alternatives.
#include <lapacke.h>
#endif
