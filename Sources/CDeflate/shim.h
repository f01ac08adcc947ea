#ifndef STORAGEWATCH_CDEFLATE_SHIM_H
#define STORAGEWATCH_CDEFLATE_SHIM_H
// libdeflate from Debian's libdeflate-dev, used to inflate whole gzip
// files held in memory.
#include <libdeflate.h>
#endif
