#ifndef STORAGEWATCH_CZLIB_SHIM_H
#define STORAGEWATCH_CZLIB_SHIM_H
// zlib from Debian's zlib1g-dev, used for streaming gzip decompression.
#include <zlib.h>
#endif
