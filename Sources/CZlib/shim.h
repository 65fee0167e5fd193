#ifndef TOUCHBASE_CZLIB_SHIM_H
#define TOUCHBASE_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros in zlib.h; Swift cannot call macros, so wrap them.
static inline int tb_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

static inline int tb_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
