#ifndef MLIB_CLIBMAGIC_SHIM_H
#define MLIB_CLIBMAGIC_SHIM_H

#include <magic.h>

#endif
