#ifndef STORAGEWATCH_CCRYPTO_SHIM_H
#define STORAGEWATCH_CCRYPTO_SHIM_H
// libcrypto from Debian's libssl-dev (OpenSSL 3), used for SHA-256 and
// HMAC-SHA256 when signing cloud storage requests.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
